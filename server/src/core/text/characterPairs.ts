// Which pairs of neighbouring characters a few passages of a text hold, case aside: a filter of
// 32 × 32 bits that says, before a search, that a literal cannot occur in them.
//
// Characters are folded into 32 classes so that any two characters a case-insensitive regular
// expression takes as equal (flags `iu`, and `i` on ASCII) fall in the same class: ASCII letters by
// their lower case, K KELVIN SIGN with k and ſ LONG S with s (the only characters beyond ASCII that
// such a pattern matches to ASCII), digits in one class, white space in one, the rest of ASCII in
// one, and every other UTF-16 code unit in one. A match never pairs a character of one plane with
// one of another (checked over all of Unicode), so an emoji is two code units in the text as in the
// query. The classes only coarsen equality: what the filter rules out cannot match, and what it
// lets through is searched.

const letterA = 0;
const digit = 26;
const whiteSpace = 27;
const otherAscii = 28;
const beyondAscii = 29;
/** Before a passage's first character and after its last: a one-character query needs a pair too. */
const edge = 31;

/** The class of each ASCII code unit. */
const asciiClass = new Uint8Array(128).map((_, c) => {
  if (c >= 0x61 && c <= 0x7a) return letterA + c - 0x61;
  if (c >= 0x41 && c <= 0x5a) return letterA + c - 0x41;
  if (c >= 0x30 && c <= 0x39) return digit;
  // What `\s` matches in ASCII.
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return whiteSpace;
  return otherAscii;
});

const kelvinSign = 0x212a;
const longS = 0x17f;

function classOf(unit: number): number {
  if (unit < 128) return asciiClass[unit];
  if (unit === kelvinSign) return letterA + 10; // k
  if (unit === longS) return letterA + 18; // s
  return beyondAscii;
}

/** Words of a filter: one per class, its bits the classes that follow it. */
export const characterPairsWords = 32;

/** Per byte of UTF-8: its class; beyond a character's first byte, `continuation`; or a mark to read the character. */
const continuation = 255;
const maybeAsciiFold = 254;
const fourBytes = 253;
const byteClass = new Uint8Array(256).map((_, b) => {
  if (b < 0x80) return asciiClass[b];
  if (b < 0xc0) return continuation;
  if (b === 0xc5 || b === 0xe2) return maybeAsciiFold; // ſ is C5 BF, K KELVIN SIGN E2 84 AA
  return b < 0xf0 ? beyondAscii : fourBytes;
});
/** Added to a class by `classAt` for a character of two UTF-16 code units. */
const twoUnits = 32;

/** The class of the character whose UTF-8 starts at byte `i` (with `twoUnits` beyond the plane), or `continuation` inside one. */
function classAt(bytes: Uint8Array, i: number): number {
  const read = byteClass[bytes[i]];
  if (read < fourBytes) return read;
  if (read === fourBytes) return beyondAscii | twoUnits;
  if (read === continuation) return continuation;
  if (bytes[i] === 0xc5) return bytes[i + 1] === 0xbf ? classOf(longS) : beyondAscii;
  return bytes[i + 1] === 0x84 && bytes[i + 2] === 0xaa ? classOf(kelvinSign) : beyondAscii;
}

/**
 * Collects the pairs of a document's passages (its quotes) and of their first code units, then
 * writes them as two filters (`into`). A pair is a byte stored in a table of 32 × 32, not a bit
 * read and written: reading the text is most of the cost. One collector serves every document in turn.
 */
export class CharacterPairs {
  private readonly whole = new Uint8Array(32 * 32);
  private readonly starts = new Uint8Array(32 * 32);

  /**
   * Adds the passage of `text` from `start` to `end`, and its first `startLength` code units (at
   * most); with `startOnly`, only those (the rest of the passage is not read).
   */
  addText(text: string, start: number, end: number, startLength: number, startOnly = false): void {
    if (start >= end) return;
    const whole = this.whole;
    const startEnd = Math.min(end, start + startLength);
    let previous = edge;
    let i = start;
    for (; i < startEnd; i++) {
      const current = classOf(text.charCodeAt(i));
      whole[(previous << 5) | current] = 1;
      this.starts[(previous << 5) | current] = 1;
      previous = current;
    }
    this.starts[(previous << 5) | edge] = 1;
    if (startOnly) return;
    for (; i < end; i++) {
      const current = classOf(text.charCodeAt(i));
      whole[(previous << 5) | current] = 1;
      previous = current;
    }
    whole[(previous << 5) | edge] = 1;
  }

  /**
   * The same for a passage held as UTF-8 bytes from `from` to `to`: each character counts as the
   * UTF-16 code units it has in the text (one, or two beyond the Basic Multilingual Plane).
   */
  addUtf8(bytes: Uint8Array, from: number, to: number, startLength: number, startOnly = false): void {
    if (from >= to) return;
    const whole = this.whole;
    const starts = this.starts;
    let previous = edge;
    let units = 0;
    let i = from;
    // The start, to `startLength` code units: both filters.
    for (; i < to && units < startLength; i++) {
      const read = classAt(bytes, i);
      if (read === continuation) continue;
      const current = read & 31;
      whole[(previous << 5) | current] = 1;
      starts[(previous << 5) | current] = 1;
      previous = current;
      units++;
      if (read & twoUnits) {
        // A character beyond the plane: its second code unit, perhaps past the start.
        whole[(previous << 5) | current] = 1;
        starts[(previous << 5) | (units < startLength ? current : edge)] = 1;
        units++;
      }
    }
    if (units <= startLength) starts[(previous << 5) | edge] = 1;
    if (startOnly) return;
    // The rest: one filter.
    for (; i < to; i++) {
      const read = classAt(bytes, i);
      if (read === continuation) continue;
      const current = read & 31;
      whole[(previous << 5) | current] = 1;
      if (read & twoUnits) whole[(current << 5) | current] = 1;
      previous = current;
    }
    whole[(previous << 5) | edge] = 1;
  }

  /**
   * Writes the pairs added since the last call as the filters at `at` and `startsAt` of `pairs`,
   * and forgets them; with `startsOnly`, only the filter of the passages' starts.
   */
  into(pairs: Uint32Array, at: number, startsAt: number, startsOnly = false): void {
    for (let pair = 0; pair < 32 * 32; pair++) {
      if (this.whole[pair] && !startsOnly) pairs[at + (pair >> 5)] |= 1 << (pair & 31);
      if (this.starts[pair]) pairs[startsAt + (pair >> 5)] |= 1 << (pair & 31);
    }
    this.whole.fill(0);
    this.starts.fill(0);
  }
}

/** The classes of a query's code units: what `mayHold` takes. */
export function characterClasses(query: string): Uint8Array {
  const classes = new Uint8Array(query.length);
  for (let i = 0; i < query.length; i++) classes[i] = classOf(query.charCodeAt(i));
  return classes;
}

/** Whether the passages of a filter (at `at` in `pairs`) may hold a literal of these classes: false only if none can. */
export function mayHold(pairs: Uint32Array, at: number, classes: Uint8Array): boolean {
  if (classes.length === 0) return true;
  if (classes.length === 1) return pairs[at + classes[0]] !== 0;
  for (let i = 1; i < classes.length; i++) if ((pairs[at + classes[i - 1]] & (1 << classes[i])) === 0) return false;
  return true;
}
