// The model behind the code suggestions (docs/suggestions.md): a centroid per code (Rocchio's
// classifier) in a TF-IDF space of character n-grams, compared by cosine. It learns from the
// study's coded segments, each the words of one coded extent with the set of its codes, and from
// each code's entry in the codebook.
//
// What is kept are whole numbers only: how many segments hold each feature (for the IDF), and
// per code the sum of its segments' length-normalised term weights, in fixed point. Adding or
// removing a segment adds or subtracts its numbers, so a model updated edit by edit is exactly the
// model trained from scratch, and the model without some segments (a fold of the cross-validation,
// a transcript left out) is the whole model minus theirs. The weights that scoring needs (IDF,
// the codes' norms, an inverted index of features) are made from these numbers when first asked
// after a change: that reads no text.
import type { Codebook } from '../model/codebook';
import { FeatureExtractor, featureSpace, type TermCounts } from './textFeatures';

/** Fixed-point scale of a segment's normalised weights: sums of integers add and subtract exactly. */
const scale = 1 << 16;

/** What a segment adds to the model: its features and the codes it holds. */
export interface SegmentFeatures {
  terms: TermCounts;
  codes: readonly string[];
}

/**
 * Sums by feature, in an open-addressing table of typed arrays: a study's codes hold millions of
 * (feature, sum) pairs, which a Map per code holds at several times the memory and time. A sum
 * that comes back to zero keeps its slot; `forEach` skips it.
 */
export class FeatureSums {
  private keys = new Int32Array(16).fill(-1);
  private values = new Float64Array(16);
  private used = 0;

  private slot(feature: number): number {
    const mask = this.keys.length - 1;
    let at = Math.imul(feature, 0x9e3779b1) >>> 0 & mask;
    while (this.keys[at] !== -1 && this.keys[at] !== feature) at = (at + 1) & mask;
    return at;
  }

  get(feature: number): number {
    const at = this.slot(feature);
    return this.keys[at] === feature ? this.values[at] : 0;
  }

  add(feature: number, by: number): void {
    let at = this.slot(feature);
    if (this.keys[at] !== feature) {
      if (2 * (this.used + 1) > this.keys.length) {
        this.grow();
        at = this.slot(feature);
      }
      this.keys[at] = feature;
      this.used++;
    }
    this.values[at] += by;
  }

  /** Each feature whose sum is not zero, in no particular order. */
  forEach(callback: (feature: number, sum: number) => void): void {
    for (let at = 0; at < this.keys.length; at++) if (this.keys[at] !== -1 && this.values[at] !== 0) callback(this.keys[at], this.values[at]);
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.values = new Float64Array(keys.length * 2);
    for (let at = 0; at < keys.length; at++) {
      if (keys[at] === -1) continue;
      const to = this.slot(keys[at]);
      this.keys[to] = keys[at];
      this.values[to] = values[at];
    }
  }
}

/** Per code: its segments and the sum of their normalised weights (fixed point), by feature. */
interface CodeSums {
  segments: number;
  sums: FeatureSums;
}

/**
 * A segment's weights: 1 + ln(count), divided by their Euclidean norm, in fixed point. In `into`
 * when given and long enough (a view of it, overwritten by the next call): training weighs every
 * segment of a study and keeps none of the arrays.
 */
function normalisedWeights(terms: TermCounts, into?: { array: Int32Array }): Int32Array {
  const { counts } = terms;
  let norm = 0;
  for (let i = 0; i < counts.length; i++) norm += (1 + Math.log(counts[i])) ** 2;
  norm = Math.sqrt(norm);
  if (into && into.array.length < counts.length) into.array = new Int32Array(counts.length * 2);
  const out = into ? into.array.subarray(0, counts.length) : new Int32Array(counts.length);
  for (let i = 0; i < counts.length; i++) out[i] = Math.round((scale * (1 + Math.log(counts[i]))) / norm);
  return out;
}

/** The weights of the segment being added (`normalisedWeights`). */
const segmentWeights = { array: new Int32Array(1024) };

/**
 * The integer counts of a set of segments. `add` and `remove` are exact inverses: a model is the
 * same whatever order its segments came in.
 */
export class SegmentCounts {
  segmentCount = 0;
  /** Segments holding each feature, over all segments (4 MB: read for every feature of every text scored). */
  readonly documentFrequency = new Int32Array(featureSpace);
  readonly codes = new Map<string, CodeSums>();

  add(segment: SegmentFeatures, sign: 1 | -1 = 1): void {
    if (segment.codes.length === 0) return;
    const { features } = segment.terms;
    const weights = normalisedWeights(segment.terms, segmentWeights);
    this.segmentCount += sign;
    for (let i = 0; i < features.length; i++) this.documentFrequency[features[i]] += sign;
    for (const code of segment.codes) {
      let entry = this.codes.get(code);
      if (!entry) this.codes.set(code, (entry = { segments: 0, sums: new FeatureSums() }));
      entry.segments += sign;
      for (let i = 0; i < features.length; i++) entry.sums.add(features[i], sign * weights[i]);
      if (entry.segments === 0) this.codes.delete(code);
    }
  }

  remove(segment: SegmentFeatures): void {
    this.add(segment, -1);
  }

  /** A canonical picture of the counts, to compare two models. */
  snapshot(): unknown {
    const entries = (sums: FeatureSums) => {
      const list: [number, number][] = [];
      sums.forEach((f, v) => list.push([f, v]));
      return list.sort((a, b) => a[0] - b[0]);
    };
    const df: [number, number][] = [];
    this.documentFrequency.forEach((v, f) => v !== 0 && df.push([f, v]));
    return {
      segments: this.segmentCount,
      documentFrequency: df,
      codes: [...this.codes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, e]) => [code, e.segments, entries(e.sums)]),
    };
  }
}

/** How the model weighs its evidence; the defaults were chosen by measurement (docs/suggestions.md). */
export interface ModelSettings {
  /** How many segments' worth a code's codebook entry (label, description, include, example) counts for. */
  codebookWeight: number;
  /** How strongly a code's `exclude` text counts against it (a negative example, as in Rocchio's formula). */
  excludeWeight: number;
  /** Codes other than the best predicted too when their score is at least this share of the best's. */
  relativeCut: number;
  /** Codes other than the best predicted too when their score is at least this (0: none). */
  absoluteCut: number;
  /** The fewest coded segments a code needs before it is suggested. */
  minSegments: number;
  /** Score a text by its this many heaviest features only (0: all of them). */
  queryFeatures: number;
}

export const defaultModelSettings: ModelSettings = { codebookWeight: 2, excludeWeight: 0.5, relativeCut: 1, absoluteCut: 0, minSegments: 1, queryFeatures: 0 };

/** A code's codebook entry as features: what speaks for it and what against it. */
export interface CodebookFeatures {
  positive: Map<string, TermCounts>;
  negative: Map<string, TermCounts>;
}

export function codebookFeatures(codebook: Codebook, extractor: FeatureExtractor): CodebookFeatures {
  const positive = new Map<string, TermCounts>();
  const negative = new Map<string, TermCounts>();
  for (const [path, definition] of codebook.codes) {
    const text = [definition.label, definition.description, definition.include, definition.example].filter((t) => t).join('\n');
    if (text) positive.set(path, extractor.countsOf(text));
    if (definition.exclude) negative.set(path, extractor.countsOf(definition.exclude));
  }
  return { positive, negative };
}

/** A code's score for a text: the cosine of the text's and the code's TF-IDF vectors. */
export interface CodeScore {
  code: string;
  score: number;
}

/**
 * What scores a text against every code: IDF weights and the codes' centroids as an inverted
 * index (feature → codes), made once from the counts (minus `without`, if given).
 */
export class Scorer {
  /** The codes that can be suggested, in order of their numbers in the index. */
  readonly codes: string[];
  private readonly segmentCount: number;
  private readonly documentFrequency: (feature: number) => number;
  /** Inverted index: the postings of feature f are `postingCodes/postingWeights[offsets[f]…offsets[f+1]]`. */
  private readonly offsets: Int32Array;
  private readonly postingCodes: Int32Array;
  private readonly postingWeights: Float32Array;
  private readonly scores: Float64Array;

  constructor(counts: SegmentCounts, codebook: CodebookFeatures, private readonly settings: ModelSettings, without?: SegmentCounts) {
    const segments = (code: string) => (counts.codes.get(code)?.segments ?? 0) - (without?.codes.get(code)?.segments ?? 0);
    this.codes = [...counts.codes.keys()].filter((code) => segments(code) >= settings.minSegments).sort();
    this.segmentCount = counts.segmentCount - (without?.segmentCount ?? 0);
    const df = counts.documentFrequency;
    const dfOut = without?.documentFrequency;
    this.documentFrequency = dfOut ? (f) => df[f] - dfOut[f] : (f) => df[f];

    // Each code's centroid: its segments' weights, its codebook entry's, less its exclusions'.
    const centroids = this.codes.map((code) => {
      // The codebook's words for and against the code, added to its segments' sums.
      const extra = new Map<number, number>();
      const addText = (terms: TermCounts | undefined, weight: number) => {
        if (!terms || weight === 0) return;
        const w = normalisedWeights(terms);
        for (let i = 0; i < w.length; i++) extra.set(terms.features[i], (extra.get(terms.features[i]) ?? 0) + weight * w[i]);
      };
      addText(codebook.positive.get(code), settings.codebookWeight);
      addText(codebook.negative.get(code), -settings.excludeWeight);
      const out = without?.codes.get(code)?.sums;
      const features: number[] = [];
      const weights: number[] = [];
      let norm = 0;
      const put = (f: number, v: number) => {
        if (v === 0) return;
        const weight = v * this.idf(f);
        features.push(f);
        weights.push(weight);
        norm += weight * weight;
      };
      counts.codes.get(code)!.sums.forEach((f, v) => {
        const more = extra.get(f);
        if (more !== undefined) extra.delete(f);
        put(f, v - (out ? out.get(f) : 0) + (more ?? 0));
      });
      extra.forEach((v, f) => put(f, v));
      norm = Math.sqrt(norm) || 1;
      return { features, weights: weights.map((w) => w / norm) };
    });
    const offsets = (this.offsets = new Int32Array(featureSpace + 1));
    for (const { features } of centroids) for (const f of features) offsets[f + 1]++;
    for (let f = 0; f < featureSpace; f++) offsets[f + 1] += offsets[f];
    this.postingCodes = new Int32Array(offsets[featureSpace]);
    this.postingWeights = new Float32Array(offsets[featureSpace]);
    // Each feature's start serves as the place of its next posting, then is moved back: no second
    // table of the whole feature space (4 MB for each scorer made).
    centroids.forEach(({ features, weights }, c) => {
      for (let i = 0; i < features.length; i++) {
        const at = offsets[features[i]]++;
        this.postingCodes[at] = c;
        this.postingWeights[at] = weights[i];
      }
    });
    offsets.copyWithin(1, 0, featureSpace);
    offsets[0] = 0;
    this.scores = new Float64Array(this.codes.length);
  }

  /** Smoothed inverse document frequency, as scikit-learn's: ln((n + 1) / (df + 1)) + 1. */
  idf(feature: number): number {
    return Math.log((this.segmentCount + 1) / (this.documentFrequency(feature) + 1)) + 1;
  }

  /** A text's TF-IDF vector, normalised: its features' weights in order. */
  queryWeights(terms: TermCounts): Float64Array {
    const weights = new Float64Array(terms.features.length);
    let norm = 0;
    for (let i = 0; i < weights.length; i++) norm += (weights[i] = (1 + Math.log(terms.counts[i])) * this.idf(terms.features[i])) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return weights;
  }

  /** Every code's score for a text, by code number (the scorer's own array: read it before the next call). */
  scoresOf(terms: TermCounts): Float64Array {
    const scores = this.scores;
    scores.fill(0);
    const weights = this.queryWeights(terms);
    const { offsets, postingCodes, postingWeights } = this;
    // With `queryFeatures`, only the heaviest features: those at or above the k-th weight.
    const k = this.settings.queryFeatures;
    const floor = k > 0 && weights.length > k ? Float64Array.from(weights).sort()[weights.length - k] : -Infinity;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] < floor) continue;
      const f = terms.features[i];
      const q = weights[i];
      for (let p = offsets[f], end = offsets[f + 1]; p < end; p++) scores[postingCodes[p]] += q * postingWeights[p];
    }
    return scores;
  }

  /** The `limit` best codes for a text (all by default), best first, ties by code; none with a score of 0 or less. */
  rank(terms: TermCounts, limit = Infinity): CodeScore[] {
    const scores = this.scoresOf(terms);
    const best: CodeScore[] = [];
    // Codes are numbered in order, so a later code with an equal score ranks after.
    for (let c = 0; c < scores.length; c++) {
      const score = scores[c];
      if (score <= 0 || (best.length >= limit && score <= best[best.length - 1].score)) continue;
      let at = best.length;
      while (at > 0 && best[at - 1].score < score) at--;
      best.splice(at, 0, { code: this.codes[c], score });
      if (best.length > limit) best.pop();
    }
    return best;
  }
}

/** Codes ranked when predicting: more within `relativeCut` of the best is implausible. */
export const predictionDepth = 10;

/** The codes predicted for a text from its ranking (`predictionDepth` deep): the best, and any close enough to it. */
export function predictedCodes(ranked: CodeScore[], settings: ModelSettings): string[] {
  if (ranked.length === 0 || ranked[0].score <= 0) return [];
  const cut = ranked[0].score * settings.relativeCut;
  return ranked.filter((r, i) => i === 0 || r.score >= cut || (settings.absoluteCut > 0 && r.score >= settings.absoluteCut)).map((r) => r.code).sort();
}

/** Cosine of two texts' TF-IDF vectors under a scorer's IDF: how like a coded passage a quote is. The weights: when known. */
export function similarity(scorer: Scorer, a: TermCounts, b: TermCounts, weightsOfA: Float64Array = scorer.queryWeights(a), weightsOfB: Float64Array = scorer.queryWeights(b)): number {
  const wa = weightsOfA;
  const wb = weightsOfB;
  let dot = 0;
  for (let i = 0, j = 0; i < wa.length && j < wb.length; ) {
    const fa = a.features[i];
    const fb = b.features[j];
    if (fa === fb) dot += wa[i++] * wb[j++];
    else if (fa < fb) i++;
    else j++;
  }
  return dot;
}
