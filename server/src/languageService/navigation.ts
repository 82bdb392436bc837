// Hover, go to definition, find references and document highlights, for codes (in tags and in
// codebook.yaml) and informants (speaker labels, front matter ids, informants.yaml keys).
import { DocumentHighlightKind, MarkupKind, type DocumentHighlight, type Hover, type Location } from 'vscode-languageserver-types';
import type { Position } from '../core/text/text';
import type { Project, QdaWorkspace } from '../core/project/workspace';
import { targetAt } from './cursor';
import { codeCounts, describeCode, describeInformant, describeUnknownCode } from './describe';
import { freshSuggestionContext, type SuggestionContext } from './suggestionActions';
import { suggestionHover } from './suggestionHover';

/** What is under the cursor, and the project it belongs to. */
function targetInProject(workspace: QdaWorkspace, uri: string, position: Position) {
  return { target: targetAt(workspace, uri, position), project: workspace.projectFor(uri) };
}

/** A code's or informant's description; on an untagged quote's words, its suggested codes and why. */
export function hover(workspace: QdaWorkspace, uri: string, position: Position, suggestions: SuggestionContext = freshSuggestionContext): Hover | null {
  const { target, project } = targetInProject(workspace, uri, position);
  if (!target) return project ? suggestionHover(workspace, uri, position, suggestions) : null;
  if (!project) return null;
  if (target.kind === 'code') {
    const definition = project.codebook.codes.get(target.path);
    const value = definition ? describeCode(definition, codeCounts(project, target.path)) : describeUnknownCode(target.path);
    return { contents: { kind: MarkupKind.Markdown, value }, range: target.range };
  }
  const informant = project.informants.informants.get(target.id);
  const value = describeInformant(target.id, informant, project.index.quoteCountOfInformant(target.id), project.index.codingCountOfInformant(target.id));
  return { contents: { kind: MarkupKind.Markdown, value }, range: target.range };
}

export function definition(workspace: QdaWorkspace, uri: string, position: Position): Location | null {
  const { target, project } = targetInProject(workspace, uri, position);
  if (!target || !project) return null;
  if (target.kind === 'code') {
    const code = project.codebook.codes.get(target.path);
    return code ? { uri: project.codebookUri, range: code.keyRange } : null;
  }
  const informant = project.informants.informants.get(target.id);
  return informant ? { uri: project.informantsUri, range: informant.keyRange } : null;
}

export function references(workspace: QdaWorkspace, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const { target, project } = targetInProject(workspace, uri, position);
  if (!target || !project) return [];
  const result: Location[] = [];
  if (target.kind === 'code') {
    const code = project.codebook.codes.get(target.path);
    if (includeDeclaration && code) result.push({ uri: project.codebookUri, range: code.keyRange });
    for (const tag of project.index.tagsOf(target.path)) result.push({ uri: tag.uri, range: tag.code.range });
    result.push(...memoMentions(project, target.path));
    return result;
  }
  const informant = project.informants.informants.get(target.id);
  if (includeDeclaration && informant) result.push({ uri: project.informantsUri, range: informant.keyRange });
  result.push(...informantMentions(project, target.id));
  return result;
}

/** Where memo files write a code (`#trust/quality`), file by file. */
export function memoMentions(project: Project, path: string): Location[] {
  return [...project.memoFiles.values()]
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .flatMap((memo) => memo.refs.filter((ref) => ref.path === path).map((ref) => ({ uri: memo.uri, range: memo.lines.rangeOf(ref) })));
}

/** Where a document names an informant: `informant:`, `speakers:` values, and the labels of its quotes. */
function informantMentions(project: Project, id: string): Location[] {
  const result: Location[] = [];
  const quotes = new Map<string, Location[]>();
  for (const quote of project.index.quotesOfInformant(id)) {
    const list = quotes.get(quote.uri) ?? [];
    list.push({ uri: quote.uri, range: quote.turn.speakerRange });
    quotes.set(quote.uri, list);
  }
  const uris = [...project.index.documents.keys()].sort();
  for (const docUri of uris) {
    const frontMatter = project.index.documents.get(docUri)!.parsed.frontMatter;
    if (frontMatter?.informant?.value === id) result.push({ uri: docUri, range: frontMatter.informant.range });
    for (const speaker of frontMatter?.speakers ?? []) if (speaker.informant === id) result.push({ uri: docUri, range: speaker.informantRange });
    result.push(...(quotes.get(docUri) ?? []));
  }
  return result;
}

export function documentHighlights(workspace: QdaWorkspace, uri: string, position: Position): DocumentHighlight[] {
  const target = targetAt(workspace, uri, position);
  const parsed = workspace.transcript(uri);
  if (!target || !parsed) return [];
  if (target.kind === 'code') {
    return parsed.tagBlocks.flatMap((block) => block.codes.filter((c) => c.path === target.path).map((c) => ({ range: c.range, kind: DocumentHighlightKind.Text })));
  }
  const label = target.turn?.speaker;
  if (label === undefined) return [];
  return parsed.turns.filter((t) => t.speaker === label).map((t) => ({ range: t.speakerRange, kind: DocumentHighlightKind.Text }));
}
