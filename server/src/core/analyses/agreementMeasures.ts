// The measures of inter-coder agreement and what they are counted from (docs/agreement.md has the
// formulas): a pair of coders' 2×2 table and Cohen's kappa, Krippendorff's coincidence matrix and
// nominal alpha, the rounding of the figures, and the intervals of coded characters the unit
// "character" counts. The comparison of coders' copies (agreement.ts) fills them.

/** The figures of one code (or of all codes, `overall`). Null where a figure is not defined. */
export interface Measure {
  /** Percent agreement, 0 to 100 (the mean over pairs of coders). */
  percentAgreement: number | null;
  /** Cohen's kappa (the mean over pairs: Light's kappa). Null where chance agreement is 1. */
  kappa: number | null;
  /** Krippendorff's alpha, nominal, over every coder with missing values. Null without variation. */
  alpha: number | null;
  /** Units compared: characters, or quotes reviewed by both coders (by the first pair). */
  units: number;
  /** Units coded with the code by each coder, in coder order. */
  coded: number[];
}

/** A 2×2 table of one code and one pair of coders: units coded by both, by the first only, by the second only, by neither. */
export interface PairTable {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

export const emptyTable = (): PairTable => ({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 });

export function addTable(to: PairTable, table: PairTable): void {
  to.both += table.both;
  to.firstOnly += table.firstOnly;
  to.secondOnly += table.secondOnly;
  to.neither += table.neither;
}

/** Percent agreement (0–100) and Cohen's kappa of a pair's table; null where not defined. */
export function cohen(table: PairTable): { percentAgreement: number | null; kappa: number | null; units: number } {
  const units = table.both + table.firstOnly + table.secondOnly + table.neither;
  if (units === 0) return { percentAgreement: null, kappa: null, units };
  const observed = (table.both + table.neither) / units;
  const first = (table.both + table.firstOnly) / units;
  const second = (table.both + table.secondOnly) / units;
  const chance = first * second + (1 - first) * (1 - second);
  // Chance agreement of 1: both coders used one value only; kappa is 0/0.
  const kappa = chance >= 1 - 1e-12 ? null : (observed - chance) / (1 - chance);
  return { percentAgreement: 100 * observed, kappa, units };
}

/**
 * Krippendorff's coincidence matrix of nominal values. Each unit adds the values the coders gave
 * it (missing values left out); a unit with fewer than two values cannot be paired and adds none.
 */
export class Coincidences {
  private readonly matrix = new Map<string, Map<string, number>>();

  private add(c: string, k: string, amount: number): void {
    let row = this.matrix.get(c);
    if (!row) this.matrix.set(c, (row = new Map()));
    row.set(k, (row.get(k) ?? 0) + amount);
  }

  /** A unit of `counts[value]` values each, `weight` times (units alike in bulk, as characters are). */
  addUnit(counts: Map<string, number>, weight = 1): void {
    let m = 0;
    for (const count of counts.values()) m += count;
    if (m < 2 || weight === 0) return;
    for (const [c, nc] of counts) {
      if (nc === 0) continue;
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs !== 0) this.add(c, k, (weight * pairs) / (m - 1));
      }
    }
  }

  /** `weight` units of two values: `yes` coders gave the first, `no` coders the second. */
  addPair(first: string, yes: number, second: string, no: number, weight = 1): void {
    const m = yes + no;
    if (m < 2 || weight === 0) return;
    if (yes > 1) this.add(first, first, (weight * yes * (yes - 1)) / (m - 1));
    if (no > 1) this.add(second, second, (weight * no * (no - 1)) / (m - 1));
    if (yes > 0 && no > 0) {
      this.add(first, second, (weight * yes * no) / (m - 1));
      this.add(second, first, (weight * yes * no) / (m - 1));
    }
  }

  /** `values` values of units whose values are all `value` (a unit of m alike values adds m). */
  addAlike(value: string, values: number): void {
    if (values > 0) this.add(value, value, values);
  }

  /** Adds another matrix (pooling codes). */
  addAll(other: Coincidences): void {
    for (const [c, row] of other.matrix) for (const [k, o] of row) this.add(c, k, o);
  }

  /** A unit by its values, one per coder; undefined for a coder who gave none. */
  addValues(values: (string | undefined)[]): void {
    const counts = new Map<string, number>();
    for (const value of values) if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
    this.addUnit(counts);
  }

  /** α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k; null where the values do not vary (or none pair). */
  alpha(): number | null {
    const totals = new Map<string, number>();
    let n = 0;
    let disagreeing = 0;
    for (const [c, row] of this.matrix) {
      for (const [k, o] of row) {
        totals.set(c, (totals.get(c) ?? 0) + o);
        n += o;
        if (c !== k) disagreeing += o;
      }
    }
    let expected = 0;
    for (const [c, nc] of totals) for (const [k, nk] of totals) if (c !== k) expected += nc * nk;
    if (n <= 1 || expected === 0) return null;
    return 1 - ((n - 1) * disagreeing) / expected;
  }
}

/** The figures of one code from its pairs' tables and its coincidences. */
export function measureOf(tables: PairTable[], coincidences: Coincidences, coded: number[]): Measure {
  const pairs = tables.map(cohen);
  return {
    percentAgreement: round(mean(pairs.map((p) => p.percentAgreement)), 2),
    kappa: round(mean(pairs.map((p) => p.kappa)), 3),
    alpha: round(coincidences.alpha(), 3),
    units: pairs[0]?.units ?? 0,
    coded,
  };
}

export function mean(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

export function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- intervals of coded characters --------------------------------------------------------------

/** Sorted, non-overlapping [start, end) pairs, flattened. */
export type Intervals = number[];

export function merged(pairs: [number, number][]): Intervals {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    if (end <= start) continue;
    if (out.length > 0 && start <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], end);
    else out.push(start, end);
  }
  return out;
}

export function lengthOf(intervals: Intervals): number {
  let n = 0;
  for (let i = 0; i < intervals.length; i += 2) n += intervals[i + 1] - intervals[i];
  return n;
}

export function overlap(a: Intervals, b: Intervals): number {
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i], b[j]);
    const end = Math.min(a[i + 1], b[j + 1]);
    if (end > start) n += end - start;
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return n;
}

/** For k = 0…m: how many of `total` characters exactly k of the coders' interval lists cover. */
export function coverage(lists: Intervals[], total: number): number[] {
  const events: [number, number][] = [];
  for (const list of lists) for (let i = 0; i < list.length; i += 2) events.push([list[i], 1], [list[i + 1], -1]);
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const histogram = new Array<number>(lists.length + 1).fill(0);
  let depth = 0;
  let at = 0;
  for (const [position, change] of events) {
    histogram[depth] += position - at;
    at = position;
    depth += change;
  }
  histogram[0] += total - at;
  return histogram;
}
