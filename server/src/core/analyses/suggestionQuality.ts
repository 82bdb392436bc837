// How good the code suggestions are, measured against the researcher (docs/suggestions.md):
// K-fold cross-validation over the coded segments. Each segment (one coded extent with the set of
// its codes) falls in the fold given by a stable hash of its path and start; each fold's segments
// are predicted by the model trained on the other folds (the whole model minus the fold's counts).
// Per code: support, precision, recall and Cohen's kappa between the researcher and the suggester
// over every segment (the code present or absent); overall: the mean kappa over codes with
// support ≥ 5, micro F1 and top-3 recall.
import { cohen, mean, round } from './agreementMeasures';
import { predictedCodes, predictionDepth, SegmentCounts, type SegmentFeatures } from './suggestionModel';
import { projectSegments, suggestionModel, type CodedSegment, type SuggestionModel } from './suggestions';
import { stableHash } from './textFeatures';
import type { Project } from '../project/workspace';

export interface EvaluatedSegment {
  path: string;
  line: number;
  text: string;
  fold: number;
  /** The researcher's codes. */
  actual: string[];
  /** The suggester's. */
  predicted: string[];
}

export interface CodeQuality {
  /** Segments the researcher coded with the code. */
  support: number;
  /** Null where the suggester never predicted the code. */
  precision: number | null;
  recall: number | null;
  /** Null where chance agreement is 1 (docs/agreement.md). */
  kappa: number | null;
}

export interface SuggestionQuality {
  folds: number;
  segments: EvaluatedSegment[];
  /** Every code the researcher used, in codebook order. */
  codes: Record<string, CodeQuality>;
  overall: {
    /** Mean kappa over the codes with support ≥ `minSupport`; null with none. */
    macroKappa: number | null;
    /** F1 over every (segment, code) pair. */
    microF1: number | null;
    /** Share of the researcher's (segment, code) pairs whose code is among the segment's three best. */
    top3Recall: number | null;
  };
}

/** Codes with fewer segments than this are left out of `macroKappa`: their kappa rests on too few. */
export const minSupport = 5;

/** A segment's fold: a stable hash of its path and start, so that a fold holds the same segments from run to run. */
export function foldOf(segment: Pick<CodedSegment, 'path' | 'start'>, folds: number): number {
  return stableHash(`${segment.path}\u0000${segment.start}`) % folds;
}

export function evaluateSuggestions(project: Project, options: { folds?: number; model?: SuggestionModel } = {}): SuggestionQuality {
  const steps = evaluationSteps(project, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Segments read or predicted between two steps of `evaluationSteps`. */
const stepSize = 2000;

/**
 * The cross-validation in steps: it yields after every `stepSize` segments, so that a server can
 * let other work in between (and give up when the model changed meanwhile).
 */
export function* evaluationSteps(project: Project, options: { folds?: number; model?: SuggestionModel } = {}): Generator<void, SuggestionQuality> {
  const folds = Math.max(2, Math.floor(options.folds ?? 5));
  const model = options.model ?? suggestionModel(project);
  const segments = projectSegments(project);
  yield;
  const foldOfSegment = segments.map((s) => foldOf(s, folds));
  const predicted: string[][] = new Array(segments.length);
  const top3: string[][] = new Array(segments.length);
  for (let k = 0; k < folds; k++) {
    const members = segments.map((_, i) => i).filter((i) => foldOfSegment[i] === k);
    if (members.length === 0) continue;
    const features: SegmentFeatures[] = [];
    const without = new SegmentCounts();
    for (const i of members) {
      const f = model.featuresOf(segments[i]);
      features.push(f);
      without.add(f);
      if (features.length % stepSize === 0) yield;
    }
    const scorer = model.scorerWithout(without);
    yield;
    for (let m = 0; m < members.length; m++) {
      const i = members[m];
      const ranked = features[m].terms.features.length === 0 ? [] : scorer.rank(features[m].terms, predictionDepth);
      predicted[i] = predictedCodes(ranked, model.settings);
      top3[i] = ranked.slice(0, 3).map((r) => r.code);
      if ((m + 1) % stepSize === 0) yield;
    }
  }
  const evaluated = segments.map((s, i): EvaluatedSegment => ({ path: s.path, line: s.line, text: s.text, fold: foldOfSegment[i], actual: s.codes, predicted: predicted[i] }));
  return { folds, segments: evaluated, ...qualityOf(evaluated, top3, [...project.codebook.codes.keys()]) };
}

/** The figures of a list of evaluated segments; `top3` gives each segment's three best codes. */
export function qualityOf(segments: EvaluatedSegment[], top3: string[][], codeOrder: string[]): Pick<SuggestionQuality, 'codes' | 'overall'> {
  const used = new Set(segments.flatMap((s) => s.actual));
  const codes: Record<string, CodeQuality> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const order = [...codeOrder.filter((c) => used.has(c)), ...[...used].filter((c) => !codeOrder.includes(c)).sort()];
  // Each code's 2×2 table in one pass over the segments: researcher (first) against suggester (second).
  const tables = new Map(order.map((code) => [code, { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 }]));
  for (const s of segments) {
    for (const code of s.actual) {
      const table = tables.get(code)!;
      if (s.predicted.includes(code)) table.both++;
      else table.firstOnly++;
    }
    for (const code of s.predicted) {
      const table = tables.get(code);
      if (table && !s.actual.includes(code)) table.secondOnly++;
    }
  }
  for (const code of order) {
    const table = tables.get(code)!;
    table.neither = segments.length - table.both - table.firstOnly - table.secondOnly;
    tp += table.both;
    fp += table.secondOnly;
    fn += table.firstOnly;
    const support = table.both + table.firstOnly;
    const predictions = table.both + table.secondOnly;
    codes[code] = {
      support,
      precision: predictions === 0 ? null : round(table.both / predictions, 3),
      recall: support === 0 ? null : round(table.both / support, 3),
      kappa: round(cohen(table).kappa, 3),
    };
  }
  // Predictions of codes the researcher never used are false positives too (none so far: only used codes are scored).
  for (const s of segments) for (const code of s.predicted) if (!used.has(code)) fp++;
  let found = 0;
  let actual = 0;
  segments.forEach((s, i) => {
    actual += s.actual.length;
    found += s.actual.filter((c) => top3[i]?.includes(c)).length;
  });
  return {
    codes,
    overall: {
      macroKappa: round(mean(order.filter((c) => codes[c].support >= minSupport).map((c) => codes[c].kappa)), 3),
      microF1: tp + fp + fn === 0 ? null : round((2 * tp) / (2 * tp + fp + fn), 3),
      top3Recall: actual === 0 ? null : round(found / actual, 3),
    },
  };
}
