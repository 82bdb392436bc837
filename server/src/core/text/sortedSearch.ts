// Binary search in ascending arrays of offsets: line starts, plain-text runs, non-ASCII
// characters, quote starts. One implementation for all of them.

/** How many of the ascending `sorted` values are below `value`. */
export function countBelow(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** How many of the ascending `sorted` values are at or below `value`. */
export function countAtOrBelow(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * `countBelow`, trying first `hint` (an earlier answer for the same array) and the answer after
 * it: offsets asked for in order, as a parse asks for them, then cost two comparisons each.
 */
export function countBelowFrom(sorted: ArrayLike<number>, value: number, hint: number): number {
  const n = sorted.length;
  if (hint >= 0 && hint <= n) {
    if ((hint === 0 || sorted[hint - 1] < value) && (hint === n || sorted[hint] >= value)) return hint;
    if (hint < n && sorted[hint] < value && (hint + 1 === n || sorted[hint + 1] >= value)) return hint + 1;
  }
  return countBelow(sorted, value);
}

/** `countAtOrBelow`, trying first `hint` and the answer after it (see `countBelowFrom`). */
export function countAtOrBelowFrom(sorted: ArrayLike<number>, value: number, hint: number): number {
  const n = sorted.length;
  if (hint >= 0 && hint <= n) {
    if ((hint === 0 || sorted[hint - 1] <= value) && (hint === n || sorted[hint] > value)) return hint;
    if (hint < n && sorted[hint] <= value && (hint + 1 === n || sorted[hint + 1] > value)) return hint + 1;
  }
  return countAtOrBelow(sorted, value);
}
