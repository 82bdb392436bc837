// Renaming a code: one segment of its path, from a tag or from its codebook key. One workspace
// edit changes the codebook key and that segment in every tag of every transcript, sub-codes
// included, and in every memo file that writes it. It edits code paths inside tag blocks (and
// `#code` references in memo files) only, never the text around them.
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { isValidSegment, isWithin } from '../core/model/codePath';
import type { Position } from '../core/text/text';
import type { QdaWorkspace } from '../core/project/workspace';
import { targetAt } from './cursor';
import { formerPathTextEdits } from './formerPaths';
import type { Refusable } from './refusable';

interface RenameTarget {
  /** The path of the code being renamed (a prefix of the path under the cursor). */
  path: string;
  /** Index of its last segment. */
  depth: number;
  range: Range;
  placeholder: string;
}

function renameTarget(workspace: QdaWorkspace, uri: string, position: Position): Refusable<RenameTarget> | undefined {
  const target = targetAt(workspace, uri, position);
  const project = workspace.projectFor(uri);
  if (!target || target.kind !== 'code' || !project) return undefined;
  let path = target.path;
  let range = target.range;
  if (target.code || target.inMemo) {
    // In a tag or a memo, the segment under the cursor says which code: `trust` or `trust/quality`.
    const offset = Math.max(0, position.character - target.range.start.character);
    const segments = path.split('/');
    let start = 0;
    let depth = 0;
    while (depth < segments.length - 1 && offset > start + segments[depth].length) {
      start += segments[depth].length + 1;
      depth++;
    }
    path = segments.slice(0, depth + 1).join('/');
    const line = target.range.start.line;
    const character = target.range.start.character + start;
    range = { start: { line, character }, end: { line, character: character + segments[depth].length } };
  }
  if (!project.codebook.codes.has(path)) {
    return { error: `'${path}' is not in codebook.yaml, so it cannot be renamed; replace it with a codebook code instead.` };
  }
  const depth = path.split('/').length - 1;
  return { ok: { path, depth, range, placeholder: path.split('/')[depth] } };
}

export function prepareRename(workspace: QdaWorkspace, uri: string, position: Position): Refusable<{ range: Range; placeholder: string }> | undefined {
  const target = renameTarget(workspace, uri, position);
  if (!target || 'error' in target) return target;
  return { ok: { range: target.ok.range, placeholder: target.ok.placeholder } };
}

export function rename(workspace: QdaWorkspace, uri: string, position: Position, newName: string): Refusable<WorkspaceEdit> | undefined {
  const target = renameTarget(workspace, uri, position);
  if (!target || 'error' in target) return target;
  const project = workspace.projectFor(uri)!;
  const { path, depth } = target.ok;
  const name = newName.trim();
  if (!isValidSegment(name)) {
    return { error: `'${newName}' is not a valid code name: use letters, digits, '_' and '-', without '/'.` };
  }
  const segments = path.split('/');
  if (name === segments[depth]) return { ok: { changes: {} } };
  const newPath = [...segments.slice(0, depth), name].join('/');
  if (project.codebook.codes.has(newPath)) return { error: `'${newPath}' already exists in codebook.yaml; choose another name.` };

  const changes: Record<string, TextEdit[]> = {};
  const push = (fileUri: string, range: Range) => (changes[fileUri] ??= []).push({ range, newText: name });
  push(project.codebookUri, project.codebook.codes.get(path)!.keyRange);
  // The entry keeps its old path, so a branch that still writes it merges onto the new one.
  for (const edit of formerPathTextEdits(project.codebookText, path, path)) changes[project.codebookUri].push(edit);
  for (const code of project.index.taggedCodes()) {
    if (!isWithin(code, path)) continue;
    for (const tag of project.index.tagsOf(code)) push(tag.uri, segmentRange(tag.code.range, code, depth));
  }
  for (const memo of project.memoFiles.values()) {
    for (const ref of memo.refs) if (isWithin(ref.path, path)) push(memo.uri, segmentRange(memo.lines.rangeOf(ref), ref.path, depth));
  }
  return { ok: { changes } };
}

/** The range of segment `depth` of a code path written at `range` (code paths never span lines). */
function segmentRange(range: Range, path: string, depth: number): Range {
  const segments = path.split('/');
  const start = segments.slice(0, depth).reduce((n, s) => n + s.length + 1, 0);
  const line = range.start.line;
  const character = range.start.character + start;
  return { start: { line, character }, end: { line, character: character + segments[depth].length } };
}
