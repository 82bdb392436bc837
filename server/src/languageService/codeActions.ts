// Quick fixes for the core's diagnostics, and the edit behind "Code selection…". Edits to a
// transcript are checked by parsing the result: an edit that would change the transcript's plain
// text (the researcher's words) is never offered.
import { CodeActionKind, type CodeAction, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-types';
import { codedText } from '../core/analyses/codeTree';
import { closingLine } from '../core/model/frontMatter';
import { isValidCodePath } from '../core/model/codePath';
import type { Diagnostic } from '../core/model/diagnostic';
import { diagnoseTranscript, type DiagnosticOptions } from '../core/project/diagnostics';
import { suggestSimilar } from '../core/model/similarNames';
import { LineIndex, comparePositions, type Position } from '../core/text/text';
import type { ParsedTranscript } from '../core/model/transcript';
import { parseTranscript } from '../core/model/transcriptParser';
import type { Project, QdaWorkspace } from '../core/project/workspace';
import { turnAt } from './cursor';
import { conflictFixes } from './conflictFixes';
import { freshSuggestionContext, suggestionFixes, type SuggestionContext } from './suggestionActions';
import type { Refusable } from './refusable';

/** The client command that inserts `{#}` at a position and opens completion. */
export const insertTagBlockCommand = 'qda.insertTagBlock';

// Quoted: a plain YAML scalar cannot hold ': '.
const placeholderDescription = '"TODO: describe when to apply this code."';

export function codeActions(workspace: QdaWorkspace, uri: string, range: Range, options: DiagnosticOptions, suggestions: SuggestionContext = freshSuggestionContext): CodeAction[] {
  const parsed = workspace.transcript(uri);
  const project = workspace.projectFor(uri);
  if (!parsed || !project) return [];
  const overlaps = (d: Diagnostic) => comparePositions(d.range.start, range.end) <= 0 && comparePositions(range.start, d.range.end) <= 0;
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnoseTranscript(parsed, project, options).filter(overlaps)) {
    const lspDiagnostic = { range: diagnostic.range, message: diagnostic.message, code: diagnostic.code, source: 'qda' };
    const fix = (title: string, edit: WorkspaceEdit, isPreferred = false): CodeAction => ({
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lspDiagnostic],
      edit,
      ...(isPreferred ? { isPreferred } : {}),
    });
    switch (diagnostic.code) {
      case 'unknown-code': {
        const code = diagnostic.data?.code as string;
        const suggestions = (diagnostic.data?.suggestions as string[]) ?? [];
        suggestions.forEach((s, i) => actions.push(fix(`Replace with '${s}'`, { changes: { [uri]: [{ range: diagnostic.range, newText: s }] } }, i === 0)));
        const edit = addCodeEdit(project, code);
        if (edit) actions.push(fix(`Add '${code}' to codebook.yaml`, { changes: { [project.codebookUri]: [edit] } }));
        break;
      }
      case 'renamed-code': {
        const renamedTo = diagnostic.data?.renamedTo as string;
        actions.push(fix(`Replace with '${renamedTo}'`, { changes: { [uri]: [{ range: diagnostic.range, newText: renamedTo }] } }, true));
        break;
      }
      case 'merge-conflict':
        actions.push(...conflictFixes(parsed, uri, diagnostic.range.start.line).map((f) => fix(f.title, f.edit)));
        break;
      case 'untagged-quote': {
        const turn = parsed.turns.find((t) => comparePositions(t.speakerRange.start, diagnostic.range.start) === 0);
        if (!turn) break;
        const at = turn.contentRange.end;
        const insert = (text: string): WorkspaceEdit => ({ changes: { [uri]: [{ range: { start: at, end: at }, newText: text }] } });
        actions.push(fix('Mark as reviewed with no code ({-})', insert(' {-}')));
        actions.push({
          title: 'Add a tag block to this quote',
          kind: CodeActionKind.QuickFix,
          diagnostics: [lspDiagnostic],
          command: { title: 'Add a tag block', command: insertTagBlockCommand, arguments: [uri, at] },
        });
        actions.push(...suggestionFixes(project, uri, parsed.turns.indexOf(turn), lspDiagnostic, suggestions));
        break;
      }
      case 'unmapped-speaker': {
        const label = diagnostic.data?.speaker as string;
        const candidates = [
          ...(parsed.frontMatter?.informant ? [parsed.frontMatter.informant.value] : []),
          ...suggestSimilar(label, project.informants.informants.keys()),
        ].filter((id, i, all) => all.indexOf(id) === i && project.informants.informants.has(id));
        for (const id of candidates.slice(0, 5)) {
          const edit = mapSpeakerEdit(parsed, label, id);
          if (edit) actions.push(fix(`Map speaker '${label}' to informant '${id}'`, { changes: { [uri]: [edit] } }, id === candidates[0]));
        }
        break;
      }
      default:
        break;
    }
  }
  return actions;
}

/**
 * An edit of codebook.yaml that adds `path` under its nearest existing ancestor, with a
 * description placeholder. Undefined when the ancestor is written in flow style (`{…}`), where
 * an insertion could not keep the YAML valid.
 */
export function addCodeEdit(project: Project, path: string): TextEdit | undefined {
  if (!isValidCodePath(path) || project.codebook.codes.has(path)) return undefined;
  const text = project.codebookText;
  const lines = new LineIndex(text);
  const segments = path.split('/');
  let depth = segments.length - 1;
  while (depth > 0 && !project.codebook.codes.has(segments.slice(0, depth).join('/'))) depth--;
  const ancestor = depth > 0 ? project.codebook.codes.get(segments.slice(0, depth).join('/')) : undefined;
  const missing = segments.slice(depth);

  const block = (indent: number): string => {
    let out = '';
    missing.forEach((name, i) => {
      const pad = ' '.repeat(indent + i * 4);
      out += `\n${pad}${name}:\n${pad}  description: ${placeholderDescription}`;
      if (i < missing.length - 1) out += `\n${pad}  codes:`;
    });
    return out;
  };

  if (!ancestor) {
    const end = endOfContent(text);
    const at = lines.positionAt(end);
    return { range: { start: at, end: at }, newText: (end > 0 ? '\n' : '') + block(0).slice(end > 0 ? 0 : 1) };
  }
  // Only block style can take a new entry: `trust:` alone on its line, children on lines of their own.
  const restOfKeyLine = lines.lineText(ancestor.keyRange.end.line).slice(ancestor.keyRange.end.character).replace(/^\s*:/, '').trim();
  if (restOfKeyLine !== '' && !restOfKeyLine.startsWith('#')) return undefined;
  const entryEnd = lines.positionAt(endOfContent(text, lines.offsetAt(ancestor.range.end)));
  if (ancestor.children.length > 0) {
    const first = project.codebook.codes.get(ancestor.children[0])!.keyRange.start;
    if (lines.lineText(first.line).slice(0, first.character).trim() !== '') return undefined;
    return { range: { start: entryEnd, end: entryEnd }, newText: block(first.character) };
  }
  const indent = ancestor.keyRange.start.character;
  return { range: { start: entryEnd, end: entryEnd }, newText: `\n${' '.repeat(indent + 2)}codes:${block(indent + 4)}` };
}

/** Offset after the last non-space character before `limit`. */
function endOfContent(text: string, limit = text.length): number {
  let end = limit;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/** An edit of the front matter that maps a speaker label to an informant. */
export function mapSpeakerEdit(parsed: ParsedTranscript, label: string, informant: string): TextEdit | undefined {
  const frontMatter = parsed.frontMatter;
  const eol = parsed.text.includes('\r\n') ? '\r\n' : '\n';
  const entry = `${label}: ${informant}`;
  if (!frontMatter) {
    const start = { line: 0, character: 0 };
    return { range: { start, end: start }, newText: `---${eol}speakers:${eol}  ${entry}${eol}---${eol}` };
  }
  const value = frontMatter.valueRanges.speakers;
  if (value) {
    const lines = parsed.lines;
    const valueText = parsed.text.slice(lines.offsetAt(value.start), lines.offsetAt(value.end));
    if (valueText.startsWith('{') && valueText.trimEnd().endsWith('}')) {
      const close = lines.offsetAt(value.start) + valueText.trimEnd().length - 1;
      const at = lines.positionAt(close);
      return { range: { start: at, end: at }, newText: `${/\{\s*$/.test(valueText.slice(0, -1)) ? '' : ', '}${entry}` };
    }
    const last = frontMatter.speakers.at(-1);
    if (last) {
      const at = { line: last.informantRange.end.line, character: lines.lineText(last.informantRange.end.line).length };
      return { range: { start: at, end: at }, newText: `${eol}${' '.repeat(last.labelRange.start.character)}${entry}` };
    }
    return undefined;
  }
  // No `speakers:` yet: add it just before the closing `---`.
  const at = { line: closingLine(frontMatter), character: 0 };
  return { range: { start: at, end: at }, newText: `speakers:${eol}  ${entry}${eol}` };
}

/** "Code selection…" in a file of the workspace: refused where the file is not a transcript. */
export function codeSelection(workspace: QdaWorkspace, uri: string, range: Range, codes: string[]): Refusable<WorkspaceEdit> {
  const parsed = workspace.transcript(uri);
  return parsed ? codeSelectionEdit(parsed, uri, range, codes) : { error: 'This file is not a transcript of a QDA project.' };
}

/**
 * The edit that codes a selection: `[selection]{#codes}`; with an empty selection, ` {#codes}` at
 * the end of the turn under the cursor. Refused when the result would not code exactly the
 * selected text, would change the transcript's plain text, or would change its speaker turns.
 */
export function codeSelectionEdit(parsed: ParsedTranscript, uri: string, range: Range, codes: string[]): Refusable<WorkspaceEdit> {
  if (codes.length === 0) return { error: 'Choose at least one code.' };
  const invalid = codes.find((c) => !isValidCodePath(c));
  if (invalid !== undefined) return { error: `'${invalid}' is not a valid code path.` };
  const tag = `{${codes.map((c) => `#${c}`).join(' ')}}`;
  const lines = parsed.lines;
  let start = lines.offsetAt(range.start);
  let end = lines.offsetAt(range.end);
  while (start < end && /\s/.test(parsed.text[start])) start++;
  while (end > start && /\s/.test(parsed.text[end - 1])) end--;

  if (start === end) {
    const found = turnAt(parsed, range.start as Position);
    if (!found) return { error: 'Place the cursor in a speaker turn, or select the text to code.' };
    const at = found.turn.contentRange.end;
    const edits = [{ range: { start: at, end: at }, newText: ` ${tag}` }];
    return codesAsIntended(parsed, edits, codes[0], undefined) ? { ok: { changes: { [uri]: edits } } } : { error: 'Place the cursor in a speaker turn, or select the text to code.' };
  }
  const startPos = lines.positionAt(start);
  const endPos = lines.positionAt(end);
  const expected = parsed.plainIndex.sliceSource({ start, end });
  // Brackets, where the selection nests with the spans around it; else a labelled span, which may
  // cross them (`[1>…<1]`, docs/format.md), with a label the document does not use yet.
  const nested = [
    { range: { start: startPos, end: startPos }, newText: '[' },
    { range: { start: endPos, end: endPos }, newText: `]${tag}` },
  ];
  if (codesAsIntended(parsed, nested, codes[0], expected)) return { ok: { changes: { [uri]: nested } } };
  let label = 1;
  while (parsed.text.includes(`[${label}>`) || parsed.text.includes(`<${label}]`)) label++;
  const crossing = [
    { range: { start: startPos, end: startPos }, newText: `[${label}>` },
    { range: { start: endPos, end: endPos }, newText: `<${label}]${tag}` },
  ];
  if (codesAsIntended(parsed, crossing, codes[0], expected)) return { ok: { changes: { [uri]: crossing } } };
  return { error: 'Select text inside one turn, without cutting through tag blocks.' };
}

/** Whether the edits keep the plain text and the turns, and add one coding of `code` (on `expected`, when given). */
function codesAsIntended(parsed: ParsedTranscript, edits: TextEdit[], code: string, expected: string | undefined): boolean {
  const after = parseTranscript(applyEdits(parsed.text, parsed.lines, edits));
  const before = parsed.codings.filter((c) => c.code === code).length;
  const added = after.codings.filter((c) => c.code === code);
  const sameTurns = after.turns.length === parsed.turns.length && after.turns.every((t, i) => t.speaker === parsed.turns[i].speaker);
  return after.plainText === parsed.plainText && sameTurns && added.length === before + 1 && (expected === undefined || added.some((c) => codedText(after, c) === expected));
}

/** Applies non-overlapping edits to a text (used to check an edit before offering it). */
export function applyEdits(text: string, lines: LineIndex, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.text + result.slice(e.end);
  return result;
}
