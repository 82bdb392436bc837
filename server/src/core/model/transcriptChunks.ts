// A long transcript merged a stretch at a time (transcriptMerge.ts): cut at its blank lines, which
// end every turn and paragraph (docs/format.md), so that no coding, memo or `{-}` crosses a cut;
// the stretches of blank-line-separated blocks that are the same on all three sides are the
// result as they are, and only the regions where a side differs are merged, each on its own. Two
// coders who code a few turns of a long transcript change a few stretches: the rest is never
// parsed. Texts where a stretch read alone could read otherwise (a code fence, a line of `---`
// that could open front matter, conflict markers, carriage returns) are not cut.
import { alignTokens } from './wordAlignment';

/** Stretches of the three sides where at least one differs from the base, as chunk ranges [start, end). */
export interface ChunkRegion {
  base: [number, number];
  ours: [number, number];
  theirs: [number, number];
}

const frontMatterBlock = /^\ufeff?---[ \t]*\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
/** Lines a stretch read alone might read differently: fences, and `---`/`...` (front matter where a stretch starts). */
const unsafeLine = /^(?: {0,3}(?:`{3,}|~{3,})|---|\.\.\.)/m;

/**
 * The text cut into chunks, each ending after its blank lines (the front matter, where there is
 * one, is the first chunk); joined, they are the text. Undefined where it is not cut.
 */
export function splitChunks(text: string): string[] | undefined {
  if (text.includes('\r')) return undefined;
  let bodyStart = 0;
  const chunks: string[] = [];
  if (text.startsWith('---') || text.startsWith('\ufeff')) {
    const head = frontMatterBlock.exec(text);
    if (!head) return undefined;
    chunks.push(head[0]);
    bodyStart = head[0].length;
  }
  if (unsafeLine.test(text.slice(bodyStart))) return undefined;
  let start = bodyStart;
  let at = bodyStart;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    if (newline < 0) break;
    const line = text.slice(at, newline);
    at = newline + 1;
    // A blank line ends the chunk once the lines after it are not blank too.
    if (line.trim() === '' && !isBlankLineAt(text, at)) {
      chunks.push(text.slice(start, at));
      start = at;
    }
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}

function isBlankLineAt(text: string, at: number): boolean {
  if (at >= text.length) return false;
  const newline = text.indexOf('\n', at);
  return newline >= 0 && text.slice(at, newline).trim() === '';
}

/**
 * The regions where ours or theirs differs from the base, as diff3 finds them: each side's changes
 * against the base (an alignment of whole chunks), with changes that overlap or touch joined.
 */
export function chunkRegions(base: readonly string[], ours: readonly string[], theirs: readonly string[]): ChunkRegion[] {
  const baseWords = base.map(wordsOf);
  const sides = [changes(base, baseWords, ours), changes(base, baseWords, theirs)];
  const all = [...sides[0], ...sides[1]].sort((a, b) => a.base[0] - b.base[0] || a.base[1] - b.base[1]);
  const regions: ChunkRegion[] = [];
  for (let k = 0; k < all.length; ) {
    const start = all[k].base[0];
    let end = all[k++].base[1];
    // Joined: a change that starts before, or where, the region ends.
    while (k < all.length && all[k].base[0] <= end) end = Math.max(end, all[k++].base[1]);
    // Outside its changes a side is the base, shifted by what its changes before added or took.
    const range = (hunks: Hunk[]): [number, number] => {
      let before = 0;
      let inside = 0;
      for (const h of hunks) {
        if (h.base[1] <= start && h.base[0] < start) before += delta(h);
        else if (h.base[0] >= start && h.base[0] <= end && h.base[1] <= end) inside += delta(h);
      }
      return [start + before, end + before + inside];
    };
    const region: ChunkRegion = { base: [start, end], ours: range(sides[0]), theirs: range(sides[1]) };
    // Chunks of the same words paired differently on a side (a coded `A: a` with a plain one) can
    // give changes that undo each other: a region where both sides are the base is no change.
    if (!sameChunks(base, region.base, ours, region.ours) || !sameChunks(base, region.base, theirs, region.theirs)) regions.push(region);
  }
  return regions;
}

/** Whether `a[aRange]` and `b[bRange]` are the same chunks. */
function sameChunks(a: readonly string[], [aStart, aEnd]: [number, number], b: readonly string[], [bStart, bEnd]: [number, number]): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let k = 0; k < aEnd - aStart; k++) if (a[aStart + k] !== b[bStart + k]) return false;
  return true;
}

interface Hunk {
  base: [number, number];
  side: [number, number];
}

function delta(h: Hunk): number {
  return h.side[1] - h.side[0] - (h.base[1] - h.base[0]);
}

/**
 * A side's changes against the base: the ranges between chunks paired by their words, and each
 * pair whose text differs. Paired by the whole text, a turn coded differently on each side read
 * as one side's deletion and an insertion further on, and the other side's coding of it, merged
 * in the region of the deletion, was lost.
 */
function changes(base: readonly string[], baseWords: readonly string[], side: readonly string[]): Hunk[] {
  const { pairs } = alignTokens(baseWords, side.map(wordsOf));
  const hunks: Hunk[] = [];
  let b = 0;
  let x = 0;
  for (const [i, j] of [...pairs, [base.length, side.length]]) {
    if (i > b || j > x) hunks.push({ base: [b, i], side: [x, j] });
    if (i < base.length && base[i] !== side[j]) hunks.push({ base: [i, i + 1], side: [j, j + 1] });
    b = i + 1;
    x = j + 1;
  }
  return hunks;
}

/**
 * A chunk's words, to pair chunks by: without its tag blocks (codes, memos, `{-}`) and the spaces
 * before them, brackets and labelled-span markers, so that coding a chunk leaves them as they were. Escaped
 * brackets and braces are words. Only a key: two chunks with the same key are still compared whole.
 */
export function wordsOf(chunk: string): string {
  // Most chunks hold no markup at all: they are their own key.
  let text = chunk;
  if (text.includes('\\')) text = text.replace(/\\[[\]{}\\]/g, (escape) => `\u0001${escape.charCodeAt(1)}\u0001`);
  // Innermost blocks first, with the spaces before them, until none is left (a memo's braces are escaped, but a text may nest them).
  for (let before = ''; text !== before && text.includes('{'); ) {
    before = text;
    text = text.replace(/[ \t]*\{[^{}]*\}/g, '');
  }
  if (text.includes('[') || text.includes(']')) text = text.replace(/\[[A-Za-z0-9]{1,8}>|<[A-Za-z0-9]{1,8}\]|[[\]]/g, '');
  return text;
}
