// The three-way merge of a transcript (a base and two coders' versions of it), on what the parser
// reads, never on raw lines: the plain text, and the codings, memos, `{-}` marks and timestamps laid
// over it (transcriptLayers.ts).
//
// - The words are merged word by word (wordAlignment.ts): a change on one side is taken; the same
//   words changed differently on both sides, or changes of both with no word between them, are a
//   conflict.
// - Each side's layers are carried onto the merged words by the same alignment. A coding is in the
//   result when both sides have it, or when one side added it; one removed on one side and left
//   on the other is removed. The same words coded by both sides share one span. A memo (by coded
//   words) or a timestamp changed on one side is taken; changed two ways, it is a conflict. A
//   `{-}` on one side and codes on the other: the codes win, and the result says so.
// - A coding whose words are all gone (the other side deleted them) is listed in `notPlaced`, with
//   its code, its words and its place, for the caller to keep in a memo file.
// - A conflict covers the smallest region: the turn or paragraph (with the lines up to the next),
//   written with git's markers and each side's text as it was.
// - The result is written region by region: a region whose merged content is exactly one side's
//   is that side's text, byte for byte; any other is written by the canonical writer
//   (transcriptWriter.ts). The front matter is merged key by key (yamlMerge.ts).
// - The result is parsed again and compared with what was meant; where it differs (markup the
//   writer cannot express), the file is merged line by line as git does, with conflicts.
// - A long transcript is merged a stretch at a time (transcriptChunks.ts): cut at blank lines,
//   the stretches all three share are kept as they are, a stretch only one side changed is that
//   side's, and each other region is merged as above on its own. A property test holds it to the
//   merge of the whole texts (`mergeWholeTranscripts`).
import { renamedPath } from './codebook';
import { conflictBlock, defaultConflictLabels, mayHoldConflictMarkers, type ConflictLabels } from './conflictMarkers';
import { mergeLines } from './lineMerge';
import type { CodingScope } from './transcript';
import { parseTranscript } from './transcriptParser';
import { blockAt, plainBlocks, rangeKey, readLayers, type LayerCoding, type PlainBlock, type TranscriptLayers } from './transcriptLayers';
import { chunkRegions, splitChunks } from './transcriptChunks';
import { timestampPlace, writeRegion, type WriterCoding, type WriterReview } from './transcriptWriter';
import { alignTexts, invertAlignment, mapCodedRange, mapEnd, mapStart, mergeTexts, type Alignment } from './wordAlignment';
import { mergeYaml } from './yamlMerge';
import { countAtOrBelow, countBelow } from '../text/sortedSearch';

export interface TranscriptMergeOptions {
  /** Former code paths and the current ones, from the codebook's `formerly:` (Codebook.renames). */
  renames?: ReadonlyMap<string, string>;
  /** Where both sides changed a turn's timestamp: take theirs (a re-transcription's new timing). */
  theirTimestamps?: boolean;
  labels?: ConflictLabels;
}

/** A coding that could not be placed on the merged words: the words it coded are gone. */
export interface NotPlacedCoding {
  code: string;
  /** The words it coded. */
  text: string;
  memo?: string;
  side: 'ours' | 'theirs';
  /** 1-based line in that side's file. */
  line: number;
  speaker?: string;
  /** 1-based line of the merged file near which the words were. */
  near: number;
}

export interface TranscriptMergeResult {
  text: string;
  /** Conflicts written with markers. */
  conflicts: number;
  /** Codings of one side carried over the other side's changes of words. */
  carried: number;
  notPlaced: NotPlacedCoding[];
  /** What the user should know: `{-}` marks dropped for codes, code paths renamed, a line-by-line merge. */
  notes: string[];
}

interface Side {
  name: 'base' | 'ours' | 'theirs';
  layers: TranscriptLayers;
  toMerged: Alignment;
  fromMerged: Alignment;
}

/** An item of a side, carried onto the merged words. */
interface Carried {
  /** Its place in the side's plain text, for the region it belongs to. */
  at: number;
  /** Its description in the merged text's terms; undefined when it could not be placed. */
  signature?: string;
}

export function mergeTranscripts(base: string, ours: string, theirs: string, options: TranscriptMergeOptions = {}): TranscriptMergeResult {
  return mergeOf(base, ours, theirs, options, true);
}

/** The same merge of the whole texts at once, never stretch by stretch: the reference a property test holds the stretches to. */
export function mergeWholeTranscripts(base: string, ours: string, theirs: string, options: TranscriptMergeOptions = {}): TranscriptMergeResult {
  return mergeOf(base, ours, theirs, options, false);
}

function mergeOf(base: string, ours: string, theirs: string, options: TranscriptMergeOptions, byStretches: boolean): TranscriptMergeResult {
  const notes: string[] = [];
  const renames = options.renames;
  if (renames && renames.size > 0) [base, ours, theirs] = [base, ours, theirs].map((text) => renameCodes(text, renames, notes));
  const trivial = ours === theirs || base === theirs ? ours : base === ours ? theirs : undefined;
  if (trivial !== undefined) return { text: trivial, conflicts: 0, carried: 0, notPlaced: [], notes };
  const labels = options.labels ?? defaultConflictLabels;
  return (byStretches ? mergeByChunks(base, ours, theirs, options, labels, notes) : undefined) ?? mergeWhole(base, ours, theirs, options, labels, notes);
}

/** Where to add to the lines a region's merge reports: the lines of each side, and of the result, before the region. */
interface LineOffsets {
  ours: number;
  theirs: number;
  merged: number;
}

/**
 * The merge region by region (transcriptChunks.ts): the stretches the three sides share are
 * taken as they are, each region where a side differs is merged on its own. Undefined where the
 * texts are not cut into stretches.
 */
function mergeByChunks(base: string, ours: string, theirs: string, options: TranscriptMergeOptions, labels: ConflictLabels, notes: string[]): TranscriptMergeResult | undefined {
  if ([base, ours, theirs].some(mayHoldConflictMarkers)) return undefined;
  const chunks = [base, ours, theirs].map(splitChunks);
  if (!chunks[0] || !chunks[1] || !chunks[2]) return undefined;
  const [b, o, t] = chunks as [string[], string[], string[]];
  const regions = chunkRegions(b, o, t);
  // One region that is the whole text: nothing to gain.
  if (regions.length === 1 && regions[0].base[0] === 0 && regions[0].base[1] === b.length) return undefined;
  const lines = (text: string) => {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  const offsets: LineOffsets = { ours: 0, theirs: 0, merged: 0 };
  const result: TranscriptMergeResult = { text: '', conflicts: 0, carried: 0, notPlaced: [], notes };
  let at = 0;
  const append = (text: string, sides: { ours: string; theirs: string }) => {
    result.text += text;
    offsets.ours += lines(sides.ours);
    offsets.theirs += lines(sides.theirs);
    offsets.merged += lines(text);
  };
  for (const region of regions) {
    const same = b.slice(at, region.base[0]).join('');
    append(same, { ours: same, theirs: same });
    const [rb, ro, rt] = [b.slice(...region.base).join(''), o.slice(...region.ours).join(''), t.slice(...region.theirs).join('')];
    const trivial = ro === rt || rb === rt ? ro : rb === ro ? rt : undefined;
    if (trivial !== undefined) append(trivial, { ours: ro, theirs: rt });
    else {
      const merged = mergeWhole(rb, ro, rt, { ...options, lineOffsets: { ...offsets } }, labels, []);
      result.conflicts += merged.conflicts;
      result.carried += merged.carried;
      result.notPlaced.push(...merged.notPlaced);
      for (const note of merged.notes) if (!notes.includes(note)) notes.push(note);
      append(merged.text, { ours: ro, theirs: rt });
    }
    at = region.base[1];
  }
  result.text += b.slice(at).join('');
  return result;
}

/** The merge of whole texts (or of one region of them). */
function mergeWhole(base: string, ours: string, theirs: string, options: TranscriptMergeOptions & { lineOffsets?: LineOffsets }, labels: ConflictLabels, notes: string[]): TranscriptMergeResult {
  const layers = [base, ours, theirs].map((text) => readLayers(text));
  if (layers.some((l) => l.lossyProblems > 0) || [base, ours, theirs].some(mayHoldConflictMarkers)) {
    const lines = mergeLines(base, ours, theirs, labels);
    notes.push('A side has broken markup or conflict markers: merged line by line.');
    return { text: lines.text, conflicts: lines.conflicts, carried: 0, notPlaced: [], notes };
  }
  return new Merge(layers as [TranscriptLayers, TranscriptLayers, TranscriptLayers], options, labels, notes).run();
}

/** The text with each code path the callback renames written anew; nothing else changes. */
function renameCodes(text: string, renames: ReadonlyMap<string, string>, notes: string[]): string {
  // Parsed only where a former path is written at all.
  if (![...renames.keys()].some((old) => text.includes(`#${old}`))) return text;
  const parsed = parseTranscript(text);
  const edits: { start: number; end: number; path: string }[] = [];
  for (let k = 0; k < parsed.codeCount; k++) {
    const path = parsed.pathOf(k);
    const now = renamedPath(renames, path);
    if (now !== undefined && now !== path) edits.push({ ...parsed.codeSpanOf(k), path: now });
  }
  if (edits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const edit of edits) (out += text.slice(at, edit.start) + edit.path), (at = edit.end);
  const renamedPaths = [...new Set(edits.map((e) => `${text.slice(e.start, e.end)} → ${e.path}`))];
  for (const line of renamedPaths) if (!notes.includes(`Renamed code ${line} (codebook.yaml: formerly).`)) notes.push(`Renamed code ${line} (codebook.yaml: formerly).`);
  return out + text.slice(at);
}

interface MergedCoding extends WriterCoding {
  key: string;
  scope: CodingScope;
}

class Merge {
  private readonly sides: Side[];
  private readonly merged: string;
  private readonly blocks: PlainBlock[];
  private readonly textConflicts: { start: number; end: number }[];
  private readonly itemConflicts: number[] = [];
  private readonly notPlaced: NotPlacedCoding[] = [];
  private carried = 0;
  /** The merged layers, in the merged text's terms. */
  private codings: MergedCoding[] = [];
  private readonly memos = new Map<string, string>();
  private reviews: (WriterReview & { key: string; blockStart: number })[] = [];
  private readonly timestamps = new Map<number, string>();
  /** Each side's items, carried. */
  private readonly carriedItems: Carried[][] = [[], [], []];
  /** The base aligned with each side, made when a coding is lost. */
  private readonly baseTo = new Map<string, Alignment>();
  /** Offsets of the merged text's line feeds, found when a line is first asked for. */
  private mergedLineBreaks: number[] | undefined;

  constructor(
    layers: [TranscriptLayers, TranscriptLayers, TranscriptLayers],
    private readonly options: TranscriptMergeOptions & { lineOffsets?: LineOffsets },
    private readonly labels: ConflictLabels,
    private readonly notes: string[],
  ) {
    const [base, ours, theirs] = layers;
    const text = mergeTexts(base.text, ours.text, theirs.text);
    this.merged = text.text;
    this.textConflicts = text.conflicts;
    const side = (name: Side['name'], l: TranscriptLayers, toMerged: Alignment): Side => ({ name, layers: l, toMerged, fromMerged: invertAlignment(toMerged) });
    this.sides = [side('base', base, text.baseToMerged), side('ours', ours, text.oursToMerged), side('theirs', theirs, text.theirsToMerged)];
    this.blocks = plainBlocks(this.merged);
  }

  run(): TranscriptMergeResult {
    this.mergeCodings();
    this.mergeReviews();
    this.mergeTimestamps();
    const frontMatter = this.mergeFrontMatter();
    for (const escapeBrackets of [false, true]) {
      const written = this.write(frontMatter.text, escapeBrackets);
      if (written.verified) {
        // In the order of the file (where each would have been, ours' first): the order merging
        // stretch by stretch gives, and the order a researcher reads them in.
        const notPlaced = this.notPlaced.sort((a, b) => a.near - b.near || Number(a.side === 'theirs') - Number(b.side === 'theirs') || a.line - b.line);
        return { text: written.text, conflicts: written.conflicts + frontMatter.conflicts, carried: this.carried, notPlaced, notes: this.notes };
      }
    }
    const [base, ours, theirs] = this.sides.map((s) => s.layers.source);
    const lines = mergeLines(base, ours, theirs, this.labels);
    this.notes.push('The merged markup could not be written exactly: merged line by line.');
    return { text: lines.text, conflicts: lines.conflicts, carried: 0, notPlaced: [], notes: this.notes };
  }

  // ---- carrying each side's layers onto the merged words ---------------------------------------

  /** A coding's range on the merged words, or undefined when its words are gone. */
  private carryCoding(side: Side, coding: LayerCoding): { start: number; end: number; blockLevel: boolean } | undefined {
    const source = side.layers.text;
    if (coding.scope !== 'span') {
      const block = this.locateBlock(side, coding.blockStart, coding.start, coding.end);
      if (!block) return undefined;
      const { start, end } = block.contentStart === block.contentEnd && block.kind === 'turn' ? { start: block.labelEnd, end: block.labelEnd } : { start: block.contentStart, end: block.contentEnd };
      return { start, end, blockLevel: true };
    }
    const range = mapCodedRange(side.toMerged, coding.start, coding.end, source, this.merged);
    if (!range) return coding.start === coding.end ? { start: mapStart(side.toMerged, coding.start), end: mapStart(side.toMerged, coding.start), blockLevel: false } : undefined;
    // White space the coding did not hold at its edges stays outside it.
    const [start, end] = trimmedRange(range[0], range[1], this.merged, coding.start, coding.end, source);
    if (start >= end && coding.start < coding.end) return undefined;
    return { start, end, blockLevel: false };
  }

  /** The merged block a side's turn or paragraph became: the one holding its words, or its label's. */
  private locateBlock(side: Side, blockStart: number, contentStart: number, contentEnd: number): PlainBlock | undefined {
    if (contentStart < contentEnd) {
      // The block where its words (some of them, or their corrections) are now.
      const range = mapCodedRange(side.toMerged, contentStart, contentEnd, side.layers.text, this.merged);
      return range ? blockAt(this.blocks, range[0]) : undefined;
    }
    const at = mapStart(side.toMerged, blockStart);
    const block = blockAt(this.blocks, at);
    return block && block.start === at ? block : undefined;
  }

  /** The base aligned with a side (made once). */
  private baseToSide(side: Side): Alignment {
    let alignment = this.baseTo.get(side.name);
    if (!alignment) this.baseTo.set(side.name, (alignment = alignTexts(this.sides[0].layers.text, side.layers.text)));
    return alignment;
  }

  /** Which of a side's codings are the base's, unchanged (on the same words, or the same turn): side coding → base coding. */
  private matchBase(side: Side): Map<number, number> {
    const base = this.sides[0].layers;
    const toSide = this.baseToSide(side);
    const byKey = new Map<string, number[]>();
    const add = (key: string, j: number) => byKey.set(key, [...(byKey.get(key) ?? []), j]);
    // The same code on the same words, however written (a span or the turn's tag block), or on the same turn.
    side.layers.codings.forEach((c, j) => {
      add(`${c.code}\u0001${c.start}:${c.end}`, j);
      if (c.scope === 'turn') add(`${c.code}\u0001t${c.blockStart}`, j);
    });
    const matches = new Map<number, number>();
    base.codings.forEach((b, i) => {
      const keys: string[] = [];
      const range = b.start === b.end ? [mapStart(toSide, b.start), mapStart(toSide, b.start)] : mapCodedRange(toSide, b.start, b.end, base.text, side.layers.text);
      // White space the coding did not hold at its edges stays outside it, as where it is carried
      // (`carryCoding`): ` hargav` deleted before `pastiw` maps the start onto the space.
      if (range && b.start < b.end) {
        const [start, end] = trimmedRange(range[0], range[1], side.layers.text, b.start, b.end, base.text);
        if (start < end && (start !== range[0] || end !== range[1])) keys.push(`${b.code}\u0001${start}:${end}`);
      }
      if (range) keys.push(`${b.code}\u0001${range[0]}:${range[1]}`);
      // The same turn only while some of its words are still there: the label of a turn the side
      // deleted lands on the next turn, whose coding is then the side's own, not this one.
      if (b.scope === 'turn' && range) keys.push(`${b.code}\u0001t${mapStart(toSide, b.blockStart)}`);
      for (const key of keys) {
        const j = byKey.get(key)?.find((candidate) => !matches.has(candidate));
        if (j === undefined) continue;
        matches.set(j, i);
        break;
      }
    });
    return matches;
  }

  private mergeCodings(): void {
    // A base coding stays when both sides still have it; each side's own codings are added.
    const matches = [new Map<number, number>(), this.matchBase(this.sides[1]), this.matchBase(this.sides[2])];
    const keptOn = [1, 2].map((s) => new Set(matches[s].values()));
    // A base coding one side wrote otherwise (its turn's tag block made a span on the same words,
    // or back) is written as that side wrote it, as any change of one side is taken: carried as a
    // turn's it would take in words the side added beside the span.
    const rewritten = new Map<number, { side: Side; coding: LayerCoding }>();
    for (const s of [1, 2]) {
      for (const [j, i] of matches[s]) {
        const coding = this.sides[s].layers.codings[j];
        if (coding.scope === this.sides[0].layers.codings[i].scope) continue;
        const other = [...matches[3 - s]].find(([, k]) => k === i);
        const otherScope = other === undefined ? undefined : this.sides[3 - s].layers.codings[other[0]].scope;
        if (otherScope === this.sides[0].layers.codings[i].scope) rewritten.set(i, { side: this.sides[s], coding });
      }
    }
    const included = new Map<string, MergedCoding>();
    const memoOf = this.sides.map(() => new Map<string, string | undefined>());
    /** Where each rewritten base coding is carried: the other side's memo of it is merged there, not on the turn it no longer codes. */
    const rewrittenRange = new Map<number, string>();
    this.sides.forEach((side, s) => {
      // Compared once: the texts are long, and equal but distinct strings compare character by character.
      const onOwnText = side.layers.text === this.merged;
      side.layers.codings.forEach((coding, j) => {
        const rewrite = s === 0 ? rewritten.get(j) : undefined;
        const carried = rewrite ? this.carryCoding(rewrite.side, rewrite.coding) : this.carryCoding(side, coding);
        const memo = side.layers.memos.get(rangeKey(coding.start, coding.end));
        const own = s > 0 && !matches[s].has(j);
        if (!carried) {
          this.carriedItems[s].push({ at: coding.start });
          if (own) this.lose(side, coding, memo);
          return;
        }
        const range = rangeKey(carried.start, carried.end);
        const key = `${coding.code}\u0001${range}`;
        if (rewrite) rewrittenRange.set(j, range);
        const baseCoding = s > 0 ? matches[s].get(j) : undefined;
        memoOf[s].set((baseCoding !== undefined ? rewrittenRange.get(baseCoding) : undefined) ?? range, memo);
        this.carriedItems[s].push({ at: coding.start, signature: `c${key}` });
        if (memo !== undefined) this.carriedItems[s].push({ at: coding.start, signature: `m${range}\u0001${memo}` });
        const wanted = s === 0 ? keptOn[0].has(j) && keptOn[1].has(j) : own;
        if (!wanted) return;
        const existing = included.get(key);
        if (existing) {
          if (carried.blockLevel) existing.blockLevel = true;
          return;
        }
        included.set(key, { key, code: coding.code, ...carried, scope: (rewrite?.coding ?? coding).scope });
        // Carried: a coding a side added, placed on words that are not that side's own text.
        if (s > 0 && !onOwnText) this.carried++;
      });
    });
    this.codings = [...included.values()];
    // Memos, by coded words.
    const ranges = new Set([...memoOf[0].keys(), ...memoOf[1].keys(), ...memoOf[2].keys()]);
    const coded = new Set(this.codings.map((c) => rangeKey(c.start, c.end)));
    for (const range of ranges) {
      const [mo, ma, mb] = memoOf.map((m) => m.get(range));
      if (!coded.has(range)) {
        // Nothing codes these words any more: a memo changed on a side that still coded them is a conflict.
        if ((memoOf[1].has(range) && ma !== mo) || (memoOf[2].has(range) && mb !== mo)) this.itemConflicts.push(Number(range.split(':')[0]));
        continue;
      }
      const memo = merge3(mo, ma, mb);
      if (memo === conflict) this.itemConflicts.push(Number(range.split(':')[0]));
      else if (memo !== undefined) this.memos.set(range, memo);
    }
    // Codes of the same words share one tag block: a turn's own where any side wrote it so.
    const blockLevel = new Set(this.codings.filter((c) => c.blockLevel).map((c) => rangeKey(c.start, c.end)));
    for (const c of this.codings) c.blockLevel = blockLevel.has(rangeKey(c.start, c.end));
    this.codings.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  private lose(side: Side, coding: LayerCoding, memo: string | undefined): void {
    const parsed = side.layers.parsed;
    const sourceStart = parsed.plainIndex.toSourceStart(coding.start);
    const line = parsed.lines.positionAt(sourceStart).line + 1;
    const turn = parsed.turns.find((t) => t.start <= sourceStart && sourceStart <= t.end);
    const nearPlain = mapStart(side.toMerged, coding.start);
    this.notPlaced.push({
      code: coding.code,
      text: side.layers.text.slice(coding.start, coding.end),
      ...(memo !== undefined ? { memo } : {}),
      side: side.name as 'ours' | 'theirs',
      line: line + (this.options.lineOffsets?.[side.name as 'ours' | 'theirs'] ?? 0),
      ...(turn ? { speaker: turn.speaker } : {}),
      near: this.lineOfMerged(nearPlain),
    });
  }

  /** 1-based line of a plain offset of the merged text, counting the merged front matter's lines (approximately: ours'). */
  private lineOfMerged(at: number): number {
    if (!this.mergedLineBreaks) {
      this.mergedLineBreaks = [];
      for (let i = this.merged.indexOf('\n'); i >= 0; i = this.merged.indexOf('\n', i + 1)) this.mergedLineBreaks.push(i);
    }
    const frontMatter = this.sides[1].layers.frontMatterBlock;
    // The line breaks before `at`, found by binary search: a note per dropped `{-}` asks for many lines.
    return 1 + countBelow(this.mergedLineBreaks, at) + (frontMatter.match(/\n/g)?.length ?? 0) + (this.options.lineOffsets?.merged ?? 0);
  }

  private mergeReviews(): void {
    const found = new Map<string, { review: WriterReview & { key: string; blockStart: number }; memos: (string | undefined | null)[] }>();
    this.sides.forEach((side, s) => {
      for (const review of side.layers.reviews) {
        let placed: { key: string; start: number; end: number; blockStart: number } | undefined;
        if (review.scope === 'span') {
          const start = mapStart(side.toMerged, review.start);
          const end = mapEnd(side.toMerged, review.end);
          if (start < end) placed = { key: `s${rangeKey(start, end)}`, start, end, blockStart: start };
        } else {
          const block = this.locateBlock(side, review.blockStart, review.start, review.end);
          if (block) {
            const empty = block.contentStart === block.contentEnd && block.kind === 'turn';
            placed = { key: `b${block.start}`, start: empty ? block.labelEnd : block.contentStart, end: empty ? block.labelEnd : block.contentEnd, blockStart: block.start };
          }
        }
        if (!placed) {
          this.carriedItems[s].push({ at: review.start });
          if (s > 0 && review.memo) this.notes.push(`A '{- | ${review.memo}}' of ${side.name} lost its words; its note is: ${review.memo}`);
          continue;
        }
        const entry = found.get(placed.key) ?? { review: { ...placed, scope: review.scope }, memos: [null, null, null] };
        entry.memos[s] = review.memo;
        found.set(placed.key, entry);
        this.carriedItems[s].push({ at: review.start, signature: `r${placed.key}\u0001${review.memo ?? ''}` });
      }
    });
    for (const { review, memos } of found.values()) {
      // null: no mark on that side; undefined: a mark without a memo.
      const value = merge3(...(memos.map((m) => (m === null ? undefined : `-${m ?? ''}`)) as [string | undefined, string | undefined, string | undefined]));
      if (value === conflict) {
        this.itemConflicts.push(review.start);
        continue;
      }
      if (value === undefined) continue;
      const memo = value.slice(1) || undefined;
      // `{-}` says "nothing to code here": codes of the other side win.
      if (review.scope !== 'span' && this.codesBlock(review)) {
        this.notes.push(`The '{-}' of the turn at line ${this.lineOfMerged(review.blockStart)} was dropped: the other side coded it${memo ? ` (its note: ${memo})` : ''}.`);
        continue;
      }
      this.reviews.push({ ...review, memo });
    }
  }

  /** Whether a merged coding starts in the content of a review's turn or paragraph (the codings are sorted by start). */
  private codesBlock(review: { start: number; end: number; blockStart: number }): boolean {
    let lo = 0;
    let hi = this.codings.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.codings[mid].start < review.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.codings.length && this.codings[k].start <= review.end; k++) {
      if (blockAt(this.blocks, this.codings[k].start)?.start === review.blockStart) return true;
    }
    return false;
  }

  private mergeTimestamps(): void {
    const found = new Map<number, (string | undefined)[]>();
    this.sides.forEach((side, s) => {
      for (const stamp of side.layers.timestamps) {
        const block = this.locateBlock(side, stamp.blockStart, stamp.contentStart, stamp.contentEnd);
        if (!block || block.kind !== 'turn') {
          this.carriedItems[s].push({ at: stamp.blockStart });
          continue;
        }
        const values = found.get(block.start) ?? [undefined, undefined, undefined];
        values[s] = stamp.markup;
        found.set(block.start, values);
        this.carriedItems[s].push({ at: stamp.blockStart, signature: `t${block.start}\u0001${stamp.markup}` });
      }
    });
    for (const [blockStart, [o, a, b]] of found) {
      let value = merge3(o, a, b);
      if (value === conflict && this.options.theirTimestamps) value = b;
      if (value === conflict) this.itemConflicts.push(blockStart);
      else if (value !== undefined) this.timestamps.set(blockStart, value);
    }
  }

  private mergeFrontMatter(): { text: string; conflicts: number } {
    const [o, a, b] = this.sides.map((s) => s.layers.frontMatterBlock);
    const bom = this.sides[1].layers.bom ? '\ufeff' : '';
    const trivial = a === b || o === b ? a : o === a ? b : undefined;
    if (trivial !== undefined) return { text: bom + trivial, conflicts: 0 };
    const inner = (block: string) => block.replace(/^---[ \t]*\r?\n/, '').replace(/(^|\n)(?:---|\.\.\.)[ \t]*(\r?\n)?$/, '$1');
    const eol = this.sides[1].layers.eol;
    const yaml = mergeYaml(inner(o), inner(a), inner(b), 'front matter', this.labels);
    return { text: `${bom}---${eol}${yaml.text}${yaml.text === '' || yaml.text.endsWith('\n') ? '' : eol}---${eol}`, conflicts: yaml.conflicts };
  }

  // ---- writing ------------------------------------------------------------------------------

  /** Region boundaries of the merged text: where each block starts, none inside a coding. */
  private regions(): number[] {
    const starts = [0, ...this.blocks.map((b) => b.start).filter((s) => s > 0), this.merged.length].filter((q, i, all) => i === 0 || q > all[i - 1]);
    // A boundary strictly inside a coding (or a `[…]{-}`) is no boundary: its markup would be cut.
    const inside = new Uint8Array(starts.length);
    for (const item of [...this.codings, ...this.reviews]) {
      for (let k = countAtOrBelow(starts, item.start); k < starts.length && starts[k] < item.end; k++) inside[k] = 1;
    }
    return starts.filter((_, k) => inside[k] === 0);
  }

  private write(frontMatter: string, escapeBrackets: boolean): { text: string; conflicts: number; verified: boolean } {
    const bounds = this.regions();
    const regionCount = Math.max(1, bounds.length - 1);
    const last = regionCount - 1;
    // The region of a merged position: the last boundary at or before it (the text's end is in the last region).
    const regionOf = (at: number) => Math.min(last, Math.max(0, countAtOrBelow(bounds, at) - 1));
    const conflicted = new Array<boolean>(regionCount).fill(false);
    for (const c of this.textConflicts) for (let r = regionOf(c.start); r <= regionOf(Math.max(c.start, c.end - 1)); r++) conflicted[r] = true;
    for (const at of this.itemConflicts) conflicted[regionOf(at)] = true;
    const wanted = this.mergedSignaturesByRegion(regionOf, regionCount);
    const byRegion = <T>(items: Iterable<T>, at: (item: T) => number) => {
      const buckets: T[][] = Array.from({ length: regionCount }, () => []);
      for (const item of items) buckets[regionOf(at(item))].push(item);
      return buckets;
    };
    const codings = byRegion(this.codings, (c) => c.start);
    const reviews = byRegion(this.reviews, (v) => v.start);
    const timestamps = byRegion(this.timestamps, ([blockStart]) => blockStart);
    // Ours first, then theirs, then the base: a later side is only looked at where an earlier one cannot give the region.
    const copyable: { s: number; regions: boolean[] }[] = [];
    for (const s of [1, 2, 0]) {
      if (copyable.length > 0 && copyable.every((c) => c.regions.every(Boolean))) break;
      copyable.push({ s, regions: this.copyableRegions(this.sides[s], s, bounds, wanted) });
    }
    let written = 0;

    let body = '';
    let conflicts = 0;
    let verified = true;
    for (let r = 0; r < regionCount; ) {
      const to = bounds[r + 1] ?? this.merged.length;
      if (conflicted[r]) {
        let end = r;
        while (end + 1 < regionCount && conflicted[end + 1]) end++;
        const [base, ours, theirs] = this.sides.map((side) => this.sourceOf(side, bounds[r], bounds[end + 1] ?? this.merged.length));
        body += conflictBlock(ours, base, theirs, this.sides[1].layers.eol, this.labels);
        conflicts++;
        r = end + 1;
        continue;
      }
      const from = copyable.find((c) => c.regions[r]);
      if (from) body += this.sourceOf(this.sides[from.s], bounds[r], to);
      else {
        const text = this.writeRegion(bounds[r], to, codings[r], reviews[r], timestamps[r], escapeBrackets);
        written++;
        if (!this.verifyRegion(text, bounds[r], to, wanted[r])) verified = false;
        body += text;
      }
      r++;
    }
    // Each region written anew was read back on its own; the whole text is read back too where a
    // code fence could carry one region's reading into the next.
    if (verified && conflicts === 0 && written > 0 && /^ {0,3}(?:`{3,}|~{3,})/m.test(this.merged)) verified = this.verify(frontMatter + body);
    return { text: frontMatter + body, conflicts, verified };
  }

  /** The regions where a side has exactly the merged words and layers, and no markup across their edges: its bytes can be copied. */
  private copyableRegions(side: Side, s: number, bounds: number[], wanted: string[][]): boolean[] {
    const count = wanted.length;
    const text = side.layers.text;
    const edges = bounds.map((b, k) => (k === 0 ? 0 : k === bounds.length - 1 ? text.length : mapStart(side.fromMerged, b)));
    if (edges.length < 2) edges.push(text.length);
    const regionOf = (at: number) => Math.min(count - 1, Math.max(0, countAtOrBelow(edges, at) - 1));
    const result = new Array<boolean>(count).fill(true);
    const signatures: Set<string>[] = Array.from({ length: count }, () => new Set());
    for (const item of this.carriedItems[s]) {
      const r = regionOf(item.at);
      if (item.signature === undefined) result[r] = false;
      else signatures[r].add(item.signature);
    }
    // A coding that crosses an edge between regions has markup on both sides of it.
    for (const c of side.layers.codings) {
      for (let k = countAtOrBelow(edges, c.start); k < edges.length - 1 && edges[k] <= c.end; k++) {
        if (k > 0) result[k - 1] = false;
        if (k < count) result[k] = false;
      }
    }
    for (let r = 0; r < count; r++) {
      if (!result[r]) continue;
      const to = bounds[r + 1] ?? this.merged.length;
      result[r] = text.slice(edges[r], edges[r + 1] ?? text.length) === this.merged.slice(bounds[r], to) && sameList([...signatures[r]].sort(), wanted[r]);
    }
    return result;
  }

  /** A region written anew. */
  private writeRegion(from: number, to: number, codings: MergedCoding[], reviews: Merge['reviews'], timestamps: [number, string][], escapeBrackets: boolean): string {
    const places = new Map<number, string>();
    const blockTagPlace = new Map<number, number>();
    for (const [blockStart, markup] of timestamps) {
      const block = blockAt(this.blocks, blockStart)!;
      const place = timestampPlace(this.merged, block);
      places.set(place, markup);
      if (block.contentStart === block.contentEnd) blockTagPlace.set(block.labelEnd, place);
    }
    // An empty turn's own tag block follows its timestamp.
    const moved = <T extends { start: number; end: number }>(item: T, blockLevel: boolean): T => {
      const place = blockLevel && item.start === item.end ? blockTagPlace.get(item.end) : undefined;
      return place === undefined ? item : { ...item, start: place, end: place };
    };
    return writeRegion({
      text: this.merged,
      from,
      to,
      codings: codings.map((c) => moved(c, c.blockLevel)),
      memos: this.memos,
      reviews: reviews.map((v) => moved(v, v.scope !== 'span')),
      timestamps: places,
      escapeBrackets,
    });
  }

  /** The merged items of each region, as the carried items describe them. */
  private mergedSignaturesByRegion(regionOf: (at: number) => number, count: number): string[][] {
    const sets: Set<string>[] = Array.from({ length: count }, () => new Set());
    for (const c of this.codings) sets[regionOf(c.start)].add(`c${c.key}`);
    for (const [range, memo] of this.memos) sets[regionOf(Number(range.split(':')[0]))].add(`m${range}\u0001${memo}`);
    for (const v of this.reviews) sets[regionOf(v.start)].add(`r${v.key}\u0001${v.memo ?? ''}`);
    for (const [blockStart, markup] of this.timestamps) sets[regionOf(blockStart)].add(`t${blockStart}\u0001${markup}`);
    return sets.map((set) => [...set].sort());
  }

  /** A side's source for the merged stretch [from, to) (region edges: starts of lines). */
  private sourceOf(side: Side, from: number, to: number): string {
    const layers = side.layers;
    const map = layers.parsed.plainIndex;
    const sourceAt = (plain: number) => (plain <= 0 ? layers.bodyStart : plain >= layers.text.length ? layers.source.length : map.toSourceEnd(plain));
    const x0 = from === 0 ? 0 : mapStart(side.fromMerged, from);
    const x1 = to >= this.merged.length ? layers.text.length : mapStart(side.fromMerged, to);
    return layers.source.slice(sourceAt(x0), Math.max(sourceAt(x0), sourceAt(x1)));
  }

  /** Whether a region written anew reads back, on its own, as the merged words and layers there. */
  private verifyRegion(text: string, from: number, to: number, wanted: string[]): boolean {
    // A line break first: a region that starts with `---` is no front matter inside the file.
    const written = readLayers('\n' + text);
    if (written.text !== '\n' + this.merged.slice(from, to) || written.lossyProblems > 0) return false;
    return sameList(signaturesOf(written, from - 1), wanted);
  }

  /** Whether the whole written text reads back as the merged words and layers. */
  private verify(text: string): boolean {
    const written = readLayers(text);
    if (written.text !== this.merged || written.lossyProblems > 0) return false;
    return sameList(signaturesOf(written, 0), this.mergedSignaturesByRegion(() => 0, 1)[0]);
  }
}

/** The layers of a text as the merged items describe them, its positions moved by `shift`. */
function signaturesOf(layers: TranscriptLayers, shift: number): string[] {
  const range = (start: number, end: number) => rangeKey(start + shift, end + shift);
  const got: string[] = [];
  for (const c of layers.codings) got.push(`c${c.code}\u0001${range(c.start, c.end)}`);
  for (const [key, memo] of layers.memos) {
    const [start, end] = key.split(':').map(Number);
    got.push(`m${range(start, end)}\u0001${memo}`);
  }
  for (const v of layers.reviews) got.push(`r${v.scope === 'span' ? `s${range(v.start, v.end)}` : `b${v.blockStart + shift}`}\u0001${v.memo ?? ''}`);
  for (const t of layers.timestamps) got.push(`t${t.blockStart + shift}\u0001${t.markup}`);
  return [...new Set(got)].sort();
}

const conflict = Symbol('conflict');

/**
 * `[start, end)` of `target`, the range a coding of `source` from `codingStart` to `codingEnd` maps
 * to, without the white space at its edges the coding did not hold at its own (empty if nothing
 * else is in it).
 */
function trimmedRange(start: number, end: number, target: string, codingStart: number, codingEnd: number, source: string): [number, number] {
  if (!/\s/.test(source[codingStart] ?? '')) while (start < end && /\s/.test(target[start])) start++;
  if (!/\s/.test(source[codingEnd - 1] ?? '')) while (end > start && /\s/.test(target[end - 1])) end--;
  return [start, end];
}

/** The three-way choice of a value: the side that changed it, or a conflict where both changed it differently. */
function merge3<T>(base: T, ours: T, theirs: T): T | typeof conflict {
  if (ours === theirs) return ours;
  if (ours === base) return theirs;
  if (theirs === base) return ours;
  return conflict;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
