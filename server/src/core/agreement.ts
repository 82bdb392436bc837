// Inter-coder agreement: how far two or more coders, each with a copy of the same project, coded
// the same transcripts alike (docs/agreement.md has the formulas). Transcripts are matched by
// their path in the project and compared only where their plain text is identical.
//
// Two units. By character (NVivo's): every character of the plain text is coded with a code, or
// not, by each coder. By quote: every quote a coder reviewed (it has a tag block, `{-}` included)
// holds a code if any coding of the code lies in it. A code counts its codebook sub-codes (a theme
// holds a quote if any of its codes does). Per code: percent agreement and Cohen's kappa for each
// pair of coders (their mean, with more than two), and Krippendorff's alpha (nominal) for all.
import { isWithin } from './codePath';
import { excerpt } from './excerpt';
import type { ParsedTranscript } from './transcript';
import type { Project } from './workspace';

export type AgreementUnit = 'character' | 'quote';

/** One coder: a name (the folder or the revision) and the project as that coder has it. */
export interface Coder {
  name: string;
  project: Project;
}

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

export interface PairMeasure {
  coders: [string, string];
  percentAgreement: number | null;
  kappa: number | null;
  units: number;
}

/** A quote the coders coded differently. */
export interface Disagreement {
  /** The transcript's path in the project. */
  path: string;
  /** 1-based line of the quote's speaker label (in the first coder's file). */
  line: number;
  /** Index of the turn in the transcript. */
  turn: number;
  speaker: string;
  text: string;
  /** The codes each coder applied in the quote, in coder order (null: the coder left it untagged). */
  codes: (string[] | null)[];
  /** The codebook codes (and themes) the coders disagree on in this quote. */
  differ: string[];
}

export interface SkippedTranscript {
  path: string;
  reason: string;
}

export interface AgreementReport {
  coders: string[];
  unit: AgreementUnit;
  /** Transcripts compared, by path. */
  documents: string[];
  /** Transcripts left out, and why. */
  skipped: SkippedTranscript[];
  /** Every code and theme of the codebooks, in codebook order. */
  codes: Record<string, Measure & { pairs: PairMeasure[] }>;
  /** Every code pooled (themes left out, as they repeat their codes). */
  overall: Measure & { pairs: PairMeasure[] };
  /** By character: each transcript's figures per code. */
  byDocument?: { path: string; codes: Record<string, Measure> }[];
  disagreements: Disagreement[];
}

// ---- the measures ------------------------------------------------------------------------------

/** A 2×2 table of one code and one pair of coders: units coded by both, by the first only, by the second only, by neither. */
export interface PairTable {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

const emptyTable = (): PairTable => ({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 });

function addTable(to: PairTable, table: PairTable): void {
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

  /** The matrix as plain data: (value, value, coincidences) triples. */
  entries(): [string, string, number][] {
    const out: [string, string, number][] = [];
    for (const [c, row] of this.matrix) for (const [k, o] of row) out.push([c, k, o]);
    return out;
  }

  addEntries(entries: [string, string, number][]): void {
    for (const [c, k, o] of entries) this.add(c, k, o);
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
function measureOf(tables: PairTable[], coincidences: Coincidences, coded: number[]): Measure {
  const pairs = tables.map(cohen);
  return {
    percentAgreement: round(mean(pairs.map((p) => p.percentAgreement)), 2),
    kappa: round(mean(pairs.map((p) => p.kappa)), 3),
    alpha: round(coincidences.alpha(), 3),
    units: pairs[0]?.units ?? 0,
    coded,
  };
}

function mean(values: (number | null)[]): number | null {
  const defined = values.filter((v): v is number => v !== null);
  return defined.length === 0 ? null : defined.reduce((a, b) => a + b, 0) / defined.length;
}

function round(value: number | null, digits: number): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- intervals of coded characters --------------------------------------------------------------

/** Sorted, non-overlapping [start, end) pairs, flattened. */
type Intervals = number[];

function merged(pairs: [number, number][]): Intervals {
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [start, end] of pairs) {
    if (end <= start) continue;
    if (out.length > 0 && start <= out[out.length - 1]) out[out.length - 1] = Math.max(out[out.length - 1], end);
    else out.push(start, end);
  }
  return out;
}

function lengthOf(intervals: Intervals): number {
  let n = 0;
  for (let i = 0; i < intervals.length; i += 2) n += intervals[i + 1] - intervals[i];
  return n;
}

function overlap(a: Intervals, b: Intervals): number {
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
function coverage(lists: Intervals[], total: number): number[] {
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

// ---- matching the coders' transcripts ------------------------------------------------------------

interface Matched {
  path: string;
  /** Each coder's parse, in coder order. */
  parsed: ParsedTranscript[];
  /** The plain text's length in code points. */
  length: number;
}


function matchTranscripts(coders: Coder[]): { matched: Matched[]; skipped: SkippedTranscript[] } {
  const byPath = coders.map((coder) => {
    const map = new Map<string, ParsedTranscript>();
    for (const [uri, doc] of coder.project.index.documents) map.set(coder.project.pathOf(uri), doc.parsed);
    return map;
  });
  const paths = [...new Set(byPath.flatMap((map) => [...map.keys()]))].sort();
  const matched: Matched[] = [];
  const skipped: SkippedTranscript[] = [];
  for (const path of paths) {
    const missing = coders.filter((_, i) => !byPath[i].has(path)).map((c) => c.name);
    if (missing.length > 0) {
      skipped.push({ path, reason: `not in ${missing.join(', ')}` });
      continue;
    }
    const parsed = byPath.map((map) => map.get(path)!);
    const differing = parsed.findIndex((p) => !p.plainIndex.samePlainText(parsed[0].plainIndex));
    if (differing >= 0) {
      skipped.push({ path, reason: firstDifference(parsed[0], parsed[0].plainText, parsed[differing].plainText, coders[0].name, coders[differing].name) });
      continue;
    }
    const turnsDiffer = parsed.some((p) => {
      if (p.turnCount !== parsed[0].turnCount) return true;
      for (let t = 0; t < p.turnCount; t++) if (p.speakerOf(t) !== parsed[0].speakerOf(t) || p.isQuote(t) !== parsed[0].isQuote(t)) return true;
      return false;
    });
    if (turnsDiffer) {
      skipped.push({ path, reason: 'the same text, but the coders read its speaker turns differently (the interviewer or the speaker labels differ)' });
      continue;
    }
    matched.push({ path, parsed, length: parsed[0].plainIndex.codePoints.toCodePoint(parsed[0].plainIndex.length) });
  }
  return { matched, skipped };
}

function firstDifference(parsed: ParsedTranscript, a: string, b: string, nameA: string, nameB: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  const at = parsed.lines.positionAt(parsed.plainIndex.toSourceStart(i));
  const show = (text: string) => JSON.stringify(excerpt(text.slice(i, i + 30), 30));
  return `the plain text differs from line ${at.line + 1}, column ${at.character + 1}: ${nameA} has ${show(a)}, ${nameB} has ${show(b)}`;
}

// ---- the report ------------------------------------------------------------------------------------

/** Codebook codes of every coder (the first coder's order, then codes only others have). */
function codebookPaths(coders: Coder[]): { paths: string[]; depth: Map<string, number> } {
  const depth = new Map<string, number>();
  for (const coder of coders) for (const code of coder.project.codebook.codes.values()) if (!depth.has(code.path)) depth.set(code.path, code.depth);
  return { paths: [...depth.keys()], depth };
}

/** For each code written, the codebook codes it counts for: itself and the codes above it. */
function ancestorsOf(paths: string[]): (code: string) => string[] {
  const known = new Set(paths);
  const cache = new Map<string, string[]>();
  return (code) => {
    let list = cache.get(code);
    if (list) return list;
    list = known.has(code) ? paths.filter((p) => p === code || isWithin(code, p)) : [];
    cache.set(code, list);
    return list;
  };
}

/** What one code has gathered: its pairs' tables, the units each coder coded, its coincidences. */
interface Tally {
  tables: PairTable[];
  coded: number[];
  coincidences: Coincidences;
  /** Units for alpha (by character: characters; by quote: values) in which some coder holds the code; the rest are added in bulk. */
  touched: number;
}

const yes = '1';
const no = '0';
/** A theme's value for a quote that holds none of its codes. */
const noneOfTheme = '(none)';

export function agreement(coders: Coder[], unit: AgreementUnit): AgreementReport {
  return combineAgreement(coders.map((c) => c.name), unit, [agreementPart(coders, unit)]);
}

/**
 * What comparing transcripts gives before the figures are computed: counts that add up, part by
 * part (`combineAgreement`), in plain data. The parts must be of the same coders and codebooks.
 */
interface AgreementPart {
  /** The codebook codes with their depth, in order. */
  codebook: [string, number][];
  documents: string[];
  skipped: SkippedTranscript[];
  tallies: [string, { tables: PairTable[]; coded: number[]; touched: number; coincidences: [string, string, number][] }][];
  pairUnits: number[];
  alphaUnits: number;
  byDocument: { path: string; codes: Record<string, Measure> }[];
  disagreements: Disagreement[];
}

/** Compares the transcripts the coders' projects hold. */
function agreementPart(coders: Coder[], unit: AgreementUnit): AgreementPart {
  const { matched, skipped } = matchTranscripts(coders);
  const { paths, depth } = codebookPaths(coders);
  const pairs = pairsOf(coders.length);
  const newTally = (): Tally => ({ tables: pairs.map(emptyTable), coded: coders.map(() => 0), coincidences: new Coincidences(), touched: 0 });
  const tallies = new Map(paths.map((p) => [p, newTally()]));
  const context: CompareContext = { coderCount: coders.length, pairs, paths, depth, counted: ancestorsOf(paths), tallies, disagreements: [], pairUnits: pairs.map(() => 0), alphaUnits: 0, order: new Map(paths.map((p, i) => [p, i])) };
  const byDocument: { path: string; codes: Record<string, Measure> }[] = [];
  for (const doc of matched) {
    if (unit === 'character') byDocument.push({ path: doc.path, codes: tallyCharacters(doc, context) });
    else tallyQuotes(doc, context);
  }
  return {
    codebook: paths.map((p) => [p, depth.get(p)!]),
    documents: matched.map((m) => m.path),
    skipped,
    tallies: [...tallies].filter(([, t]) => t.touched > 0 || t.coded.some((n) => n > 0) || t.tables.some((table) => table.both + table.firstOnly + table.secondOnly > 0)).map(([path, t]) => [path, { tables: t.tables, coded: t.coded, touched: t.touched, coincidences: t.coincidences.entries() }]),
    pairUnits: context.pairUnits,
    alphaUnits: context.alphaUnits,
    byDocument,
    disagreements: context.disagreements,
  };
}

function pairsOf(coderCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < coderCount; i++) for (let j = i + 1; j < coderCount; j++) pairs.push([i, j]);
  return pairs;
}

/** The report from the parts, in order (their transcripts and disagreements follow one another). */
function combineAgreement(coderNames: string[], unit: AgreementUnit, parts: AgreementPart[]): AgreementReport {
  const codebook = parts[0]?.codebook ?? [];
  const paths = codebook.map(([p]) => p);
  const depth = new Map(codebook);
  const pairs = pairsOf(coderNames.length);
  const newTally = (): Tally => ({ tables: pairs.map(emptyTable), coded: coderNames.map(() => 0), coincidences: new Coincidences(), touched: 0 });
  const tallies = new Map(paths.map((p) => [p, newTally()]));
  const pairUnits = pairs.map(() => 0);
  let alphaUnits = 0;
  for (const part of parts) {
    part.pairUnits.forEach((n, k) => (pairUnits[k] += n));
    alphaUnits += part.alphaUnits;
    for (const [path, t] of part.tallies) {
      const tally = tallies.get(path)!;
      t.tables.forEach((table, k) => addTable(tally.tables[k], table));
      t.coded.forEach((n, c) => (tally.coded[c] += n));
      tally.touched += t.touched;
      tally.coincidences.addEntries(t.coincidences);
    }
  }
  // Every unit no coder coded with a code was left out above: each is "neither" for every pair,
  // and one value "not coded" (or "none of the theme's codes") from each coder for alpha.
  for (const [path, tally] of tallies) {
    tally.tables.forEach((table, k) => (table.neither = pairUnits[k] - table.both - table.firstOnly - table.secondOnly));
    const absent = unit === 'quote' && depth.get(path) === 0 ? noneOfTheme : no;
    const untouched = alphaUnits - tally.touched;
    // By character: that many characters, each "not coded" by every coder. By quote: that many
    // values of quotes whose reviewers all gave "absent"; a unit of m alike values adds m to o(absent, absent).
    if (unit === 'character') tally.coincidences.addPair(yes, 0, absent, coderNames.length, untouched);
    else tally.coincidences.addAlike(absent, untouched);
  }
  // Pooled overall: the codes, not the themes that repeat them (a theme without codes counts).
  const pooled = paths.filter((p) => depth.get(p)! > 0 || !paths.some((q) => isWithin(q, p) && q !== p));
  const overall = newTally();
  for (const path of pooled) {
    const tally = tallies.get(path)!;
    tally.tables.forEach((t, k) => addTable(overall.tables[k], t));
    tally.coded.forEach((n, c) => (overall.coded[c] += n));
    overall.coincidences.addAll(tally.coincidences);
  }
  const withPairs = (t: Tally) => ({
    ...measureOf(t.tables, t.coincidences, t.coded),
    pairs: t.tables.map((table, k) => {
      const c = cohen(table);
      return { coders: [coderNames[pairs[k][0]], coderNames[pairs[k][1]]] as [string, string], percentAgreement: round(c.percentAgreement, 2), kappa: round(c.kappa, 3), units: c.units };
    }),
  });
  return {
    coders: coderNames,
    unit,
    documents: parts.flatMap((p) => p.documents),
    skipped: parts.flatMap((p) => p.skipped).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    codes: Object.fromEntries(paths.map((p) => [p, withPairs(tallies.get(p)!)])),
    overall: withPairs(overall),
    ...(unit === 'character' ? { byDocument: parts.flatMap((p) => p.byDocument) } : {}),
    disagreements: parts.flatMap((p) => p.disagreements),
  };
}

interface CompareContext {
  coderCount: number;
  pairs: [number, number][];
  paths: string[];
  depth: Map<string, number>;
  counted: (code: string) => string[];
  tallies: Map<string, Tally>;
  disagreements: Disagreement[];
  /** Units compared by each pair so far: characters, or quotes both reviewed. */
  pairUnits: number[];
  /** By character: characters so far; by quote: values of pairable quotes so far. */
  alphaUnits: number;
  /** Each codebook code's place in `paths`. */
  order: Map<string, number>;
}

/** One transcript by character; gives its own figures for the codes anyone used in it. */
function tallyCharacters(doc: Matched, context: CompareContext): Record<string, Measure> {
  const { coderCount, pairs, counted, tallies } = context;
  // Each coder's coded characters, per codebook code (with its sub-codes).
  const lists = doc.parsed.map((parsed) => {
    const spans = new Map<string, [number, number][]>();
    for (let i = 0; i < parsed.codingCount; i++) {
      for (const path of counted(parsed.codeOfCoding(i))) {
        let list = spans.get(path);
        if (!list) spans.set(path, (list = []));
        list.push([parsed.plainStartOf(i), parsed.plainEndOf(i)]);
      }
    }
    return new Map([...spans].map(([path, list]) => [path, merged(list)]));
  });
  context.pairUnits = context.pairUnits.map((n) => n + doc.length);
  context.alphaUnits += doc.length;
  const own: Record<string, Measure> = {};
  const touched = new Set(lists.flatMap((l) => [...l.keys()]));
  for (const path of context.paths) {
    if (!touched.has(path)) continue;
    const coded = lists.map((l) => l.get(path) ?? []);
    const lengths = coded.map(lengthOf);
    const tables = pairs.map(([i, j]) => {
      const both = overlap(coded[i], coded[j]);
      return { both, firstOnly: lengths[i] - both, secondOnly: lengths[j] - both, neither: doc.length - lengths[i] - lengths[j] + both };
    });
    const histogram = coverage(coded, doc.length);
    const tally = tallies.get(path)!;
    const here = new Coincidences();
    histogram.forEach((chars, k) => {
      if (k === 0) return;
      tally.coincidences.addPair(yes, k, no, coderCount - k, chars);
      here.addPair(yes, k, no, coderCount - k, chars);
      tally.touched += chars;
    });
    here.addPair(yes, 0, no, coderCount, histogram[0]);
    tables.forEach((t, k) => {
      tally.tables[k].both += t.both;
      tally.tables[k].firstOnly += t.firstOnly;
      tally.tables[k].secondOnly += t.secondOnly;
    });
    lengths.forEach((n, c) => (tally.coded[c] += n));
    own[path] = measureOf(tables, here, lengths);
  }
  // A quote is a disagreement when the coders coded its characters differently with a code.
  const first = doc.parsed[0];
  for (let t = 0; t < first.turnCount; t++) {
    if (!first.isQuote(t) || doc.parsed.every((parsed) => parsed.codingCountOf(t) === 0)) continue;
    // Per coder: the characters of the quote each codebook code covers, as text to compare.
    const covered = doc.parsed.map((parsed) => {
      const from = parsed.firstCodingOf(t);
      const spans = new Map<string, [number, number][]>();
      for (let i = from; i < from + parsed.codingCountOf(t); i++) {
        for (const path of counted(parsed.codeOfCoding(i))) {
          if (!spans.has(path)) spans.set(path, []);
          spans.get(path)!.push([parsed.plainStartOf(i), parsed.plainEndOf(i)]);
        }
      }
      return new Map([...spans].map(([path, list]) => [path, merged(list).join(',')]));
    });
    const keys = new Set(covered.flatMap((c) => [...c.keys()]));
    const differ = [...keys].filter((path) => covered.some((c) => (c.get(path) ?? '') !== (covered[0].get(path) ?? ''))).sort((a, b) => context.order.get(a)! - context.order.get(b)!);
    if (differ.length > 0) context.disagreements.push(disagreementAt(doc, t, doc.parsed.map((parsed) => codesIn(parsed, t)), differ));
  }
  return own;
}

/** One transcript by quote: only the codes some coder used in a quote are visited for it. */
function tallyQuotes(doc: Matched, context: CompareContext): void {
  const { pairs, depth, counted, tallies } = context;
  const first = doc.parsed[0];
  for (let t = 0; t < first.turnCount; t++) {
    if (!first.isQuote(t)) continue;
    const reviewed = doc.parsed.map((parsed) => parsed.tagBlockCountOf(t) > 0);
    const reviewers = reviewed.filter(Boolean).length;
    pairs.forEach(([i, j], k) => {
      if (reviewed[i] && reviewed[j]) context.pairUnits[k]++;
    });
    if (reviewers >= 2) context.alphaUnits += reviewers;
    // The codebook codes each reviewing coder wrote in the quote, and those they count for.
    const written = doc.parsed.map((parsed, c) => (reviewed[c] ? codesIn(parsed, t).filter((code) => context.order.has(code)) : []));
    const holds = written.map((codes) => {
      const set = new Set<string>();
      for (const code of codes) for (const path of counted(code)) set.add(path);
      return set;
    });
    const touched = new Set(holds.flatMap((h) => [...h]));
    for (const path of touched) {
      const tally = tallies.get(path)!;
      pairs.forEach(([i, j], k) => {
        if (!reviewed[i] || !reviewed[j]) return;
        const a = holds[i].has(path);
        const b = holds[j].has(path);
        if (a && b) tally.tables[k].both++;
        else if (a) tally.tables[k].firstOnly++;
        else if (b) tally.tables[k].secondOnly++;
      });
      holds.forEach((h, c) => h.has(path) && tally.coded[c]++);
      if (reviewers < 2) continue;
      tally.touched += reviewers;
      if (depth.get(path) !== 0) {
        const ones = holds.filter((h) => h.has(path)).length;
        tally.coincidences.addPair(yes, ones, no, reviewers - ones);
      } else {
        // A theme's value is the set of its most specific codes the quote holds, as one category.
        const values = written.map((codes, c) => {
          if (!reviewed[c]) return undefined;
          const below = codes.filter((code) => code !== path && isWithin(code, path));
          const own = below.filter((code) => !below.some((other) => other !== code && isWithin(other, code)));
          return own.length > 0 ? [...new Set(own)].sort().join(' + ') : holds[c].has(path) ? path : noneOfTheme;
        });
        tally.coincidences.addValues(values);
      }
    }
    if (reviewers < 2) continue;
    const reference = holds[reviewed.indexOf(true)];
    const differ = [...touched].filter((path) => holds.some((h, c) => reviewed[c] && h.has(path) !== reference.has(path))).sort((a, b) => context.order.get(a)! - context.order.get(b)!);
    if (differ.length > 0) context.disagreements.push(disagreementAt(doc, t, doc.parsed.map((parsed, c) => (reviewed[c] ? codesIn(parsed, t) : null)), differ));
  }
}

/** A transcript of a coder's project by its path in the project, with its URI. */
export function transcriptAt(project: Project, path: string): { uri: string; parsed: ParsedTranscript } | undefined {
  for (const [uri, doc] of project.index.documents) if (project.pathOf(uri) === path) return { uri, parsed: doc.parsed };
  return undefined;
}

/** The distinct codes of the codings in a turn, in order. */
function codesIn(parsed: ParsedTranscript, turn: number): string[] {
  const codes: string[] = [];
  const first = parsed.firstCodingOf(turn);
  for (let i = first; i < first + parsed.codingCountOf(turn); i++) {
    const code = parsed.codeOfCoding(i);
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function disagreementAt(doc: Matched, turn: number, codes: (string[] | null)[], differ: string[]): Disagreement {
  const parsed = doc.parsed[0];
  return {
    path: doc.path,
    line: parsed.speakerRangeOf(turn).start.line + 1,
    turn,
    speaker: parsed.speakerOf(turn),
    text: excerpt(parsed.plainIndex.sliceSource(parsed.contentSpanOf(turn)), 200),
    codes,
    differ,
  };
}
