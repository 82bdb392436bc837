// Refining a codebook while coding: "Merge code into…" (two codes turn out to be one) and "Move
// code to theme…" (a code belongs elsewhere). Each is one workspace edit: codebook.yaml rewritten
// and every tag of the code changed, in every transcript of the project. Only code paths inside
// tag blocks change, so every transcript's plain text stays byte-identical (the no-data-lost
// property tests hold it). What cannot be done is refused with the reason.
import type { CreateFile, Range, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { parseCodebook, type CodeDefinition } from '../core/model/codebook';
import { isWithin } from '../core/model/codePath';
import type { Project, QdaWorkspace } from '../core/project/workspace';
import { CodebookText, reindent } from './codebookText';
import { withFormerPath } from './formerPaths';
import type { Refusable } from './refusable';

/** The edit, and what it did in a sentence for the user. */
export interface CodebookChange {
  edit: WorkspaceEdit;
  message: string;
}

/** Moves a code (with its sub-codes) under another code or theme, or to the top level (`parent` ''). */
export function moveCode(workspace: QdaWorkspace, root: string, path: string, parent: string): Refusable<CodebookChange> {
  const checked = checkCodebook(workspace, root, path);
  if ('error' in checked) return checked;
  const { project, definition, text } = checked.ok;
  const codes = project.codebook.codes;
  if (parent !== '' && !codes.has(parent)) return { error: `'${parent}' is not in codebook.yaml.` };
  if (parent === path || isWithin(parent, path)) return { error: `'${path}' cannot be moved into itself.` };
  if ((definition.parent ?? '') === parent) return { error: `'${path}' is already ${parent ? `under '${parent}'` : 'a theme'}.` };
  const newPath = parent ? `${parent}/${definition.name}` : definition.name;
  if (codes.has(newPath)) return { error: `'${newPath}' already exists in codebook.yaml; rename one of them first.` };

  // Where the entry goes, and at which indentation, in the file as it is now.
  let at: number;
  let inserted: string[];
  const moved = text.entryLines(definition);
  const from = definition.keyRange.start.character;
  if (parent === '') {
    at = text.lines.length;
    if (text.lines[at - 1] === '') at--; // before the file's last end of line
    inserted = reindent(moved, from, 0);
  } else {
    const target = codes.get(parent)!;
    const siblings = target.children.filter((child) => child !== path).map((child) => codes.get(child)!);
    if (siblings.length > 0) {
      if (!siblings.every((s) => text.startsLine(s))) return flowStyle(parent);
      at = Math.max(...siblings.map((s) => text.lastLine(s))) + 1;
      inserted = reindent(moved, from, siblings[0].keyRange.start.character);
    } else {
      if (!text.startsLine(target) || !text.opensBlock(target)) return flowStyle(parent);
      const inner = text.innerIndent(target) ?? target.keyRange.start.character + 2;
      at = text.lastLine(target) + 1;
      inserted = [`${' '.repeat(inner)}codes:`, ...reindent(moved, from, inner + 2)];
    }
  }
  // The moved entry keeps its old path (`formerly:`): a branch that still writes it merges onto the new one.
  const newText = withFormerPath(spliceLines(text, removedLines(project, definition, text), at, inserted), newPath, path);
  const changes = new Map<string, TextEdit[]>();
  changes.set(project.codebookUri, [{ range: wholeText(text), newText }]);
  let tags = 0;
  forEachReference(project, (uri, code, range) => {
    if (!isWithin(code, path)) return;
    tags++;
    // Only the moved prefix: `trust/quality/sub` → `assurance/quality/sub`.
    push(changes, uri, { range: { start: range.start, end: { line: range.start.line, character: range.start.character + path.length } }, newText: newPath });
  });
  return { ok: { edit: { changes: Object.fromEntries(changes) }, message: `Moved '${path}' to '${newPath}': codebook.yaml and ${countTags(tags, changes.size - 1)}.` } };
}

/**
 * Merges a code into another: every tag of `path` becomes `into` (or goes, in a tag block that
 * already has `into`), `path` leaves the codebook, and its definition is kept in a new memo,
 * `memos/merged/<path>-into-<into>.md`, so that nothing the researcher wrote is lost.
 */
export function mergeCode(workspace: QdaWorkspace, root: string, path: string, into: string, today: string): Refusable<CodebookChange> {
  const checked = checkCodebook(workspace, root, path);
  if ('error' in checked) return checked;
  const { project, definition, text } = checked.ok;
  if (!project.codebook.codes.has(into)) return { error: `'${into}' is not in codebook.yaml.` };
  if (into === path) return { error: `'${path}' cannot be merged into itself.` };
  if (definition.children.length > 0) return { error: `'${path}' has sub-codes: merge or move them first.` };

  // The code merged into keeps the merged one's path (`formerly:`): a branch that still writes it merges onto it.
  const newText = withFormerPath(spliceLines(text, removedLines(project, definition, text), 0, []), into, path);
  const changes = new Map<string, TextEdit[]>();
  changes.set(project.codebookUri, [{ range: wholeText(text), newText }]);
  let tags = 0;
  for (const [uri, document] of project.index.documents) {
    const parsed = document.parsed;
    for (const block of parsed.tagBlocks) {
      let hasInto = block.codes.some((code) => code.path === into);
      for (const code of block.codes) {
        if (code.path !== path) continue;
        tags++;
        if (!hasInto) {
          push(changes, uri, { range: code.range, newText: into });
          hasInto = true;
          continue;
        }
        // The block has the other code already: this one goes, with the space that set it apart.
        const source = parsed.source;
        const hash = code.start - 1;
        let start = hash;
        let end = code.end;
        while (/[ \t]/.test(source.slice(end, end + 1))) end++;
        if (end === code.end) while (start > block.start && /[ \t]/.test(source.slice(start - 1, start))) start--;
        push(changes, uri, { range: parsed.lines.rangeOf({ start, end }), newText: '' });
      }
    }
  }
  // Memo files name it as `#path`: they name the other code now.
  forEachMemoReference(project, (uri, code, range) => {
    if (code !== path) return;
    tags++;
    push(changes, uri, { range, newText: into });
  });
  const memoName = `${path.replaceAll('/', '-')}-into-${into.replaceAll('/', '-')}.md`;
  const memoUri = `${project.root}/memos/merged/${memoName}`;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [
    { kind: 'create', uri: memoUri, options: { overwrite: false, ignoreIfExists: false } },
    { textDocument: { uri: memoUri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: mergedMemo(definition, into, today, text.eol) }] },
    ...[...changes].map(([uri, edits]): TextDocumentEdit => ({ textDocument: { uri, version: null }, edits })),
  ];
  return {
    ok: {
      edit: { documentChanges },
      message: `Merged '${path}' into '${into}': codebook.yaml and ${countTags(tags, changes.size - 1)}; the definition of '${path}' is kept in memos/merged/${memoName}.`,
    },
  };
}

/** The project, the code and the codebook's text, if the codebook can be edited as text. */
function checkCodebook(workspace: QdaWorkspace, root: string, path: string): Refusable<{ project: Project; definition: CodeDefinition; text: CodebookText }> {
  const project = workspace.projects.get(root);
  if (!project) return { error: 'That project is no longer open.' };
  // With a syntax error the project keeps the last good codebook, whose ranges are not the text's.
  if (parseCodebook(project.codebookText).hasSyntaxErrors) return { error: 'codebook.yaml has a syntax error: correct it first.' };
  const definition = project.codebook.codes.get(path);
  if (!definition) return { error: `'${path}' is not in codebook.yaml.` };
  const text = new CodebookText(project.codebookText);
  if (!text.startsLine(definition)) return flowStyle(definition.parent ?? path);
  return { ok: { project, definition, text } };
}

function flowStyle(path: string): { error: string } {
  return { error: `The codes of '${path}' are written in flow style ({…}) in codebook.yaml: write them one per line to restructure them.` };
}

/** The lines an entry takes, with its parent's `codes:` line when it was the only child. */
function removedLines(project: Project, definition: CodeDefinition, text: CodebookText): [number, number] {
  let first = definition.keyRange.start.line;
  const last = text.lastLine(definition);
  const parent = definition.parent ? project.codebook.codes.get(definition.parent) : undefined;
  if (parent && parent.children.length === 1) first = text.codesKeyLineAbove(definition) ?? first;
  return [first, last];
}

/** The text with lines `removed` taken out and `inserted` put before line `at` (numbered as now). */
function spliceLines(text: CodebookText, [first, last]: [number, number], at: number, inserted: string[]): string {
  const lines = [...text.lines];
  const count = last - first + 1;
  lines.splice(first, count);
  const target = at > last ? at - count : at;
  lines.splice(target, 0, ...inserted);
  return lines.join(text.eol);
}

function wholeText(text: CodebookText): Range {
  const last = text.lines.length - 1;
  return { start: { line: 0, character: 0 }, end: { line: last, character: text.lines[last].length } };
}

/** Calls back with every `#code` written in the project's transcripts and memo files: its file, path and the range of the path. */
function forEachReference(project: Project, callback: (uri: string, path: string, range: Range) => void): void {
  for (const [uri, document] of project.index.documents) {
    for (const block of document.parsed.tagBlocks) for (const code of block.codes) callback(uri, code.path, code.range);
  }
  forEachMemoReference(project, callback);
}

function forEachMemoReference(project: Project, callback: (uri: string, path: string, range: Range) => void): void {
  for (const memo of project.memoFiles.values()) for (const ref of memo.refs) callback(memo.uri, ref.path, memo.lines.rangeOf(ref));
}

function push(changes: Map<string, TextEdit[]>, uri: string, edit: TextEdit): void {
  const edits = changes.get(uri);
  if (edits) edits.push(edit);
  else changes.set(uri, [edit]);
}

function countTags(tags: number, files: number): string {
  return `${tags} ${tags === 1 ? 'reference' : 'references'} in ${files} ${files === 1 ? 'file' : 'files'}`;
}

/** The memo that keeps a merged code's definition. */
function mergedMemo(definition: CodeDefinition, into: string, today: string, eol: string): string {
  const fields: [string, string | undefined][] = [
    ['Label', definition.label],
    ['Description', definition.description],
    ['Include', definition.include],
    ['Exclude', definition.exclude],
    ['Example', definition.example],
  ];
  return [
    `# ${definition.path} merged into #${into}`,
    '',
    `On ${today} the code \`${definition.path}\` was merged into #${into}: its tags now read #${into}. Its definition, as codebook.yaml had it:`,
    '',
    ...fields.filter(([, value]) => value).map(([name, value]) => `- ${name}: ${value!.replace(/\s+/g, ' ').trim()}`),
    '',
  ].join(eol);
}
