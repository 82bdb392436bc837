// How another coder's copy of a transcript stands to the first coder's, for `qda agree`: in two
// stages. First the bytes (`compareBytes`, with what the first coder's parse says of its file):
// the same bytes, or different only in some chunks (runs of lines cut after blank lines), or to be
// read whole. Then the text of the changed chunks with where each lies in both (`changedText`),
// for core/model/revisedTranscript.ts. The first coder's text is decoded here too (`decodeText`).
import { Buffer } from 'buffer';
import type { AgreementUnit } from '../core/analyses/agreement';
import type { ChangedChunk } from '../core/model/revisedTranscript';
import type { ParsedTranscript } from '../core/model/transcript';
import { astralOffsets, noOffsets, scanLines, type TextScan } from '../core/text/textScan';
import { decodeUtf8, refuseNonText, utf8BomLength } from './textFile';

/** How another coder's bytes of a transcript stand to the first coder's. */
export type ByteComparison =
  /** Not text (or no file): as in the workspace, the coder has no such transcript. */
  | { kind: 'absent' }
  /** The first coder's bytes exactly. */
  | { kind: 'same' }
  /**
   * The same front matter (`frontMatterEnd` bytes), different only in whole chunks of the body.
   * The first coder's body is cut after the front matter (cut 0) and after each blank line past
   * it (cuts 1 to `cuts - 1`); chunk k runs from cut k - 1 to cut k (or the end). For each chunk
   * that differs: k, then its start and end in this coder's bytes, one after the other.
   */
  | { kind: 'chunks'; frontMatterEnd: number; cuts: number; changed: number[] }
  /** To be decoded and parsed whole. */
  | { kind: 'whole' };

const lf = Buffer.from('\n\n');
const crlf = Buffer.from('\r\n\r\n');
// A fence's blocks may hold blank lines; so may a merge conflict's sides (git's markers).
const fences = [Buffer.from('```'), Buffer.from('~~~'), Buffer.from('<<<<<<<'), Buffer.from('=======')];

/** What the first coder's parse says of its file, for cutting it: where the front matter ends (in bytes) and whether its lines end in CRLF. */
export interface FirstFile {
  bytes: Uint8Array;
  /** Undefined where the front matter has no closing line (another coder's may close further down). */
  frontMatterEnd: number | undefined;
  crlf: boolean;
}

/** The cutting facts of the first coder's file, from its parse. */
export function firstFile(bytes: Uint8Array, parsed: ParsedTranscript, scan: TextScan): FirstFile {
  const unterminated = parsed.problems.some((p) => p.code === 'front-matter-unterminated');
  const end = parsed.frontMatter ? parsed.lines.offsetAt(parsed.frontMatter.range.end) : 0;
  return {
    bytes,
    frontMatterEnd: unterminated ? undefined : utf8BomLength(bytes) + Buffer.byteLength(parsed.text.slice(0, end), 'utf8'),
    crlf: scan.breakLengths !== undefined,
  };
}

/**
 * How `mine` stands to the first coder's file (undefined where a coder has no such file; `first`
 * undefined where the first coder's is not text). Cuts are made after the front matter and after
 * blank lines (`\n\n`, or `\r\n\r\n` in a file with a CR), where the parser starts a new block;
 * the chunks are the runs between the first coder's cuts. A file with a fence (``` or ~~~), whose
 * blocks may hold blank lines, is not cut; by character, nothing is cut (every coding's place in
 * the whole text counts).
 */
export function compareBytes(first: FirstFile | undefined, firstBytes: Uint8Array | undefined, mine: Uint8Array | undefined, unit: AgreementUnit, name: string): ByteComparison {
  if (!mine) return { kind: 'absent' };
  const b = asBuffer(mine);
  if (firstBytes && asBuffer(firstBytes).equals(b)) return { kind: 'same' };
  const chunks = first && unit === 'quote' ? changedChunks(first, b) : undefined;
  // Only the changed chunks need checking: the rest are the first coder's bytes, which are decoded (and checked) anyway.
  const text = (bytes: Buffer) => {
    try {
      refuseNonText(bytes, name);
      return true;
    } catch {
      return false;
    }
  };
  if (chunks?.kind === 'chunks') {
    for (let k = 0; k < chunks.changed.length; k += 3) if (!text(b.subarray(chunks.changed[k + 1], chunks.changed[k + 2]))) return { kind: 'absent' };
    return chunks;
  }
  return text(b) ? { kind: 'whole' } : { kind: 'absent' };
}

function changedChunks(first: FirstFile, b: Buffer): ByteComparison | undefined {
  const a = asBuffer(first.bytes);
  const frontMatterEnd = first.frontMatterEnd;
  // The other coder's chunks that are the first coder's bytes hold a fence only where the first
  // coder's do: only the chunks found different are searched in its file.
  if (frontMatterEnd === undefined || hasFence(a)) return undefined;
  const separator = first.crlf ? crlf : lf;
  // The front matter must be the same bytes (it says whose turns are quotes): the same bytes up
  // to its closing line are the same front matter. The body is cut from its end: after it, and
  // after each blank line past it.
  if (b.length < frontMatterEnd || a.compare(b, 0, frontMatterEnd, 0, frontMatterEnd) !== 0) return undefined;
  const cuts = [frontMatterEnd];
  for (let at = a.indexOf(separator, Math.max(0, frontMatterEnd - separator.length + 1)); at >= 0; at = a.indexOf(separator, at + 1)) cuts.push(at + separator.length);
  // Chunk k runs from cut k - 1 to cut k. Each is looked for where the other coder's text has got
  // to: the same bytes there are the same chunk (both start after a blank line); other bytes run
  // to the other coder's next cut, and the chunks after are looked for past it.
  const endOf = (k: number) => (k < cuts.length ? cuts[k] : a.length);
  const changed: number[] = [];
  let at = frontMatterEnd;
  for (let k = 1; k <= cuts.length; k++) {
    const start = cuts[k - 1];
    const end = endOf(k);
    const last = k === cuts.length;
    const length = end - start;
    if (at + length <= b.length && a.compare(b, at, at + length, start, end) === 0 && (!last || at + length === b.length)) {
      at += length;
      continue;
    }
    let next = b.length;
    if (!last) {
      // (A negative offset would count from the end.)
      const found = b.indexOf(separator, Math.max(0, at - separator.length + 1));
      if (found < 0) return undefined;
      next = found + separator.length;
    }
    if (hasFence(b.subarray(at, next))) return undefined;
    changed.push(k, at, next);
    at = next;
  }
  if (at !== b.length) return undefined;
  return { kind: 'chunks', frontMatterEnd, cuts: cuts.length, changed };
}

function hasFence(bytes: Buffer): boolean {
  return fences.some((fence) => bytes.includes(fence));
}

/** A text to parse, with its scan. */
export interface ScannedText {
  text: string;
  scan: TextScan;
}

/**
 * Strict UTF-8 decoded (`decodeUtf8`), with its scan; undefined for bytes that are not text. Its
 * astral characters are found by their high surrogates, known from the bytes.
 */
export function decodeText(bytes: Uint8Array, name: string): ScannedText | undefined {
  let text: string;
  try {
    text = decodeUtf8(bytes, name);
  } catch {
    return undefined;
  }
  // As many characters as bytes (a byte order mark aside): all ASCII, nothing astral.
  const astral = text.length === bytes.length - utf8BomLength(bytes) ? noOffsets : astralOf(asBuffer(bytes), text);
  return { text, scan: { ...scanLines(text), astral } };
}

/** The high surrogates' offsets of the astral characters of `text`, decoded from valid UTF-8 `bytes`. */
function astralOf(bytes: Buffer, text: string): Int32Array {
  // An astral character is four bytes in UTF-8, led by F0 to F4 (never a byte inside another character).
  const highs = new Set<number>();
  let count = 0;
  for (let lead = 0xf0; lead <= 0xf4; lead++) {
    for (let at = bytes.indexOf(lead); at >= 0; at = bytes.indexOf(lead, at + 4)) {
      const code = ((lead & 0x07) << 18) | ((bytes[at + 1] & 0x3f) << 12) | ((bytes[at + 2] & 0x3f) << 6) | (bytes[at + 3] & 0x3f);
      highs.add(0xd800 + ((code - 0x10000) >> 10));
      count++;
    }
  }
  if (count === 0) return noOffsets;
  const found: number[] = [];
  for (const high of highs) {
    const surrogate = String.fromCharCode(high);
    for (let at = text.indexOf(surrogate); at >= 0; at = text.indexOf(surrogate, at + 2)) found.push(at);
  }
  return found.length === count ? Int32Array.from(found.sort((x, y) => x - y)) : astralOffsets(text);
}

/**
 * The other coder's changed chunks as one text, with where each is in the first coder's text and
 * in this one: what core/model/revisedTranscript.ts reads. `first` is the first coder's text, decoded
 * from `firstBytes`.
 */
export function changedText(
  first: ScannedText,
  firstBytes: Uint8Array,
  mine: Uint8Array,
  comparison: { frontMatterEnd: number; cuts: number; changed: number[] },
): { text: string; chunks: ChangedChunk[] } {
  const a = asBuffer(firstBytes);
  const b = asBuffer(mine);
  // The first coder's cuts in its text, found in its lines: after the front matter, then after
  // each empty line (`\n\n` in the bytes; in a text with a CR, an empty CRLF line after a CRLF).
  const { lineStarts, breakLengths } = first.scan;
  const frontMatterEnd = comparison.frontMatterEnd === 0 ? 0 : decodeUtf8(a.subarray(0, comparison.frontMatterEnd), '').length;
  const isCut = breakLengths
    ? (line: number) => lineStarts[line] >= frontMatterEnd - 1 && breakLengths[line] === 2 && breakLengths[line - 1] === 2 && lineStarts[line + 1] - lineStarts[line] === 2
    : (line: number) => lineStarts[line] >= frontMatterEnd && lineStarts[line + 1] - lineStarts[line] === 1;
  const cuts = [frontMatterEnd];
  let line = 1;
  const cut = (k: number): number => {
    if (k >= comparison.cuts) return first.text.length;
    for (; cuts.length <= k && line + 1 < lineStarts.length; line++) if (isCut(line)) cuts.push(lineStarts[line + 1]);
    return k < cuts.length ? cuts[k] : first.text.length;
  };
  // The body's blocks are read alike without the front matter (only the turns' informants and
  // quotes depend on it, which the first coder's parse gives). A first line left blank keeps a
  // chunk's `---` from being read as front matter.
  let text = '\n';
  const chunks: ChangedChunk[] = [];
  const { changed } = comparison;
  for (let i = 0; i < changed.length; i += 3) {
    const k = changed[i];
    // Valid UTF-8 cut at line ends: each piece is whole characters; the first of the file loses a byte order mark, as the whole file would.
    const piece = changed[i + 1] === 0 ? decodeUtf8(b.subarray(0, changed[i + 2]), '') : b.toString('utf8', changed[i + 1], changed[i + 2]);
    chunks.push({ base: { start: cut(k - 1), end: cut(k) }, change: { start: text.length, end: text.length + piece.length } });
    text += piece;
  }
  return { text, chunks };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
