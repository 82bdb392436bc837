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
 */
export function offsetArray(values: ArrayLike<number>, count = values.length): OffsetArray {
  let narrow = true;
  for (let k = 0; k < count && narrow; k++) narrow = values[k] >= 0 && values[k] <= maxNarrow;
  const array = narrow ? new Uint16Array(count) : new Int32Array(count);
  if (values instanceof Int32Array && !narrow) {
    array.set(values.subarray(0, count));
    return array;
  }
  for (let k = 0; k < count; k++) array[k] = values[k];
  return array;
}
