// Moving between coded quotes: within a file (next coded or untagged quote), across the workspace
// (next quote with the same code), and what is coded at the cursor (to reveal it in the views).
import type { Location } from 'vscode-languageserver-types';
import { codedText } from '../core/analyses/codeTree';
import { comparePositions, rangeContains, type Position, type Range } from '../core/text/text';
import type { QdaWorkspace } from '../core/project/workspace';
import { transcriptTargetAt } from './cursor';

export type Direction = 'next' | 'previous';
export type QuoteKind = 'coded' | 'untagged';

/** The next (or previous) quote of a kind in the same file, by the start of its text; null at the end. */
export function nextQuoteInFile(workspace: QdaWorkspace, uri: string, position: Position, direction: Direction, kind: QuoteKind): Location | null {
  const project = workspace.projectFor(uri);
  const doc = project?.index.documents.get(uri);
  if (!doc) return null;
  const ranges = doc.quotes
    .filter((q) => (kind === 'coded' ? q.coded : !q.tagged))
    .map((q) => q.turn.contentRange);
  return step(ranges, position, direction, (range) => ({ uri, range }));
}

function step<T>(ranges: Range[], position: Position, direction: Direction, make: (range: Range) => T): T | null {
  if (direction === 'next') {
    const found = ranges.find((r) => comparePositions(r.start, position) > 0);
    return found ? make(found) : null;
  }
  const found = [...ranges].reverse().find((r) => comparePositions(r.start, position) < 0 && !rangeContains(r, position));
  return found ? make(found) : null;
}

/** The codes applying at a position: the code under the cursor in a tag, or every coding whose text or tag holds it. */
export function codesAt(workspace: QdaWorkspace, uri: string, position: Position): { code: string; range: Range }[] {
  const parsed = workspace.transcript(uri);
  if (!parsed) return [];
  const target = transcriptTargetAt(parsed, position, workspace.projectFor(uri));
  if (target?.kind === 'code') {
    const coding = parsed.codings.find((c) => c.code === target.path && rangeContains(c.tagRange, position));
    return [{ code: target.path, range: coding?.textRange ?? target.range }];
  }
  return parsed.codings
    .filter((c) => rangeContains(c.textRange, position) || rangeContains(c.tagRange, position))
    .map((c) => ({ code: c.code, range: c.textRange }));
}

/**
 * The next (or previous) coding of the code at the cursor, across every transcript of the
 * project in file order, wrapping around at the end.
 */
export function nextCodingOfSameCode(workspace: QdaWorkspace, uri: string, position: Position, direction: Direction): (Location & { code: string }) | null {
  const project = workspace.projectFor(uri);
  const here = codesAt(workspace, uri, position)[0];
  if (!project || !here) return null;
  const all = project.index.codingsOf(here.code, false);
  if (all.length === 0) return null;
  const key = (u: string, p: Position) => [u, p.line, p.character] as const;
  const compare = (a: readonly [string, number, number], b: readonly [string, number, number]) =>
    (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0) || a[1] - b[1] || a[2] - b[2];
  const cursor = key(uri, here.range.start);
  const ordered = all.map((ref) => ({ uri: ref.uri, range: ref.coding.textRange, code: here.code }));
  const pick =
    direction === 'next'
      ? (ordered.find((o) => compare(key(o.uri, o.range.start), cursor) > 0) ?? ordered[0])
      : ([...ordered].reverse().find((o) => compare(key(o.uri, o.range.start), cursor) < 0) ?? ordered[ordered.length - 1]);
  return pick;
}

export interface CodedQuote {
  uri: string;
  range: Range;
  text: string;
  informant?: string;
  memo?: string;
}

/** Every coding of a code (and its sub-codes) in the project of `uri`, for "Show quotes for code…". */
export function quotesOfCode(workspace: QdaWorkspace, uri: string, path: string): CodedQuote[] {
  const project = workspace.projectFor(uri) ?? [...workspace.projects.values()][0];
  if (!project) return [];
  return project.index.codingsOf(path).map((ref) => ({
    uri: ref.uri,
    range: ref.coding.textRange,
    text: codedText(project.index.documents.get(ref.uri)!.parsed, ref.coding),
    informant: ref.informant,
    memo: ref.coding.memo,
  }));
}
