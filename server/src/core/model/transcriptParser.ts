// The transcript parser (docs/format.md): Markdown with YAML front matter, speaker turns,
// tag blocks `{#theme/code | memo}` and coded spans `[text]{#code}`, read into the model of
// transcript.ts.
//
// The parser never fails: any text gives a ParsedTranscript and a list of problems. It runs in
// one pass over the lines (blocks) and one pass over each block's characters (inline markup),
// so its time is linear in the size of the document whatever the nesting.
import { codePathEnd } from './codePath';
import { conflictMarkerOf } from './conflictMarkers';
import type { Diagnostic, DiagnosticCode } from './diagnostic';
import { readFrontMatter, type FrontMatter } from './frontMatter';
import { detach } from '../text/intern';
import { PlainTextMap } from './plainTextMap';
import type { CompactUtf8 } from '../text/compactUtf8';
import { scanCompact } from '../text/compactScan';
import type { PreparedText } from '../text/preparedText';
import { Rows } from '../text/rows';
import { countBelow } from '../text/sortedSearch';
import { SourceText } from '../text/sourceText';
import { LineIndex, type Span } from '../text/text';
import { markupCharacters, type TextScan } from '../text/textScan';
import { formatClock, readTimestamp } from './timestamp';
import { TranscriptBuilder } from './transcriptBuilder';
import { escapable, findMemoEnd, includes, isAsciiLabelCharacter, isBlank, isClosingFence, isSpace, skipSeparators, skipSpace, spanLabelBefore, spanLabelEnd, codeSpanEnd, tokenEndAt, unescape } from './transcriptSyntax';
import type { CodingScope, ParsedTranscript } from './transcript';

export type { ParsedTranscript } from './transcript';

const labelAt = /[\p{L}\p{M}\p{Nd}_.\-]+:/uy;
const headingAt = / {0,3}#{1,6}(?=[ \t]|$)/y;
const fenceAt = / {0,3}(`{3,}|~{3,})/y;

const maxProblems = 1000;

/**
 * Parses a transcript. With what a file reader `prepared`, the parse starts from the reader's scan
 * of the text, and the text is then kept as the bytes it was read from where that is smaller.
 * A text given as its compact form alone is parsed a window at a time (`parseCompactTranscript`).
 */
export function parseTranscript(text: string | CompactUtf8, prepared?: PreparedText): ParsedTranscript {
  if (typeof text !== 'string') return parseCompactTranscript(text, prepared?.scan);
  const parsed = new TranscriptParser(new SourceText(text), prepared?.scan).parse();
  if (prepared) parsed.source.keepPrepared(prepared);
  return parsed;
}

/**
 * Parses a text kept as its compact form (UTF-8 bytes and the table of its non-ASCII characters)
 * without ever making its whole string: it is scanned in its bytes, and read a window of whole
 * lines at a time, each decoded as the parse reaches it. A 50 MB comment dump with emoji would be
 * a 100 MB string (V8 keeps it at two bytes a character); its windows are a few megabytes. The
 * result is the parse of the decoded text, to the offset (test/core/windowedParse.test.ts).
 */
export function parseCompactTranscript(compact: CompactUtf8, scan?: TextScan, windowUnits = parseWindowUnits): ParsedTranscript {
  // The markup offsets are needed: without them the parser would search the window as if it were the whole text.
  return new TranscriptParser(SourceText.ofCompact(compact), scan?.markup ? scan : scanCompact(compact), Math.max(1, windowUnits)).parse();
}

/**
 * UTF-16 units decoded at a time by `parseCompactTranscript` (a window holds whole lines: a longer
 * line makes it longer). Each window's string is garbage once parsed: at 64 Ki units the parse of
 * a 50 MB transcript peaked at 173-181 MB of a process's memory, at 1 Mi 175-206, in the same time.
 */
export const parseWindowUnits = 1 << 16;

interface Block {
  kind: 'turn' | 'paragraph';
  start: number;
  contentStart: number;
  end: number;
  turn?: number;
}

/** A coding waiting for the plain text: its code's number, its tag block's, its text's offsets, 1 to trim white space. */
const pendingRow = { code: 0, tagBlock: 1, textStart: 2, textEnd: 3, trim: 4, width: 5 } as const;

/** The parser's own rows, emptied by each parse: parses never overlap (they run to the end at once). */
const rows = {
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
  /**
   * The text being read, from offset `base` to `windowEnd`: the whole text, or a window of whole
   * lines of a text kept compact (`parseCompactTranscript`). Offsets in the parse are always
   * offsets in the whole text: every read of the window subtracts `base`.
   */
  private text: string;
  private base = 0;
  private windowEnd: number;
  /** 1 where the text starts with a byte order mark. */
  private readonly bom: number;
  private readonly problems: Diagnostic[] = [];
  /** Labelled spans `[id>` open in the block being read: where each starts. */
  private readonly labelled = new Map<string, number>();
  /** Open brackets of the block being read; the first `openBrackets` count. */
  private readonly brackets: number[] = [];
  /** What the parse found, written as it is found. */
  private readonly model = new TranscriptBuilder();
  /** The tag block being read: each is made into a TagBlock at once, so one object serves for all. */
  private readonly raw: RawTagBlock = { start: 0, end: 0, codeCount: 0, paths: [], starts: [], ends: [], reviewed: false, memo: undefined, problems: [] };
  /** For each character of `markupCharacters`: its next offset in the text (-1: none), searched for from `specialFrom`. */
  private readonly nextSpecial = new Int32Array(markupCharacters.length).fill(-2);
  private readonly specialFrom = new Int32Array(markupCharacters.length);
  /** Where the scan's list of markup characters was last read. */
  private markupCursor = 0;
  private frontMatter?: FrontMatter;
  private unreported = 0;
  /** The last turn timestamp read, in milliseconds. */
  private lastTime = -1;
  private firstUnreported: Span = { start: 0, end: 0 };
  /** The side of a merge conflict being read: ours is parsed without codings, the others not at all. */
  private conflictSide: 'ours' | 'base' | 'theirs' | undefined;
  /** Where the open conflict's `<<<<<<<` line is. */
  private conflictStart = 0;

  constructor(
    private readonly source: SourceText,
    private readonly scan?: TextScan,
    /** For a compact text: the UTF-16 units to decode at a time. */
    private readonly windowUnits?: number,
  ) {
    this.lines = new LineIndex(source, scan);
    this.text = source.compact ? '' : source.text;
    this.windowEnd = this.text.length;
    this.bom = source.slice(0, 1) === '\uFEFF' ? 1 : 0;
    rows.pending.clear();
    rows.markup.clear();
  }

  /**
   * Makes the window hold the text from `start` to `end` at least, and `windowUnits` more where
   * the text goes on. Blocks ask for whole lines with their breaks: what is read of a line, and a
   * pattern's end of input (`$`), are then as in the whole text.
   */
  private ensure(start: number, end: number): void {
    if (start >= this.base && end <= this.windowEnd) return;
    const source = this.source;
    // A window that keeps its start (a block longer than a window) at least doubles: grown a line
    // at a time, a paragraph of 4 MB was decoded again for each of its lines (minutes, not 80 ms).
    const doubled = start === this.base ? start + 2 * (this.windowEnd - this.base) : 0;
    const windowEnd = Math.min(source.length, Math.max(end, start + this.windowUnits!, doubled));
    // The old window goes before the new one is decoded: never two at once.
    this.text = '';
    this.text = source.slice(start, windowEnd);
    this.base = start;
    this.windowEnd = windowEnd;
  }

  /**
   * The UTF-16 unit at `offset` of the whole text where it is ASCII, else -1: from the window, or
   * outside it from the source's bytes (the codings are finished after the last window is read,
   * and decoding the text again for them took a tenth of a 50 MB transcript's parse).
   */
  private asciiAt(offset: number): number {
    if (offset >= this.base && offset < this.windowEnd) {
      const c = this.text.charCodeAt(offset - this.base);
      return c < 128 ? c : -1;
    }
    return this.source.asciiCodeAt(offset);
  }

  /** The end of a line with its break: the next line's start, or the text's end. */
  private lineEndWithBreak(line: number): number {
    return line + 1 < this.lines.lineCount ? this.lines.lineStart(line + 1) : this.source.length;
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
    this.text = '';
    // Emptied, and small again after a huge file: the rows would otherwise keep its size until the next parse.
    rows.pending.clear();
    rows.markup.clear();
    return this.model.finish(this.lines, this.frontMatter, plainIndex, this.problems);
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
    // Read through the source, not the window: a few lines at the top (or, unclosed, up to a blank line).
    const text = this.source;
    const lines = this.lines;
    const bom = this.bom;
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

    const bom = this.bom;
    const windowed = this.windowUnits !== undefined;
    for (let line = firstLine; line < lines.lineCount; line++) {
      // The byte order mark is markup, not the first character of a label.
      const start = line === 0 ? bom : lines.lineStart(line);
      const end = lines.lineContentEnd(line);
      // The window holds the open block and this line (a block is read when a later line closes it).
      if (windowed) this.ensure(open ? Math.min(block.start, start) : start, this.lineEndWithBreak(line));
      const text = this.text;
      const b = this.base;
      const lead = text.charCodeAt(start - b);
      // git's conflict markers: `<<<<<<<`, `|||||||`, `=======`, `>>>>>>>` (docs/format.md).
      if ((lead === 60 || lead === 124 || lead === 61 || lead === 62) && end - start >= 7) {
        const marker = conflictMarkerOf(text.slice(start - b, end - b));
        if (marker) {
          close();
          fence = undefined;
          this.conflictMarker(marker, start, end);
          continue;
        }
      }
      if (this.conflictSide === 'base' || this.conflictSide === 'theirs') continue;
      if (fence) {
        if (isClosingFence(text, start - b, end - b, fence)) fence = undefined;
        continue;
      }
      // Fences and headings start with '`', '~' or '#' after at most three spaces: other lines need no regular expression.
      let first = start;
      while (first < end && first - start < 3 && text.charCodeAt(first - b) === 32) first++;
      const firstChar = text.charCodeAt(first - b);
      fenceAt.lastIndex = start - b;
      const fenceMatch = (firstChar === 96 || firstChar === 126) && fenceAt.exec(text);
      if (fenceMatch && fenceAt.lastIndex + b <= end && !(fenceMatch[1][0] === '`' && text.slice(fenceAt.lastIndex, end - b).includes('`'))) {
        close();
        fence = { char: fenceMatch[1].charCodeAt(0), length: fenceMatch[1].length };
        continue;
      }
      if (isBlank(text, start - b, end - b)) {
        close();
        continue;
      }
      headingAt.lastIndex = start - b;
      if (firstChar === 35 && headingAt.test(text) && headingAt.lastIndex + b <= end) {
        close();
        begin('paragraph', start, start, end, undefined);
        lastContentLine = line;
        close();
        continue;
      }
      const label = this.labelOf(start, end);
      if (label) {
        close();
        const turnIndex = this.model.addTurn(text, b, start, label - 1);
        begin('turn', start, this.readTurnTimestamp(turnIndex, label, end), end, turnIndex);
      } else if (!open) {
        begin('paragraph', start, start, end, undefined);
      }
      lastContentLine = line;
    }
    close();
    if (this.conflictSide !== undefined) this.conflictProblem(this.conflictStart, lines.lineContentEnd(lines.positionAt(this.conflictStart).line), 'A merge conflict is left open here (no closing >>>>>>> line): resolve it and remove the markers.');
  }

  /** A conflict marker line: where a conflict opens, changes side or closes. */
  private conflictMarker(marker: 'ours' | 'base' | 'theirs' | 'end', start: number, end: number): void {
    if (marker === 'ours') {
      if (this.conflictSide !== undefined) this.conflictProblem(this.conflictStart, start, 'A merge conflict is left open here: resolve it and remove the markers.');
      this.conflictSide = 'ours';
      this.conflictStart = start;
    } else if (this.conflictSide === undefined) {
      this.conflictProblem(start, end, 'A conflict marker is left here: remove it, and resolve the conflict around it.');
    } else if (marker === 'end') {
      const first = this.lines.positionAt(this.conflictStart).line;
      const last = this.lines.positionAt(start).line;
      this.conflictProblem(
        this.conflictStart,
        this.lines.lineContentEnd(first),
        `A merge conflict (lines ${first + 1}–${last + 1}): keep ours, theirs or both, and remove git's markers. Its codings are not counted until then.`,
      );
      this.conflictSide = undefined;
    } else this.conflictSide = marker;
  }

  private conflictProblem(start: number, end: number, message: string): void {
    this.problem('merge-conflict', { start, end }, message);
  }

  private finishTurn(turn: number, block: Block): void {
    const b = this.base;
    let start = skipSpace(this.text, block.contentStart - b, block.end - b) + b;
    let end = block.end;
    while (end > start && isSpace(this.text.charCodeAt(end - 1 - b))) end--;
    if (start === end) start = end = block.contentStart;
    this.model.closeTurn(turn, block.end, start, end);
  }

  /**
   * A timestamp `[00:12:34]` right after a turn's label: recorded as the turn's time and, with the
   * spaces after it, left out of the plain text. Returns where the turn's text starts.
   */
  private readTurnTimestamp(turn: number, label: number, end: number): number {
    const text = this.text;
    const b = this.base;
    const at = skipSpace(text, label - b, end - b) + b;
    const stamp = readTimestamp(text, at - b);
    const stampEnd = stamp ? stamp.end + b : 0;
    // `[00:12]{#code}` is a coded span, not a timestamp.
    if (!stamp || stampEnd > end || text.charCodeAt(stampEnd - b) === 123 /* { */) return label;
    this.model.setTurnTime(turn, stamp.milliseconds, at, stampEnd);
    if (stamp.milliseconds < this.lastTime) {
      this.problem(
        'timestamp-out-of-order',
        { start: at, end: stampEnd },
        `This turn starts at ${formatClock(stamp.milliseconds / 1000)}, before the turn above it (${formatClock(this.lastTime / 1000)}).`,
        'warning',
      );
    }
    this.lastTime = stamp.milliseconds;
    const after = skipSpace(text, stampEnd - b, end - b) + b;
    addMarkup(at, after);
    return after;
  }

  /** If the line starts with a speaker label `LABEL:` followed by white space or the line end, the offset after the colon. */
  private labelOf(start: number, end: number): number | undefined {
    // In the window's offsets throughout; the offset returned is the whole text's.
    const text = this.text;
    const b = this.base;
    start -= b;
    end -= b;
    // Most labels and most first words are ASCII: read without the regular expression.
    let ascii = start;
    for (let c = text.charCodeAt(ascii); ascii < end && isAsciiLabelCharacter(c); c = text.charCodeAt(++ascii));
    if (ascii >= end) return undefined;
    const stop = text.charCodeAt(ascii);
    if (stop < 128) {
      if (stop !== 58 || ascii === start) return undefined;
      const next = text.charCodeAt(ascii + 1);
      return ascii + 1 === end || next === 32 || next === 9 ? ascii + 1 + b : undefined;
    }
    // A label ends at the line's first ':', before any space: most lines fail that at their first
    // word, without the regular expression (which then checks the label's characters).
    let colon = start;
    for (let c = text.charCodeAt(colon); colon < end && c !== 58 && c !== 32 && c !== 9; c = text.charCodeAt(++colon));
    if (colon === start || colon >= end || text.charCodeAt(colon) !== 58) return undefined;
    labelAt.lastIndex = start;
    if (!labelAt.test(text)) return undefined;
    const after = labelAt.lastIndex;
    if (after > end) return undefined;
    const next = text.charCodeAt(after);
    return after === end || next === 32 || next === 9 ? after + b : undefined;
  }

  // ---- inline markup: escapes, code spans, brackets, tag blocks ----------------------------

  private readInline(block: Block): void {
    const text = this.text;
    const b = this.base;
    const end = block.end;
    const brackets = this.brackets;
    let openBrackets = 0;
    // A labelled span that no `<id]` closes in its block is text, like an unmatched `[`.
    if (this.labelled.size > 0) this.labelled.clear();
    const turn = block.turn;
    let i = block.contentStart;
    while (i < end) {
      i = this.nextSpecialAt(i);
      if (i < 0 || i >= end) break;
      const c = text[i - b];
      if (c === '\\') {
        if (i + 1 < end && escapable.has(text[i + 1 - b])) {
          addMarkup(i, i + 1);
          i += 2;
        } else i++;
      } else if (c === '`') {
        i = codeSpanEnd(text, i - b, end - b) + b;
      } else if (c === '[') {
        // `[id>` opens a labelled span, which its `<id]` closes whatever opens or closes between.
        // Only where its close follows in the block: a `[1>` of older text stays a bracket.
        const labelEnd = spanLabelEnd(text, i + 1 - b, end - b) + b;
        if (labelEnd > b && text.charCodeAt(labelEnd - b) === 62 /* > */) {
          const label = text.slice(i + 1 - b, labelEnd - b);
          const close = text.indexOf(`<${label}]{`, labelEnd + 1 - b);
          if (close >= 0 && close + b < end && !this.labelled.has(label)) {
            this.labelled.set(label, i);
            i = labelEnd + 1;
            continue;
          }
        }
        brackets[openBrackets++] = i;
        i++;
      } else if (c === ']') {
        const tag = text[i + 1 - b] === '{' ? this.readTagBlock(i + 1, end) : undefined;
        // `<id]` closes the labelled span `[id>` open in the block; without one it is an ordinary `]`.
        const labelStart = tag && this.labelled.size > 0 ? spanLabelBefore(text, i - b, block.contentStart - b) + b : -1;
        const labelledOpen = labelStart > b ? this.labelled.get(text.slice(labelStart - b, i - b)) : undefined;
        if (tag && labelledOpen !== undefined) {
          const labelLength = i - labelStart;
          this.labelled.delete(text.slice(labelStart - b, i - b));
          addMarkup(labelledOpen, labelledOpen + labelLength + 2);
          addMarkup(labelStart - 1, i + 1);
          this.addTagBlock(tag, 'span', turn, labelledOpen + labelLength + 2, labelStart - 1);
          i = tag.end;
          continue;
        }
        const open = openBrackets > 0 ? brackets[--openBrackets] : undefined;
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
        while (markupStart > block.contentStart && (text[markupStart - 1 - b] === ' ' || text[markupStart - 1 - b] === '\t')) markupStart--;
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
        // (Only a text read whole gets here: a windowed parse always has its scan.)
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
    const b = this.base;
    // In the window's offsets while reading; the block records the whole text's.
    const wEnd = end - b;
    let j = skipSpace(text, start + 1 - b, wEnd);
    const first = text[j];
    if (first === '-') {
      const after = skipSpace(text, j + 1, wEnd);
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
      j = skipSeparators(text, j, wEnd);
      if (j >= wEnd) return this.unterminated(start, end);
      const c = text[j];
      if (c === '}') {
        block.end = j + 1 + b;
        break;
      }
      if (c === '|') {
        const close = findMemoEnd(text, j + 1, wEnd);
        if (close < 0) return this.unterminated(start, end);
        const raw = text.slice(j + 1, close);
        const memoStart = j + 1 + (raw.length - raw.trimStart().length) + b;
        const memoEnd = close - (raw.length - raw.trimEnd().length) + b;
        block.memo = { text: detach(unescape(raw.trim())), start: memoStart, end: Math.max(memoStart, memoEnd) };
        block.end = close + 1 + b;
        break;
      }
      if (c === '{' || c === '[' || c === ']') return this.unterminated(start, end);
      if (c === '#') {
        const matchEnd = codePathEnd(text, j + 1);
        const pathEnd = matchEnd <= wEnd ? matchEnd : j + 1;
        const tokenEnd = tokenEndAt(text, pathEnd, wEnd);
        if (tokenEnd > pathEnd) {
          invalidTokens++;
          const token = text.slice(j, tokenEnd);
          block.problems.push([
            'invalid-code-path',
            { start: j + b, end: tokenEnd + b },
            `'${token}' is not a valid code: use letters, digits, '_' and '-', with '/' between a theme and its codes.`,
          ]);
        } else if (pathEnd === j + 1) {
          invalidTokens++;
          block.problems.push(['empty-code', { start: j + b, end: j + 1 + b }, "A '#' needs a code path after it, e.g. '#trust/quality'."]);
        } else {
          // Numbered as the document's rows number it: one path, one number.
          const path = this.model.pathNumberAt(text, j + 1, pathEnd);
          if (includes(block.paths, block.codeCount, path)) {
            block.problems.push(['duplicate-code-in-block', { start: j + b, end: pathEnd + b }, `The code '${this.model.pathName(path)}' appears twice in this tag block.`, 'warning']);
          } else {
            const k = block.codeCount++;
            block.paths[k] = path;
            block.starts[k] = j + 1 + b;
            block.ends[k] = pathEnd + b;
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
      const tokenEnd = Math.max(j + 1, tokenEndAt(text, j, wEnd));
      invalidTokens++;
      block.problems.push([
        'tag-block-unexpected-text',
        { start: j + b, end: tokenEnd + b },
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
    const model = this.model;
    const firstCode = model.codeCount;
    const count = raw.codeCount;
    for (let k = 0; k < count; k++) model.addCode(raw.paths[k], raw.starts[k], raw.ends[k]);
    const memo = raw.memo ? model.addMemo(raw.memo.text, raw.memo.start, raw.memo.end) : -1;
    const index = model.addTagBlock(raw.start, raw.end, scope, raw.reviewed, turn, firstCode, count, memo);
    // Inside a merge conflict (our side, the one read), the codings wait until it is resolved.
    if (textStart < 0 || this.conflictSide !== undefined) return;
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
    // The codes of one tag block code the same text: mapped once, for the first.
    if (p > 0 && pending[p - pendingRow.width + pendingRow.tagBlock] === pending[p + pendingRow.tagBlock]) {
      this.model.addCodingOfSameText(pending[p + pendingRow.code]);
      return;
    }
    let textStart = pending[p + pendingRow.textStart];
    let textEnd = pending[p + pendingRow.textEnd];
    let plainStart = plain.toPlain(textStart);
    let plainEnd = plain.toPlain(textEnd);
    if (pending[p + pendingRow.trim] === 1) {
      // A turn or paragraph coding covers its text without the surrounding white space.
      while (plainStart < plainEnd && isSpace(this.asciiAt(plain.toSourceStart(plainStart)))) plainStart++;
      while (plainEnd > plainStart && isSpace(this.asciiAt(plain.toSourceStart(plainEnd - 1)))) plainEnd--;
      if (plainStart < plainEnd) (textStart = plain.toSourceStart(plainStart)), (textEnd = plain.toSourceEnd(plainEnd));
      else textEnd = textStart;
    }
    const points = plain.codePoints;
    this.model.addCoding(pending[p + pendingRow.code], pending[p + pendingRow.tagBlock], textStart, textEnd, points.toCodePoint(plainStart), points.toCodePoint(plainEnd));
  }
}

/** A tag block as read, before it is made into a TagBlock: its codes' paths and offsets side by side. */
interface RawTagBlock {
  start: number;
  end: number;
  /** The codes are the first `codeCount` of `paths`, `starts` and `ends` (the lists are reused). */
  codeCount: number;
  /** Numbers of the paths (`TranscriptBuilder.pathNumberAt`). */
  paths: number[];
  starts: number[];
  ends: number[];
  reviewed: boolean;
  memo: { text: string; start: number; end: number } | undefined;
  problems: [DiagnosticCode, Span, string, Diagnostic['severity']?][];
}
