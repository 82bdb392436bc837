// The independent baseline the code suggestions are compared with (issue 27, docs/suggestions.md),
// for comparison only, never shipped: character n-gram TF-IDF (scikit-learn's TfidfVectorizer
// with analyzer='char_wb', ngram_range=(3, 5): raw counts, smoothed IDF, L2 norm) and a logistic
// regression per code (LogisticRegression(C=1), lbfgs: C · Σ log-loss + ½‖w‖², intercept not
// penalised), one against the rest, a code predicted where its probability is ≥ 0.5 — the
// defaults of OneVsRestClassifier. Same segments, same folds as `qda suggest --evaluate`.
import { FeatureExtractor, type TermCounts } from '../server/src/core/analyses/textFeatures';

export interface LabelledText {
  text: string;
  codes: string[];
  fold: number;
}

export interface BaselineOptions {
  /** Inverse regularisation strength, as scikit-learn's C. */
  c: number;
  /** Also predict the most probable code where none reaches 0.5 (every segment has a code). */
  atLeastOne: boolean;
  /** scikit-learn's class_weight='balanced': each class weighted by n / (2 · its count). */
  balanced: boolean;
}

export interface BaselinePrediction {
  predicted: string[];
  top3: string[];
}

/** Predictions for every text, each by the model trained on the other folds. */
export function baselinePredictions(items: LabelledText[], folds: number, options: BaselineOptions = { c: 1, atLeastOne: false, balanced: false }): BaselinePrediction[] {
  const extractor = new FeatureExtractor();
  const terms = items.map((item) => extractor.countsOf(item.text));
  const result: BaselinePrediction[] = new Array(items.length);
  for (let k = 0; k < folds; k++) {
    const train = items.map((_, i) => i).filter((i) => items[i].fold !== k);
    const test = items.map((_, i) => i).filter((i) => items[i].fold === k);
    if (test.length === 0) continue;
    // The vocabulary and IDF of the training folds only.
    const index = new Map<number, number>();
    const df: number[] = [];
    for (const i of train) {
      for (const f of terms[i].features) {
        let at = index.get(f);
        if (at === undefined) (index.set(f, (at = df.length)), df.push(0));
        df[at]++;
      }
    }
    const idf = df.map((d) => Math.log((train.length + 1) / (d + 1)) + 1);
    const vectorOf = (t: TermCounts) => {
      const at: number[] = [];
      const values: number[] = [];
      let norm = 0;
      t.features.forEach((f, j) => {
        const column = index.get(f);
        if (column === undefined) return;
        const v = t.counts[j] * idf[column];
        at.push(column);
        values.push(v);
        norm += v * v;
      });
      norm = Math.sqrt(norm) || 1;
      return { at: Int32Array.from(at), values: Float64Array.from(values.map((v) => v / norm)) };
    };
    const trainVectors = train.map((i) => vectorOf(terms[i]));
    const testVectors = test.map((i) => vectorOf(terms[i]));
    const codes = [...new Set(train.flatMap((i) => items[i].codes))].sort();
    const probabilities = test.map(() => new Float64Array(codes.length));
    codes.forEach((code, c) => {
      const labels = Float64Array.from(train.map((i) => (items[i].codes.includes(code) ? 1 : 0)));
      const positives = labels.reduce((n, y) => n + y, 0);
      const weights = options.balanced ? [labels.length / (2 * (labels.length - positives)), labels.length / (2 * positives)] : [1, 1];
      const w = fitLogistic(trainVectors, labels, df.length, options.c, weights);
      testVectors.forEach((v, t) => (probabilities[t][c] = sigmoid(dot(w, v) + w[df.length])));
    });
    test.forEach((i, t) => {
      const order = codes.map((code, c) => ({ code, p: probabilities[t][c] })).sort((a, b) => b.p - a.p || (a.code < b.code ? -1 : 1));
      let predicted = order.filter((o) => o.p >= 0.5).map((o) => o.code);
      if (options.atLeastOne && predicted.length === 0 && order.length > 0) predicted = [order[0].code];
      result[i] = { predicted: predicted.sort(), top3: order.slice(0, 3).map((o) => o.code) };
    });
  }
  return result;
}

interface SparseVector {
  at: Int32Array;
  values: Float64Array;
}

function dot(w: Float64Array, v: SparseVector): number {
  let s = 0;
  for (let j = 0; j < v.at.length; j++) s += w[v.at[j]] * v.values[j];
  return s;
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Minimises C · Σ weight · log-loss + ½‖w‖² (the last weight, the intercept, unpenalised) by L-BFGS; `classWeights` of labels 0 and 1. */
function fitLogistic(x: SparseVector[], y: Float64Array, dimension: number, c: number, classWeights: number[]): Float64Array {
  const n = dimension + 1;
  const objective = (w: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < x.length; i++) {
      const z = dot(w, x[i]) + w[dimension];
      // log(1 + e^z) − y·z, computed stably.
      const weight = classWeights[y[i]];
      loss += weight * ((z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z);
      const g = c * weight * (sigmoid(z) - y[i]);
      const v = x[i];
      for (let j = 0; j < v.at.length; j++) gradient[v.at[j]] += g * v.values[j];
      gradient[dimension] += g;
    }
    let penalty = 0;
    for (let j = 0; j < dimension; j++) (penalty += w[j] * w[j]), (gradient[j] += w[j]);
    return c * loss + penalty / 2;
  };
  const w = new Float64Array(n);
  const g = new Float64Array(n);
  let f = objective(w, g);
  const memory = 10;
  const s: Float64Array[] = [];
  const yv: Float64Array[] = [];
  const direction = new Float64Array(n);
  const wNext = new Float64Array(n);
  const gNext = new Float64Array(n);
  for (let iteration = 0; iteration < 200; iteration++) {
    // Two-loop recursion: direction = −H·g.
    direction.set(g);
    const alpha: number[] = [];
    for (let k = s.length - 1; k >= 0; k--) {
      const rho = 1 / dotDense(yv[k], s[k]);
      const a = rho * dotDense(s[k], direction);
      alpha[k] = a;
      for (let j = 0; j < n; j++) direction[j] -= a * yv[k][j];
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dotDense(s[last], yv[last]) / dotDense(yv[last], yv[last]);
      for (let j = 0; j < n; j++) direction[j] *= gamma;
    }
    for (let k = 0; k < s.length; k++) {
      const rho = 1 / dotDense(yv[k], s[k]);
      const b = rho * dotDense(yv[k], direction);
      for (let j = 0; j < n; j++) direction[j] += s[k][j] * (alpha[k] - b);
    }
    for (let j = 0; j < n; j++) direction[j] = -direction[j];
    let slope = dotDense(g, direction);
    if (slope >= 0) {
      for (let j = 0; j < n; j++) direction[j] = -g[j];
      slope = dotDense(g, direction);
      s.length = 0;
      yv.length = 0;
    }
    let step = 1;
    let fNext = 0;
    for (let tries = 0; tries < 30; tries++, step /= 2) {
      for (let j = 0; j < n; j++) wNext[j] = w[j] + step * direction[j];
      fNext = objective(wNext, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
    }
    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let j = 0; j < n; j++) (sk[j] = wNext[j] - w[j]), (yk[j] = gNext[j] - g[j]);
    w.set(wNext);
    g.set(gNext);
    const done = Math.abs(f - fNext) <= 1e-7 * Math.max(1, Math.abs(f));
    f = fNext;
    if (dotDense(sk, yk) > 1e-12) {
      s.push(sk);
      yv.push(yk);
      if (s.length > memory) (s.shift(), yv.shift());
    }
    if (done || Math.sqrt(dotDense(g, g)) < 1e-5) break;
  }
  return w;
}

function dotDense(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}
