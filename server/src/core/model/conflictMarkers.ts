// Git's conflict markers: a line starting `<<<<<<<`, `|||||||`, `=======` or `>>>>>>>` (seven
// characters, then a space and a name, or the end of the line). The merge writes them
// (transcriptMerge.ts, yamlMerge.ts), the parser and the project's checks find them: a conflict
// left in a file is an error (`merge-conflict`), and the codings inside it count for nothing until
// it is resolved.
import type { Diagnostic } from './diagnostic';
import type { LineIndex } from '../text/text';

export type ConflictMarkerKind = 'ours' | 'base' | 'theirs' | 'end';

const markerLine = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t].*)?\r?$/;
const kinds: Record<string, ConflictMarkerKind> = { '<': 'ours', '|': 'base', '=': 'theirs', '>': 'end' };

/** The kind of marker a line is (without its line break), if it is one. */
export function conflictMarkerOf(line: string): ConflictMarkerKind | undefined {
  if (line.length < 7) return undefined;
  const first = line[0];
  if (first !== '<' && first !== '|' && first !== '=' && first !== '>') return undefined;
  const match = markerLine.exec(line);
  return match ? kinds[match[1][0]] : undefined;
}

/** A conflict in a text: its lines, as offsets (each from the start of a line to the start of the next). */
export interface ConflictRegion {
  /** The `<<<<<<<` line. */
  start: number;
  /** Where our side's lines start and end. */
  oursStart: number;
  oursEnd: number;
  /** The base's lines (after `|||||||`), when the markers show them. */
  baseStart?: number;
  baseEnd?: number;
  theirsStart: number;
  theirsEnd: number;
  /** After the `>>>>>>>` line (its line break included). */
  end: number;
}

export interface ConflictScan {
  regions: ConflictRegion[];
  /** Marker lines outside any complete conflict: the line's start and end. */
  stray: { start: number; end: number }[];
}

/** Quick test: whether a text may hold a marker line at all. */
export function mayHoldConflictMarkers(text: string): boolean {
  return /^(?:<{7}|\|{7}|={7}|>{7})/m.test(text);
}

/** The conflicts of a text: complete regions `<<<<<<<` [`|||||||`] `=======` `>>>>>>>`, and stray marker lines. */
export function scanConflicts(text: string): ConflictScan {
  const regions: ConflictRegion[] = [];
  const stray: { start: number; end: number }[] = [];
  if (!mayHoldConflictMarkers(text)) return { regions, stray };
  let open: Partial<ConflictRegion> & { lines: { start: number; end: number }[] } = { lines: [] };
  const abandon = () => {
    stray.push(...open.lines);
    open = { lines: [] };
  };
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const next = newline < 0 ? text.length : newline + 1;
    const lineEnd = newline < 0 ? text.length : newline;
    const kind = conflictMarkerOf(text.slice(start, lineEnd));
    if (kind) {
      const line = { start, end: lineEnd };
      if (kind === 'ours') {
        if (open.start !== undefined) abandon();
        open = { start, oursStart: next, lines: [line] };
      } else if (open.start === undefined) stray.push(line);
      else if (kind === 'base' && open.oursEnd === undefined) {
        open.oursEnd = start;
        open.baseStart = next;
        open.lines.push(line);
      } else if (kind === 'theirs' && open.theirsStart === undefined) {
        if (open.oursEnd === undefined) open.oursEnd = start;
        else open.baseEnd = start;
        open.theirsStart = next;
        open.lines.push(line);
      } else if (kind === 'end' && open.theirsStart !== undefined) {
        const { lines: _lines, ...region } = open;
        regions.push({ ...(region as ConflictRegion), theirsEnd: start, end: next });
        open = { lines: [] };
      } else {
        abandon();
        stray.push(line);
      }
    }
    start = next;
  }
  if (open.start !== undefined) abandon();
  return { regions, stray };
}

export interface ConflictLabels {
  ours: string;
  base: string;
  theirs: string;
}

export const defaultConflictLabels: ConflictLabels = { ours: 'ours', base: 'base', theirs: 'theirs' };

/** A conflict as git writes it (with the base, as `merge.conflictStyle diff3` does); each side's text ends with a line break. */
export function conflictBlock(ours: string, base: string | undefined, theirs: string, eol: string, labels: ConflictLabels = defaultConflictLabels): string {
  const lines = (text: string) => (text === '' || text.endsWith('\n') ? text : text + eol);
  return (
    `<<<<<<< ${labels.ours}${eol}${lines(ours)}` +
    (base === undefined ? '' : `||||||| ${labels.base}${eol}${lines(base)}`) +
    `=======${eol}${lines(theirs)}>>>>>>> ${labels.theirs}${eol}`
  );
}

/** A `merge-conflict` error for each conflict (on its `<<<<<<<` line) and each stray marker line of a file. */
export function conflictDiagnostics(text: string, lines: LineIndex, file: string): Diagnostic[] {
  const { regions, stray } = scanConflicts(text);
  const result: Diagnostic[] = [];
  for (const region of regions) {
    const first = lines.positionAt(region.start).line;
    const last = lines.positionAt(Math.max(region.start, region.end - 1)).line;
    result.push({
      range: lines.rangeOf({ start: region.start, end: lines.lineContentEnd(first) }),
      severity: 'error',
      code: 'merge-conflict',
      message: `A merge conflict (lines ${first + 1}–${last + 1}) is left in ${file}: keep one side, or both, and remove git's markers.`,
    });
  }
  for (const line of stray) {
    result.push({ range: lines.rangeOf(line), severity: 'error', code: 'merge-conflict', message: `A conflict marker is left in ${file}: remove it, and resolve the conflict around it.` });
  }
  return result;
}
