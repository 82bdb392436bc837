// A text's UTF-8 bytes with the table of its non-ASCII characters: the compact form in which a
// SourceText keeps a mostly-ASCII text, made on the main thread or by a reader thread.

import { offsetArray, type OffsetArray } from './offsetArray';
import { countBelow } from './sortedSearch';

// Without the Unicode flag: a plain scan, several times faster; surrogate pairs are joined below.
const nonAscii = /[^\x00-\x7f]/g;
/** Keeping bytes pays off only while the table stays small against the text. */
const maxTableShare = 1 / 16;

/** Whether a table of `entries` non-ASCII characters is too large for a text of `length` UTF-16 units to be kept as bytes (the limit `compactUtf8` applies as it adds each). */
export function tableTooLarge(entries: number, length: number): boolean {
  return entries > 0 && entries - 1 >= length * maxTableShare;
}

/**
 * The byte offset of a UTF-16 offset in a text with this table of non-ASCII characters (starts,
 * byte starts, widths as `CompactUtf8` keeps them); -1 inside a surrogate pair.
 */
export function byteOffsetIn(utf16At: OffsetArray, byteAt: OffsetArray, widths: Uint8Array, offset: number): number {
  const k = countBelow(utf16At, offset) - 1;
  if (k < 0) return offset;
  const width = widths[k];
  const after = utf16At[k] + (width >> 3);
  if (offset < after) return -1;
  return byteAt[k] + (width & 7) + (offset - after);
}

/**
 * A text's UTF-8 bytes with the table of its non-ASCII characters: what a `SourceText` keeps
 * instead of the string. Plain data, so a reader thread can make it and transfer it.
 */
export interface CompactUtf8 {
  /** The text's UTF-16 length. */
  length: number;
  utf8: Uint8Array;
  /** Two bytes each where all fit (`offsetArray`). */
  utf16At: OffsetArray;
  byteAt: OffsetArray;
  widths: Uint8Array;
  foldsToAscii: boolean;
}

/**
 * `astralOffsets` of the text a compact form was made from, read from its table of non-ASCII
 * characters (those two UTF-16 units wide) instead of searching the text again.
 */
export function astralOffsetsOf(compact: CompactUtf8): Int32Array {
  let count = 0;
  for (let k = 0; k < compact.widths.length; k++) if (compact.widths[k] >> 3 === 2) count++;
  const astral = new Int32Array(count);
  for (let k = 0, a = 0; k < compact.widths.length; k++) if (compact.widths[k] >> 3 === 2) astral[a++] = compact.utf16At[k];
  return astral;
}

/**
 * The compact form of `text` from `utf8`, the bytes it was decoded from (without a byte order
 * mark), when that takes less memory than the string; otherwise undefined. The bytes must be
 * those: what is checked is cheap (the lengths, and a lead byte where each non-ASCII character
 * starts), and catches bytes of another text only where those differ.
 */
export function compactUtf8(
  text: string,
  utf8: Uint8Array,
  /** Where the text's non-ASCII characters are, as UTF-16 starts and ends of runs, when known (a decoder found them); otherwise the text is searched. */
  nonAsciiRuns?: readonly number[],
): CompactUtf8 | undefined {
  // All ASCII: V8 already stores the string at one byte per character.
  if (utf8.length === text.length) return undefined;
  const utf16At: number[] = [];
  const byteAt: number[] = [];
  const widths: number[] = [];
  const limit = text.length * maxTableShare;
  let shift = 0; // bytes minus UTF-16 units before the current character
  let widest = 0;
  let foldsToAscii = false;
  /** Adds the non-ASCII character at `index`; gives its UTF-16 length, or 0 where the text cannot be kept compact. */
  const add = (index: number): number => {
    if (utf16At.length >= limit) return 0;
    const code = text.codePointAt(index)!;
    // A lone surrogate cannot come from valid UTF-8: these bytes are not this text.
    if (code >= 0xd800 && code <= 0xdfff) return 0;
    const units = code > 0xffff ? 2 : 1;
    const bytes = code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    utf16At.push(index);
    byteAt.push(index + shift);
    widths.push(units * 8 + bytes);
    shift += bytes - units;
    widest = Math.max(widest, code);
    if (code === 0x212a || code === 0x17f) foldsToAscii = true;
    return units;
  };
  if (nonAsciiRuns) {
    for (let r = 0; r < nonAsciiRuns.length; r += 2) {
      for (let index = nonAsciiRuns[r]; index < nonAsciiRuns[r + 1]; ) {
        const units = add(index);
        if (units === 0) return undefined;
        index += units;
      }
    }
  } else {
    nonAscii.lastIndex = 0;
    for (let m = nonAscii.exec(text); m; m = nonAscii.exec(text)) {
      const units = add(m.index);
      if (units === 0) return undefined;
      nonAscii.lastIndex = m.index + units;
    }
  }
  // Only Latin-1 characters: V8 stores the string at one byte per character, fewer than UTF-8.
  if (widest <= 0xff) return undefined;
  if (text.length + shift !== utf8.length) return undefined;
  // A check of the bytes around each character: cheap, and catches bytes of another text.
  for (let k = 0; k < byteAt.length; k++) if (utf8[byteAt[k]] < 0xc0) return undefined;
  return { length: text.length, utf8, utf16At: offsetArray(utf16At), byteAt: offsetArray(byteAt), widths: Uint8Array.from(widths), foldsToAscii };
}
