// The small readers of transcript syntax the parser is made of (docs/format.md): white space,
// speaker-label characters, tag-block tokens, memos, span labels, code spans and fences, escapes.
// Each reads a string between two offsets; the parser passes its window and offsets in it.
// Also used where other code must read the syntax as the parser does (the writer, REFI spans, imports).
import { TextPieces } from '../text/textPieces';

export const escapable = new Set(['[', ']', '{', '}', '\\']);

/** A-Z, a-z, 0-9, '_', '.' and '-': the ASCII characters of a speaker label. */
export function isAsciiLabelCharacter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** Whether `value` is among the first `count` of `list`. */
export function includes(list: number[], count: number, value: number): boolean {
  for (let k = 0; k < count; k++) if (list[k] === value) return true;
  return false;
}

/** A space, a tab or a line break: the white space of transcript syntax (not Unicode's). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Whether a stretch of a text is spaces, tabs and line breaks only. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** Whether a line closes a code fence opened with `fence` (CommonMark: up to three spaces, at least as many fence characters, nothing after). */
export function isClosingFence(text: string, start: number, end: number, fence: { char: number; length: number }): boolean {
  let i = start;
  while (i < end && i - start < 3 && text.charCodeAt(i) === 32) i++;
  let run = 0;
  while (i < end && text.charCodeAt(i) === fence.char) i++, run++;
  return run >= fence.length && isBlank(text, i, end);
}

export function skipSpace(text: string, i: number, end: number): number {
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i;
}

export function skipSeparators(text: string, i: number, end: number): number {
  while (i < end && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 44 /* , */)) i++;
  return i;
}

/** End of a malformed token: the next white space or structural character of a tag block. */
export function tokenEndAt(text: string, i: number, end: number): number {
  while (i < end) {
    const c = text[i];
    if (isSpace(text.charCodeAt(i)) || c === ',' || c === '}' || c === '|' || c === '#' || c === '{' || c === '[' || c === ']') break;
    i++;
  }
  return i;
}

/** Offset of the `}` that closes a memo (skipping escapes), or -1. */
export function findMemoEnd(text: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < end && escapable.has(text[i + 1])) i++;
    else if (c === '}') return i;
  }
  return -1;
}

/** A span label: one to eight ASCII letters or digits. Returns the offset after it, or -1. */
export function spanLabelEnd(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && i - from < 8 && isAsciiAlphanumeric(text.charCodeAt(i))) i++;
  return i > from ? i : -1;
}

/** The start of the label of a `<id]` whose `]` is at `close`, or -1. */
export function spanLabelBefore(text: string, close: number, blockStart: number): number {
  let i = close;
  while (i > blockStart && close - i < 8 && isAsciiAlphanumeric(text.charCodeAt(i - 1))) i--;
  return i < close && i - 1 >= blockStart && text.charCodeAt(i - 1) === 60 /* < */ ? i : -1;
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Where a code span whose backticks start at `start` ends; after the backticks alone when nothing closes it. */
export function codeSpanEnd(text: string, start: number, end: number): number {
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

export function unescape(text: string): string {
  return text.replace(/\\([[\]{}\\])/g, '$1');
}

/**
 * Text as it must be written for the transcript's plain text to be exactly it: a `{` that could
 * open a tag block, and a `\` before a character it would escape, get a backslash. Inside a code
 * span nothing is parsed, so nothing is escaped there.
 */
export function escapeTranscriptText(text: string): string {
  // The text between escapes is copied as whole slices: a character at a time, a 50 MB line took gigabytes.
  const out = new TextPieces();
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '`') {
      let run = i;
      while (text[run] === '`') run++;
      const end = codeSpanEnd(text, i, text.length);
      i = end > run ? end : run;
      continue;
    }
    if (c === '{' || (c === '\\' && i + 1 < text.length && '[]{}\\'.includes(text[i + 1]))) {
      out.add(text.slice(copied, i));
      out.add('\\');
      copied = i;
    }
    i++;
  }
  out.add(text.slice(copied));
  return out.toString();
}
