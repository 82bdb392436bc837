// The scan of a text before it is parsed: line starts, line break lengths, astral characters and
// the characters that may start markup. A reader thread runs it on its own: it imports only a
// file without imports.
import { offsetArray, type OffsetArray } from './offsetArray';

/**
 * What a parse needs to know of a text before it starts: where its lines start, its line breaks'
 * lengths (when it has a "\r"), and where its astral characters are. Typed arrays, so a reader
 * thread can find them while the main thread parses another file, and hand them over without a copy.
 */
export interface TextScan {
  /** Two bytes each where all fit (`offsetArray`). */
  lineStarts: OffsetArray;
  /** Length of each line's break; only for a text with a "\r" ("\r\n" is two characters). */
  breakLengths?: Uint8Array;
  /** UTF-16 offsets of the high surrogates of the astral characters, ascending. */
  astral: Int32Array;
  /** Offsets of the characters that may start inline markup (`markupCharacters`), ascending. */
  markup?: Int32Array;
}

/** Characters that may start inline markup in a transcript: escapes, code spans, brackets, tag blocks. */
export const markupCharacters = ['\\', '`', '[', ']', '{'];

/** The scan of a text; `astral`, when given, is `astralOffsets(text)`, known already. */
export function scanText(text: string, astral?: Int32Array): TextScan {
  return { ...scanLines(text), astral: astral ?? astralOffsets(text), markup: markupOffsets(text) };
}

/** Offsets of the text's `markupCharacters`, ascending: each character found with `indexOf`, the lists merged. */
function markupOffsets(text: string): Int32Array {
  const next = markupCharacters.map((c) => text.indexOf(c));
  const found: number[] = [];
  for (;;) {
    let k = -1;
    for (let c = 0; c < next.length; c++) if (next[c] >= 0 && (k < 0 || next[c] < next[k])) k = c;
    if (k < 0) return Int32Array.from(found);
    found.push(next[k]);
    next[k] = text.indexOf(markupCharacters[k], next[k] + 1);
  }
}

export function scanLines(text: string): Omit<TextScan, 'astral'> {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // The common case, found by jumps rather than a look at every character.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return { lineStarts: offsetArray(starts, starts.length, text.length) };
  }
  const lengths: number[] = [];
  const breaks = /\r\n?|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    starts.push(m.index + m[0].length);
    lengths.push(m[0].length);
  }
  return { lineStarts: offsetArray(starts, starts.length, text.length), breakLengths: Uint8Array.from(lengths) };
}

/** Shared by every text without astral characters (never to be transferred to another thread). */
export const noOffsets = new Int32Array(0);

/** UTF-16 offsets of the high surrogates of a text's astral characters (whole pairs only), ascending. */
export function astralOffsets(text: string): Int32Array {
  const offsets: number[] = [];
  const pairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  for (let m = pairs.exec(text); m; m = pairs.exec(text)) offsets.push(m.index);
  return offsets.length === 0 ? noOffsets : Int32Array.from(offsets);
}

/**
 * `astralOffsets(text)` where the text's non-ASCII characters are known to lie in `runs` (UTF-16
 * starts and ends, as a decoder found them): only the runs are read, not the whole text.
 */
export function astralOffsetsInRuns(text: string, runs: readonly number[]): Int32Array {
  const offsets: number[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    for (let i = runs[r], end = runs[r + 1]; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) continue;
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) offsets.push(i++);
    }
  }
  return offsets.length === 0 ? noOffsets : Int32Array.from(offsets);
}
