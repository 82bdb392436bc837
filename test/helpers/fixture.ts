// Fixtures mark what a test expects inside the text itself, instead of counting columns by hand:
// ⟦ and ⟧ enclose a range (they may nest), ¦ marks a position. The marks are removed from the text.
import { LineIndex, type Position, type Range } from '../../server/src/core/text/text';

export interface Fixture {
  text: string;
  /** Marked ranges, in the order of their opening ⟦. */
  ranges: Range[];
  /** Marked positions, in order. */
  positions: Position[];
  /** The text of each marked range. */
  texts: string[];
}

export function fixture(marked: string): Fixture {
  let text = '';
  const open: number[] = [];
  const spans: { start: number; end: number }[] = [];
  const points: number[] = [];
  for (const ch of marked) {
    if (ch === '⟦') {
      open.push(spans.length);
      spans.push({ start: text.length, end: -1 });
    } else if (ch === '⟧') {
      const index = open.pop();
      if (index === undefined) throw new Error('fixture: ⟧ without ⟦');
      spans[index].end = text.length;
    } else if (ch === '¦') points.push(text.length);
    else text += ch;
  }
  if (open.length) throw new Error('fixture: ⟦ without ⟧');
  const lines = new LineIndex(text);
  return {
    text,
    ranges: spans.map((s) => lines.rangeOf(s)),
    positions: points.map((p) => lines.positionAt(p)),
    texts: spans.map((s) => text.slice(s.start, s.end)),
  };
}

/** A range written compactly as "line:col-line:col", for readable assertions. */
export function r(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
