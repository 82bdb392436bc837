// How a parse makes the model: the parser (transcriptParser.ts) writes each element it finds into
// the builder's rows, in order, and `finish` makes the ParsedTranscript (transcript.ts) of them.
import type { Diagnostic } from './diagnostic';
import type { FrontMatter } from './frontMatter';
import type { PlainTextMap } from './plainTextMap';
import { NameList } from '../text/nameList';
import { Rows } from '../text/rows';
import type { LineIndex } from '../text/text';
import { ParsedTranscript, tagBlockKind, type CodingScope } from './transcript';
import { codeRow, codingRow, memoRow, tagBlockRow, timeRow, turnRow, type TranscriptColumns } from './transcriptColumns';

/** The rows of every parse, emptied by each: parses never overlap (each runs to its end at once). */
const rows = {
  turns: new Rows(turnRow.width),
  times: new Rows(timeRow.width),
  tagBlocks: new Rows(tagBlockRow.width),
  codes: new Rows(codeRow.width),
  codings: new Rows(codingRow.width),
  memos: new Rows(memoRow.width),
};

/**
 * What the parser writes a transcript's elements into, in the order it finds them; `finish` makes
 * the ParsedTranscript. The row layout stays inside the model's modules.
 */
export class TranscriptBuilder {
  private readonly speakers = new NameList();
  private readonly paths = new NameList();
  private readonly memoTexts: string[] = [];

  constructor() {
    for (const r of Object.values(rows)) r.clear();
  }

  get turnCount(): number {
    return rows.turns.count;
  }

  get tagBlockCount(): number {
    return rows.tagBlocks.count;
  }

  get codeCount(): number {
    return rows.codes.count;
  }

  /**
   * A turn whose label (without the colon) is from `start` to `labelEnd`, read in `text`, which
   * holds the whole text from offset `base` on; `closeTurn` gives its extent. Returns its number.
   */
  addTurn(text: string, base: number, start: number, labelEnd: number): number {
    const turn = rows.turns.count;
    const row = rows.turns.add();
    const turns = rows.turns.data;
    turns[row + turnRow.start] = start;
    turns[row + turnRow.end] = turns[row + turnRow.contentStart] = turns[row + turnRow.contentEnd] = labelEnd + 1;
    turns[row + turnRow.speaker] = this.speakers.numberAt(text, start - base, labelEnd - base);
    return turn;
  }

  /** The timestamp at a turn's start: its time in milliseconds and the offsets of its `[…]`. Turns are given in order, each once at most. */
  setTurnTime(turn: number, milliseconds: number, start: number, end: number): void {
    const row = rows.times.add();
    const times = rows.times.data;
    times[row + timeRow.turn] = turn;
    times[row + timeRow.time] = milliseconds;
    times[row + timeRow.start] = start;
    times[row + timeRow.end] = end;
  }

  closeTurn(turn: number, end: number, contentStart: number, contentEnd: number): void {
    const turns = rows.turns.data;
    const row = turn * turnRow.width;
    turns[row + turnRow.end] = end;
    turns[row + turnRow.contentStart] = contentStart;
    turns[row + turnRow.contentEnd] = contentEnd;
  }

  /** The number of the code path written at text[start, end) (the same number for the same path). */
  pathNumberAt(text: string, start: number, end: number): number {
    return this.paths.numberAt(text, start, end);
  }

  pathName(number: number): string {
    return this.paths.names[number];
  }

  /** A `#code` of the tag block about to be added: its path's number (`pathNumberAt`) and the offsets of the path. */
  addCode(path: number, start: number, end: number): void {
    const row = rows.codes.add();
    rows.codes.data[row + codeRow.start] = start;
    rows.codes.data[row + codeRow.end] = end;
    rows.codes.data[row + codeRow.path] = path;
  }

  /** A memo; returns its number. */
  addMemo(text: string, start: number, end: number): number {
    const memo = this.memoTexts.length;
    this.memoTexts.push(text);
    const row = rows.memos.add();
    rows.memos.data[row + memoRow.start] = start;
    rows.memos.data[row + memoRow.end] = end;
    return memo;
  }

  /** A tag block of the codes `firstCode` to `firstCode + codeCount - 1`, in `turn` or none, with memo number `memo` or -1; returns its number. */
  addTagBlock(start: number, end: number, scope: CodingScope, reviewed: boolean, turn: number | undefined, firstCode: number, codeCount: number, memo: number): number {
    const index = rows.tagBlocks.count;
    const row = rows.tagBlocks.add();
    const blocks = rows.tagBlocks.data;
    blocks[row + tagBlockRow.start] = start;
    blocks[row + tagBlockRow.end] = end;
    blocks[row + tagBlockRow.kind] = tagBlockKind(scope, reviewed);
    blocks[row + tagBlockRow.turnPlusOne] = turn === undefined ? 0 : turn + 1;
    blocks[row + tagBlockRow.firstCode] = firstCode;
    blocks[row + tagBlockRow.codeCount] = codeCount;
    blocks[row + tagBlockRow.memoPlusOne] = memo + 1;
    return index;
  }

  /** A code of a tag block applied to a text: its offsets in the source and its code points in the plain text. */
  addCoding(code: number, tagBlock: number, textStart: number, textEnd: number, plainStart: number, plainEnd: number): void {
    const row = rows.codings.add();
    const codings = rows.codings.data;
    codings[row + codingRow.code] = code;
    codings[row + codingRow.tagBlock] = tagBlock;
    codings[row + codingRow.textStart] = textStart;
    codings[row + codingRow.textEnd] = textEnd;
    codings[row + codingRow.plainStart] = plainStart;
    codings[row + codingRow.plainEnd] = plainEnd;
  }

  /** Another code of the last coding's tag block: it codes the same text. */
  addCodingOfSameText(code: number): void {
    const row = rows.codings.add();
    const codings = rows.codings.data;
    const previous = row - codingRow.width;
    codings[row + codingRow.code] = code;
    codings[row + codingRow.tagBlock] = codings[previous + codingRow.tagBlock];
    codings[row + codingRow.textStart] = codings[previous + codingRow.textStart];
    codings[row + codingRow.textEnd] = codings[previous + codingRow.textEnd];
    codings[row + codingRow.plainStart] = codings[previous + codingRow.plainStart];
    codings[row + codingRow.plainEnd] = codings[previous + codingRow.plainEnd];
  }

  /** The parse result; the rows are emptied for the next parse. */
  finish(lines: LineIndex, frontMatter: FrontMatter | undefined, plainIndex: PlainTextMap, problems: Diagnostic[]): ParsedTranscript {
    // A turn's tag blocks, and its codings, have consecutive indices: each turn gets the first and the count.
    const turns = rows.turns.data;
    const blocks = rows.tagBlocks.data;
    const codings = rows.codings.data;
    const turnOfBlock = (b: number) => blocks[b * tagBlockRow.width + tagBlockRow.turnPlusOne] - 1;
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
    // Each number is an offset, a count or number of parts (each a character or more) or a kind
    // (below 6): none is above the text's length or 5. Not so the timestamps' milliseconds.
    const atMost = Math.max(lines.source.length, 5);
    const columns: TranscriptColumns = {
      turns: rows.turns.take(atMost),
      // Copies of the lists at their own length: a list grown one name at a time keeps room for more.
      speakers: this.speakers.names.slice(),
      times: rows.times.take(),
      tagBlocks: rows.tagBlocks.take(atMost),
      codes: rows.codes.take(atMost),
      paths: this.paths.names.slice(),
      codings: rows.codings.take(atMost),
      memos: rows.memos.take(atMost),
      memoTexts: this.memoTexts.slice(),
    };
    return new ParsedTranscript(lines, frontMatter, columns, plainIndex, problems);
  }
}
