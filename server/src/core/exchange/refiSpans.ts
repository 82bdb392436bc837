// A source's text written as a transcript body with a coded span `[…]{#code}` around each REFI-QDA
// selection (docs/refi-qda.md), so that the parser reads back exactly the source's text as the
// plain text and exactly each selection as a coding.
//
// The text is written as it is, escaped only where the parser would otherwise read markup: a `{`
// (a tag block), a `\` before what it would escape or before markup, a `[` or `]` of the text that
// would pair with a span's bracket (`[inaudible 00:01:42]` cut by two selections), a `[00:01:42]`
// right after a speaker's label (a timestamp), and a `[1>` (a labelled span). Fenced code blocks
// and code spans are written as they are: nothing in them is parsed, so no span can start or end
// there. Where a selection's own white space would join two paragraphs or hide a speaker's label,
// it is left out of the span (`snapSpan`), and that is reported.
import { codeSpanEnd, isBlank, isClosingFence } from '../model/transcriptSyntax';
import { readTimestamp } from '../model/timestamp';
import { countBelow } from '../text/sortedSearch';

export interface CodedSpan {
  /** UTF-16 offsets in the source's text, end exclusive. */
  start: number;
  end: number;
  /** Code paths, in the order first met. */
  codes: string[];
  memos: string[];
  /** How many selections it stands for (selections on the same text share a span). */
  count: number;
}

const labelAt = /[\p{L}\p{M}\p{Nd}_.\-]+:/uy;
const headingAt = / {0,3}#{1,6}(?=[ \t]|$)/y;
const fenceAt = / {0,3}(`{3,}|~{3,})/y;

const enum LineKind {
  Text,
  Blank,
  Label,
  Heading,
  Fence,
}

const isLineBreak = (c: number) => c === 10 || c === 13;
const isWhite = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * The text's lines as the parser reads them (docs/format.md): blank lines, speakers' labels,
 * headings and fenced code blocks, and where no markup can go (fences and code spans).
 */
export class TextLayout {
  /** Offset of each line's first character. */
  private readonly starts: number[] = [];
  /** Offset of each line's end, before its line break. */
  private readonly ends: number[] = [];
  private readonly kinds: LineKind[] = [];
  /** Each line's block (paragraph, turn or heading) as the parser reads it, numbered; -1 for blank and fence lines. */
  private readonly blocks: number[] = [];
  /** For a label or heading line: where the text after the label (or the `#`s) and its spaces starts. */
  private readonly contentStarts = new Map<number, number>();
  /** For a label or heading line: the end of the label's colon (or of the `#`s), where markup would undo it. */
  private readonly markerEnds = new Map<number, number>();
  /** Sorted, disjoint [start, end) pairs where nothing is parsed: fenced code blocks (their fence lines included) and code spans. */
  readonly opaque: number[] = [];
  /** The fenced code blocks alone, as [start, end) pairs. */
  private fences: number[] = [];
  /** The code spans alone, as [start, end) pairs. */
  private readonly codeSpans: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; ; ) {
      this.starts.push(i);
      let end = i;
      while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
      this.ends.push(end);
      if (end >= text.length) break;
      i = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    this.readLines();
    this.readCodeSpans();
  }

  private readLines(): void {
    const text = this.text;
    let fence: { char: number; length: number } | undefined;
    let fenceStart = 0;
    for (let line = 0; line < this.starts.length; line++) {
      const start = this.starts[line];
      const end = this.ends[line];
      // A fence's region runs to the start of the line after its closing fence: markup right after
      // the closing fence would make it text.
      const regionEnd = line + 1 < this.starts.length ? this.starts[line + 1] : end;
      if (fence) {
        this.kinds.push(LineKind.Fence);
        if (isClosingFence(text, start, end, fence) || line === this.starts.length - 1) {
          fence = undefined;
          this.opaque.push(fenceStart, regionEnd);
        }
        continue;
      }
      fenceAt.lastIndex = start;
      const fenceMatch = fenceAt.exec(text);
      if (fenceMatch && fenceAt.lastIndex <= end && !(fenceMatch[1][0] === '`' && text.slice(fenceAt.lastIndex, end).includes('`'))) {
        this.kinds.push(LineKind.Fence);
        fence = { char: fenceMatch[1].charCodeAt(0), length: fenceMatch[1].length };
        fenceStart = start;
        if (line === this.starts.length - 1) this.opaque.push(fenceStart, regionEnd);
        continue;
      }
      if (isBlank(text, start, end)) {
        this.kinds.push(LineKind.Blank);
        continue;
      }
      headingAt.lastIndex = start;
      if (headingAt.test(text) && headingAt.lastIndex <= end) {
        this.kinds.push(LineKind.Heading);
        this.markerEnds.set(line, headingAt.lastIndex);
        this.contentStarts.set(line, skipBlanks(text, headingAt.lastIndex, end));
        continue;
      }
      labelAt.lastIndex = start;
      const next = labelAt.test(text) && labelAt.lastIndex <= end ? text.charCodeAt(labelAt.lastIndex) : -1;
      if (next !== -1 && (labelAt.lastIndex === end || next === 32 || next === 9)) {
        this.kinds.push(LineKind.Label);
        this.markerEnds.set(line, labelAt.lastIndex);
        this.contentStarts.set(line, skipBlanks(text, labelAt.lastIndex, end));
        continue;
      }
      this.kinds.push(LineKind.Text);
    }
  }

  /** Code spans, block by block (a code span closes within its paragraph or turn). */
  private readCodeSpans(): void {
    const fences = (this.fences = this.opaque.slice());
    this.opaque.length = 0;
    let f = 0;
    const flushFencesBefore = (offset: number) => {
      while (f < fences.length && fences[f] < offset) this.opaque.push(fences[f++], fences[f++]);
    };
    let blockStart = -1;
    let blockEnd = -1;
    const readBlock = () => {
      if (blockStart < 0) return;
      for (let i = blockStart; ; ) {
        const tick = this.text.indexOf('`', i);
        if (tick < 0 || tick >= blockEnd) break;
        let run = tick;
        while (this.text.charCodeAt(run) === 96) run++;
        const end = codeSpanEnd(this.text, tick, blockEnd);
        if (end > run) this.opaque.push(tick, end), this.codeSpans.push(tick, end);
        i = Math.max(end, run);
      }
      blockStart = -1;
    };
    let block = -1;
    for (let line = 0; line < this.starts.length; line++) {
      const kind = this.kinds[line];
      this.blocks.push(kind === LineKind.Fence || kind === LineKind.Blank ? -1 : kind === LineKind.Heading || kind === LineKind.Label || blockStart < 0 ? ++block : block);
      if (kind === LineKind.Fence || kind === LineKind.Blank) {
        readBlock();
        if (kind === LineKind.Fence) flushFencesBefore(this.ends[line]);
        continue;
      }
      if (kind === LineKind.Heading || kind === LineKind.Label || blockStart < 0) {
        readBlock();
        blockStart = this.starts[line];
      }
      blockEnd = this.ends[line];
      if (kind === LineKind.Heading) readBlock();
    }
    readBlock();
    flushFencesBefore(Infinity);
  }

  /** The line holding an offset (an offset in a line break belongs to the line before it). */
  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  isLineStart(offset: number): boolean {
    return this.starts[this.lineAt(offset)] === offset;
  }

  /**
   * Where a label's (or heading's) line has its text, when `offset` is at or inside its label, or
   * right after its colon (markup there would leave no space after it); else undefined.
   */
  afterLabel(offset: number): number | undefined {
    const line = this.lineAt(offset);
    const marker = this.markerEnds.get(line);
    return marker !== undefined && offset <= marker ? this.contentStarts.get(line) : undefined;
  }

  /** Whether a line's structure would change with markup at its start: a blank line, a label, a heading, a fence. */
  startsStructure(offset: number): boolean {
    return this.kinds[this.lineAt(offset)] !== LineKind.Text;
  }

  /** Whether an offset lies strictly inside a code span, where markup would be text. */
  insideCodeSpan(offset: number): boolean {
    const k = countBelow(this.codeSpans, offset + 1) - 1;
    return k >= 0 && k % 2 === 0 && this.codeSpans[k] < offset;
  }

  /** Whether [start, end) overlaps a fenced code block, or ends right at one (markup before its fence would undo it). */
  touchesFence(start: number, end: number): boolean {
    const fences = this.fences;
    for (let f = countBelow(fences, start + 1) - (countBelow(fences, start + 1) % 2); f < fences.length && fences[f] <= end; f += 2) {
      if (start < fences[f + 1]) return true;
    }
    return false;
  }

  /** Whether an offset is on a heading's line (a line break belongs to its line). */
  isHeading(offset: number): boolean {
    return this.kinds[this.lineAt(offset)] === LineKind.Heading;
  }

  /** The paragraph, turn or heading holding an offset (a line break belongs to its line), or -1 between them. */
  blockAt(offset: number): number {
    return this.blocks[this.lineAt(offset)];
  }

  /**
   * The `[` of a timestamp right after a speaker's label (`A: [00:01:42] …`): the parser would read
   * it as the turn's time, out of the plain text, so the text's own is escaped.
   */
  timestampBrackets(): Set<number> {
    const out = new Set<number>();
    for (const [line, content] of this.contentStarts) {
      if (this.kinds[line] === LineKind.Label && readTimestamp(this.text, content) !== undefined) out.add(content);
    }
    return out;
  }
}

/**
 * A span's boundaries moved where writing the selection exactly would change the text's structure:
 * leading or trailing white space that holds a line break is left out when it crosses a blank line
 * or ends at a blank line, a label, a heading or a fence; a span does not start before or inside a
 * speaker's label (or a heading's `#`), but after it. Returns the new start and end (end <= start:
 * nothing left to code).
 */
export function snapSpan(layout: TextLayout, start: number, end: number): { start: number; end: number } {
  const text = layout.text;
  // An edge between the "\r" and "\n" of a line break would split it into two.
  const insideBreak = (at: number) => at > 0 && at < text.length && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10;
  if (insideBreak(end)) end--;
  if (insideBreak(start)) start++;
  // Trailing white space with line breaks: left out from its first break.
  let k = end;
  while (k > start && isWhite(text.charCodeAt(k - 1))) k--;
  let breaks = countBreaks(text, k, end);
  // (A heading is a paragraph of one line: a span's close on the line after it would be another.)
  if (breaks >= 2 || (breaks >= 1 && ((end < text.length && layout.startsStructure(end)) || layout.isHeading(k)))) {
    while (k < end && !isLineBreak(text.charCodeAt(k))) k++;
    end = k;
  }
  // Leading white space with line breaks: left out up to the line where the text starts; then a
  // label (or a heading's #s) left out too; a label with nothing after it on its line, the line
  // break after it too.
  for (let lines = 0; lines < 4; lines++) {
    k = start;
    while (k < end && isWhite(text.charCodeAt(k))) k++;
    breaks = countBreaks(text, start, k);
    if (breaks >= 2 || (breaks >= 1 && ((layout.isLineStart(start) && layout.startsStructure(start)) || layout.startsStructure(k)))) {
      while (k > start && !isLineBreak(text.charCodeAt(k - 1))) k--;
      start = k;
    }
    const after = layout.afterLabel(start);
    if (after === undefined) break;
    start = after;
    if (start >= end || !isLineBreak(text.charCodeAt(start))) break;
    start += text.charCodeAt(start) === 13 && text.charCodeAt(start + 1) === 10 ? 2 : 1;
  }
  return { start, end };
}

/** Line breaks in a stretch of text, "\r\n" counted once. */
function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Why a span cannot be written where it is, or undefined when it can. */
export function spanProblem(layout: TextLayout, start: number, end: number): string | undefined {
  if (end <= start) return 'selects only white space or a speaker label';
  if (layout.touchesFence(start, end)) return 'is in a Markdown fenced code block, where nothing is read as markup';
  const [first, last] = [layout.blockAt(start), layout.blockAt(end - 1)];
  if (first < 0 && last < 0) return 'selects only white space between paragraphs';
  if (first !== last) return 'runs over more than one paragraph or turn';
  if (layout.insideCodeSpan(start) || layout.insideCodeSpan(end)) return 'starts or ends inside a Markdown code span (`…`), where nothing is read as markup';
  const text = layout.text;
  if ([start, end].some((at) => text.charCodeAt(at - 1) === 96 && text.charCodeAt(at) === 96)) return 'starts or ends inside a run of backticks, which markup there would split';
  return undefined;
}

/**
 * The body of a transcript: the text with each span written around its text (nested where spans
 * nest, labelled `[1>…<1]` where one crosses another), escaped where it must be. Spans must have
 * passed `spanProblem`; different spans have different ranges.
 */
export function writeSpans(layout: TextLayout, spans: readonly CodedSpan[]): string {
  const text = layout.text;
  const sorted = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  // Outer spans first: a span that starts inside another and ends after it crosses it, and is
  // written as a labelled span `[1>…<1]` (docs/format.md), which may cross the others.
  const labels: (string | undefined)[] = new Array(sorted.length).fill(undefined);
  const nextLabel = labelMaker(text);
  const open: number[] = [];
  for (let s = 0; s < sorted.length; s++) {
    const span = sorted[s];
    while (open.length > 0 && sorted[open[open.length - 1]].end <= span.start) open.pop();
    const outer = open[open.length - 1];
    if (outer !== undefined && span.end > sorted[outer].end) labels[s] = nextLabel();
    else open.push(s);
  }
  // A `[` before the text's `1>` would read as a labelled span's open (closed by a `<1` of the
  // text before a span's `]`): such a span is written labelled itself.
  for (let s = 0; s < sorted.length; s++) if (labels[s] === undefined && /^[A-Za-z0-9]{1,8}>/.test(text.slice(sorted[s].start, sorted[s].start + 9))) labels[s] = nextLabel();
  // Cuts: closes before opens; at one offset, inner spans close first and outer spans open first.
  const events: number[] = [];
  for (let s = 0; s < sorted.length; s++) events.push(2 * s, 2 * s + 1);
  const at = (e: number) => (e & 1 ? sorted[e >> 1].end : sorted[e >> 1].start);
  events.sort((a, b) => at(a) - at(b) || (b & 1) - (a & 1) || (a & 1 ? (b >> 1) - (a >> 1) : (a >> 1) - (b >> 1)));

  const escaped = bracketsToEscape(layout, labels, events, at);
  const out: string[] = [];
  let position = 0;
  let regions = 0;
  const opaque = layout.opaque;
  const cutAfter = (offset: number, e: number) => e < events.length && at(events[e]) === offset;
  const writeText = (from: number, to: number, nextEvent: number) => {
    let run = from;
    for (let i = from; i < to; i++) {
      while (regions < opaque.length && opaque[regions + 1] <= i) regions += 2;
      if (regions < opaque.length && opaque[regions] <= i) {
        i = Math.min(to, opaque[regions + 1]) - 1; // written as it is
        continue;
      }
      const c = text.charCodeAt(i);
      let escape = false;
      if (c === 123 /* { */) escape = true;
      else if (c === 91 /* [ */ || c === 93 /* ] */) escape = escaped.has(i);
      else if (c === 92 /* \ */) {
        const next = text.charCodeAt(i + 1);
        escape = next === 91 || next === 93 || next === 123 || next === 125 || next === 92 || (i + 1 === to && cutAfter(to, nextEvent));
      }
      if (escape) {
        out.push(text.slice(run, i), '\\');
        run = i;
      }
    }
    out.push(text.slice(run, to));
  };
  for (let e = 0; e < events.length; ) {
    const offset = at(events[e]);
    writeText(position, offset, e);
    position = offset;
    for (; e < events.length && at(events[e]) === offset; e++) {
      const s = events[e] >> 1;
      const label = labels[s];
      if (events[e] & 1) out.push(label === undefined ? ']' : `<${label}]`, tagBlock(sorted[s]));
      else out.push(label === undefined ? '[' : `[${label}>`);
    }
  }
  writeText(position, text.length, events.length);
  return out.join('');
}

/** `{#a #b | memo}`. */
function tagBlock(span: CodedSpan): string {
  return `{${span.codes.map((c) => `#${c}`).join(' ')}${span.memos.length ? ` | ${escapeTagBlockMemo(span.memos.join('\n'))}` : ''}}`;
}

/**
 * A memo inside a tag block: braces and backslashes escaped; blank lines (which would end the turn)
 * left out; a line that would start a turn, a heading or a fence indented, so that it does not.
 */
export function escapeTagBlockMemo(memo: string): string {
  return memo
    .replace(/[\\{}]/g, (c) => `\\${c}`)
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => (/^(?:[\p{L}\p{M}\p{Nd}_.\-]+:(?:[ \t]|$)| {0,3}#{1,6}(?:[ \t]|$)| {0,3}(?:`{3,}|~{3,}))/u.test(line) ? `    ${line}` : line))
    .join('\n');
}

/**
 * The text's own brackets that must be escaped for every span's brackets to pair as written: the
 * parser pairs `[` and `]` as a stack, so a `]` of the text met while a span is the innermost open
 * bracket would close it, and a `[` of the text still open when a span closes would be closed in
 * its place. Also every `[` of a timestamp after a label and every `[id>`.
 */
function bracketsToEscape(layout: TextLayout, labels: (string | undefined)[], events: number[], at: (e: number) => number): Set<number> {
  const text = layout.text;
  const escaped = layout.timestampBrackets();
  for (const match of text.matchAll(/\[(?=[A-Za-z0-9]{1,8}>)/g)) escaped.add(match.index!);
  // The text's brackets outside code, in order.
  const brackets: number[] = [];
  const opaque = layout.opaque;
  let region = 0;
  for (let i = text.search(/[[\]]/); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 91 && c !== 93) continue;
    while (region < opaque.length && opaque[region + 1] <= i) region += 2;
    if (region < opaque.length && opaque[region] <= i) continue;
    if (!escaped.has(i)) brackets.push(i);
  }
  // The stack: a span as -1 - its index, a bracket of the text as its offset.
  const stack: number[] = [];
  let b = 0;
  const readBracketsBefore = (offset: number) => {
    for (; b < brackets.length && brackets[b] < offset; b++) {
      const i = brackets[b];
      if (text.charCodeAt(i) === 91) stack.push(i);
      else if (stack.length > 0) {
        if (stack[stack.length - 1] >= 0) stack.pop();
        else escaped.add(i);
      }
    }
  };
  for (const e of events) {
    const s = e >> 1;
    readBracketsBefore(at(e));
    if (labels[s] !== undefined) continue; // labelled spans pair by label, not on the stack
    if (e & 1) {
      while (stack.length > 0 && stack[stack.length - 1] >= 0) escaped.add(stack.pop()!);
      stack.pop();
    } else stack.push(-1 - s);
  }
  readBracketsBefore(Infinity);
  return escaped;
}

/**
 * Labels for crossing spans: 1, 2, 3… except those the text could be misread with: after a `<` of
 * the text, `<3` followed by a span's `]{` would read as the close of a span labelled 3; before a
 * `>`, a span's `[` followed by the text's `3>` as its open.
 */
function labelMaker(text: string): () => string {
  const taken = new Set<string>();
  for (const match of text.matchAll(/<([A-Za-z0-9]{1,8})/g)) for (let n = 1; n <= match[1].length; n++) taken.add(match[1].slice(0, n));
  for (const match of text.matchAll(/([A-Za-z0-9]+)>/g)) for (let n = 1; n <= Math.min(8, match[1].length); n++) taken.add(match[1].slice(-n));
  let next = 0;
  return () => {
    let label: string;
    do label = String(++next);
    while (taken.has(label));
    return label;
  };
}

function skipBlanks(text: string, i: number, end: number): number {
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

