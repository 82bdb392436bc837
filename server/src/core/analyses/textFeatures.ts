// The features the code suggestions compare texts by (docs/suggestions.md): character n-grams of
// 4 to 6 characters within each word (3 to 5 and 3 to 6 measured worse), the word padded with a start and an end mark, as fastText
// and scikit-learn's `char_wb` read them. They need no dictionary, stemmer or stop list, so they
// serve Indonesian, English or Hungarian alike, and they match a word's inflected forms by its
// shared parts (`belanja`, `berbelanja`, `belanjanya`). Each n-gram is hashed to a number below
// `featureSpace`: no vocabulary is kept, and every process gives a text the same features.

/** Number of hashed features: 2^20. A study of a thousand interviews has a few hundred thousand distinct n-grams. */
export const featureBits = 20;
export const featureSpace = 1 << featureBits;

export interface FeatureOptions {
  /** Shortest and longest n-gram, in characters (code points) of the padded word. */
  minGram: number;
  maxGram: number;
}

export const defaultFeatureOptions: FeatureOptions = { minGram: 4, maxGram: 6 };

/** A text's features: sorted feature numbers and how often each occurs. */
export interface TermCounts {
  features: Int32Array;
  counts: Int32Array;
}

const wordPattern = /[\p{L}\p{N}\p{M}]+/gu;

/** The words of a text, lower-cased (locale-free) and in Unicode's composed form, so `é` typed either way is one letter. */
export function wordsOf(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(wordPattern) ?? [];
}

/**
 * Each word's n-gram numbers, kept while the process lives: a study repeats a few tens of
 * thousands of words, so hashing a word once saves most of the work of reading a text.
 */
export class FeatureExtractor {
  private readonly cache = new Map<string, Int32Array>();
  /** Words kept at most; past it the cache starts afresh (a bound on memory, not on speed). */
  private static readonly cacheLimit = 300_000;

  constructor(readonly options: FeatureOptions = defaultFeatureOptions) {}

  /** The n-gram numbers of one lower-cased word. */
  gramsOf(word: string): Int32Array {
    let grams = this.cache.get(word);
    if (grams) return grams;
    if (this.cache.size >= FeatureExtractor.cacheLimit) this.cache.clear();
    grams = hashGrams(word, this.options);
    this.cache.set(word, grams);
    return grams;
  }

  /** A text's features with their counts. */
  countsOf(text: string): TermCounts {
    const terms = this.passingCountsOf(text);
    return { features: terms.features.slice(), counts: terms.counts.slice() };
  }

  /**
   * `countsOf`, in arrays of this module's that the next call overwrites: for a reader that is
   * done with them before it reads another text (training reads every coded segment of a study:
   * two arrays of its own for each were tens of megabytes outside the heap between collections).
   */
  passingCountsOf(text: string): TermCounts {
    // Counted in one table for the whole feature space, reset after each text: no sort of every n-gram.
    const counts = (scratchCounts ??= new Int32Array(featureSpace));
    const touched: number[] = [];
    for (const word of wordsOf(text)) {
      const grams = this.gramsOf(word);
      for (let i = 0; i < grams.length; i++) if (counts[grams[i]]++ === 0) touched.push(grams[i]);
    }
    if (scratchFeatures.length < touched.length) {
      scratchFeatures = new Int32Array(touched.length * 2);
      scratchTermCounts = new Int32Array(touched.length * 2);
    }
    const features = scratchFeatures.subarray(0, touched.length);
    for (let i = 0; i < touched.length; i++) features[i] = touched[i];
    features.sort();
    const result = scratchTermCounts.subarray(0, features.length);
    for (let i = 0; i < features.length; i++) {
      result[i] = counts[features[i]];
      counts[features[i]] = 0;
    }
    return { features, counts: result };
  }
}

/** Counts of the text being read, by feature: all zero between texts (made on first use: 4 MB). */
let scratchCounts: Int32Array | undefined;
/** What `passingCountsOf` gives, grown as a text needs. */
let scratchFeatures = new Int32Array(1024);
let scratchTermCounts = new Int32Array(1024);

/** FNV-1a over the code points of `<word>`'s n-grams, each length hashed apart, folded to `featureBits`. */
function hashGrams(word: string, options: FeatureOptions): Int32Array {
  const points: number[] = [0x3c];
  for (const ch of word) points.push(ch.codePointAt(0)!);
  points.push(0x3e);
  const out: number[] = [];
  for (let n = options.minGram; n <= options.maxGram; n++) {
    // A word shorter than the n-gram gives itself, padded, once (as `char_wb` does).
    if (points.length < n) {
      if (n === options.minGram) out.push(hashRange(points, 0, points.length));
      continue;
    }
    for (let i = 0; i + n <= points.length; i++) out.push(hashRange(points, i, i + n));
  }
  return Int32Array.from(out);
}

function hashRange(points: number[], start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) {
    const p = points[i];
    h = Math.imul(h ^ (p & 0xff), 0x01000193);
    h = Math.imul(h ^ (p >>> 8), 0x01000193);
  }
  // The high bits mix best after FNV's last multiply.
  return (h >>> (32 - featureBits)) | 0;
}

/** A stable 32-bit hash of a string (FNV-1a over its UTF-16 units), for assigning folds. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
