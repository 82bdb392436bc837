// Code co-occurrence (ATLAS.ti's code co-occurrence table, MAXQDA's Code Relations Browser): for
// each pair of codes, how many quotes hold both. A quote holds a code when a coding of it (or of
// a code below it) lies in the quote; text coded outside turns is a unit of its own. The
// c-coefficient is n12 / (n1 + n2 − n12), the share of the quotes holding either that hold both.
import { codesInScope, forEachCoding, segmentKey, type AnalysisFilter, type ScopedCoding } from './analysisScope';
import type { CellCoding } from './matrix';
import type { Project } from '../project/workspace';

/**
 * What counts as together: the same quote; codings whose texts overlap (share a character); or
 * quotes within `quotes` quotes of each other in one transcript (1: the next or the previous).
 */
export type Within = { kind: 'quote' } | { kind: 'overlap' } | { kind: 'near'; quotes: number };

export interface CooccurrenceOptions {
  within?: Within;
  filter?: AnalysisFilter;
}

export interface Cooccurrence {
  codes: string[];
  /**
   * cells[i][j]: quotes holding code i in which code j occurs too (the diagonal: quotes holding
   * code i). By quote and by overlap the matrix is symmetric; near, cells[i][j] counts quotes of
   * code i with a quote of code j within the distance, which may differ from cells[j][i].
   */
  cells: number[][];
  /** The c-coefficient of each pair, three decimals; null where neither code occurs. */
  coefficients: (number | null)[][];
  within: Within;
}

interface Unit {
  key: string;
  document: number;
  /** The quote's turn, or -1 for text outside turns. */
  turn: number;
  parsed: ScopedCoding['doc']['parsed'];
  uri: string;
  informant?: string;
  /** Per code: the code point ranges of its codings in the unit. */
  codes: Map<string, [number, number][]>;
}

/**
 * The units of each transcript in turn, handed to `visit` one transcript at a time: a study's
 * units all at once took hundreds of megabytes on a thousand transcripts.
 */
function forEachDocumentUnits(project: Project, filter: AnalysisFilter, visit: (units: Unit[]) => void): void {
  let units = new Map<string, Unit>();
  let document = -1;
  forEachCoding(project, filter, (coding: ScopedCoding) => {
    if (coding.docNumber !== document) {
      if (units.size > 0) visit([...units.values()]);
      units = new Map();
      document = coding.docNumber;
    }
    const key = segmentKey(coding);
    let unit = units.get(key);
    if (!unit) units.set(key, (unit = { key, document: coding.docNumber, turn: coding.turn, parsed: coding.doc.parsed, uri: coding.doc.uri, informant: coding.informant, codes: new Map() }));
    const range: [number, number] = [coding.doc.parsed.plainStartOf(coding.coding), coding.doc.parsed.plainEndOf(coding.coding)];
    for (const path of coding.paths) {
      let ranges = unit.codes.get(path);
      if (!ranges) unit.codes.set(path, (ranges = []));
      ranges.push(range);
    }
  });
  if (units.size > 0) visit([...units.values()]);
}

function overlaps(a: [number, number][], b: [number, number][]): boolean {
  for (const [s1, e1] of a) for (const [s2, e2] of b) if (Math.max(s1, s2) < Math.min(e1, e2)) return true;
  return false;
}

export function cooccurrence(project: Project, options: CooccurrenceOptions = {}): Cooccurrence {
  const within = options.within ?? { kind: 'quote' };
  const filter = options.filter ?? {};
  const codes = codesInScope(project.codebook, filter);
  const index = new Map(codes.map((code, i) => [code, i]));
  const cells = codes.map(() => new Array<number>(codes.length).fill(0));
  forEachDocumentUnits(project, filter, (units) => {
    for (const unit of units) {
      const held = [...unit.codes.keys()].map((code) => index.get(code)!);
      for (const i of held) cells[i][i]++;
      if (within.kind === 'near') continue;
      for (const i of held) {
        for (const j of held) {
          if (i === j) continue;
          if (within.kind === 'overlap' && !overlaps(unit.codes.get(codes[i])!, unit.codes.get(codes[j])!)) continue;
          cells[i][j]++;
        }
      }
    }
    if (within.kind !== 'near') return;
    // The transcript's quotes holding each code; a quote of i counts once per j near it.
    // Quotes are numbered by their place among the document's quotes, so that the interviewer's turns between do not count.
    const quotes = units.filter((unit) => unit.turn >= 0);
    const order = quoteNumbers(quotes);
    for (const unit of quotes) {
      const near = new Set<number>([...unit.codes.keys()].map((c) => index.get(c)!));
      for (const other of quotes) {
        if (other !== unit && Math.abs(order.get(other)! - order.get(unit)!) <= within.quotes) for (const code of other.codes.keys()) near.add(index.get(code)!);
      }
      for (const code of unit.codes.keys()) {
        const i = index.get(code)!;
        for (const j of near) if (j !== i) cells[i][j]++;
      }
    }
  });
  return {
    codes,
    cells,
    coefficients: cells.map((line, i) => line.map((both, j) => {
      const either = cells[i][i] + cells[j][j] - both;
      return either === 0 ? null : Math.round((1000 * both) / either) / 1000;
    })),
    within,
  };
}

/** Each unit's place among its document's quotes (the units are of one document). */
function quoteNumbers(units: Unit[]): Map<Unit, number> {
  const numbers = new Map<Unit, number>();
  if (units.length === 0) return numbers;
  const parsed = units[0].parsed;
  const place: number[] = [];
  let n = 0;
  for (let t = 0; t < parsed.turnCount; t++) if (parsed.isQuote(t)) place[t] = n++;
  for (const unit of units) numbers.set(unit, place[unit.turn] ?? unit.turn);
  return numbers;
}

/** The quotes behind one cell: those holding both codes (as `within` reads them; near, the quotes of the first). */
export function cooccurrenceQuotes(project: Project, a: string, b: string, options: CooccurrenceOptions = {}): CellCoding[] {
  const within = options.within ?? { kind: 'quote' };
  const found: CellCoding[] = [];
  forEachDocumentUnits(project, options.filter ?? {}, (units) => {
    const quotes = units.filter((u) => u.turn >= 0);
    const order = within.kind === 'near' ? quoteNumbers(quotes) : undefined;
    for (const unit of units) {
      if (!unit.codes.has(a)) continue;
      const together =
        within.kind === 'near'
          ? unit.turn >= 0 && quotes.some((u) => u.codes.has(b) && Math.abs(order!.get(u)! - order!.get(unit)!) <= within.quotes)
          : unit.codes.has(b) && (within.kind !== 'overlap' || a === b || overlaps(unit.codes.get(a)!, unit.codes.get(b)!));
      if (!together) continue;
      const parsed = unit.parsed;
      const span = unit.turn >= 0 ? parsed.contentSpanOf(unit.turn) : undefined;
      const [start, end] = unit.codes.get(a)![0];
      const points = parsed.plainIndex.codePoints;
      found.push({
        uri: unit.uri,
        range: span ? parsed.lines.rangeOf(span) : parsed.lines.rangeOf({ start: parsed.plainIndex.toSourceStart(points.toUtf16(start)), end: parsed.plainIndex.toSourceEnd(points.toUtf16(end)) }),
        text: span ? parsed.plainIndex.sliceSource(span) : parsed.plainIndex.slice(points.toUtf16(start), points.toUtf16(end)),
        code: `${a} + ${b}`,
        ...(unit.informant ? { informant: unit.informant } : {}),
      });
    }
  });
  return found;
}
