// Writes a stretch of transcript from its layers: the plain text with the markup that lays codings,
// memos, `{-}` marks and timestamps over it, the way the editor writes them (docs/format.md): a
// coded span `[words]{#a #b | memo}` (codes of the same words share one tag block, as "Code
// selection…" adds a code to a block), a labelled span `[1>…<1]{#code}` where a span crosses
// another (as "Code selection…" and the REFI-QDA import write it), a turn's own tag block
// ` {#code}` or ` {-}` at the end of its text, a timestamp `[00:01:02] ` after the label. Text is
// escaped only where it would otherwise read as markup, so the plain text is exactly the one given.
import type { CodingScope } from './transcript';
import { codeSpanEnd } from './transcriptSyntax';
import { rangeKey, type PlainBlock } from './transcriptLayers';

export interface WriterCoding {
  code: string;
  start: number;
  end: number;
  /** Written as its turn's or paragraph's tag block (the range is then the block's text). */
  blockLevel: boolean;
}

export interface WriterReview {
  scope: CodingScope;
  start: number;
  end: number;
  memo?: string;
}

export interface WriterContent {
  /** The whole plain text; the region [from, to) is written. */
  text: string;
  from: number;
  to: number;
  codings: readonly WriterCoding[];
  memos: ReadonlyMap<string, string>;
  reviews: readonly WriterReview[];
  /** Timestamps by the plain offset where they stand (after the label's colon and its spaces). */
  timestamps: ReadonlyMap<number, string>;
  /** Also escape every literal bracket (a second try, where plain brackets would pair with spans). */
  escapeBrackets?: boolean;
}

interface SpanGroup {
  start: number;
  end: number;
  codes: string[];
  reviewed: boolean;
  memo?: string;
  label?: string;
}

/** The markup of one tag block. */
export function tagBlockMarkup(codes: readonly string[], reviewed: boolean, memo: string | undefined): string {
  const head = reviewed ? '-' : codes.map((c) => `#${c}`).join(' ');
  return `{${head}${memo ? ` | ${escapeMemo(memo)}` : ''}}`;
}

/** A memo as written in a tag block: braces and backslashes escaped. */
export function escapeMemo(memo: string): string {
  return memo.replace(/[\\{}]/g, (c) => `\\${c}`);
}

/** The region's source text. */
export function writeRegion(content: WriterContent): string {
  const { text, from, to } = content;
  const spans = new Map<string, SpanGroup>();
  const blockTags = new Map<number, string[]>();
  const addBlockTag = (at: number, markup: string) => blockTags.set(at, [...(blockTags.get(at) ?? []), markup]);
  const blockGroups = new Map<string, { at: number; codes: string[]; memo?: string }>();
  for (const coding of content.codings) {
    const key = rangeKey(coding.start, coding.end);
    if (coding.blockLevel) {
      const group = blockGroups.get(key) ?? { at: coding.end, codes: [], memo: content.memos.get(key) };
      if (!group.codes.includes(coding.code)) group.codes.push(coding.code);
      blockGroups.set(key, group);
    } else {
      const group = spans.get(key) ?? { start: coding.start, end: coding.end, codes: [], reviewed: false, memo: content.memos.get(key) };
      if (!group.codes.includes(coding.code)) group.codes.push(coding.code);
      spans.set(key, group);
    }
  }
  for (const group of blockGroups.values()) addBlockTag(group.at, ` ${tagBlockMarkup(group.codes, false, group.memo)}`);
  const spanReviews: SpanGroup[] = [];
  for (const review of content.reviews) {
    if (review.scope === 'span') spanReviews.push({ start: review.start, end: review.end, codes: [], reviewed: true, memo: review.memo });
    else addBlockTag(review.end, ` ${tagBlockMarkup([], true, review.memo)}`);
  }
  // Outer spans first; one that starts inside another and ends after it is labelled.
  const groups = [...spans.values(), ...spanReviews].sort((a, b) => a.start - b.start || b.end - a.end);
  const open: SpanGroup[] = [];
  let label = 0;
  const region = text.slice(from, to);
  const nextLabel = () => {
    do label++;
    while (region.includes(`[${label}>`) || region.includes(`<${label}]`));
    return String(label);
  };
  for (const group of groups) {
    while (open.length > 0 && open[open.length - 1].end <= group.start) open.pop();
    const outer = open[open.length - 1];
    if (outer && group.end > outer.end) group.label = nextLabel();
    else open.push(group);
  }
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  groups.forEach((group) => {
    opens.set(group.start, [...(opens.get(group.start) ?? []), group.label === undefined ? '[' : `[${group.label}>`]);
    // Inner spans close first: later groups (inner, or later on the same words) go in front.
    closes.set(group.end, [`${group.label === undefined ? ']' : `<${group.label}]`}${tagBlockMarkup(group.codes, group.reviewed, group.memo)}`, ...(closes.get(group.end) ?? [])]);
  });
  const points = new Set<number>([...opens.keys(), ...closes.keys(), ...blockTags.keys(), ...content.timestamps.keys()]);
  const escaped = escapeText(text, from, to, points, content.escapeBrackets === true);
  let out = '';
  let at = from;
  const sorted = [...points].filter((p) => p >= from && p <= to).sort((a, b) => a - b);
  for (const p of sorted) {
    out += escaped(at, p);
    out += content.timestamps.get(p) ?? '';
    out += (closes.get(p) ?? []).join('');
    out += (blockTags.get(p) ?? []).join('');
    out += (opens.get(p) ?? []).join('');
    at = p;
  }
  return out + escaped(at, to);
}

/**
 * The plain text of [from, to) escaped where it would read as markup: a `{` that would open a tag
 * block, a backslash before a character it would escape (or before markup written after it), and
 * with `brackets` every `[` and `]`. Nothing is escaped in code spans or fenced blocks, where
 * nothing is parsed. Returns the escaped text between two plain offsets.
 */
function escapeText(text: string, from: number, to: number, points: ReadonlySet<number>, brackets: boolean): (start: number, end: number) => string {
  const pieces: string[] = [];
  // Offsets into `pieces`: plain offset → index of its first piece.
  const index = new Int32Array(to - from + 1);
  let fence: { char: string; length: number } | undefined;
  let lineStart = true;
  for (let i = from; i < to; ) {
    index[i - from] = pieces.length;
    if (lineStart) {
      const lineEnd = text.indexOf('\n', i) < 0 || text.indexOf('\n', i) > to ? to : text.indexOf('\n', i);
      const line = text.slice(i, lineEnd).replace(/\r$/, '');
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (fence) {
        const closing = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
        if (closing && closing[1][0] === fence.char && closing[1].length >= fence.length) fence = undefined;
        for (let k = i; k < lineEnd; k++) (index[k - from] = pieces.length), pieces.push(text[k]);
        i = lineEnd;
        lineStart = false;
        continue;
      }
      if (marker && !(marker[1][0] === '`' && line.slice(marker[0].length).includes('`'))) {
        fence = { char: marker[1][0], length: marker[1].length };
        for (let k = i; k < lineEnd; k++) (index[k - from] = pieces.length), pieces.push(text[k]);
        i = lineEnd;
        lineStart = false;
        continue;
      }
    }
    const c = text[i];
    lineStart = c === '\n';
    if (c === '`') {
      // A code span, as the parser reads it: kept as is; it may not run past markup written inside it.
      let end = codeSpanEnd(text, i, to);
      for (const p of points) if (p > i && p < end) end = Math.min(end, i + 1);
      for (let k = i; k < end; k++) (index[k - from] = pieces.length), pieces.push(text[k]);
      i = end;
      continue;
    }
    let piece = c;
    if (c === '\\') {
      const next = text[i + 1];
      if (i + 1 >= to || points.has(i + 1) || next === '[' || next === ']' || next === '{' || next === '}' || next === '\\') piece = '\\\\';
    } else if (c === '{') {
      let j = i + 1;
      while (j < to && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) j++;
      if (j >= to || '#|}-'.includes(text[j]) || points.has(i)) piece = '\\{';
    } else if (brackets && (c === '[' || c === ']')) piece = `\\${c}`;
    else if (c === ']' && points.has(i + 1)) piece = ']'; // a literal `]` right before markup is left to the check
    pieces.push(piece);
    i++;
  }
  index[to - from] = pieces.length;
  return (start, end) => pieces.slice(index[start - from], index[end - from]).join('');
}

/** Where a turn's timestamp is written: after its label's colon and the spaces or tabs after it. */
export function timestampPlace(text: string, block: PlainBlock): number {
  let at = block.labelEnd;
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}
