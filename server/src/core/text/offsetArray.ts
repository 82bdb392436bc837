// Offsets and counts of one document, at two bytes each where they fit.
//
// A transcript of an hour's interview is about 60,000 characters: every offset in it, every count
// of its turns, tag blocks and codings is below 65,536. Kept at two bytes rather than four, the
// parse's columns, line starts and plain-text runs of a study take half the memory (on a study of
// 10,000 transcripts about 120 MB). A document with a larger value keeps four bytes for that array.

/** Non-negative numbers of one document: two bytes each where all fit, four otherwise. */
export type OffsetArray = Uint16Array | Int32Array;

const maxNarrow = 0xffff;

/**
 * The first `count` of `values` (all of them by default) in an array of their own, two bytes
 * each where every one is in 0..65535, else four. Values must be non-negative and below 2^31.
 * `atMost`, when given, is a bound that every value is known to keep (offsets in a text and
 * counts of its parts: the text's length): within 65,535 the values need not be looked at.
 */
export function offsetArray(values: ArrayLike<number>, count = values.length, atMost = Infinity): OffsetArray {
  let narrow = atMost <= maxNarrow;
  if (!narrow) {
    narrow = true;
    for (let k = 0; k < count && narrow; k++) narrow = values[k] >= 0 && values[k] <= maxNarrow;
  }
  // Copied by the typed array's own constructor: a loop in JavaScript took longer.
  const part = values instanceof Int32Array ? values.subarray(0, count) : count === values.length ? values : Array.prototype.slice.call(values, 0, count);
  return narrow ? new Uint16Array(part) : new Int32Array(part);
}
