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

  /** A unit of `counts[value]` values each, `weight` times (units alike in bulk, as characters are). */
  addUnit(counts: Map<string, number>, weight = 1): void {
    let m = 0;
    for (const count of counts.values()) m += count;
    if (m < 2 || weight === 0) return;
    for (const [c, nc] of counts) {
      if (nc === 0) continue;
      for (const [k, nk] of counts) {
        if (nk === 0) continue;
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        let row = this.matrix.get(c);
        if (!row) this.matrix.set(c, (row = new Map()));
        row.set(k, (row.get(k) ?? 0) + (weight * pairs) / (m - 1));
      }
    }
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

/** A file's path in its project, as agreement matches transcripts (`transcripts/sr.transcript.md`). */
export function pathInProject(project: Project, uri: string): string {
  const root = project.root.endsWith('/') ? project.root : `${project.root}/`;
  return uri.startsWith(root) ? decodeURIComponent(uri.slice(root.length)) : uri;
}

function matchTranscripts(coders: Coder[]): { matched: Matched[]; skipped: SkippedTranscript[] } {
  const byPath = coders.map((coder) => {
    const map = new Map<string, ParsedTranscript>();
    for (const [uri, doc] of coder.project.index.documents) map.set(pathInProject(coder.project, uri), doc.parsed);
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
    const texts = parsed.map((p) => p.plainText);
    const differing = texts.findIndex((text) => text !== texts[0]);
    if (differing >= 0) {
      skipped.push({ path, reason: firstDifference(parsed[0], texts[0], texts[differing], coders[0].name, coders[differing].name) });
      continue;
    }
    const turnsDiffer = parsed.some((p) => p.turnCount !== parsed[0].turnCount || p.turns.some((t, i) => t.speaker !== parsed[0].turns[i].speaker || p.isQuote(i) !== parsed[0].isQuote(i)));
    if (turnsDiffer) {
      skipped.push({ path, reason: 'the same text, but the coders read its speaker turns differently (the interviewer or the speaker labels differ)' });
      continue;
    }
    matched.push({ path, parsed, length: parsed[0].plainIndex.codePoints.toCodePoint(texts[0].length) });
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

export function agreement(coders: Coder[], unit: AgreementUnit): AgreementReport {
  const { matched, skipped } = matchTranscripts(coders);
  const { paths, depth } = codebookPaths(coders);
  const counted = ancestorsOf(paths);
  // Pooled overall: the codes, not the themes that repeat them (a theme without codes counts).
  const pooled = paths.filter((p) => depth.get(p)! > 0 || !paths.some((q) => isWithin(q, p) && q !== p));
  const pairs: [number, number][] = [];
  for (let i = 0; i < coders.length; i++) for (let j = i + 1; j < coders.length; j++) pairs.push([i, j]);
  const state = new Map(paths.map((p) => [p, { tables: pairs.map(emptyTable), coincidences: new Coincidences(), coded: coders.map(() => 0) }]));
  const overall = { tables: pairs.map(emptyTable), coincidences: new Coincidences(), coded: coders.map(() => 0) };
  const byDocument: { path: string; codes: Record<string, Measure> }[] = [];
  const disagreements: Disagreement[] = [];
  const compare = unit === 'character' ? compareCharacters : compareQuotes;
  for (const doc of matched) {
    const perCode = compare(doc, coders.length, pairs, paths, depth, counted, disagreements);
    const codes: Record<string, Measure> = {};
    for (const [path, result] of perCode) {
      const s = state.get(path)!;
      result.tables.forEach((t, k) => addTable(s.tables[k], t));
      result.coded.forEach((n, c) => (s.coded[c] += n));
      result.units(s.coincidences);
      if (pooled.includes(path)) {
        result.tables.forEach((t, k) => addTable(overall.tables[k], t));
        result.coded.forEach((n, c) => (overall.coded[c] += n));
        result.units(overall.coincidences);
      }
      if (unit === 'character') {
        const own = new Coincidences();
        result.units(own);
        codes[path] = measureOf(result.tables, own, result.coded);
      }
    }
    if (unit === 'character') byDocument.push({ path: doc.path, codes });
  }
  const withPairs = (s: { tables: PairTable[]; coincidences: Coincidences; coded: number[] }) => ({
    ...measureOf(s.tables, s.coincidences, s.coded),
    pairs: s.tables.map((t, k) => {
      const c = cohen(t);
      return { coders: [coders[pairs[k][0]].name, coders[pairs[k][1]].name] as [string, string], percentAgreement: round(c.percentAgreement, 2), kappa: round(c.kappa, 3), units: c.units };
    }),
  });
  return {
    coders: coders.map((c) => c.name),
    unit,
    documents: matched.map((m) => m.path),
    skipped,
    codes: Object.fromEntries(paths.map((p) => [p, withPairs(state.get(p)!)])),
    overall: withPairs(overall),
    ...(unit === 'character' ? { byDocument } : {}),
    disagreements,
  };
}

/** One transcript's contribution to one code: the pairs' tables, units coded by each coder, and its units for alpha. */
interface CodeResult {
  tables: PairTable[];
  coded: number[];
  units(into: Coincidences): void;
}

type Compare = (
  doc: Matched,
  coderCount: number,
  pairs: [number, number][],
  paths: string[],
  depth: Map<string, number>,
  counted: (code: string) => string[],
  disagreements: Disagreement[],
) => Map<string, CodeResult>;

const compareCharacters: Compare = (doc, coderCount, pairs, paths, _depth, counted, disagreements) => {
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
  const result = new Map<string, CodeResult>();
  for (const path of paths) {
    const coded = lists.map((l) => l.get(path) ?? []);
    const lengths = coded.map(lengthOf);
    const tables = pairs.map(([i, j]) => {
      const both = overlap(coded[i], coded[j]);
      const firstOnly = lengths[i] - both;
      const secondOnly = lengths[j] - both;
      return { both, firstOnly, secondOnly, neither: doc.length - both - firstOnly - secondOnly };
    });
    const histogram = coverage(coded, doc.length);
    result.set(path, {
      tables,
      coded: lengths,
      units: (into) => histogram.forEach((chars, k) => into.addUnit(new Map([['1', k], ['0', coderCount - k]]), chars)),
    });
  }
  // A quote is a disagreement when the coders coded its characters differently with a code.
  const first = doc.parsed[0];
  for (let t = 0; t < first.turnCount; t++) {
    if (!first.isQuote(t)) continue;
    // Per coder: the characters of the quote each codebook code covers, as text to compare.
    const covered = doc.parsed.map((parsed) => {
      const own = parsed.turns[t];
      const spans = new Map<string, [number, number][]>();
      for (let i = own.firstCoding; i < own.firstCoding + own.codingCount; i++) {
        for (const path of counted(parsed.codeOfCoding(i))) {
          if (!spans.has(path)) spans.set(path, []);
          spans.get(path)!.push([parsed.plainStartOf(i), parsed.plainEndOf(i)]);
        }
      }
      return new Map([...spans].map(([path, list]) => [path, merged(list).join(',')]));
    });
    const differ = paths.filter((path) => covered.some((c) => (c.get(path) ?? '') !== (covered[0].get(path) ?? '')));
    if (differ.length > 0) disagreements.push(disagreementAt(doc, t, doc.parsed.map((parsed) => codesIn(parsed, t)), differ));
  }
  return result;
};

const compareQuotes: Compare = (doc, _coderCount, pairs, paths, depth, counted, disagreements) => {
  const first = doc.parsed[0];
  const quotes: number[] = [];
  for (let t = 0; t < first.turnCount; t++) if (first.isQuote(t)) quotes.push(t);
  // Per quote and coder: reviewed or not, and the codebook codes the quote holds.
  const reviewed = quotes.map((t) => doc.parsed.map((parsed) => parsed.tagBlockCountOf(t) > 0));
  const holds = quotes.map((t) =>
    doc.parsed.map((parsed) => {
      const set = new Set<string>();
      for (const code of codesIn(parsed, t)) for (const path of counted(code)) set.add(path);
      return set;
    }),
  );
  const result = new Map<string, CodeResult>();
  for (const path of paths) {
    const tables = pairs.map(([i, j]) => {
      const table = emptyTable();
      quotes.forEach((_, q) => {
        if (!reviewed[q][i] || !reviewed[q][j]) return;
        const a = holds[q][i].has(path);
        const b = holds[q][j].has(path);
        if (a && b) table.both++;
        else if (a) table.firstOnly++;
        else if (b) table.secondOnly++;
        else table.neither++;
      });
      return table;
    });
    const coded = doc.parsed.map((_, c) => quotes.filter((_, q) => reviewed[q][c] && holds[q][c].has(path)).length);
    const isTheme = depth.get(path) === 0;
    result.set(path, {
      tables,
      coded,
      units: (into) =>
        quotes.forEach((_, q) => {
          const values = doc.parsed.map((_parsed, c) => {
            if (!reviewed[q][c]) return undefined;
            if (!isTheme) return holds[q][c].has(path) ? '1' : '0';
            // A theme's value is the set of its codes the quote holds, as one category.
            const own = [...holds[q][c]].filter((p) => p !== path && isWithin(p, path) && !paths.some((child) => child !== p && isWithin(child, p) && holds[q][c].has(child)));
            return own.length > 0 ? own.sort().join(' + ') : holds[q][c].has(path) ? path : '(none)';
          });
          into.addValues(values);
        }),
    });
  }
  quotes.forEach((t, q) => {
    const reviewing = doc.parsed.map((_, c) => c).filter((c) => reviewed[q][c]);
    if (reviewing.length < 2) return;
    const differ = paths.filter((path) => reviewing.some((c) => holds[q][c].has(path) !== holds[q][reviewing[0]].has(path)));
    if (differ.length > 0) disagreements.push(disagreementAt(doc, t, doc.parsed.map((parsed, c) => (reviewed[q][c] ? codesIn(parsed, t) : null)), differ));
  });
  return result;
};

/** A transcript of a coder's project by its path in the project, with its URI. */
export function transcriptAt(project: Project, path: string): { uri: string; parsed: ParsedTranscript } | undefined {
  for (const [uri, doc] of project.index.documents) if (pathInProject(project, uri) === path) return { uri, parsed: doc.parsed };
  return undefined;
}

/** The distinct codes of the codings in a turn, in order. */
function codesIn(parsed: ParsedTranscript, turn: number): string[] {
  const own = parsed.turns[turn];
  const codes: string[] = [];
  for (let i = own.firstCoding; i < own.firstCoding + own.codingCount; i++) {
    const code = parsed.codeOfCoding(i);
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

function disagreementAt(doc: Matched, turn: number, codes: (string[] | null)[], differ: string[]): Disagreement {
  const parsed = doc.parsed[0];
  const own = parsed.turns[turn];
  return {
    path: doc.path,
    line: own.speakerRange.start.line + 1,
    turn,
    speaker: own.speaker,
    text: excerpt(parsed.plainIndex.sliceSource(own.contentSpan), 200),
    codes,
    differ,
  };
}
