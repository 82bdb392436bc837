// Inter-coder agreement: how far two or more coders, each with a copy of the same project, coded
// the same transcripts alike (docs/agreement.md has the formulas). Transcripts are matched by
// their path in the project and compared only where their plain text is identical.
//
// Two units. By character (NVivo's): every character of the plain text is coded with a code, or
// not, by each coder. By quote: every quote a coder reviewed (it has a tag block, `{-}` included)
// holds a code if any coding of the code lies in it. A code counts its codebook sub-codes (a theme
// holds a quote if any of its codes does). Per code: percent agreement and Cohen's kappa for each
// pair of coders (their mean, with more than two), and Krippendorff's alpha (nominal) for all.
// The measures themselves are in agreementMeasures.ts; what a quote holds, in quoteCodes.ts.
import { addTable, Coincidences, cohen, coverage, emptyTable, lengthOf, measureOf, merged, overlap, round, type Measure, type PairTable } from './agreementMeasures';
import type { Codebook } from '../model/codebook';
import { isWithin } from '../model/codePath';
import { excerpt } from '../text/excerpt';
import { copyOut } from '../text/intern';
import { HeldCodes, noneOfTheme, QuoteCodes } from './quoteCodes';
import { RevisedTranscript } from '../model/revisedTranscript';
import type { ParsedTranscript } from '../model/transcript';
import type { Project } from '../project/workspace';

export type AgreementUnit = 'character' | 'quote';
export type { Measure } from './agreementMeasures';

/** One coder: a name (the folder or the revision) and the project as that coder has it. */
export interface Coder {
  name: string;
  project: Project;
}

/** What the comparison reads of a coder's copy: the codebook, and each transcript by its path in the project. */
export interface CoderCopy {
  name: string;
  codebook: Codebook;
  transcripts: Map<string, CoderTranscript>;
}

/**
 * A coder's transcript: parsed whole, or (by quote) the first coder's parse with the chunks this
 * coder wrote differently parsed apart (`revisedTranscript.ts`), which reads far less text.
 */
export type CoderTranscript = ParsedTranscript | RevisedTranscript;

/** The copy the comparison reads of a coder's project. */
export function copyOfProject(coder: Coder): CoderCopy {
  const transcripts = new Map<string, CoderTranscript>();
  for (const [uri, doc] of coder.project.index.documents) transcripts.set(coder.project.pathOf(uri), doc.parsed);
  return { name: coder.name, codebook: coder.project.codebook, transcripts };
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

// ---- matching the coders' transcripts ------------------------------------------------------------

interface Matched {
  path: string;
  /** The first coder's transcript, parsed whole: where disagreements are shown. */
  first: ParsedTranscript;
  /** Each coder's transcript, in coder order (the first is `first`). */
  transcripts: CoderTranscript[];
  /** The plain text's length in code points. */
  length: number;
}

/** A transcript as each coder has it (undefined: the coder has none), matched for comparing or left out with the reason. */
function matchTranscript(path: string, names: string[], unit: AgreementUnit, each: (CoderTranscript | undefined)[]): Matched | SkippedTranscript {
  const missing = names.filter((_, c) => each[c] === undefined);
  if (missing.length > 0) return { path, reason: `not in ${missing.join(', ')}` };
  const transcripts = each as CoderTranscript[];
  const first = transcripts[0];
  if (first instanceof RevisedTranscript) throw new TypeError(`the first coder's ${path} must be parsed whole`);
  // A revised transcript was checked against the first coder's as it was made: same text, same turns.
  const whole: ParsedTranscript[] = [];
  for (const transcript of transcripts) {
    if (!(transcript instanceof RevisedTranscript)) whole.push(transcript);
    else if (transcript.base !== first) throw new TypeError(`a coder's ${path} is revised from another transcript than the first coder's`);
    else if (unit === 'character') throw new TypeError(`by character, each coder's ${path} must be parsed whole`);
  }
  const differing = whole.findIndex((p) => p !== first && !p.plainIndex.samePlainText(first.plainIndex));
  if (differing >= 0) {
    const other = transcripts.indexOf(whole[differing]);
    return { path, reason: firstDifference(first, first.plainText, whole[differing].plainText, names[0], names[other]) };
  }
  const turnsDiffer = whole.some((p) => {
    if (p === first) return false;
    if (p.turnCount !== first.turnCount) return true;
    for (let t = 0; t < p.turnCount; t++) if (p.speakerOf(t) !== first.speakerOf(t) || p.isQuote(t) !== first.isQuote(t)) return true;
    return false;
  });
  if (turnsDiffer) return { path, reason: 'the same text, but the coders read its speaker turns differently (the interviewer or the speaker labels differ)' };
  return { path, first, transcripts, length: first.plainIndex.codePoints.toCodePoint(first.plainIndex.length) };
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
function codebookPaths(codebooks: Codebook[]): { paths: string[]; depth: Map<string, number> } {
  const depth = new Map<string, number>();
  for (const codebook of codebooks) for (const code of codebook.codes.values()) if (!depth.has(code.path)) depth.set(code.path, code.depth);
  return { paths: [...depth.keys()], depth };
}

/** For each code written, the codebook codes it counts for: itself and the codes above it. */
function ancestorsOf(paths: string[]): (code: string) => string[] {
  const place = new Map(paths.map((p, i) => [p, i]));
  const cache = new Map<string, string[]>();
  return (code) => {
    let list = cache.get(code);
    if (list) return list;
    list = [];
    // The code and each path above it ('a/b/c': 'a/b', 'a') that the codebooks hold, in codebook order.
    if (place.has(code)) for (let end = code.length; end > 0; end = code.lastIndexOf('/', end - 1)) if (place.has(code.slice(0, end))) list.push(code.slice(0, end));
    list.sort((a, b) => place.get(a)! - place.get(b)!);
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
  /**
   * By quote, a code's units for alpha not yet in `coincidences`: how many quotes had r reviewers
   * of whom `ones` held the code, at r * (coders + 1) + ones (added in bulk by `addQuoteValues`).
   */
  quoteValues?: number[];
}

const yes = '1';
const no = '0';

/** The agreement of coders' projects as they are loaded (the language server's, and the tests'). */
export function agreement(coders: Coder[], unit: AgreementUnit): AgreementReport {
  return agreementOfCopies(coders.map(copyOfProject), unit);
}

/** The agreement of coders' copies; by character, every transcript must be parsed whole. */
export function agreementOfCopies(coders: CoderCopy[], unit: AgreementUnit): AgreementReport {
  const count = new AgreementCount(
    coders.map((c) => c.name),
    coders.map((c) => c.codebook),
    unit,
  );
  const paths = [...new Set(coders.flatMap((coder) => [...coder.transcripts.keys()]))].sort();
  for (const path of paths) count.add(path, coders.map((coder) => coder.transcripts.get(path)));
  return count.report();
}

/**
 * Agreement counted one transcript at a time, so that a caller may let each go once it is added
 * (`qda agree` never holds a whole study). Transcripts are added in the order of their paths.
 */
export class AgreementCount {
  private readonly context: CompareContext;
  private readonly documents: string[] = [];
  private readonly skipped: SkippedTranscript[] = [];
  private readonly byDocument: { path: string; codes: Record<string, Measure> }[] = [];

  constructor(
    private readonly names: string[],
    codebooks: Codebook[],
    private readonly unit: AgreementUnit,
  ) {
    const { paths, depth } = codebookPaths(codebooks);
    const pairs = pairsOf(names.length);
    const tallies = new Map(paths.map((p): [string, Tally] => [p, { tables: pairs.map(emptyTable), coded: names.map(() => 0), coincidences: new Coincidences(), touched: 0 }]));
    const order = new Map(paths.map((p, i) => [p, i]));
    const counted = ancestorsOf(paths);
    this.context = {
      coderCount: names.length,
      pairs,
      paths,
      counted,
      tallies,
      disagreements: [],
      pairUnits: pairs.map(() => 0),
      alphaUnits: 0,
      order,
      tallyAt: paths.map((p) => tallies.get(p)!),
      depth: paths.map((p) => depth.get(p)!),
      quoteCodes: new QuoteCodes(paths, order, counted),
      unanimous: [],
    };
  }

  /** A transcript as each coder has it (undefined: the coder has none). */
  add(path: string, transcripts: (CoderTranscript | undefined)[]): void {
    const doc = matchTranscript(path, this.names, this.unit, transcripts);
    if (!('first' in doc)) {
      this.skipped.push(doc);
      return;
    }
    this.documents.push(path);
    if (this.unit === 'character') this.byDocument.push({ path, codes: tallyCharacters(doc, this.context) });
    else tallyQuotes(doc, this.context);
  }

  /** The report, once every transcript is added (made once; later calls give the same). */
  report(): AgreementReport {
    return (this.made ??= this.makeReport());
  }

  private made: AgreementReport | undefined;

  private makeReport(): AgreementReport {
    const { names, unit, context } = this;
    const { paths, pairs, pairUnits, alphaUnits, tallyAt } = context;
    addUnanimous(context);
    addQuoteValues(context);
    // Every unit no coder coded with a code was left out so far: each is "neither" for every
    // pair, and one value "not coded" (or "none of the theme's codes") from each coder for alpha.
    tallyAt.forEach((tally, p) => {
      tally.tables.forEach((table, k) => (table.neither = pairUnits[k] - table.both - table.firstOnly - table.secondOnly));
      const absent = unit === 'quote' && context.depth[p] === 0 ? noneOfTheme : no;
      const untouched = alphaUnits - tally.touched;
      // By character: that many characters, each "not coded" by every coder. By quote: that many
      // values of quotes whose reviewers all gave "absent"; a unit of m alike values adds m to o(absent, absent).
      if (unit === 'character') tally.coincidences.addPair(yes, 0, absent, names.length, untouched);
      else tally.coincidences.addAlike(absent, untouched);
    });
    // Pooled overall: the codes, not the themes that repeat them (a theme without codes counts).
    const overall: Tally = { tables: pairs.map(emptyTable), coded: names.map(() => 0), coincidences: new Coincidences(), touched: 0 };
    paths.forEach((path, p) => {
      if (context.depth[p] === 0 && paths.some((q) => q !== path && isWithin(q, path))) return;
      const tally = tallyAt[p];
      tally.tables.forEach((t, k) => addTable(overall.tables[k], t));
      tally.coded.forEach((n, c) => (overall.coded[c] += n));
      overall.coincidences.addAll(tally.coincidences);
    });
    const withPairs = (t: Tally) => ({
      ...measureOf(t.tables, t.coincidences, t.coded),
      pairs: t.tables.map((table, k) => {
        const c = cohen(table);
        return { coders: [names[pairs[k][0]], names[pairs[k][1]]] as [string, string], percentAgreement: round(c.percentAgreement, 2), kappa: round(c.kappa, 3), units: c.units };
      }),
    });
    return {
      coders: names,
      unit,
      documents: this.documents,
      skipped: this.skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      codes: Object.fromEntries(paths.map((path, p) => [path, withPairs(tallyAt[p])])),
      overall: withPairs(overall),
      ...(unit === 'character' ? { byDocument: this.byDocument } : {}),
      disagreements: context.disagreements,
    };
  }
}

function pairsOf(coderCount: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < coderCount; i++) for (let j = i + 1; j < coderCount; j++) pairs.push([i, j]);
  return pairs;
}

interface CompareContext {
  coderCount: number;
  pairs: [number, number][];
  paths: string[];
  counted: (code: string) => string[];
  tallies: Map<string, Tally>;
  disagreements: Disagreement[];
  /** Units compared by each pair so far: characters, or quotes both reviewed. */
  pairUnits: number[];
  /** By character: characters so far; by quote: values of pairable quotes so far. */
  alphaUnits: number;
  /** Each codebook code's place in `paths`. */
  order: Map<string, number>;
  /** By place in `paths`: the tally, and the depth (0: a theme). */
  tallyAt: Tally[];
  depth: number[];
  quoteCodes: QuoteCodes;
  /** Quotes every coder has alike, by place in `paths`: how many hold the code, and each theme's values. */
  /** What the quotes every coder has alike hold, each once (`HeldCodes.unanimous` counts the quotes). */
  unanimous: HeldCodes[];
}

/** One transcript by character; gives its own figures for the codes anyone used in it. */
function tallyCharacters(doc: Matched, context: CompareContext): Record<string, Measure> {
  const { coderCount, pairs, counted, tallies } = context;
  const parses = doc.transcripts as ParsedTranscript[]; // by character, parsed whole (matchTranscripts)
  // Each coder's coded characters, per codebook code (with its sub-codes).
  const lists = parses.map((parsed) => {
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
  const first = doc.first;
  for (let t = 0; t < first.turnCount; t++) {
    if (!first.isQuote(t) || parses.every((parsed) => parsed.codingCountOf(t) === 0)) continue;
    // Per coder: the characters of the quote each codebook code covers, as text to compare.
    const covered = parses.map((parsed) => {
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
    if (differ.length > 0) context.disagreements.push(disagreementAt(doc, t, parses.map((parsed) => codesIn(parsed, t)), differ));
  }
  return own;
}

/** One transcript by quote: only the codes some coder used in a quote are visited for it. */
function tallyQuotes(doc: Matched, context: CompareContext): void {
  const { pairs, tallyAt, depth } = context;
  const { first, transcripts } = doc;
  // Most quotes are left as the first coder wrote them by every other coder: counted in bulk. Only
  // coders with the first coder's parse itself or a revision of it can have a quote unchanged.
  const revisions: RevisedTranscript[] = [];
  let mayBeUnchanged = true;
  for (const transcript of transcripts) {
    if (transcript instanceof RevisedTranscript) revisions.push(transcript);
    else if (transcript !== first) mayBeUnchanged = false;
  }
  for (let t = 0; t < first.turnCount; t++) {
    if (!first.isQuote(t)) continue;
    if (mayBeUnchanged && unchangedByAll(revisions, t)) {
      tallyUnanimousQuote(first, t, context);
      continue;
    }
    // Each coder's turn: in the coder's own parse, or in the changes of a revised transcript.
    const coders = transcripts.length;
    const written: (string[] | null)[] = new Array(coders);
    const held: (HeldCodes | undefined)[] = new Array(coders);
    let reviewers = 0;
    for (let c = 0; c < coders; c++) {
      const transcript = transcripts[c];
      const parsed = transcript instanceof RevisedTranscript ? transcript.parsedOf(t) : transcript;
      const turn = transcript instanceof RevisedTranscript ? transcript.turnOf(t) : t;
      written[c] = parsed.tagBlockCountOf(turn) > 0 ? codesIn(parsed, turn) : null;
      held[c] = written[c] === null ? undefined : context.quoteCodes.of(written[c]!);
      if (held[c]) reviewers++;
    }
    for (let k = 0; k < pairs.length; k++) if (held[pairs[k][0]] && held[pairs[k][1]]) context.pairUnits[k]++;
    if (reviewers >= 2) context.alphaUnits += reviewers;
    const touched = context.quoteCodes.union(held);
    const differ: string[] = [];
    const has: boolean[] = new Array(coders);
    for (const p of touched) {
      const tally = tallyAt[p];
      let ones = 0;
      for (let c = 0; c < coders; c++) {
        has[c] = held[c] !== undefined && held[c]!.paths.includes(p);
        if (has[c]) {
          ones++;
          tally.coded[c]++;
        }
      }
      for (let k = 0; k < pairs.length; k++) {
        const [i, j] = pairs[k];
        if (!held[i] || !held[j]) continue;
        if (has[i] && has[j]) tally.tables[k].both++;
        else if (has[i]) tally.tables[k].firstOnly++;
        else if (has[j]) tally.tables[k].secondOnly++;
      }
      if (reviewers < 2) continue;
      tally.touched += reviewers;
      if (depth[p] !== 0) {
        const values = (tally.quoteValues ??= new Array<number>((coders + 1) ** 2).fill(0));
        values[reviewers * (coders + 1) + ones]++;
      } else tally.coincidences.addValues(held.map((h) => h?.themeValue(p)));
      // A disagreement on the code: some reviewer holds it and another does not.
      if (ones > 0 && ones < reviewers) differ.push(context.paths[p]);
    }
    if (reviewers >= 2 && differ.length > 0) context.disagreements.push(disagreementAt(doc, t, written, differ));
  }
}

function unchangedByAll(revisions: RevisedTranscript[], turn: number): boolean {
  for (const revision of revisions) if (!revision.isUnchanged(turn)) return false;
  return true;
}

/** A quote every coder has as the first coder wrote it: counted in `context.unanimous`, added up by `addUnanimous`. */
function tallyUnanimousQuote(first: ParsedTranscript, t: number, context: CompareContext): void {
  if (first.tagBlockCountOf(t) === 0) return;
  const coders = context.coderCount;
  for (let k = 0; k < context.pairUnits.length; k++) context.pairUnits[k]++;
  if (coders >= 2) context.alphaUnits += coders;
  // Most quotes carry one coding: its code is the key, with no list made.
  const held = first.codingCountOf(t) === 1 ? context.quoteCodes.ofOne(first.codeOfCoding(first.firstCodingOf(t))) : context.quoteCodes.of(codesIn(first, t));
  // What one code holds is made once and counted; what several hold is counted in at once (it is
  // made for this quote, and not kept).
  if (!held.shared) addHeld(context, held, 1);
  else if (held.unanimous++ === 0) context.unanimous.push(held);
}

/** The unanimous quotes into the tallies: each a unit all pairs agree on, its m values alike for alpha. */
function addUnanimous(context: CompareContext): void {
  for (const held of context.unanimous) {
    addHeld(context, held, held.unanimous);
    held.unanimous = 0;
  }
  context.unanimous.length = 0;
}

/** `n` quotes every coder has alike, holding these codes. */
function addHeld(context: CompareContext, held: HeldCodes, n: number): void {
  const coders = context.coderCount;
  for (const p of held.paths) {
    const tally = context.tallyAt[p];
    for (const table of tally.tables) table.both += n;
    for (let c = 0; c < coders; c++) tally.coded[c] += n;
    if (coders < 2) continue;
    tally.touched += coders * n;
    tally.coincidences.addAlike(context.depth[p] !== 0 ? yes : held.themeValue(p), coders * n);
  }
}

/** Each code's quotes of r reviewers, `ones` of whom held it, into its coincidences: as adding them one by one. */
function addQuoteValues(context: CompareContext): void {
  const width = context.coderCount + 1;
  for (const tally of context.tallyAt) {
    const values = tally.quoteValues;
    if (!values) continue;
    for (let r = 2; r < width; r++) for (let ones = 0; ones <= r; ones++) tally.coincidences.addPair(yes, ones, no, r - ones, values[r * width + ones]);
    tally.quoteValues = undefined;
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
  const parsed = doc.first;
  return {
    path: doc.path,
    line: parsed.lines.positionAt(parsed.turnStartOf(turn)).line + 1,
    turn,
    speaker: parsed.speakerOf(turn),
    // A copy, not a view into the transcript's text, which would keep all of it alive.
    text: copyOut(excerpt(parsed.plainIndex.sliceSource(parsed.contentSpanOf(turn)), 200)),
    codes,
    differ,
  };
}
