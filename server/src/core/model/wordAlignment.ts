// A word-level alignment of two texts: which words of the first are the same words in the second,
// and where each position of the first lands in the second. The transcript merge and the
// re-transcription carry codings with it (transcriptMerge.ts): a coding keeps its words wherever
// the words themselves survive.
//
// Texts are cut into tokens (a run of letters and digits, a run of white space, or any other single
// character) and the token lists are compared as a patience diff: tokens that occur once in each
// list anchor the alignment, the gaps between anchors are compared again the same way, and a small
// gap without anchors by a longest common subsequence. Time stays near linear on transcripts, whose
// words are mostly alike; a large gap with nothing in common is one replacement.
import { editDistance } from './similarNames';

/** A stretch of the first text and the stretch of the second it became: the same tokens, or a change. */
export interface AlignedSegment {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  equal: boolean;
}

/** How two texts align: contiguous segments covering both texts, in order, adjacent changes merged. */
export interface Alignment {
  readonly aLength: number;
  readonly bLength: number;
  readonly segments: readonly AlignedSegment[];
}

const tokenPattern = /[\p{L}\p{M}\p{N}_]+|\s+|[\s\S]/gu;
const wordStart = /^[\p{L}\p{M}\p{N}_]/u;
const linePattern = /[^\n]*\n|[^\n]+$/gy;

/** Words (with white space and punctuation as tokens of their own) or whole lines. */
export type TokenKind = 'words' | 'lines';

/** Offsets where the text's tokens start, and its length last. */
export function tokenBoundaries(text: string, kind: TokenKind = 'words'): number[] {
  const starts: number[] = [];
  const pattern = kind === 'words' ? tokenPattern : linePattern;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m && m[0].length > 0; m = pattern.exec(text)) starts.push(m.index);
  starts.push(text.length);
  return starts;
}

/** The largest table a gap without anchors is compared with (cells of the longest-common-subsequence table). */
const maxTableCells = 4_000_000;
/** The most work Myers' diff may do on a larger gap (its differences times its length). */
const maxMyersSteps = 60_000_000;

/** Aligns two texts word by word (or line by line). */
export function alignTexts(a: string, b: string, kind: TokenKind = 'words'): Alignment {
  if (a === b) return { aLength: a.length, bLength: b.length, segments: a.length === 0 ? [] : [{ aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length, equal: true }] };
  const ids = new Map<string, number>();
  /** By token id: 1 for a word (letters, digits), 0 for white space or a mark. */
  const isWord: number[] = [];
  const tokens = (text: string) => {
    const bounds = tokenBoundaries(text, kind);
    const list = new Int32Array(bounds.length - 1);
    for (let k = 0; k < list.length; k++) {
      const token = text.slice(bounds[k], bounds[k + 1]);
      let id = ids.get(token);
      if (id === undefined) {
        ids.set(token, (id = ids.size));
        isWord.push(kind === 'lines' || wordStart.test(token) ? 1 : 0);
      }
      list[k] = id;
    }
    return { bounds, list };
  };
  const ta = tokens(a);
  const tb = tokens(b);
  const pairs: [number, number][] = [];
  matchTokens(ta.list, tb.list, 0, ta.list.length, 0, tb.list.length, pairs, Uint8Array.from(isWord));
  return fromMatches(pairs, ta.bounds, tb.bounds, a.length, b.length);
}

/** Aligns two lists of lines (or any tokens given as strings): used for the line-by-line fallback. */
export function alignTokens(a: readonly string[], b: readonly string[]): { pairs: [number, number][] } {
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let k = ids.get(s);
    if (k === undefined) ids.set(s, (k = ids.size));
    return k;
  };
  const la = Int32Array.from(a, id);
  const lb = Int32Array.from(b, id);
  const pairs: [number, number][] = [];
  matchTokens(la, lb, 0, la.length, 0, lb.length, pairs);
  return { pairs };
}

/**
 * Appends the matched token pairs (i in a, j in b) of the two ranges, in order. `isWord` (by token
 * id) marks the tokens that may anchor first: in a short stretch a space can be found once on each
 * side as well as a word, and anchoring on it loses the word (`hargay tokoz` → `baruk hargay`).
 */
function matchTokens(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, out: [number, number][], isWord?: Uint8Array): void {
  // Work on explicit ranges: the common prefix and suffix first, then anchors, then the gaps.
  while (a0 < a1 && b0 < b1 && a[a0] === b[b0]) out.push([a0++, b0++]);
  const suffix: [number, number][] = [];
  while (a1 > a0 && b1 > b0 && a[a1 - 1] === b[b1 - 1]) suffix.push([--a1, --b1]);
  if (a0 < a1 && b0 < b1) {
    const anchors = uniqueAnchors(a, b, a0, a1, b0, b1, isWord);
    if (anchors.length > 0) {
      let pa = a0;
      let pb = b0;
      for (const [i, j] of anchors) {
        matchTokens(a, b, pa, i, pb, j, out, isWord);
        out.push([i, j]);
        pa = i + 1;
        pb = j + 1;
      }
      matchTokens(a, b, pa, a1, pb, b1, out, isWord);
    } else if ((a1 - a0) * (b1 - b0) <= maxTableCells) {
      longestCommonSubsequence(a, b, a0, a1, b0, b1, out);
    } else {
      // A long stretch of repeated words with few differences: Myers' diff, while it stays cheap.
      const maxD = Math.min(4000, Math.floor(maxMyersSteps / (a1 - a0 + b1 - b0)));
      const pairs = myers(a, b, a0, a1, b0, b1, maxD);
      if (pairs) for (const pair of pairs) out.push(pair);
    }
  }
  for (let k = suffix.length - 1; k >= 0; k--) out.push(suffix[k]);
}

/**
 * Tokens found exactly once in each range, paired, reduced to the longest run in order on both sides.
 * Where no token is unique (a text repeated whole), tokens found the same few times on both sides
 * pair in order of occurrence instead.
 */
function uniqueAnchors(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, isWord?: Uint8Array): [number, number][] {
  const inA = new Map<number, number[]>();
  for (let i = a0; i < a1; i++) {
    const list = inA.get(a[i]);
    if (list) list.push(i);
    else inA.set(a[i], [i]);
  }
  const inB = new Map<number, number[]>();
  for (let j = b0; j < b1; j++) {
    if (!inA.has(b[j])) continue;
    const list = inB.get(b[j]);
    if (list) list.push(j);
    else inB.set(b[j], [j]);
  }
  let candidates: [number, number][] = [];
  // Words found once on each side, then any token found once, then the same few times.
  const passes: [number, boolean][] = isWord ? [[1, true], [1, false], [16, false]] : [[1, false], [16, false]];
  for (const [limit, wordsOnly] of passes) {
    for (const [token, js] of inB) {
      const is = inA.get(token)!;
      if (is.length !== js.length || is.length > limit || (wordsOnly && isWord![token] === 0)) continue;
      for (let k = 0; k < is.length; k++) candidates.push([is[k], js[k]]);
    }
    if (candidates.length > 0) break;
  }
  candidates = candidates.sort((x, y) => x[0] - y[0]);
  if (candidates.length === 0) return [];
  // Longest increasing subsequence of the b positions (patience sorting).
  const tails: number[] = [];
  const previous = new Int32Array(candidates.length).fill(-1);
  for (let k = 0; k < candidates.length; k++) {
    const j = candidates[k][1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (candidates[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1];
    tails[lo] = k;
  }
  const result: [number, number][] = [];
  for (let k = tails[tails.length - 1]; k >= 0; k = previous[k]) result.push(candidates[k]);
  return result.reverse();
}

function longestCommonSubsequence(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, out: [number, number][]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  // lengths[i][j]: the longest common subsequence of a[a0+i…] and b[b0+j…].
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[a0 + i] === b[b0 + j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[a0 + i] === b[b0 + j]) out.push([a0 + i++, b0 + j++]);
    else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
}

/**
 * Myers' O(ND) diff of two ranges: their matched pairs, or undefined when they differ in more than
 * `maxD` tokens. Each step's furthest reaching paths are kept to walk back the way.
 */
function myers(a: Int32Array, b: Int32Array, a0: number, a1: number, b0: number, b1: number, maxD: number): [number, number][] | undefined {
  const n = a1 - a0;
  const m = b1 - b0;
  const offset = maxD + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) x++, y++;
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, d, k, n, m, a0, b0);
    }
  }
  return undefined;
}

/** Walks Myers' paths back from the end: the diagonal runs are the matched pairs. */
function backtrack(trace: Int32Array[], d: number, k: number, n: number, m: number, a0: number, b0: number): [number, number][] {
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let step = d; step > 0; step--) {
    const previous = trace[step]; // the paths before step `step` (k from -step to step)
    const at = (kk: number) => previous[kk + step];
    const down = k === -step || (k !== step && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = startX - k;
    while (x > startX && y > startY) pairs.push([a0 + --x, b0 + --y]);
    x = prevX;
    y = prevY;
    k = prevK;
  }
  while (x > 0 && y > 0) pairs.push([a0 + --x, b0 + --y]);
  return pairs.reverse();
}

/** Segments from matched token pairs (in order on both sides). */
function fromMatches(pairs: [number, number][], boundsA: number[], boundsB: number[], aLength: number, bLength: number): Alignment {
  const segments: AlignedSegment[] = [];
  const push = (aStart: number, aEnd: number, bStart: number, bEnd: number, equal: boolean) => {
    if (aStart === aEnd && bStart === bEnd) return;
    const last = segments[segments.length - 1];
    if (last && last.equal === equal) {
      last.aEnd = aEnd;
      last.bEnd = bEnd;
    } else segments.push({ aStart, aEnd, bStart, bEnd, equal });
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    push(boundsA[i], boundsA[pi], boundsB[j], boundsB[pj], false);
    push(boundsA[pi], boundsA[pi + 1], boundsB[pj], boundsB[pj + 1], true);
    i = pi + 1;
    j = pj + 1;
  }
  push(boundsA[i], aLength, boundsB[j], bLength, false);
  return { aLength, bLength, segments };
}

/** The segment holding character `p` of the first text (segments empty there are skipped), by binary search. */
function segmentOf(alignment: Alignment, p: number): AlignedSegment | undefined {
  const segments = alignment.segments;
  let lo = 0;
  let hi = segments.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid];
    if (s.aEnd <= p) lo = mid + 1;
    else if (s.aStart > p) hi = mid - 1;
    else return s;
  }
  return undefined;
}

/**
 * Where a start position of the first text lands in the second: before the first character at or
 * after it (text inserted right there stays outside); inside a changed stretch, at the start of
 * what replaced it.
 */
export function mapStart(alignment: Alignment, p: number): number {
  if (p >= alignment.aLength) return alignment.bLength;
  const s = segmentOf(alignment, p);
  if (!s) return alignment.bLength;
  return s.equal ? s.bStart + (p - s.aStart) : s.bStart;
}

/**
 * Where an end position of the first text lands in the second: after the last character before it
 * (text inserted right there stays outside); inside a changed stretch, at the end of what replaced it.
 */
export function mapEnd(alignment: Alignment, p: number): number {
  if (p <= 0) return 0;
  const s = segmentOf(alignment, p - 1);
  if (!s) return alignment.bLength;
  return s.equal ? s.bStart + (p - s.aStart) : s.bEnd;
}

/** The alignment seen from the second text. */
export function invertAlignment(alignment: Alignment): Alignment {
  return {
    aLength: alignment.bLength,
    bLength: alignment.aLength,
    segments: alignment.segments.map((s) => ({ aStart: s.bStart, aEnd: s.bEnd, bStart: s.aStart, bEnd: s.aEnd, equal: s.equal })),
  };
}

/** The identity alignment of a text with itself. */
export function identityAlignment(length: number): Alignment {
  return { aLength: length, bLength: length, segments: length === 0 ? [] : [{ aStart: 0, aEnd: length, bStart: 0, bEnd: length, equal: true }] };
}

/** Whether characters [start, end) of the first text all survive unchanged in the second. */
export function survives(alignment: Alignment, start: number, end: number): boolean {
  for (let p = start; p < end; ) {
    const s = segmentOf(alignment, p);
    if (!s || !s.equal) return false;
    p = s.aEnd;
  }
  return true;
}

// ---- three texts: the merge of two edits of one text ---------------------------------------------

/** A stretch of the merged text where the two sides changed the same words differently. */
export interface TextConflict {
  /** The stretch in the merged text, which holds the first side's words there. */
  start: number;
  end: number;
  /** The stretch in each text. */
  base: [number, number];
  ours: [number, number];
  theirs: [number, number];
}

export interface MergedText {
  text: string;
  /** Each text aligned with the merged one. */
  baseToMerged: Alignment;
  oursToMerged: Alignment;
  theirsToMerged: Alignment;
  conflicts: TextConflict[];
}

/**
 * Merges two edits of a text word by word: words changed on one side only are taken, the same change
 * on both sides is taken once, and different changes of the same words (or insertions at the same
 * place, or changes of the two sides with no word between them) are a conflict, where the merged
 * text holds our words.
 */
export function mergeTexts(base: string, ours: string, theirs: string, kind: TokenKind = 'words'): MergedText {
  if (ours === base || ours === theirs) {
    const baseToTheirs = alignTexts(base, theirs, kind);
    return { text: theirs, baseToMerged: baseToTheirs, oursToMerged: ours === base ? baseToTheirs : identityAlignment(ours.length), theirsToMerged: identityAlignment(theirs.length), conflicts: [] };
  }
  if (theirs === base) {
    const baseToOurs = alignTexts(base, ours, kind);
    return { text: ours, baseToMerged: baseToOurs, oursToMerged: identityAlignment(ours.length), theirsToMerged: baseToOurs, conflicts: [] };
  }
  const toOurs = alignTexts(base, ours, kind);
  const toTheirs = alignTexts(base, theirs, kind);
  // Changed stretches of the base, from both sides, grouped where they overlap (or meet at an insertion).
  const changes = [...toOurs.segments, ...toTheirs.segments].filter((s) => !s.equal).sort((x, y) => x.aStart - y.aStart || x.aEnd - y.aEnd);
  const stretches: [number, number][] = [];
  for (const change of changes) {
    const last = stretches[stretches.length - 1];
    if (last && (change.aStart < last[1] || (change.aStart === last[1] && (change.aStart === change.aEnd || last[0] === last[1])))) last[1] = Math.max(last[1], change.aEnd);
    else stretches.push([change.aStart, change.aEnd]);
  }
  const clusterOf = ([start, end]: [number, number]): Cluster => {
    const inOurs: [number, number] = [mapEnd(toOurs, start), mapStart(toOurs, end)];
    const inTheirs: [number, number] = [mapEnd(toTheirs, start), mapStart(toTheirs, end)];
    return { base: [start, end], ours: inOurs, theirs: inTheirs, o: base.slice(start, end), a: ours.slice(...inOurs), b: theirs.slice(...inTheirs) };
  };
  const clusters = kind === 'words' ? joinAdjacentChanges(stretches.map(clusterOf), base, clusterOf) : stretches.map(clusterOf);
  const builders = { base: new AlignmentBuilder(), ours: new AlignmentBuilder(), theirs: new AlignmentBuilder() };
  const conflicts: TextConflict[] = [];
  let text = '';
  let at = 0;
  const stable = (end: number) => {
    if (end <= at) return;
    const length = end - at;
    text += base.slice(at, end);
    for (const b of Object.values(builders)) b.push(length, length, true);
  };
  for (const { base: [start, end], ours: oursRange, theirs: theirsRange, o, a, b } of clusters) {
    stable(start);
    const taken = a === o ? b : b === o || a === b ? a : undefined;
    const words = taken ?? a;
    if (taken === undefined) conflicts.push({ start: text.length, end: text.length + a.length, base: [start, end], ours: oursRange, theirs: theirsRange });
    text += words;
    builders.base.push(o.length, words.length, o === words);
    builders.ours.push(a.length, words.length, a === words);
    builders.theirs.push(b.length, words.length, b === words);
    at = end;
  }
  stable(base.length);
  return { text, baseToMerged: builders.base.finish(), oursToMerged: builders.ours.finish(), theirsToMerged: builders.theirs.finish(), conflicts };
}

/** A changed stretch of the base, with what each side has there. */
interface Cluster {
  base: [number, number];
  ours: [number, number];
  theirs: [number, number];
  o: string;
  a: string;
  b: string;
}

/** Who changed a stretch: one side, both the same way, or both differently (a conflict). */
function changedBy({ o, a, b }: Cluster): 'ours' | 'theirs' | 'both' | 'conflict' {
  if (a === b) return 'both';
  if (b === o) return 'ours';
  if (a === o) return 'theirs';
  return 'conflict';
}

/**
 * Changes of the two sides with no word between them (only spaces or punctuation on one line) are
 * one change to the same words, as git's diff3 takes changes with no unchanged line between: a
 * word inserted on one side next to a word the other replaced is a conflict, not both at once
 * ("transfer uang" and "bayar" are not "bayar uang"). Changes of one side only, or the same on
 * both, stay apart.
 */
function joinAdjacentChanges(clusters: Cluster[], base: string, clusterOf: (stretch: [number, number]) => Cluster): Cluster[] {
  const joined: Cluster[] = [];
  for (let first = 0; first < clusters.length; ) {
    let last = first;
    while (last + 1 < clusters.length && !wordOrLineBreak.test(base.slice(clusters[last].base[1], clusters[last + 1].base[0]))) last++;
    const run = clusters.slice(first, last + 1);
    const sides = new Set(run.map(changedBy));
    if (sides.has('ours') && sides.has('theirs')) joined.push(clusterOf([run[0].base[0], run[run.length - 1].base[1]]));
    else joined.push(...run);
    first = last + 1;
  }
  return joined;
}

const wordOrLineBreak = /[\p{L}\p{N}\n]/u;

class AlignmentBuilder {
  private readonly segments: AlignedSegment[] = [];
  private a = 0;
  private b = 0;

  push(aLength: number, bLength: number, equal: boolean): void {
    if (aLength === 0 && bLength === 0) return;
    const last = this.segments[this.segments.length - 1];
    if (last && last.equal === equal) (last.aEnd += aLength), (last.bEnd += bLength);
    else this.segments.push({ aStart: this.a, aEnd: this.a + aLength, bStart: this.b, bEnd: this.b + bLength, equal });
    this.a += aLength;
    this.b += bLength;
  }

  finish(): Alignment {
    return { aLength: this.a, bLength: this.b, segments: this.segments };
  }
}

const wordCharacter = /[\p{L}\p{N}]/u;

/** Whether a changed stretch is a correction of the words it replaced (half of its characters or more kept), not other words. */
export function isCorrection(before: string, after: string): boolean {
  if (after.trim() === '') return false;
  const longest = Math.max(before.length, after.length);
  if (longest > 400) return false;
  const max = Math.floor(longest / 2);
  return editDistance(before, after, max) <= max;
}

/**
 * Where a coded range [start, end) of the first text lands in the second, or undefined when none of
 * its words survive. A changed stretch at its edge is taken in only when the coding held all of it
 * and it is a correction of those words (a typo fixed); other words changed around it stay
 * outside. A coding survives where one of its words does, or was corrected inside it; not on
 * punctuation alone, nor on other words that replaced all of its own.
 */
export function mapCodedRange(alignment: Alignment, start: number, end: number, a: string, b: string): [number, number] | undefined {
  if (start >= end) return undefined;
  const first = segmentOf(alignment, start);
  const last = segmentOf(alignment, end - 1);
  if (!first || !last) return undefined;
  // Words left as they were (by far the most codings): the same words.
  if (first === last && first.equal) return [first.bStart + (start - first.aStart), first.bStart + (end - first.aStart)];
  const owned = (s: AlignedSegment) => s.aStart >= start && s.aEnd <= end && isCorrection(a.slice(s.aStart, s.aEnd), b.slice(s.bStart, s.bEnd));
  const from = first.equal ? first.bStart + (start - first.aStart) : owned(first) ? first.bStart : first.bEnd;
  const to = last.equal ? last.bStart + (end - last.aStart) : owned(last) ? last.bEnd : last.bStart;
  if (from >= to) return undefined;
  if (!wordCharacter.test(a.slice(start, end))) return [from, to];
  // Some word of the coding survives, or was corrected.
  for (const s of alignment.segments) {
    if (s.aEnd <= start || s.aStart >= end) continue;
    if (s.equal ? wordCharacter.test(a.slice(Math.max(start, s.aStart), Math.min(end, s.aEnd))) : owned(s) && wordCharacter.test(b.slice(s.bStart, s.bEnd))) return [from, to];
  }
  return undefined;
}
