// The transcript model: what a parse of a transcript holds (docs/format.md). Turns, tag blocks,
// their codes and memos, and codings (a code applied to a text), with their offsets in the source
// and, for codings, in the plain text. The parser (transcriptParser.ts) makes it through
// `TranscriptBuilder`; everything else reads it.
//
// Two ways to read it: the objects (`turns`, `tagBlocks`, `codings`), made on the first read and
// kept, for the language features that look at one document; and the numbers (`turnCount`,
// `codingCountOf`, `codeOfCoding`…), read straight from the columns, for the index, the
// statistics and the diagnostics, which read every document of a study.
import type { Diagnostic } from './diagnostic';
import type { FrontMatter } from './frontMatter';
import type { PlainTextMap } from './plainTextMap';
import type { OffsetArray } from '../text/offsetArray';
import { codeRow, codingRow, memoRow, tagBlockRow, timeRow, turnRow, type TranscriptColumns } from './transcriptColumns';
import type { SourceText } from '../text/sourceText';
import type { LineIndex, Range, Span } from '../text/text';

export type CodingScope = 'span' | 'turn' | 'paragraph';

// Every element keeps its offsets (spans) and computes its line-and-column ranges when asked.
// A study of 1,000 transcripts holds about a million ranges that no request ever reads; as
// objects they were the largest part of the server's memory and of its start-up time.

// Offsets are kept as numbers in the element itself, and spans are made when asked, for the same
// reason: a span object costs more memory than the two numbers it holds.

/** A part of a document: its offsets, and its range computed from them on demand. */
class Located {
  /** The document's lines, to turn offsets into positions. */
  readonly lines: LineIndex;
  readonly start: number;
  readonly end: number;

  constructor(lines: LineIndex, start: number, end: number) {
    this.lines = lines;
    this.start = start;
    this.end = end;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get range(): Range {
    return this.lines.rangeOf(this.span);
  }
}

export class TagBlockCode extends Located {
  constructor(
    lines: LineIndex,
    /** The code path as written, without `#`. */
    readonly path: string,
    /** Offsets of the path (after `#`): what a rename replaces. */
    start: number,
    end: number,
  ) {
    super(lines, start, end);
  }
}

export class Memo extends Located {
  constructor(
    lines: LineIndex,
    readonly text: string,
    start: number,
    end: number,
  ) {
    super(lines, start, end);
  }
}

const scopes: readonly CodingScope[] = ['span', 'turn', 'paragraph'];

/** A tag block's scope and whether it is `{-}`, as one number. */
export function tagBlockKind(scope: CodingScope, reviewed: boolean): number {
  return scopes.indexOf(scope) * 2 + (reviewed ? 1 : 0);
}

export class TagBlock extends Located {
  /** One code (most blocks), a list of several, or none: a list for each block cost 5 MB on a large study. */
  readonly #codes: TagBlockCode | readonly TagBlockCode[] | undefined;
  /** The scope's number, times two, plus one for `{-}`. */
  readonly #kind: number;

  constructor(
    lines: LineIndex,
    start: number,
    end: number,
    codes: readonly TagBlockCode[],
    /** The scope's number, times two, plus one for `{-}` (`tagBlockKind`). */
    kind: number,
    readonly memo: Memo | undefined,
    /** Index of the turn the block stands in, if any. */
    readonly turn: number | undefined,
  ) {
    super(lines, start, end);
    this.#codes = codes.length === 0 ? undefined : codes.length === 1 ? codes[0] : codes;
    this.#kind = kind;
  }

  /** The codes written in the block, in order (a new list each time for a block of one code). */
  get codes(): readonly TagBlockCode[] {
    const codes = this.#codes;
    return codes === undefined ? noCodes : codes instanceof TagBlockCode ? [codes] : codes;
  }

  get codeCount(): number {
    const codes = this.#codes;
    return codes === undefined ? 0 : codes instanceof TagBlockCode ? 1 : codes.length;
  }

  codeAt(index: number): TagBlockCode {
    const codes = this.#codes;
    return codes instanceof TagBlockCode ? codes : codes![index];
  }

  /** `{-}`: the quote was reviewed and deliberately left without a code. */
  get reviewed(): boolean {
    return (this.#kind & 1) === 1;
  }

  get scope(): CodingScope {
    return scopes[this.#kind >> 1];
  }
}

/**
 * A code applied to a text. What its tag says (the code, its memo, the block, the scope, the turn)
 * is read from the tag itself, not copied: a large study holds a hundred thousand codings.
 */
export class Coding {
  readonly #tag: TagBlockCode;
  readonly #block: TagBlock;
  private readonly textStart: number;
  private readonly textEnd: number;

  constructor(
    tag: TagBlockCode,
    block: TagBlock,
    /** Offsets of the coded text in the source. */
    textStart: number,
    textEnd: number,
    /** Start and end of the coded text in `plainText`, in Unicode code points (REFI-QDA's unit). */
    readonly plainStart: number,
    readonly plainEnd: number,
    /** Index of the tag block in `tagBlocks`. */
    readonly tagBlock: number,
  ) {
    this.#tag = tag;
    this.#block = block;
    this.textStart = textStart;
    this.textEnd = textEnd;
  }

  /** Code path, as written. */
  get code(): string {
    return this.#tag.path;
  }

  get memo(): string | undefined {
    return this.#block.memo?.text;
  }

  get scope(): CodingScope {
    return this.#block.scope;
  }

  /** Index of the turn holding the coded text, if any. */
  get turn(): number | undefined {
    return this.#block.turn;
  }

  /** Offsets of the code path inside the tag block. */
  get codeSpan(): Span {
    return this.#tag.span;
  }

  /** Offsets of the whole tag block. */
  get tagSpan(): Span {
    return this.#block.span;
  }

  /** Offsets of the coded text in the source (a span's content, or a turn's or paragraph's text). */
  get textSpan(): Span {
    return { start: this.textStart, end: this.textEnd };
  }

  /** Range of the code path inside the tag block. */
  get codeRange(): Range {
    return this.#tag.range;
  }

  /** Range of the whole tag block. */
  get tagRange(): Range {
    return this.#block.range;
  }

  /** Range of the coded text. */
  get textRange(): Range {
    return this.#block.lines.rangeOf(this.textSpan);
  }
}

export class Turn {
  readonly #lines: LineIndex;
  /** Offset of the label, where the turn starts. */
  readonly start: number;
  /** End of the turn's last line. */
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
  // A turn's tag blocks, and its codings, have consecutive indices: two numbers each describe them.
  readonly firstTagBlock: number;
  readonly tagBlockCount: number;
  readonly firstCoding: number;
  readonly codingCount: number;
  /** Seconds into the recording where the turn starts, from its timestamp `[00:12:34]`, if it has one. */
  readonly time: number | undefined;
  /** Offsets of the timestamp `[…]`, if any. */
  readonly timestampSpan: Span | undefined;

  constructor(
    lines: LineIndex,
    /** The speaker label as written, without the colon. */
    readonly speaker: string,
    /** A turn by anyone but the interviewer. */
    readonly isQuote: boolean,
    rows: OffsetArray,
    row: number,
    /** The turn's row in `TranscriptColumns.times`, or -1. */
    times: OffsetArray,
    timeRowAt: number,
  ) {
    this.#lines = lines;
    this.start = rows[row + turnRow.start];
    this.end = rows[row + turnRow.end];
    this.contentStart = rows[row + turnRow.contentStart];
    this.contentEnd = rows[row + turnRow.contentEnd];
    this.firstTagBlock = rows[row + turnRow.firstTagBlock];
    this.tagBlockCount = rows[row + turnRow.tagBlockCount];
    this.firstCoding = rows[row + turnRow.firstCoding];
    this.codingCount = rows[row + turnRow.codingCount];
    this.time = timeRowAt < 0 ? undefined : times[timeRowAt + timeRow.time] / 1000;
    this.timestampSpan = timeRowAt < 0 ? undefined : { start: times[timeRowAt + timeRow.start], end: times[timeRowAt + timeRow.end] };
  }

  /** Indices of the tag blocks inside the turn (a new list each time). */
  get tagBlocks(): number[] {
    return indices(this.firstTagBlock, this.firstTagBlock + this.tagBlockCount - 1);
  }

  /** Indices of the codings of text inside the turn (a new list each time). */
  get codings(): number[] {
    return indices(this.firstCoding, this.firstCoding + this.codingCount - 1);
  }

  /** The turn's text after the label, without surrounding white space. */
  get contentSpan(): Span {
    return { start: this.contentStart, end: this.contentEnd };
  }

  get speakerRange(): Range {
    return this.#lines.rangeOf({ start: this.start, end: this.start + this.speaker.length });
  }

  /** From the label to the end of the turn's last line. */
  get range(): Range {
    return this.#lines.rangeOf({ start: this.start, end: this.end });
  }

  get contentRange(): Range {
    return this.#lines.rangeOf(this.contentSpan);
  }
}

/** Shared by every tag block without codes; read-only by its type. Not frozen: loops over a mix of frozen and ordinary arrays run slower. */
const noCodes: readonly TagBlockCode[] = [];

export class ParsedTranscript {
  #turns: Turn[] | undefined;
  #tagBlocks: TagBlock[] | undefined;
  #codes: TagBlockCode[] | undefined;
  #codings: Coding[] | undefined;

  constructor(
    readonly lines: LineIndex,
    readonly frontMatter: FrontMatter | undefined,
    /** What the objects below are made from; read them directly where many documents are read. */
    readonly columns: TranscriptColumns,
    readonly plainIndex: PlainTextMap,
    readonly problems: Diagnostic[],
  ) {
    this.interviewer = frontMatter?.interviewer?.value;
  }

  /** The interviewer's speaker label, from the front matter: every other speaker's turns are quotes. */
  readonly interviewer: string | undefined;

  /** The turns, as objects (made on the first read). */
  get turns(): Turn[] {
    if (this.#turns) return this.#turns;
    const turns = new Array<Turn>(this.turnCount);
    for (let t = 0; t < turns.length; t++) turns[t] = this.makeTurn(t);
    return (this.#turns = turns);
  }

  private makeTurn(turn: number): Turn {
    const speaker = this.speakerOf(turn);
    const { turns, times } = this.columns;
    return new Turn(this.lines, speaker, speaker !== this.interviewer, turns, turn * turnRow.width, times, this.timeRowOf(turn));
  }

  /** Where a turn's timestamp row starts in `columns.times`, or -1 for a turn without one. */
  private timeRowOf(turn: number): number {
    const times = this.columns.times;
    let low = 0;
    let high = times.length / timeRow.width;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid * timeRow.width + timeRow.turn] < turn) low = mid + 1;
      else high = mid;
    }
    return low * timeRow.width < times.length && times[low * timeRow.width + timeRow.turn] === turn ? low * timeRow.width : -1;
  }

  /**
   * One turn as an object: the one of `turns` once they are made, or one of its own, not kept.
   * A request that reads a few turns of many documents makes no document's whole list.
   */
  turnAt(turn: number): Turn {
    return this.#turns?.[turn] ?? this.makeTurn(turn);
  }

  /** The tag blocks, as objects (made on the first read). */
  get tagBlocks(): TagBlock[] {
    if (this.#tagBlocks) return this.#tagBlocks;
    const codes = (this.#codes = new Array<TagBlockCode>(this.codeCount));
    for (let k = 0; k < codes.length; k++) codes[k] = this.makeCode(k);
    const blocks = new Array<TagBlock>(this.tagBlockCount);
    for (let b = 0; b < blocks.length; b++) blocks[b] = this.makeTagBlock(b, codes);
    return (this.#tagBlocks = blocks);
  }

  /** Tag block `b` made from its row, with its codes taken from `codes` (all the document's, by number) or made. */
  private makeTagBlock(b: number, codes: readonly TagBlockCode[] | undefined): TagBlock {
    const { tagBlocks: rows, memos, memoTexts } = this.columns;
    const lines = this.lines;
    const row = b * tagBlockRow.width;
    const first = rows[row + tagBlockRow.firstCode];
    const count = rows[row + tagBlockRow.codeCount];
    const m = rows[row + tagBlockRow.memoPlusOne] - 1;
    const memo = m < 0 ? undefined : new Memo(lines, memoTexts[m], memos[m * memoRow.width + memoRow.start], memos[m * memoRow.width + memoRow.end]);
    const turn = rows[row + tagBlockRow.turnPlusOne] - 1;
    let own: readonly TagBlockCode[] = noCodes;
    if (count > 0 && codes) own = codes.slice(first, first + count);
    else if (count > 0) {
      const made = new Array<TagBlockCode>(count);
      for (let k = 0; k < count; k++) made[k] = this.makeCode(first + k);
      own = made;
    }
    return new TagBlock(lines, rows[row + tagBlockRow.start], rows[row + tagBlockRow.end], own, rows[row + tagBlockRow.kind], memo, turn < 0 ? undefined : turn);
  }

  /** The codings, as objects (made on the first read). */
  get codings(): Coding[] {
    if (this.#codings) return this.#codings;
    const blocks = this.tagBlocks;
    const codes = this.#codes!;
    const rows = this.columns.codings;
    const codings = new Array<Coding>(rows.length / codingRow.width);
    for (let i = 0; i < codings.length; i++) {
      const row = i * codingRow.width;
      const block = rows[row + codingRow.tagBlock];
      codings[i] = new Coding(
        codes[rows[row + codingRow.code]],
        blocks[block],
        rows[row + codingRow.textStart],
        rows[row + codingRow.textEnd],
        rows[row + codingRow.plainStart],
        rows[row + codingRow.plainEnd],
        block,
      );
    }
    return (this.#codings = codings);
  }

  /**
   * One coding as an object: the one of `codings` once they are made, or one of its own (with
   * its own tag block and code), not kept.
   */
  codingAt(coding: number): Coding {
    const made = this.#codings?.[coding];
    if (made) return made;
    const rows = this.columns.codings;
    const row = coding * codingRow.width;
    const b = rows[row + codingRow.tagBlock];
    const block = this.#tagBlocks?.[b] ?? this.makeTagBlock(b, this.#codes);
    const code = rows[row + codingRow.code];
    const tag = block.codeAt(code - this.firstCodeOf(b));
    return new Coding(tag, block, rows[row + codingRow.textStart], rows[row + codingRow.textEnd], rows[row + codingRow.plainStart], rows[row + codingRow.plainEnd], b);
  }


  // ---- the columns, read without making objects ----------------------------------------------

  get turnCount(): number {
    return this.columns.turns.length / turnRow.width;
  }

  speakerOf(turn: number): string {
    return this.columns.speakers[this.speakerNumberOf(turn)];
  }

  /** The number of a turn's speaker label in `speakerLabels`. */
  speakerNumberOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.speaker];
  }

  /** The document's speaker labels, as written, each once, in order of first use. */
  get speakerLabels(): readonly string[] {
    return this.columns.speakers;
  }

  isQuote(turn: number): boolean {
    return this.speakerOf(turn) !== this.interviewer;
  }

  /** Tag blocks in a turn; none makes a quote untagged. */
  tagBlockCountOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.tagBlockCount];
  }

  /** From a turn's label to the end of its last line (`Turn.range` without making the turn). */
  turnRangeOf(turn: number): Range {
    const row = turn * turnRow.width;
    return this.lines.rangeOf({ start: this.columns.turns[row + turnRow.start], end: this.columns.turns[row + turnRow.end] });
  }

  /** Where a turn's speaker label starts (a UTF-16 offset). */
  turnStartOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.start];
  }

  /** Where a turn's text after the label starts (`contentSpanOf` without making an object). */
  contentStartOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.contentStart];
  }

  contentEndOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.contentEnd];
  }

  /** A turn's text after the label, without surrounding white space. */
  contentSpanOf(turn: number): Span {
    const row = turn * turnRow.width;
    return { start: this.columns.turns[row + turnRow.contentStart], end: this.columns.turns[row + turnRow.contentEnd] };
  }

  /** Number of a turn's first coding; its codings have consecutive numbers. */
  firstCodingOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.firstCoding];
  }

  codingCountOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.codingCount];
  }

  /** Seconds into the recording where a turn starts (its timestamp), or undefined. */
  timeOf(turn: number): number | undefined {
    const row = this.timeRowOf(turn);
    return row < 0 ? undefined : this.columns.times[row + timeRow.time] / 1000;
  }

  speakerRangeOf(turn: number): Range {
    const start = this.columns.turns[turn * turnRow.width + turnRow.start];
    return this.lines.rangeOf({ start, end: start + this.speakerOf(turn).length });
  }

  get tagBlockCount(): number {
    return this.columns.tagBlocks.length / tagBlockRow.width;
  }

  /** Number of the first code of a tag block; its codes have consecutive numbers. */
  firstCodeOf(tagBlock: number): number {
    return this.columns.tagBlocks[tagBlock * tagBlockRow.width + tagBlockRow.firstCode];
  }

  codeCountOf(tagBlock: number): number {
    return this.columns.tagBlocks[tagBlock * tagBlockRow.width + tagBlockRow.codeCount];
  }

  /** Every `#code` written, in order, all tag blocks together. */
  get codeCount(): number {
    return this.columns.codes.length / codeRow.width;
  }

  pathOf(code: number): string {
    return this.columns.paths[this.columns.codes[code * codeRow.width + codeRow.path]];
  }

  /** A `#code` as an object: the one of `tagBlocks` once they are made, or one of its own. */
  codeAt(code: number): TagBlockCode {
    return this.#codes?.[code] ?? this.makeCode(code);
  }

  private makeCode(code: number): TagBlockCode {
    const span = this.codeSpanOf(code);
    return new TagBlockCode(this.lines, this.pathOf(code), span.start, span.end);
  }

  /** Offsets of a code's path (after `#`). */
  codeSpanOf(code: number): Span {
    const rows = this.columns.codes;
    return { start: rows[code * codeRow.width + codeRow.start], end: rows[code * codeRow.width + codeRow.end] };
  }

  get codingCount(): number {
    return this.columns.codings.length / codingRow.width;
  }

  /** The code path of a coding, as written. */
  codeOfCoding(coding: number): string {
    return this.columns.paths[this.pathNumberOfCoding(coding)];
  }

  /** The number of a coding's code path in `columns.paths`. */
  pathNumberOfCoding(coding: number): number {
    return this.columns.codes[this.columns.codings[coding * codingRow.width + codingRow.code] * codeRow.width + codeRow.path];
  }

  tagBlockOfCoding(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.tagBlock];
  }

  /** Where a coding's text starts in the source (a UTF-16 offset). */
  textStartOf(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.textStart];
  }

  textEndOf(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.textEnd];
  }

  /** Start of a coding's text in the plain text, in code points. */
  plainStartOf(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.plainStart];
  }

  /** End of a coding's text in the plain text, in code points. */
  plainEndOf(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.plainEnd];
  }

  /** The memo of a coding's tag block, if it has one. */
  memoOfCoding(coding: number): string | undefined {
    const m = this.columns.tagBlocks[this.tagBlockOfCoding(coding) * tagBlockRow.width + tagBlockRow.memoPlusOne] - 1;
    return m < 0 ? undefined : this.columns.memoTexts[m];
  }

  /** The turn holding a coding's text, or -1. */
  turnOfCoding(coding: number): number {
    return this.columns.tagBlocks[this.tagBlockOfCoding(coding) * tagBlockRow.width + tagBlockRow.turnPlusOne] - 1;
  }

  /** The informant the front matter's `speakers` map gives a turn's label, if any; the project may resolve others. */
  mappedInformant(turn: Turn): string | undefined {
    return this.informantOfLabel(turn.speaker);
  }

  /** The informant the front matter's `speakers` map gives a speaker label, if any. */
  informantOfLabel(label: string): string | undefined {
    const speakers = this.frontMatter?.speakers;
    if (speakers) for (const mapping of speakers) if (mapping.label === label) return mapping.informant;
    return undefined;
  }

  /** The source text; where it is kept as UTF-8 this decodes it whole: prefer `source.slice`. */
  get text(): string {
    return this.lines.source.text;
  }

  get source(): SourceText {
    return this.lines.source;
  }

  /**
   * The text with all markup removed: front matter, tag blocks, brackets of coded spans, escapes.
   * Built each time it is read: use `plainIndex.slice` for a part of it.
   */
  get plainText(): string {
    return this.plainIndex.plainText;
  }
}

function indices(first: number, last: number): number[] {
  const result = new Array<number>(Math.max(0, last - first + 1));
  for (let i = first; i <= last; i++) result[i - first] = i;
  return result;
}
