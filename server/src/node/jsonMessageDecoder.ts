// Messages from the client over stdio, decoded without holding a long text three times over. An
// editor that opens a 50 MB transcript sends all of it in one `didOpen`; the library's decoder
// makes the message's bytes into a string and parses that, so the bytes, the message as a string
// and the parsed text are all in memory at once, the last two at two bytes a character as soon
// as the text holds one emoji. Here a message made mostly of one string has that string
// unescaped inside its own bytes and decoded once; the rest of the message, small, is parsed as
// JSON with a placeholder where the string was.

import { isUtf8 } from 'buffer';
import { Utf8Text } from '../lsp/openDocument';

const quote = 0x22;
const backslash = 0x5c;
const colon = 0x3a;
/** Smaller messages gain nothing: they are parsed as they come. */
export const largeMessage = 1 << 20;

let placeholders = 0;

/**
 * The JSON message in `body`, as `JSON.parse` reads it, or its error. `body` may be changed: the
 * caller hands it over. Messages from `largeFrom` bytes are decoded around their long string, if
 * they have one.
 */
export function decodeJsonMessage(body: Buffer, charset = 'utf-8', largeFrom = largeMessage, openedTextAsBytes = false): unknown {
  if (body.length >= largeFrom && /^utf-?8$/i.test(charset)) {
    const decoded = decodeAroundLongString(body, openedTextAsBytes);
    if (decoded.found) return decoded.message;
  }
  // As the library decodes every message (its Node decoder).
  return JSON.parse(body.toString(charset as BufferEncoding));
}

/**
 * The message with its longest string decoded on its own, when that string is a value and at
 * least half the message; `found: false` otherwise (and for any escape this cannot turn into
 * UTF-8, a lone surrogate, or no valid escape at all), leaving `body` as it was.
 */
/** An opened text is handed over as a view of its message's body where the rest of the body is at most 1/16 of it, */
const bodyOverheadShare = 16;
/** and the text is 64 KiB or more: a shorter body may be a slice of Node's pool of small buffers. */
const viewFrom = 1 << 16;

function decodeAroundLongString(body: Buffer, openedTextAsBytes: boolean): { found: true; message: unknown } | { found: false } {
  const literal = longestStringLiteral(body);
  if (!literal || (literal.end - literal.start) * 2 < body.length) return { found: false };
  const { start, end } = literal;
  // A raw control character is not JSON: JSON.parse says so, as it would of a short message.
  if (holdsControlCharacter(body, start, end)) return { found: false };
  // A key is left to JSON.parse: a placeholder is put back only where a value was.
  let after = end + 1;
  while (after < body.length && (body[after] === 0x20 || body[after] === 0x09 || body[after] === 0x0a || body[after] === 0x0d)) after++;
  if (body[after] === colon) return { found: false };
  const placeholder = `\u0000long string ${++placeholders} ${Math.random().toString(36).slice(2)}`;
  const rest = body.toString('utf8', 0, start - 1) + JSON.stringify(placeholder) + body.toString('utf8', end + 1);
  // The rest is parsed before the string's bytes are changed: malformed JSON gets the parser's own error.
  const message: unknown = JSON.parse(rest);
  // Checked first too, so that a string this cannot decode leaves the bytes as they were for JSON.parse.
  if (unescape(body, start, end, false) === undefined) return { found: false };
  const holders = placesOf(message, placeholder);
  if (holders.length !== 1) return { found: false };
  const textEnd = unescape(body, start, end, true)!;
  const [holder, key] = holders[0];
  // The text of a document opened in the editor, in valid UTF-8: handed over as those bytes,
  // which a long open document is kept as (lsp/openDocument.ts), without its string being made.
  if (openedTextAsBytes && isOpenedText(message, holder, key) && isUtf8(body.subarray(start, textEnd))) {
    // A view of the body where the body is hardly longer (a long text's escapes are mostly its
    // line breaks, two bytes each in JSON): a copy was 50 MB more at the peak of opening a 50 MB
    // transcript, whose document then shares the parse's bytes and lets the body go. Otherwise
    // copied out, so that a body much longer than its text is not kept alive for it.
    const bytes = body.subarray(start, textEnd);
    const keepView = body.length - bytes.length <= bytes.length / bodyOverheadShare && bytes.length >= viewFrom;
    // Either way the buffer is the document's alone from here on, to change in place.
    (holder as Record<string, unknown>)[key as string] = new Utf8Text(keepView ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) : new Uint8Array(bytes), true);
    return { found: true, message };
  }
  const text = body.toString('utf8', start, textEnd);
  if (holder === undefined) return { found: true, message: text };
  // An own property, as JSON.parse made it (even one named `__proto__`): assigned, not set through a prototype.
  (holder as Record<string | number, unknown>)[key] = text;
  return { found: true, message };
}

/** Whether `holder[key]` is the text of a `textDocument/didOpen` notification. */
function isOpenedText(message: unknown, holder: object | undefined, key: string | number): boolean {
  const m = message as { method?: unknown; id?: unknown; params?: { textDocument?: unknown } };
  return key === 'text' && holder !== undefined && m.method === 'textDocument/didOpen' && m.id === undefined && holder === m.params?.textDocument;
}

/**
 * Where `value` holds the string `wanted`: each place as its holder (undefined for `value` itself)
 * and key. With a stack of its own, as JSON.parse reads any depth (a reviver would recurse).
 */
function placesOf(value: unknown, wanted: string): [object | undefined, string | number][] {
  if (value === wanted) return [[undefined, 0]];
  const places: [object | undefined, string | number][] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    for (const [key, child] of Array.isArray(item) ? item.entries() : Object.entries(item)) {
      if (child === wanted) places.push([item, key]);
      else if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return places;
}

/**
 * The bytes between the quotes of the message's longest string. In valid JSON a quote outside a
 * string opens one, and inside one it closes it unless escaped; a UTF-8 byte of a character
 * beyond ASCII is never a quote or a backslash.
 */
function longestStringLiteral(body: Buffer): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (let open = body.indexOf(quote); open >= 0; ) {
    const start = open + 1;
    let close = body.indexOf(quote, start);
    while (close >= 0 && escaped(body, close, start)) close = body.indexOf(quote, close + 1);
    if (close < 0) return undefined;
    if (!best || close - start > best.end - best.start) best = { start, end: close };
    open = body.indexOf(quote, close + 1);
  }
  return best;
}

/** The byte at `at` follows an odd number of backslashes (counted back to `from`). */
function escaped(body: Buffer, at: number, from: number): boolean {
  let count = 0;
  while (at - count - 1 >= from && body[at - count - 1] === backslash) count++;
  return count % 2 === 1;
}

/**
 * Whether `body[start, end)` holds a byte below 0x20, which a JSON string may hold only escaped.
 * Four bytes at a time: a 50 MB text in about 16 ms, against 40–65 ms a byte at a time.
 */
export function holdsControlCharacter(body: Uint8Array, start: number, end: number): boolean {
  let at = start;
  while (at < end && (body.byteOffset + at) % 4 !== 0) if (body[at++] < 0x20) return true;
  if (end - at >= 4) {
    const words = new Uint32Array(body.buffer, body.byteOffset + at, (end - at) >> 2);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      // Non-zero exactly when a byte of the word is below 0x20: the lowest such byte borrows into
      // its own top bit, which `~word` keeps (it is below 0x80); with none, nothing borrows, and a
      // byte whose top bit the subtraction leaves set (0xa0 and up) has it cleared by `~word`.
      if (((word - 0x20202020) & ~word & 0x80808080) !== 0) return true;
    }
    at += words.length * 4;
  }
  for (; at < end; at++) if (body[at] < 0x20) return true;
  return false;
}

const simpleEscapes: Record<number, number> = {
  0x22: 0x22, // \"
  0x5c: 0x5c, // \\
  0x2f: 0x2f, // \/
  0x62: 0x08, // \b
  0x66: 0x0c, // \f
  0x6e: 0x0a, // \n
  0x72: 0x0d, // \r
  0x74: 0x09, // \t
};

/**
 * Unescapes the JSON string literal in `body[start, end)` into its UTF-8 bytes, written from
 * `start` (every escape is at least as long as the bytes it stands for) unless `write` is false.
 * Returns where they end, or undefined for an escape that has no UTF-8 bytes (a lone surrogate)
 * or is not JSON; written, the bytes are then no longer the message.
 */
function unescape(body: Buffer, start: number, end: number, write: boolean): number | undefined {
  let length = start;
  let read = start;
  for (;;) {
    const found = body.indexOf(backslash, read);
    const stop = found < 0 || found >= end ? end : found;
    if (stop > read) {
      if (write && length !== read) body.copyWithin(length, read, stop);
      length += stop - read;
    }
    if (stop === end) return length;
    const kind = body[stop + 1];
    const simple = simpleEscapes[kind];
    if (simple !== undefined) {
      if (write) body[length] = simple;
      length++;
      read = stop + 2;
      continue;
    }
    if (kind !== 0x75) return undefined; // \u
    let unit = hexUnit(body, stop + 2, end);
    read = stop + 6;
    if (unit < 0 || (unit >= 0xdc00 && unit <= 0xdfff)) return undefined;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = body[read] === backslash && body[read + 1] === 0x75 ? hexUnit(body, read + 2, end) : -1;
      if (low < 0xdc00 || low > 0xdfff) return undefined;
      unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
      read += 6;
    }
    length = write ? writeUtf8(body, length, unit) : length + utf8Length(unit);
  }
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** The four hex digits at `at` as a number, or -1. */
function hexUnit(body: Buffer, at: number, end: number): number {
  if (at + 4 > end) return -1;
  let unit = 0;
  for (let i = at; i < at + 4; i++) {
    const c = body[i];
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (digit < 0) return -1;
    unit = unit * 16 + digit;
  }
  return unit;
}

function writeUtf8(body: Buffer, at: number, codePoint: number): number {
  if (codePoint < 0x80) {
    body[at++] = codePoint;
  } else if (codePoint < 0x800) {
    body[at++] = 0xc0 | (codePoint >> 6);
    body[at++] = 0x80 | (codePoint & 0x3f);
  } else if (codePoint < 0x10000) {
    body[at++] = 0xe0 | (codePoint >> 12);
    body[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
    body[at++] = 0x80 | (codePoint & 0x3f);
  } else {
    body[at++] = 0xf0 | (codePoint >> 18);
    body[at++] = 0x80 | ((codePoint >> 12) & 0x3f);
    body[at++] = 0x80 | ((codePoint >> 6) & 0x3f);
    body[at++] = 0x80 | (codePoint & 0x3f);
  }
  return at;
}
