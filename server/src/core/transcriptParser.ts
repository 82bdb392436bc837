// The transcript language (docs/format.md): Markdown with YAML front matter, speaker turns,
// tag blocks `{#theme/code | memo}` and coded spans `[text]{#code}`.
//
// The parser never fails: any text gives a ParsedTranscript and a list of problems. It runs in
// one pass over the lines (blocks) and one pass over each block's characters (inline markup),
// so its time is linear in the size of the document whatever the nesting.
import { codePathEnd } from './codePath';
import type { Diagnostic, DiagnosticCode } from './diagnostic';
import { readFrontMatter, type FrontMatter } from './frontMatter';
import { detach, internSlice } from './intern';
import { countAtOrBelow, countBelow } from './sortedSearch';
import { SourceText } from './sourceText';
import { astralOffsets, CodePointIndex, LineIndex, markupCharacters, type Range, type Span, type TextScan } from './text';

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

// The parse results are columns of numbers (`TranscriptColumns`); the objects above are made
// from them when a request reads them, once per document. Indexing a study reads the columns
// only: objects for its 600,000 turns, tag blocks, codes and codings were most of the cold
// index's garbage collection, and numbers can be sent from a reader thread without a copy.

/** Fields of a turn's row in `TranscriptColumns.turns`. */
export const turnRow = { start: 0, end: 1, contentStart: 2, contentEnd: 3, firstTagBlock: 4, tagBlockCount: 5, firstCoding: 6, codingCount: 7, width: 8 } as const;
/** Fields of a tag block's row: its scope's number times two plus one for `{-}`; its turn or -1; its memo's number or -1. */
export const tagBlockRow = { start: 0, end: 1, kind: 2, turn: 3, firstCode: 4, codeCount: 5, memo: 6, width: 7 } as const;
/** Fields of a code's row (one for each `#code` of a tag block, in order): the offsets of its path. */
export const codeRow = { start: 0, end: 1, width: 2 } as const;
/** Fields of a coding's row: its code's number, its tag block's, the offsets of its text, its plain-text code points. */
export const codingRow = { code: 0, tagBlock: 1, textStart: 2, textEnd: 3, plainStart: 4, plainEnd: 5, width: 6 } as const;
/** Fields of a memo's row: the offsets of its text. */
export const memoRow = { start: 0, end: 1, width: 2 } as const;

/** A transcript's turns, tag blocks, codes, codings and memos: rows of numbers, and the strings they name. */
export interface TranscriptColumns {
  turns: Int32Array;
  /** Each turn's speaker label, as written. */
  speakers: string[];
  tagBlocks: Int32Array;
  codes: Int32Array;
  /** Each code's path, as written. */
  paths: string[];
  codings: Int32Array;
  memos: Int32Array;
  memoTexts: string[];
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

  constructor(
    lines: LineIndex,
    /** The speaker label as written, without the colon. */
    readonly speaker: string,
    /** A turn by anyone but the interviewer. */
    readonly isQuote: boolean,
    rows: Int32Array,
    row: number,
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
  ) {}

  /** The turns, as objects (made on the first read). */
  get turns(): Turn[] {
    if (this.#turns) return this.#turns;
    const { turns: rows, speakers } = this.columns;
    const interviewer = this.interviewer;
    const turns = new Array<Turn>(speakers.length);
    for (let t = 0; t < speakers.length; t++) turns[t] = new Turn(this.lines, speakers[t], speakers[t] !== interviewer, rows, t * turnRow.width);
    return (this.#turns = turns);
  }

  /** The tag blocks, as objects (made on the first read). */
  get tagBlocks(): TagBlock[] {
    if (this.#tagBlocks) return this.#tagBlocks;
    const { tagBlocks: rows, paths, memos, memoTexts } = this.columns;
    const lines = this.lines;
    const codes = (this.#codes = new Array<TagBlockCode>(paths.length));
    for (let k = 0; k < paths.length; k++) codes[k] = this.makeCode(k);
    const blocks = new Array<TagBlock>(rows.length / tagBlockRow.width);
    for (let b = 0; b < blocks.length; b++) {
      const row = b * tagBlockRow.width;
      const first = rows[row + tagBlockRow.firstCode];
      const count = rows[row + tagBlockRow.codeCount];
      const m = rows[row + tagBlockRow.memo];
      const memo = m < 0 ? undefined : new Memo(lines, memoTexts[m], memos[m * memoRow.width + memoRow.start], memos[m * memoRow.width + memoRow.end]);
      const turn = rows[row + tagBlockRow.turn];
      blocks[b] = new TagBlock(lines, rows[row + tagBlockRow.start], rows[row + tagBlockRow.end], count === 0 ? noCodes : codes.slice(first, first + count), rows[row + tagBlockRow.kind], memo, turn < 0 ? undefined : turn);
    }
    return (this.#tagBlocks = blocks);
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

  /** The interviewer's speaker label, from the front matter: every other speaker's turns are quotes. */
  get interviewer(): string | undefined {
    return this.frontMatter?.interviewer?.value;
  }

  // ---- the columns, read without making objects ----------------------------------------------

  get turnCount(): number {
    return this.columns.speakers.length;
  }

  speakerOf(turn: number): string {
    return this.columns.speakers[turn];
  }

  isQuote(turn: number): boolean {
    return this.columns.speakers[turn] !== this.interviewer;
  }

  /** Tag blocks in a turn; none makes a quote untagged. */
  tagBlockCountOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.tagBlockCount];
  }

  codingCountOf(turn: number): number {
    return this.columns.turns[turn * turnRow.width + turnRow.codingCount];
  }

  speakerRangeOf(turn: number): Range {
    const start = this.columns.turns[turn * turnRow.width + turnRow.start];
    return this.lines.rangeOf({ start, end: start + this.columns.speakers[turn].length });
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
    return this.columns.paths.length;
  }

  pathOf(code: number): string {
    return this.columns.paths[code];
  }

  /** A `#code` as an object: the one of `tagBlocks` once they are made, or one of its own. */
  codeAt(code: number): TagBlockCode {
    return this.#codes?.[code] ?? this.makeCode(code);
  }

  private makeCode(code: number): TagBlockCode {
    const span = this.codeSpanOf(code);
    return new TagBlockCode(this.lines, this.columns.paths[code], span.start, span.end);
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
    return this.columns.paths[this.columns.codings[coding * codingRow.width + codingRow.code]];
  }

  tagBlockOfCoding(coding: number): number {
    return this.columns.codings[coding * codingRow.width + codingRow.tagBlock];
  }

  /** The turn holding a coding's text, or -1. */
  turnOfCoding(coding: number): number {
    return this.columns.tagBlocks[this.tagBlockOfCoding(coding) * tagBlockRow.width + tagBlockRow.turn];
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

const labelAt = /[\p{L}\p{M}\p{Nd}_.\-]+:/uy;
const headingAt = / {0,3}#{1,6}(?=[ \t]|$)/y;
const fenceAt = / {0,3}(`{3,}|~{3,})/y;

const escapable = new Set(['[', ']', '{', '}', '\\']);
const maxProblems = 1000;

/** Parses a transcript; `scan`, when given, is `scanText(text)`, found already (by a reader thread). */
export function parseTranscript(text: string, scan?: TextScan): ParsedTranscript {
  return new TranscriptParser(text, scan).parse();
}

interface Block {
  kind: 'turn' | 'paragraph';
  start: number;
  contentStart: number;
  end: number;
  turn?: number;
}

const initialRows = 1024;
/** About a megabyte: room for the rows of a transcript several times the usual size. */
const maxKeptRows = 1 << 18;

/** Rows of numbers of one width, growing as rows are added: one set serves every parse. */
class Rows {
  data = new Int32Array(initialRows);
  count = 0;

  constructor(readonly width: number) {}

  /** Empty, and small again after a huge file, which would otherwise keep its rows' memory. */
  clear(): void {
    this.count = 0;
    if (this.data.length > maxKeptRows) this.data = new Int32Array(initialRows);
  }

  /** Adds a row of zeros and gives its offset in `data` (which may be a new array). */
  add(): number {
    const offset = this.count * this.width;
    if (offset + this.width > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    for (let k = offset; k < offset + this.width; k++) data[k] = 0;
    this.count++;
    return offset;
  }

  /** The rows added, in an array of their own; none are left. */
  take(): Int32Array {
    const rows = this.data.slice(0, this.count * this.width);
    this.count = 0;
    return rows;
  }
}

/** A coding waiting for the plain text: its code's number, its tag block's, its text's offsets, 1 to trim white space. */
const pendingRow = { code: 0, tagBlock: 1, textStart: 2, textEnd: 3, trim: 4, width: 5 } as const;

/** The parser's rows, emptied by each parse: parses never overlap (they run to the end at once). */
const rows = {
  turns: new Rows(turnRow.width),
  tagBlocks: new Rows(tagBlockRow.width),
  codes: new Rows(codeRow.width),
  codings: new Rows(codingRow.width),
  memos: new Rows(memoRow.width),
  pending: new Rows(pendingRow.width),
  /** Spans of markup (start, end), left out of the plain text. */
  markup: new Rows(2),
};

function addMarkup(start: number, end: number): void {
  const row = rows.markup.add();
  rows.markup.data[row] = start;
  rows.markup.data[row + 1] = end;
}

class TranscriptParser {
  private readonly lines: LineIndex;
  private readonly problems: Diagnostic[] = [];
  /** Open brackets of the block being read; the first `openBrackets` count. */
  private readonly brackets: number[] = [];
  private readonly speakers: string[] = [];
  private readonly paths: string[] = [];
  private readonly memoTexts: string[] = [];
  /** The tag block being read: each is made into a TagBlock at once, so one object serves for all. */
  private readonly raw: RawTagBlock = { start: 0, end: 0, codeCount: 0, paths: [], starts: [], ends: [], reviewed: false, memo: undefined, problems: [] };
  /** For each character of `markupCharacters`: its next offset in the text (-1: none), searched for from `specialFrom`. */
  private readonly nextSpecial = new Int32Array(markupCharacters.length).fill(-2);
  private readonly specialFrom = new Int32Array(markupCharacters.length);
  /** Where the scan's list of markup characters was last read. */
  private markupCursor = 0;
  private frontMatter?: FrontMatter;
  private unreported = 0;
  private firstUnreported: Span = { start: 0, end: 0 };

  constructor(
    private readonly text: string,
    private readonly scan?: TextScan,
  ) {
    this.lines = new LineIndex(text, scan);
    for (const r of Object.values(rows)) r.clear();
  }

  parse(): ParsedTranscript {
    const bodyLine = this.readFrontMatter();
    this.readBlocks(bodyLine);
    if (this.unreported > 0) {
      this.problems.push({
        range: this.lines.rangeOf(this.firstUnreported),
        severity: 'error',
        code: this.problems[this.problems.length - 1].code,
        message: `${this.unreported} more problems from here on are not shown.`,
      });
    }
    // A message may quote the file: detached, it does not keep the whole text alive.
    for (const problem of this.problems) problem.message = detach(problem.message);
    const plainIndex = new PlainTextMap(this.lines.source, rows.markup.data, rows.markup.count, this.scan?.astral);
    for (let p = 0; p < rows.pending.count; p++) this.finishCoding(p * pendingRow.width, plainIndex);
    // A turn's tag blocks, and its codings, have consecutive indices: each turn gets the first and the count.
    const turns = rows.turns.data;
    const blocks = rows.tagBlocks.data;
    const codings = rows.codings.data;
    const turnOfBlock = (b: number) => blocks[b * tagBlockRow.width + tagBlockRow.turn];
    for (let first = 0, count = rows.codings.count; first < count; ) {
      const turn = turnOfBlock(codings[first * codingRow.width + codingRow.tagBlock]);
      let last = first;
      while (last + 1 < count && turnOfBlock(codings[(last + 1) * codingRow.width + codingRow.tagBlock]) === turn) last++;
      if (turn >= 0) (turns[turn * turnRow.width + turnRow.firstCoding] = first), (turns[turn * turnRow.width + turnRow.codingCount] = last - first + 1);
      first = last + 1;
    }
    for (let first = 0, count = rows.tagBlocks.count; first < count; ) {
      const turn = turnOfBlock(first);
      let last = first;
      while (last + 1 < count && turnOfBlock(last + 1) === turn) last++;
      if (turn >= 0) (turns[turn * turnRow.width + turnRow.firstTagBlock] = first), (turns[turn * turnRow.width + turnRow.tagBlockCount] = last - first + 1);
      first = last + 1;
    }
    const columns: TranscriptColumns = {
      turns: rows.turns.take(),
      speakers: this.speakers,
      tagBlocks: rows.tagBlocks.take(),
      codes: rows.codes.take(),
      paths: this.paths,
      codings: rows.codings.take(),
      memos: rows.memos.take(),
      memoTexts: this.memoTexts,
    };
    rows.pending.count = 0;
    return new ParsedTranscript(this.lines, this.frontMatter, columns, plainIndex, this.problems);
  }

  private problem(code: DiagnosticCode, span: Span, message: string, severity: Diagnostic['severity'] = 'error'): void {
    // Past a thousand, problems only count: a broken file must not flood the editor or memory.
    if (this.problems.length >= maxProblems) {
      if (this.unreported++ === 0) this.firstUnreported = span;
      return;
    }
    this.problems.push({ range: this.lines.rangeOf(span), severity, code, message });
  }

  // ---- front matter -------------------------------------------------------------------------

  /** Reads the front matter, if any, and returns the first line of the body. */
  private readFrontMatter(): number {
    const text = this.text;
    const lines = this.lines;
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (bom) addMarkup(0, 1);
    if (text.slice(bom, lines.lineContentEnd(0)).trimEnd() !== '---') return 0;

    let closing = -1;
    for (let line = 1; line < lines.lineCount; line++) {
      const content = lines.lineText(line).trimEnd();
      if (content === '---' || content === '...') {
        closing = line;
        break;
      }
    }
    let yamlEnd: number;
    let blockEnd: number;
    let bodyLine: number;
    if (closing >= 0) {
      yamlEnd = lines.lineStart(closing);
      blockEnd = lines.lineEnd(closing);
      bodyLine = closing + 1;
    } else {
      // Recover at the first blank line: front matter rarely holds one, transcripts always do.
      let blank = 1;
      while (blank < lines.lineCount && lines.lineText(blank).trim() !== '') blank++;
      yamlEnd = blank < lines.lineCount ? lines.lineStart(blank) : text.length;
      blockEnd = yamlEnd;
      bodyLine = blank;
      this.problem(
        'front-matter-unterminated',
        { start: bom, end: lines.lineContentEnd(0) },
        "The front matter has no closing '---' line; it is read up to the first blank line.",
      );
    }
    const yamlStart = Math.min(lines.lineEnd(0), yamlEnd);
    addMarkup(bom, blockEnd);
    this.frontMatter = readFrontMatter(text.slice(yamlStart, yamlEnd), yamlStart, { start: bom, end: blockEnd }, lines, this.problems);
    return bodyLine;
  }

  // ---- blocks: turns, paragraphs, fences ----------------------------------------------------

  private readBlocks(firstLine: number): void {
    const text = this.text;
    const lines = this.lines;
    // One block is open at a time and is read as soon as it closes: one object serves for all.
    const block: Block = { kind: 'paragraph', start: 0, contentStart: 0, end: 0, turn: undefined };
    let open = false;
    let lastContentLine = -1;
    let fence: { char: number; length: number } | undefined;

    const begin = (kind: Block['kind'], start: number, contentStart: number, end: number, turn: number | undefined) => {
      block.kind = kind;
      block.start = start;
      block.contentStart = contentStart;
      block.end = end;
      block.turn = turn;
      open = true;
    };
    const close = () => {
      if (open) {
        open = false;
        block.end = lines.lineContentEnd(lastContentLine);
        if (block.turn !== undefined) this.finishTurn(block.turn, block);
        this.readInline(block);
      }
    };

    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let line = firstLine; line < lines.lineCount; line++) {
      // The byte order mark is markup, not the first character of a label.
      const start = line === 0 ? bom : lines.lineStart(line);
      const end = lines.lineContentEnd(line);
      if (fence) {
        if (isClosingFence(text, start, end, fence)) fence = undefined;
        continue;
      }
      // Fences and headings start with '`', '~' or '#' after at most three spaces: other lines need no regular expression.
      let first = start;
      while (first < end && first - start < 3 && text.charCodeAt(first) === 32) first++;
      const firstChar = text.charCodeAt(first);
      fenceAt.lastIndex = start;
      const fenceMatch = (firstChar === 96 || firstChar === 126) && fenceAt.exec(text);
      if (fenceMatch && fenceAt.lastIndex <= end && !(fenceMatch[1][0] === '`' && text.slice(fenceAt.lastIndex, end).includes('`'))) {
        close();
        fence = { char: fenceMatch[1].charCodeAt(0), length: fenceMatch[1].length };
        continue;
      }
      if (isBlank(text, start, end)) {
        close();
        continue;
      }
      headingAt.lastIndex = start;
      if (firstChar === 35 && headingAt.test(text) && headingAt.lastIndex <= end) {
        close();
        begin('paragraph', start, start, end, undefined);
        lastContentLine = line;
        close();
        continue;
      }
      const label = this.labelOf(start, end);
      if (label) {
        close();
        const turnIndex = this.speakers.length;
        const speaker = internSlice(text, start, label - 1);
        this.speakers.push(speaker);
        const row = rows.turns.add();
        const turns = rows.turns.data;
        turns[row + turnRow.start] = start;
        turns[row + turnRow.end] = turns[row + turnRow.contentStart] = turns[row + turnRow.contentEnd] = start + speaker.length + 1;
        begin('turn', start, label, end, turnIndex);
      } else if (!open) {
        begin('paragraph', start, start, end, undefined);
      }
      lastContentLine = line;
    }
    close();
  }

  private finishTurn(turn: number, block: Block): void {
    let start = skipSpace(this.text, block.contentStart, block.end);
    let end = block.end;
    while (end > start && isSpace(this.text.charCodeAt(end - 1))) end--;
    if (start === end) start = end = block.contentStart;
    const turns = rows.turns.data;
    const row = turn * turnRow.width;
    turns[row + turnRow.end] = block.end;
    turns[row + turnRow.contentStart] = start;
    turns[row + turnRow.contentEnd] = end;
  }

  /** If the line starts with a speaker label `LABEL:` followed by white space or the line end, the offset after the colon. */
  private labelOf(start: number, end: number): number | undefined {
    const text = this.text;
    // Most labels and most first words are ASCII: read without the regular expression.
    let ascii = start;
    for (let c = text.charCodeAt(ascii); ascii < end && isAsciiLabelCharacter(c); c = text.charCodeAt(++ascii));
    if (ascii >= end) return undefined;
    const stop = text.charCodeAt(ascii);
    if (stop < 128) {
      if (stop !== 58 || ascii === start) return undefined;
      const next = text.charCodeAt(ascii + 1);
      return ascii + 1 === end || next === 32 || next === 9 ? ascii + 1 : undefined;
    }
    // A label ends at the line's first ':', before any space: most lines fail that at their first
    // word, without the regular expression (which then checks the label's characters).
    let colon = start;
    for (let c = text.charCodeAt(colon); colon < end && c !== 58 && c !== 32 && c !== 9; c = text.charCodeAt(++colon));
    if (colon === start || colon >= end || text.charCodeAt(colon) !== 58) return undefined;
    labelAt.lastIndex = start;
    if (!labelAt.test(this.text)) return undefined;
    const after = labelAt.lastIndex;
    if (after > end) return undefined;
    const next = this.text.charCodeAt(after);
    return after === end || next === 32 || next === 9 ? after : undefined;
  }

  // ---- inline markup: escapes, code spans, brackets, tag blocks ----------------------------

  private readInline(block: Block): void {
    const text = this.text;
    const end = block.end;
    const brackets = this.brackets;
    let openBrackets = 0;
    const turn = block.turn;
    let i = block.contentStart;
    while (i < end) {
      i = this.nextSpecialAt(i);
      if (i < 0 || i >= end) break;
      const c = text[i];
      if (c === '\\') {
        if (i + 1 < end && escapable.has(text[i + 1])) {
          addMarkup(i, i + 1);
          i += 2;
        } else i++;
      } else if (c === '`') {
        i = skipCodeSpan(text, i, end);
      } else if (c === '[') {
        brackets[openBrackets++] = i;
        i++;
      } else if (c === ']') {
        const open = openBrackets > 0 ? brackets[--openBrackets] : undefined;
        const tag = text[i + 1] === '{' ? this.readTagBlock(i + 1, end) : undefined;
        if (!tag) {
          i++;
          continue;
        }
        if (open === undefined) {
          this.problem('unmatched-bracket', { start: i, end: i + 1 }, "This ']' before a tag block has no matching '['; the tag block codes nothing.");
          this.addTagBlock(tag, 'span', turn);
        } else {
          addMarkup(open, open + 1);
          addMarkup(i, i + 1);
          this.addTagBlock(tag, 'span', turn, open + 1, i);
        }
        i = tag.end;
      } else {
        // '{'
        const tag = this.readTagBlock(i, end);
        if (!tag) {
          i++;
          continue;
        }
        const scope: CodingScope = block.kind;
        // The spaces that set a turn's tag block apart belong to it: `text {#code}` reads `text`.
        let markupStart = i;
        while (markupStart > block.contentStart && (text[markupStart - 1] === ' ' || text[markupStart - 1] === '\t')) markupStart--;
        this.addTagBlock(tag, scope, turn, block.contentStart, block.end, true, markupStart);
        i = tag.end;
      }
    }
  }

  /**
   * Offset of the first character that may start inline markup at or after `from`, or -1: from
   * the scan's list where a reader thread found them, otherwise each found with `indexOf` (twice
   * as fast as one regular expression for all).
   */
  private nextSpecialAt(from: number): number {
    const listed = this.scan?.markup;
    if (listed) {
      let at = this.markupCursor;
      if (at > 0 && listed[at - 1] >= from) at = countBelow(listed, from); // looked back: search again
      while (at < listed.length && listed[at] < from) at++;
      this.markupCursor = at;
      return at < listed.length ? listed[at] : -1;
    }
    const next = this.nextSpecial;
    const searchedFrom = this.specialFrom;
    let first = -1;
    for (let k = 0; k < next.length; k++) {
      let at = next[k];
      // Still right if found from an offset at or before `from` and not passed yet.
      if (searchedFrom[k] > from || (at !== -1 && at < from)) {
        at = next[k] = this.text.indexOf(markupCharacters[k], from);
        searchedFrom[k] = from;
      }
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }

  /**
   * Reads a tag block starting at `start` ('{'). Returns undefined when the brace does not open a
   * tag block (plain text) or the block is not closed (reported, and then read as plain text).
   */
  private readTagBlock(start: number, end: number): RawTagBlock | undefined {
    const text = this.text;
    let j = skipSpace(text, start + 1, end);
    const first = text[j];
    if (first === '-') {
      const after = skipSpace(text, j + 1, end);
      if (text[after] !== '}' && text[after] !== '|' && text[after] !== '#') return undefined;
    } else if (first !== '#' && first !== '|' && first !== '}') {
      return undefined;
    }

    const block = this.raw;
    block.start = start;
    block.end = start;
    block.codeCount = 0;
    block.reviewed = false;
    block.memo = undefined;
    // Problems wait until the block is known to be closed: an unclosed one is read as text.
    if (block.problems.length > 0) block.problems.length = 0;
    let invalidTokens = 0;
    for (;;) {
      j = skipSeparators(text, j, end);
      if (j >= end) return this.unterminated(start, end);
      const c = text[j];
      if (c === '}') {
        block.end = j + 1;
        break;
      }
      if (c === '|') {
        const close = findMemoEnd(text, j + 1, end);
        if (close < 0) return this.unterminated(start, end);
        const raw = text.slice(j + 1, close);
        const memoStart = j + 1 + (raw.length - raw.trimStart().length);
        const memoEnd = close - (raw.length - raw.trimEnd().length);
        block.memo = { text: detach(unescape(raw.trim())), start: memoStart, end: Math.max(memoStart, memoEnd) };
        block.end = close + 1;
        break;
      }
      if (c === '{' || c === '[' || c === ']') return this.unterminated(start, end);
      if (c === '#') {
        const matchEnd = codePathEnd(text, j + 1);
        const pathEnd = matchEnd <= end ? matchEnd : j + 1;
        const tokenEnd = tokenEndAt(text, pathEnd, end);
        if (tokenEnd > pathEnd) {
          invalidTokens++;
          const token = text.slice(j, tokenEnd);
          block.problems.push([
            'invalid-code-path',
            { start: j, end: tokenEnd },
            `'${token}' is not a valid code: use letters, digits, '_' and '-', with '/' between a theme and its codes.`,
          ]);
        } else if (pathEnd === j + 1) {
          invalidTokens++;
          block.problems.push(['empty-code', { start: j, end: j + 1 }, "A '#' needs a code path after it, e.g. '#trust/quality'."]);
        } else {
          const path = internSlice(text, j + 1, pathEnd);
          if (includes(block.paths, block.codeCount, path)) {
            block.problems.push(['duplicate-code-in-block', { start: j, end: pathEnd }, `The code '${path}' appears twice in this tag block.`, 'warning']);
          } else {
            const k = block.codeCount++;
            block.paths[k] = path;
            block.starts[k] = j + 1;
            block.ends[k] = pathEnd;
          }
        }
        j = tokenEnd;
        continue;
      }
      if (c === '-' && !block.reviewed && block.codeCount === 0 && invalidTokens === 0) {
        block.reviewed = true;
        j++;
        continue;
      }
      const tokenEnd = Math.max(j + 1, tokenEndAt(text, j, end));
      invalidTokens++;
      block.problems.push([
        'tag-block-unexpected-text',
        { start: j, end: tokenEnd },
        `Unexpected '${text.slice(j, tokenEnd)}' in a tag block: codes start with '#', a memo follows '|'.`,
      ]);
      j = tokenEnd;
    }

    for (const [code, span, message, severity] of block.problems) this.problem(code, span, message, severity);
    if (block.reviewed && block.codeCount > 0) {
      this.problem('reviewed-with-codes', { start, end: block.end }, "'{-}' marks a quote as reviewed with no code; remove the '-' or the codes.");
    } else if (!block.reviewed && block.codeCount === 0 && invalidTokens === 0) {
      this.problem('empty-tag-block', { start, end: block.end }, "This tag block has no code; write one like '{#trust}', or '{-}' to mark the quote as reviewed.");
    }
    return block;
  }

  private unterminated(start: number, end: number): undefined {
    const lineEnd = this.lines.lineContentEnd(this.lines.positionAt(start).line);
    this.problem('unterminated-tag-block', { start, end: Math.min(end, lineEnd) }, "This tag block is not closed with '}'.");
    return undefined;
  }

  /** A tag block, and the codings of the text between `textStart` and `textEnd` (none without them). */
  private addTagBlock(raw: RawTagBlock, scope: CodingScope, turn: number | undefined, textStart = -1, textEnd = -1, trim = false, markupStart = raw.start): void {
    addMarkup(markupStart, raw.end);
    const index = rows.tagBlocks.count;
    const firstCode = rows.codes.count;
    const count = raw.codeCount;
    for (let k = 0; k < count; k++) {
      const row = rows.codes.add();
      rows.codes.data[row + codeRow.start] = raw.starts[k];
      rows.codes.data[row + codeRow.end] = raw.ends[k];
      this.paths.push(raw.paths[k]);
    }
    let memo = -1;
    if (raw.memo) {
      memo = this.memoTexts.length;
      this.memoTexts.push(raw.memo.text);
      const row = rows.memos.add();
      rows.memos.data[row + memoRow.start] = raw.memo.start;
      rows.memos.data[row + memoRow.end] = raw.memo.end;
    }
    const row = rows.tagBlocks.add();
    const blocks = rows.tagBlocks.data;
    blocks[row + tagBlockRow.start] = raw.start;
    blocks[row + tagBlockRow.end] = raw.end;
    blocks[row + tagBlockRow.kind] = tagBlockKind(scope, raw.reviewed);
    blocks[row + tagBlockRow.turn] = turn ?? -1;
    blocks[row + tagBlockRow.firstCode] = firstCode;
    blocks[row + tagBlockRow.codeCount] = count;
    blocks[row + tagBlockRow.memo] = memo;
    if (textStart < 0) return;
    for (let k = 0; k < count; k++) {
      const p = rows.pending.add();
      const pending = rows.pending.data;
      pending[p + pendingRow.code] = firstCode + k;
      pending[p + pendingRow.tagBlock] = index;
      pending[p + pendingRow.textStart] = textStart;
      pending[p + pendingRow.textEnd] = textEnd;
      pending[p + pendingRow.trim] = trim ? 1 : 0;
    }
  }

  /** Makes the coding of a pending row, now that the plain text is known. */
  private finishCoding(p: number, plain: PlainTextMap): void {
    const pending = rows.pending.data;
    const row = rows.codings.add();
    const codings = rows.codings.data;
    codings[row + codingRow.code] = pending[p + pendingRow.code];
    codings[row + codingRow.tagBlock] = pending[p + pendingRow.tagBlock];
    // The codes of one tag block code the same text: mapped once, for the first.
    if (p > 0 && pending[p - pendingRow.width + pendingRow.tagBlock] === pending[p + pendingRow.tagBlock]) {
      const previous = row - codingRow.width;
      codings[row + codingRow.textStart] = codings[previous + codingRow.textStart];
      codings[row + codingRow.textEnd] = codings[previous + codingRow.textEnd];
      codings[row + codingRow.plainStart] = codings[previous + codingRow.plainStart];
      codings[row + codingRow.plainEnd] = codings[previous + codingRow.plainEnd];
      return;
    }
    let textStart = pending[p + pendingRow.textStart];
    let textEnd = pending[p + pendingRow.textEnd];
    let plainStart = plain.toPlain(textStart);
    let plainEnd = plain.toPlain(textEnd);
    if (pending[p + pendingRow.trim] === 1) {
      // A turn or paragraph coding covers its text without the surrounding white space.
      const source = this.text;
      while (plainStart < plainEnd && isSpace(source.charCodeAt(plain.toSourceStart(plainStart)))) plainStart++;
      while (plainEnd > plainStart && isSpace(source.charCodeAt(plain.toSourceStart(plainEnd - 1)))) plainEnd--;
      if (plainStart < plainEnd) (textStart = plain.toSourceStart(plainStart)), (textEnd = plain.toSourceEnd(plainEnd));
      else textEnd = textStart;
    }
    const points = plain.codePoints;
    codings[row + codingRow.textStart] = textStart;
    codings[row + codingRow.textEnd] = textEnd;
    codings[row + codingRow.plainStart] = points.toCodePoint(plainStart);
    codings[row + codingRow.plainEnd] = points.toCodePoint(plainEnd);
  }
}

/** A tag block as read, before it is made into a TagBlock: its codes' paths and offsets side by side. */
interface RawTagBlock {
  start: number;
  end: number;
  /** The codes are the first `codeCount` of `paths`, `starts` and `ends` (the lists are reused). */
  codeCount: number;
  paths: string[];
  starts: number[];
  ends: number[];
  reviewed: boolean;
  memo: { text: string; start: number; end: number } | undefined;
  problems: [DiagnosticCode, Span, string, Diagnostic['severity']?][];
}

/**
 * Maps offsets between the source and its plain text (the source without its markup spans).
 * Markup spans never overlap; they are sorted once here.
 */
export class PlainTextMap {
  /** Code point offsets of the plain text. */
  readonly codePoints: CodePointIndex;
  /** Kept runs of the source: source start, plain start, length. */
  private readonly runSource: Int32Array;
  private readonly runPlain: Int32Array;
  private readonly runLength: Int32Array;

  constructor(
    private readonly source: SourceText,
    /** The markup spans, as start and end one after the other: the first `markupCount` pairs. */
    markup: Int32Array,
    markupCount: number,
    /** The source's astral characters (`astralOffsets`), when found already. */
    sourceAstral?: Int32Array,
  ) {
    // Usually in order already, with no empty span: then neither filtered nor sorted.
    let ordered = true;
    for (let k = 0; k < markupCount && ordered; k++) ordered = markup[2 * k + 1] > markup[2 * k] && (k === 0 || markup[2 * k - 2] <= markup[2 * k]);
    const spans = ordered ? markup : sortedSpans(markup, markupCount);
    const count = ordered ? markupCount : spans.length / 2;
    // A run before each span and one after the last, at most: counted first, then typed arrays of
    // that size (growing lists of numbers made several times their size in garbage).
    let runs = 0;
    for (let k = 0, at = 0; k <= count; k++) {
      if ((k < count ? spans[2 * k] : source.length) > at) runs++;
      if (k < count) at = Math.max(at, spans[2 * k + 1]);
    }
    const runSource = (this.runSource = new Int32Array(runs));
    const runPlain = (this.runPlain = new Int32Array(runs));
    const runLength = (this.runLength = new Int32Array(runs));
    runs = 0;
    let at = 0;
    let plain = 0;
    for (let k = 0; k <= count; k++) {
      const runEnd = k < count ? spans[2 * k] : source.length;
      if (runEnd > at) {
        runSource[runs] = at;
        runPlain[runs] = plain;
        runLength[runs++] = runEnd - at;
        plain += runEnd - at;
      }
      if (k < count) at = Math.max(at, spans[2 * k + 1]);
    }
    // Astral characters of the kept runs, at their plain offsets (markup may hold some too): one
    // pass over the source's astral characters and the runs, both in order.
    const astral: number[] = [];
    const inSource = sourceAstral ?? astralOffsets(source.text); // parsed now, so a string
    let r = 0;
    for (let k = 0; k < inSource.length; k++) {
      const offset = inSource[k];
      while (r < runs && runSource[r] + runLength[r] <= offset + 1) r++;
      if (r === runs) break;
      if (offset >= runSource[r]) astral.push(runPlain[r] + (offset - runSource[r]));
    }
    this.codePoints = CodePointIndex.fromAstralOffsets(astral);
  }

  /** The whole plain text, built from the source. */
  get plainText(): string {
    return this.slice(0, Number.MAX_SAFE_INTEGER);
  }

  /** The plain text between two plain UTF-16 offsets. */
  slice(plainStart: number, plainEnd: number): string {
    const first = Math.max(0, countAtOrBelow(this.runPlain, plainStart) - 1);
    let last = first;
    while (last + 1 < this.runPlain.length && this.runPlain[last + 1] < plainEnd) last++;
    if (first >= this.runPlain.length) return '';
    // One cut of the source covers every run: a source kept as UTF-8 decodes only that part, once.
    const sourceFrom = this.runSource[first] + Math.max(0, plainStart - this.runPlain[first]);
    const sourceTo = this.runSource[last] + Math.max(0, Math.min(plainEnd, this.runPlain[last] + this.runLength[last]) - this.runPlain[last]);
    if (sourceTo <= sourceFrom) return '';
    const cut = this.source.slice(sourceFrom, sourceTo);
    if (first === last) return cut;
    const parts: string[] = [];
    for (let r = first; r <= last; r++) {
      const from = Math.max(plainStart, this.runPlain[r]);
      const to = Math.min(plainEnd, this.runPlain[r] + this.runLength[r]);
      if (to > from) parts.push(cut.slice(this.runSource[r] + (from - this.runPlain[r]) - sourceFrom, this.runSource[r] + (to - this.runPlain[r]) - sourceFrom));
    }
    return parts.join('');
  }

  /** The plain text of a part of the source. */
  sliceSource(span: Span): string {
    return this.slice(this.toPlain(span.start), this.toPlain(span.end));
  }

  /** Plain-text UTF-16 offset of a source offset (an offset inside markup maps to where the markup was). */
  toPlain(offset: number): number {
    const r = countAtOrBelow(this.runSource, offset) - 1;
    if (r < 0) return 0;
    return this.runPlain[r] + Math.min(offset - this.runSource[r], this.runLength[r]);
  }

  /** Source offset of the plain character at `plainOffset`. */
  toSourceStart(plainOffset: number): number {
    const r = countAtOrBelow(this.runPlain, plainOffset) - 1;
    if (r < 0) return 0;
    return this.runSource[r] + (plainOffset - this.runPlain[r]);
  }

  /** Source offset just after the plain character before `plainOffset` (an exclusive end). */
  toSourceEnd(plainOffset: number): number {
    if (plainOffset <= 0) return this.toSourceStart(0);
    return this.toSourceStart(plainOffset - 1) + 1;
  }
}

/**
 * The non-empty spans of the first `count` pairs of `markup`, sorted by start (stably), as pairs.
 * Nearly in order (only the brackets of nested spans come late): moved into place one by one,
 * unless that takes many moves, when they are sorted instead.
 */
function sortedSpans(markup: Int32Array, count: number): Int32Array {
  let kept = 0;
  for (let k = 0; k < count; k++) if (markup[2 * k + 1] > markup[2 * k]) kept++;
  const spans = new Int32Array(kept * 2);
  let n = 0;
  let moves = 0;
  for (let k = 0; k < count; k++) {
    const start = markup[2 * k];
    const end = markup[2 * k + 1];
    if (end <= start) continue;
    let at = n++;
    while (at > 0 && spans[2 * at - 2] > start && moves++ < 8 * count) {
      spans[2 * at] = spans[2 * at - 2];
      spans[2 * at + 1] = spans[2 * at - 1];
      at--;
    }
    spans[2 * at] = start;
    spans[2 * at + 1] = end;
  }
  if (moves <= 8 * count) return spans;
  const order: number[] = [];
  for (let k = 0; k < count; k++) if (markup[2 * k + 1] > markup[2 * k]) order.push(k);
  order.sort((a, b) => markup[2 * a] - markup[2 * b]);
  order.forEach((k, i) => ((spans[2 * i] = markup[2 * k]), (spans[2 * i + 1] = markup[2 * k + 1])));
  return spans;
}

/** A-Z, a-z, 0-9, '_', '.' and '-': the ASCII characters of a speaker label. */
function isAsciiLabelCharacter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** Whether `value` is among the first `count` of `list`. */
function includes(list: string[], count: number, value: string): boolean {
  for (let k = 0; k < count; k++) if (list[k] === value) return true;
  return false;
}

function indices(first: number, last: number): number[] {
  const result = new Array<number>(Math.max(0, last - first + 1));
  for (let i = first; i <= last; i++) result[i - first] = i;
  return result;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

function isClosingFence(text: string, start: number, end: number, fence: { char: number; length: number }): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let run = 0;
  while (i < end && text.charCodeAt(i) === fence.char) i++, run++;
  return run >= fence.length && isBlank(text, i, end);
}

function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function skipSeparators(text: string, i: number, end: number): number {
  while (i < end && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 44 /* , */)) i++;
  return i;
}

/** End of a malformed token: the next white space or structural character of a tag block. */
function tokenEndAt(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i];
    if (isSpace(text.charCodeAt(i)) || c === ',' || c === '}' || c === '|' || c === '#' || c === '{' || c === '[' || c === ']') break;
    i++;
  }
  return i;
}

/** Offset of the `}` that closes a memo (skipping escapes), or -1. */
function findMemoEnd(text: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < end && escapable.has(text[i + 1])) i++;
    else if (c === '}') return i;
  }
  return -1;
}

/** A code span: a run of backticks up to the next run of the same length; unclosed, the run is text. */
function skipCodeSpan(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && text[i] === '`') i++;
  const length = i - start;
  while (i < end) {
    const next = text.indexOf('`', i);
    if (next < 0 || next >= end) break;
    let j = next;
    while (j < end && text[j] === '`') j++;
    if (j - next === length) return j;
    i = j;
  }
  return start + length;
}

function unescape(text: string): string {
  return text.replace(/\\([[\]{}\\])/g, '$1');
}
