// What a quote holds for inter-coder agreement by quote, from the codes written in it: the
// codebook codes it counts for (each written code and the codes above it) and, for each theme,
// its value for Krippendorff's alpha (the set of its most specific codes the quote holds).
import { isWithin } from '../model/codePath';

/** A theme's value for a quote that holds none of its codes. */
export const noneOfTheme = '(none)';

/** The codebook codes a quote holds from the codes written in it, and each theme's value. */
export class HeldCodes {
  private values: Map<number, string> | undefined;
  /** Quotes every coder has alike that hold these codes, not yet added up (`addUnanimous`). */
  unanimous = 0;

  constructor(
    private readonly quoteCodes: QuoteCodes,
    /** Made once for every quote with these codes (one code), or for one quote. */
    readonly shared: boolean,
    /** The codes written that are in the codebook. */
    readonly codes: string[],
    /** Places in the codebook's paths of the codes held (those written and the codes above them), ascending. */
    readonly paths: number[],
  ) {}

  /** A theme's value (nominal, for alpha): the set of its most specific codes the quote holds, as one category. */
  themeValue(theme: number): string {
    let value = this.values?.get(theme);
    if (value !== undefined) return value;
    const path = this.quoteCodes.paths[theme];
    const below = this.codes.filter((code) => code !== path && isWithin(code, path));
    const own = below.filter((code) => !below.some((other) => other !== code && isWithin(other, code)));
    value = own.length > 0 ? [...new Set(own)].sort().join(' + ') : this.paths.includes(theme) ? path : noneOfTheme;
    (this.values ??= new Map()).set(theme, value);
    return value;
  }
}

/** What quotes hold, by the codes written in them: one object for each single code, made once. */
export class QuoteCodes {
  private readonly single = new Map<string, HeldCodes>();
  /** For each codebook code: the places of the codes it counts for (itself and those above it). */
  private readonly countsFor: number[][];
  /** Marks of the places already taken, for lists without a set: a place is marked when it holds `mark`. */
  private readonly marks: Int32Array;
  private mark = 0;

  constructor(
    readonly paths: string[],
    private readonly order: Map<string, number>,
    counted: (code: string) => string[],
  ) {
    this.countsFor = paths.map((p) => counted(p).map((q) => order.get(q)!).sort((a, b) => a - b));
    this.marks = new Int32Array(paths.length);
  }

  ofOne(code: string): HeldCodes {
    let held = this.single.get(code);
    if (!held) {
      const place = this.order.get(code);
      held = place === undefined ? new HeldCodes(this, true, [], []) : new HeldCodes(this, true, [code], this.countsFor[place]);
      this.single.set(code, held);
    }
    return held;
  }

  /** What a quote with these distinct codes written holds. */
  of(written: string[]): HeldCodes {
    if (written.length === 1) return this.ofOne(written[0]);
    const codes: string[] = [];
    const places: number[] = [];
    const mark = ++this.mark;
    for (const code of written) {
      const place = this.order.get(code);
      if (place === undefined) continue;
      codes.push(code);
      for (const p of this.countsFor[place]) {
        if (this.marks[p] === mark) continue;
        this.marks[p] = mark;
        places.push(p);
      }
    }
    return new HeldCodes(this, false, codes, places.sort((a, b) => a - b));
  }

  /** The places any of them holds, ascending. */
  union(held: (HeldCodes | undefined)[]): number[] {
    const mark = ++this.mark;
    const places: number[] = [];
    for (const h of held) {
      if (!h) continue;
      for (const p of h.paths) {
        if (this.marks[p] === mark) continue;
        this.marks[p] = mark;
        places.push(p);
      }
    }
    return places.sort((a, b) => a - b);
  }
}
