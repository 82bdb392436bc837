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
 * `countBelow`, searched from `hint` (an earlier answer for the same array): offsets asked for
 * nearly in order, as a parse asks for them, cost a few comparisons each, not a search of the
 * whole array (the codings of a 200,000-comment file map their starts and ends alternately).
 */
export function countBelowFrom(sorted: ArrayLike<number>, value: number, hint: number): number {
  return countFrom(sorted, value, hint, false);
}

/** `countAtOrBelow`, searched from `hint` (see `countBelowFrom`). */
export function countAtOrBelowFrom(sorted: ArrayLike<number>, value: number, hint: number): number {
  return countFrom(sorted, value, hint, true);
}

/**
 * How many leading values are below `value` (or at it, `atOrBelow`): from the hint outwards in
 * steps that double, then a binary search of the last step. The comparisons are written out: a
 * predicate passed as a function cost more than the search.
 */
function countFrom(sorted: ArrayLike<number>, value: number, hint: number, atOrBelow: boolean): number {
  const n = sorted.length;
  if (!(hint >= 0 && hint <= n)) return atOrBelow ? countAtOrBelow(sorted, value) : countBelow(sorted, value);
  let low: number;
  let high: number;
  if (hint < n && (atOrBelow ? sorted[hint] <= value : sorted[hint] < value)) {
    // The answer is past the hint.
    low = hint + 1;
    let step = 1;
    let probe = low;
    while (probe < n && (atOrBelow ? sorted[probe] <= value : sorted[probe] < value)) {
      low = probe + 1;
      step *= 2;
      probe = low + step - 1;
    }
    high = Math.min(probe, n);
  } else {
    // The answer is at the hint or before it.
    high = hint;
    let step = 1;
    let probe = hint - 1;
    while (probe >= 0 && !(atOrBelow ? sorted[probe] <= value : sorted[probe] < value)) {
      high = probe;
      step *= 2;
      probe = high - step;
    }
    low = Math.max(probe + 1, 0);
  }
  while (low < high) {
    const mid = (low + high) >> 1;
    if (atOrBelow ? sorted[mid] <= value : sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
