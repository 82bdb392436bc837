// Code suggestions learned from the study itself (docs/suggestions.md): for each untagged quote,
// the codes whose coded passages its words resemble most, with a score, and the passages that
// resemble it most as the reason. Nothing leaves the machine; the model (suggestionModel.ts) is
// trained on the project's own coded segments and codebook, and follows the project edit by edit.
import type { Codebook } from '../model/codebook';
import type { IndexedDocument, QuoteRef } from '../project/projectIndex';
import type { Project } from '../project/workspace';
import { codebookFeatures, defaultModelSettings, Scorer, SegmentCounts, similarity, type CodebookFeatures, type ModelSettings, type SegmentFeatures } from './suggestionModel';
import { FeatureExtractor, type TermCounts } from './textFeatures';

/** One coded extent of a transcript with the set of its codes (codebook codes only). */
export interface CodedSegment {
  /** The transcript's path in the project. */
  path: string;
  uri: string;
  /** Start and end of the coded text in the plain text, in code points. */
  start: number;
  end: number;
  /** 1-based line where the coded text starts. */
  line: number;
  text: string;
  /** Sorted, each once. */
  codes: string[];
}

/**
 * A transcript's coded segments, in the order of their start: the codings of one extent (a span,
 * a whole turn, a paragraph) together. Codes missing from the codebook are left out, and so is a
 * segment left with none.
 */
export function codedSegments(project: Project, doc: IndexedDocument, codebook: Codebook = project.codebook): CodedSegment[] {
  const parsed = doc.parsed;
  const byExtent = new Map<string, CodedSegment>();
  for (let i = 0; i < parsed.codingCount; i++) {
    const code = parsed.codeOfCoding(i);
    if (!codebook.codes.has(code)) continue;
    const start = parsed.plainStartOf(i);
    const end = parsed.plainEndOf(i);
    const key = `${start}:${end}`;
    let segment = byExtent.get(key);
    if (!segment) {
      const textStart = parsed.textStartOf(i);
      const text = parsed.plainIndex.sliceSource({ start: textStart, end: parsed.textEndOf(i) });
      byExtent.set(key, (segment = { path: project.pathOf(doc.uri), uri: doc.uri, start, end, line: parsed.lines.positionAt(textStart).line + 1, text, codes: [] }));
    }
    if (!segment.codes.includes(code)) segment.codes.push(code);
  }
  const segments = [...byExtent.values()];
  for (const segment of segments) segment.codes.sort();
  return segments.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every coded segment of the project, transcript by transcript in path order. */
export function projectSegments(project: Project): CodedSegment[] {
  return sortedDocuments(project).flatMap((doc) => codedSegments(project, doc));
}

export function sortedDocuments(project: Project): IndexedDocument[] {
  return [...project.index.documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/**
 * A project's model, kept up to date by the documents that leave and enter its index: an edit
 * re-reads the words of one transcript, never the study. A new codebook means training again.
 */
export class SuggestionModel {
  readonly counts = new SegmentCounts();
  readonly extractor: FeatureExtractor;
  readonly codebookFeatures: CodebookFeatures;
  readonly codebook: Codebook;
  private scorerCache: Scorer | undefined;
  /** Each code's passages with their features, once asked for, until a transcript holding the code changes. */
  private readonly passagesOfCode = new Map<string, PassageFeatures[]>();
  /** Increases with every change of the counts: what was computed from an older model is stale. */
  version = 0;
  /**
   * A document's text could not be read as it left or entered the index (a long transcript kept
   * on disk whose file changed before the workspace read it again): the counts are no longer the
   * index's, and `liveSuggestionModel` makes the model again.
   */
  stale = false;
  private dispose: () => void = () => undefined;

  constructor(
    readonly project: Project,
    readonly settings: ModelSettings = defaultModelSettings,
    extractor: FeatureExtractor = new FeatureExtractor(),
    follow = true,
  ) {
    this.extractor = extractor;
    this.codebook = project.codebook;
    this.codebookFeatures = codebookFeatures(this.codebook, extractor);
    for (const doc of project.index.documents.values()) this.apply(doc, 1);
    if (follow) this.dispose = project.index.observe((doc, change) => this.apply(doc, change));
  }

  /** The segments' features, for the counts and for scoring a fold. */
  featuresOf(segment: CodedSegment): SegmentFeatures {
    return { terms: this.extractor.countsOf(segment.text), codes: segment.codes };
  }

  private apply(doc: IndexedDocument, change: 1 | -1): void {
    if (this.stale) return;
    this.scorerCache = undefined;
    this.version++;
    try {
      for (const segment of codedSegments(this.project, doc, this.codebook)) {
        // Added at once: the features need no arrays of their own.
        this.counts.add({ terms: this.extractor.passingCountsOf(segment.text), codes: segment.codes }, change);
        for (const code of segment.codes) this.passagesOfCode.delete(code);
      }
    } catch {
      // Never out of the index's change: the model is made again from the index on its next use.
      this.stale = true;
      this.passagesOfCode.clear();
      this.dispose();
    }
  }

  /** A code's coded passages, transcript by transcript in order, with their features. */
  passagesOf(code: string): PassageFeatures[] {
    let passages = this.passagesOfCode.get(code);
    if (!passages) {
      // A transcript holds a segment of a codebook code exactly when the index lists a coding of
      // it there: the index's list, rather than a second one kept here (a million entries on a
      // study of 10,000 transcripts).
      const uris = this.codebook.codes.has(code) ? this.project.index.documentsWithCode(code).sort() : [];
      passages = uris.flatMap((uri) => {
        const doc = this.project.index.documents.get(uri);
        return doc ? passagesOfCode(this.project, doc, code).map((passage): PassageFeatures => ({ passage, terms: this.extractor.countsOf(passage.text) })) : [];
      });
      this.passagesOfCode.set(code, passages);
    }
    return passages;
  }

  /** The scorer of the whole model, made on the first request after a change. */
  scorer(): Scorer {
    return (this.scorerCache ??= new Scorer(this.counts, this.codebookFeatures, this.settings));
  }

  /** The scorer of the model without some segments' counts (a fold, a transcript left out). */
  scorerWithout(without: SegmentCounts): Scorer {
    return new Scorer(this.counts, this.codebookFeatures, this.settings, without);
  }

  stop(): void {
    this.dispose();
  }
}

const liveModels = new WeakMap<Project, SuggestionModel>();

/** The project's live model: made on first use, rebuilt for a new codebook. */
export function suggestionModel(project: Project): SuggestionModel {
  const model = liveModels.get(project);
  if (model && model.codebook === project.codebook && !model.stale) return model;
  model?.stop();
  const fresh = new SuggestionModel(project);
  liveModels.set(project, fresh);
  return fresh;
}

export interface Passage {
  path: string;
  /** 1-based line where the passage starts. */
  line: number;
  text: string;
}

export interface CodeSuggestion {
  code: string;
  /** Cosine similarity of the quote to the code's centroid, 0 to 1, rounded to three decimals. */
  score: number;
  /** The code's coded passages most like the quote, most alike first. */
  because: Passage[];
}

export interface QuoteSuggestions {
  path: string;
  /** 1-based line of the quote's speaker label. */
  line: number;
  informant: string | null;
  text: string;
  codes: CodeSuggestion[];
}

export interface SuggestOptions {
  /** Codes per quote (default 3). */
  codes?: number;
  /** Passages given as the reason, per code (default 2). */
  because?: number;
}

/** The text of a quote: its turn's words after the label, without markup. */
export function quoteText(doc: IndexedDocument, turn: number): string {
  return doc.parsed.plainIndex.sliceSource(doc.parsed.contentSpanOf(turn));
}

/** Suggestions for the given quotes (by default every untagged quote of the project), in the project's order. */
export function suggestCodes(project: Project, quotes: QuoteRef[] = project.index.untaggedQuotes(), options: SuggestOptions = {}, model: SuggestionModel = suggestionModel(project)): QuoteSuggestions[] {
  const scorer = model.scorer();
  const reasons = new PassageFinder(model, scorer);
  const result: QuoteSuggestions[] = [];
  for (const quote of quotes) {
    const doc = project.index.documents.get(quote.uri);
    if (!doc) continue;
    const text = quoteText(doc, quote.index);
    const terms = model.extractor.countsOf(text);
    const ranked = terms.features.length === 0 ? [] : scorer.rank(terms, options.codes ?? 3);
    result.push({
      path: project.pathOf(quote.uri),
      line: doc.parsed.lines.positionAt(doc.parsed.turnStartOf(quote.index)).line + 1,
      informant: quote.informant ?? null,
      text,
      codes: ranked.map((r) => ({ code: r.code, score: round3(r.score), because: reasons.closest(r.code, terms, options.because ?? 2) })),
    });
  }
  return result;
}

/** A coded passage, its features, and its TF-IDF weights under the last scorer that read it. */
interface PassageFeatures {
  passage: Passage;
  terms: TermCounts;
  weights?: { scorer: Scorer; weights: Float64Array };
}

/** A code's coded passages most like a text. */
class PassageFinder {
  constructor(
    private readonly model: SuggestionModel,
    private readonly scorer: Scorer,
  ) {}

  closest(code: string, terms: TermCounts, count: number): Passage[] {
    const weights = this.scorer.queryWeights(terms);
    const scorer = this.scorer;
    return this.model
      .passagesOf(code)
      .map((p, order) => {
        if (p.weights?.scorer !== scorer) p.weights = { scorer, weights: scorer.queryWeights(p.terms) };
        return { passage: p.passage, order, score: similarity(scorer, terms, p.terms, weights, p.weights.weights) };
      })
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, count)
      .map(({ passage }) => passage);
  }
}

/** The coded extents of one code in a transcript, in order, each once. */
function passagesOfCode(project: Project, doc: IndexedDocument, code: string): Passage[] {
  const parsed = doc.parsed;
  const seen = new Set<string>();
  const passages: { start: number; end: number; passage: Passage }[] = [];
  for (let i = 0; i < parsed.codingCount; i++) {
    if (parsed.codeOfCoding(i) !== code) continue;
    const start = parsed.plainStartOf(i);
    const end = parsed.plainEndOf(i);
    if (seen.has(`${start}:${end}`)) continue;
    seen.add(`${start}:${end}`);
    const textStart = parsed.textStartOf(i);
    const text = parsed.plainIndex.sliceSource({ start: textStart, end: parsed.textEndOf(i) });
    passages.push({ start, end, passage: { path: project.pathOf(doc.uri), line: parsed.lines.positionAt(textStart).line + 1, text } });
  }
  return passages.sort((a, b) => a.start - b.start || a.end - b.end).map((p) => p.passage);
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
