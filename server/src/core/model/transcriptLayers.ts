// A transcript read as layers over its plain text, for the merge (transcriptMerge.ts): the words
// (the plain text), and what the markup lays over them: codings (a code on a range, with its
// scope), memos by coded range, `{-}` review marks, turn timestamps, and the front matter. Every
// position is a UTF-16 offset into the plain text. Also the blocks (turns and paragraphs) of a
// plain text, found by the parser's rules, so that the merged text's turns are known before it
// is written.
import type { CodingScope, ParsedTranscript } from './transcript';
import { parseTranscript } from './transcriptParser';

export interface LayerCoding {
  code: string;
  start: number;
  end: number;
  scope: CodingScope;
  /** For a turn's or paragraph's coding: the plain offset where its block starts (the label). */
  blockStart: number;
}

export interface LayerReview {
  scope: CodingScope;
  /** The reviewed text: the block's content for `{-}` of a turn, the span's for `[…]{-}`. */
  start: number;
  end: number;
  blockStart: number;
  memo?: string;
}

export interface LayerTimestamp {
  /** Plain offset of the turn's label. */
  blockStart: number;
  contentStart: number;
  contentEnd: number;
  /** The markup as written, with the spaces after it: `[00:01:02] `. */
  markup: string;
}

export interface TranscriptLayers {
  source: string;
  parsed: ParsedTranscript;
  /** Where the body starts in the source: after the byte order mark and the front matter. */
  bodyStart: number;
  /** The front matter block as written (from `---` to the end of the closing line), or ''. */
  frontMatterBlock: string;
  bom: boolean;
  eol: string;
  text: string;
  codings: LayerCoding[];
  /** Memo of each coded range (`start:end`), the memos of its tag blocks joined. */
  memos: Map<string, string>;
  reviews: LayerReview[];
  timestamps: LayerTimestamp[];
  /** Problems that markup written anew would not keep (a tag block's stray words, an unmatched `]`…). */
  lossyProblems: number;
}

/** Parser problems whose markup a canonical writer could not reproduce: a side with one is merged line by line. */
const lossy = new Set(['empty-tag-block', 'unmatched-bracket', 'invalid-code-path', 'empty-code', 'tag-block-unexpected-text', 'reviewed-with-codes', 'duplicate-code-in-block', 'merge-conflict']);

export function rangeKey(start: number, end: number): string {
  return `${start}:${end}`;
}

/** Reads a transcript's layers. */
export function readLayers(source: string, parsed: ParsedTranscript = parseTranscript(source)): TranscriptLayers {
  const map = parsed.plainIndex;
  const bom = source.charCodeAt(0) === 0xfeff;
  const bodyStart = parsed.frontMatter ? parsed.lines.offsetAt(parsed.frontMatter.range.end) : bom ? 1 : 0;
  const text = parsed.plainText;
  const codings: LayerCoding[] = [];
  const memoLists = new Map<string, string[]>();
  const reviews: LayerReview[] = [];
  let paragraphs: PlainBlock[] | undefined;
  const blockStartOfTurn = (turn: number | undefined) => (turn === undefined ? -1 : map.toPlain(parsed.turnStartOf(turn)));
  const blocks = parsed.tagBlocks;
  for (let c = 0; c < parsed.codingCount; c++) {
    let start = map.toPlain(parsed.textStartOf(c));
    let end = Math.max(start, map.toPlain(parsed.textEndOf(c)));
    const block = blocks[parsed.tagBlockOfCoding(c)];
    const scope = block.scope;
    const blockStart = scope === 'turn' ? blockStartOfTurn(block.turn) : start;
    // An empty turn's coding sits after its label's colon, where the merged text's turn has it.
    if (scope === 'turn' && start === end && block.turn !== undefined) start = end = blockStart + parsed.speakerOf(block.turn).length + 1;
    codings.push({ code: parsed.codeOfCoding(c), start, end, scope, blockStart });
    const memo = block.memo?.text;
    if (memo) {
      const key = rangeKey(start, end);
      const list = memoLists.get(key) ?? [];
      if (!list.includes(memo)) list.push(memo);
      memoLists.set(key, list);
    }
  }
  for (const block of blocks) {
    if (!block.reviewed || block.codeCount > 0) continue;
    if (block.scope === 'span') {
      // `[words]{-}`: the brackets are the markup just outside the words.
      const { start, end } = spanOfReview(parsed, block.start);
      reviews.push({ scope: 'span', start, end, blockStart: start, memo: block.memo?.text });
    } else if (block.turn !== undefined) {
      const content = parsed.contentSpanOf(block.turn);
      let start = map.toPlain(content.start);
      let end = Math.max(start, map.toPlain(content.end));
      const blockStart = blockStartOfTurn(block.turn);
      if (start === end) start = end = blockStart + parsed.speakerOf(block.turn).length + 1;
      reviews.push({ scope: 'turn', start, end, blockStart, memo: block.memo?.text });
    } else {
      const at = map.toPlain(block.start);
      // The text's blocks found once, for every paragraph's `{-}`.
      paragraphs ??= plainBlocks(text);
      const paragraph = paragraphs.find((b) => b.contentStart <= at && at <= b.contentEnd + 1) ?? { start: at, contentStart: at, contentEnd: at };
      reviews.push({ scope: 'paragraph', start: paragraph.contentStart, end: paragraph.contentEnd, blockStart: paragraph.start, memo: block.memo?.text });
    }
  }
  const timestamps: LayerTimestamp[] = [];
  for (const turn of parsed.turns) {
    const stamp = turn.timestampSpan;
    if (!stamp) continue;
    let after = stamp.end;
    while (source[after] === ' ' || source[after] === '\t') after++;
    timestamps.push({ blockStart: map.toPlain(turn.start), contentStart: map.toPlain(turn.contentStart), contentEnd: map.toPlain(turn.contentEnd), markup: source.slice(stamp.start, after) });
  }
  const memos = new Map<string, string>();
  for (const [key, list] of memoLists) memos.set(key, list.join('\n'));
  return {
    source,
    parsed,
    bodyStart,
    frontMatterBlock: source.slice(bom ? 1 : 0, bodyStart),
    bom,
    eol: source.includes('\r\n') ? '\r\n' : '\n',
    text,
    codings,
    memos,
    reviews,
    timestamps,
    lossyProblems: parsed.problems.filter((p) => lossy.has(p.code)).length,
  };
}

/** The words a `[…]{-}` marks: the plain text between its brackets. */
function spanOfReview(parsed: ParsedTranscript, tagStart: number): { start: number; end: number } {
  const source = parsed.source.text;
  const map = parsed.plainIndex;
  const end = map.toPlain(tagStart);
  // The matching `[`: walk back over the plain text's brackets, literal ones pairing among themselves.
  let depth = 0;
  for (let at = tagStart - 2; at >= 0; at--) {
    const c = source[at];
    if (c === '\n' && source[at - 1] === '\n') break;
    if (c === ']' && source[at - 1] !== '\\') depth++;
    else if (c === '[' && source[at - 1] !== '\\') {
      if (depth === 0) return { start: map.toPlain(at + 1), end };
      depth--;
    }
  }
  return { start: end, end };
}

// ---- blocks of a plain text ---------------------------------------------------------------------

export interface PlainBlock {
  kind: 'turn' | 'paragraph';
  /** Where the block starts: its label, or its first line. */
  start: number;
  /** Its text, without the label and the white space around it (what a turn's tag block codes). */
  contentStart: number;
  contentEnd: number;
  /** The end of its last line. */
  end: number;
  /** For a turn: the offset after its label's colon. */
  labelEnd: number;
}

const labelAt = /^[\p{L}\p{M}\p{Nd}_.\-]+:(?=[ \t]|$)/u;
const headingAt = /^ {0,3}#{1,6}(?=[ \t]|$)/;

/** Whether a line (without its line break) is a Markdown heading, as the parser reads one. */
export function isHeadingLine(line: string): boolean {
  return headingAt.test(line);
}

const fenceAt = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The turns and paragraphs of a plain text, by the parser's rules (docs/format.md): a label at the
 * start of a line starts a turn; a blank line, a heading or a code fence ends a block; nothing
 * inside a fence is a block.
 */
export function plainBlocks(text: string): PlainBlock[] {
  const blocks: PlainBlock[] = [];
  let open: PlainBlock | undefined;
  let fence: { char: string; length: number } | undefined;
  const close = () => {
    if (!open) return;
    let s = open.contentStart;
    let e = open.end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (s === e && open.kind === 'turn') s = e = open.contentStart;
    open.contentStart = s;
    open.contentEnd = e;
    blocks.push(open);
    open = undefined;
  };
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline < 0 ? text.length : newline;
    const contentEnd = lineEnd > start && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    const line = text.slice(start, contentEnd);
    if (fence) {
      const run = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
      if (run && run[1][0] === fence.char && run[1].length >= fence.length) fence = undefined;
    } else {
      const fenceMatch = fenceAt.exec(line);
      if (fenceMatch && !(fenceMatch[1][0] === '`' && line.slice(fenceMatch[0].length).includes('`'))) {
        close();
        fence = { char: fenceMatch[1][0], length: fenceMatch[1].length };
      } else if (line.trim() === '') close();
      else if (isHeadingLine(line)) {
        close();
        open = { kind: 'paragraph', start, contentStart: start, contentEnd, end: contentEnd, labelEnd: start };
        close();
      } else {
        const label = labelAt.exec(line);
        if (label) {
          close();
          open = { kind: 'turn', start, contentStart: start + label[0].length, contentEnd, end: contentEnd, labelEnd: start + label[0].length };
        } else if (!open) open = { kind: 'paragraph', start, contentStart: start, contentEnd, end: contentEnd, labelEnd: start };
        else open.end = contentEnd;
      }
    }
    if (newline < 0) break;
    start = newline + 1;
  }
  close();
  return blocks;
}

/** The block holding a plain offset (its start at or before it, its end at or after it), by binary search. */
export function blockAt(blocks: readonly PlainBlock[], at: number): PlainBlock | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  let found: PlainBlock | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].start <= at) {
      found = blocks[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found && at <= found.end ? found : undefined;
}
