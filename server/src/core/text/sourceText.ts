// A file's text as the core keeps it after parsing.
//
// A short text open in an editor is the string the editor sent. Read from disk, or open and long
// (the server's lsp/openDocument.ts), it may instead be kept as the text's UTF-8 bytes: V8 stores a text that holds any character beyond U+00FF (one emoji is
// enough) at two bytes per character, so the bytes of a mostly-ASCII transcript take half the
// memory. Offsets everywhere stay UTF-16 offsets into the text. A table of the text's few non-ASCII
// characters maps them to byte offsets, so a slice decodes only its own bytes. A long one read
// from disk and not open in an editor keeps only that table: its bytes are read again from the
// file where a feature reads its text (`keepOnDisk`).

import { byteOffsetIn, compactUtf8, type CompactUtf8 } from './compactUtf8';
import type { OffsetArray } from './offsetArray';
import type { PreparedText } from './preparedText';
import { countBelow } from './sortedSearch';

// `ignoreBOM`: a slice that starts with U+FEFF keeps it (the decoder would drop it as a byte order mark).
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A file's bytes, read again from where they were first read: what a long transcript's text is
 * kept as once parsed, where the file system can read a file's bytes on demand (a disk), so that
 * the server holds the text of the files an editor has open, not of every file it has indexed.
 */
export interface FileBytes {
  /**
   * The bytes `[from, to)` of the text (a byte order mark left out), read now; undefined where the
   * file is no longer the one first read (changed, replaced or gone since) or cannot be read.
   */
  read(from: number, to: number): Uint8Array | undefined;
  /** The same bytes from `from`, read into `into` (as many as it holds); false where `read` gives nothing. */
  readInto(into: Uint8Array, from: number): boolean;
}

/** The bytes of a text kept on disk are compared with others this many at a time (`hasBytes`). */
const compareChunk = 1 << 20;

export class SourceText {
  #text: string | undefined;
  /** A compact text's whole string, while it is one of the last few decoded (`recentlyDecoded`). */
  #decoded: string | undefined;
  #utf8: Uint8Array | undefined;
  /** Where a compact text's bytes are read again, while they are not kept (`keepOnDisk`). */
  #onDisk: FileBytes | undefined;
  /** For each non-ASCII character of a compact text: its UTF-16 offset, byte offset and lengths. */
  #utf16At: OffsetArray | undefined;
  #byteAt: OffsetArray | undefined;
  /** UTF-16 length × 8 + byte length, of each of those characters. */
  #widths: Uint8Array | undefined;
  /** The text holds a character that folds to an ASCII letter (K KELVIN SIGN, ſ LONG S). */
  #foldsToAscii = false;
  readonly length: number;

  /** `length` differs from the text's only for `ofCompact`, whose compact form replaces the text at once. */
  constructor(text: string, length = text.length) {
    this.#text = text;
    this.length = length;
  }

  /** A text kept as its compact form from the start: its string is never made (unless asked for whole). */
  static ofCompact(compact: CompactUtf8): SourceText {
    // Made with an empty string of the compact text's length, which the form then replaces.
    const source = new SourceText('', compact.length);
    source.keepCompact(compact);
    return source;
  }

  /** Kept as UTF-8 bytes rather than a string. */
  get compact(): boolean {
    return this.#text === undefined;
  }

  /** Not kept at all (`release`). */
  get released(): boolean {
    return this.#text === undefined && this.#utf8 === undefined && this.#onDisk === undefined;
  }

  /** Kept as a table only, its bytes read again from the file where they are needed (`keepOnDisk`). */
  get onDisk(): boolean {
    return this.#onDisk !== undefined;
  }

  /**
   * Lets a compact text's bytes go, to be read again from `file` where they are needed: a long
   * transcript no editor has open keeps its table of non-ASCII characters, not its bytes. Returns
   * whether it did (not for a text kept as a string).
   */
  keepOnDisk(file: FileBytes): boolean {
    if (this.#utf8 === undefined) return false;
    this.#onDisk = file;
    this.#utf8 = undefined;
    this.#decoded = undefined;
    return true;
  }

  /**
   * Whether this compact text's bytes are `utf8`: compared in memory, or read from the file a
   * chunk at a time for a text kept on disk. False for a text kept as a string.
   */
  hasBytes(utf8: Uint8Array): boolean {
    if (this.#text !== undefined || this.released) return false;
    if (this.#utf8 === utf8) return true;
    const total = this.#utf8?.length ?? this.byteOffset(this.length);
    if (total !== utf8.length) return false;
    // One chunk read into again and again: a new one each time was 50 MB of garbage at the opening of 50 MB.
    const chunk = this.#utf8 ? undefined : new Uint8Array(Math.min(total, compareChunk));
    for (let from = 0; from < total; from += compareChunk) {
      const to = Math.min(total, from + compareChunk);
      const mine = chunk ? (this.#onDisk!.readInto(chunk.subarray(0, to - from), from) ? chunk.subarray(0, to - from) : undefined) : this.#utf8!.subarray(from, to);
      if (!mine || !sameBytes(mine, 0, utf8, from, to - from)) return false;
    }
    return true;
  }

  /**
   * A text kept on disk keeps `utf8`, its own bytes (`hasBytes` said so), in memory again: an
   * editor opened the file and holds them, and the two share one copy.
   */
  takeBytes(utf8: Uint8Array): void {
    if (this.#onDisk === undefined) return;
    this.#utf8 = utf8;
    this.#onDisk = undefined;
    readersOfChangeable.get(utf8.buffer)?.push(new WeakRef(this));
  }

  /**
   * Keeps the length only, not the text: for a reader of counts and positions (`qda check`,
   * `qda stats`), which never reads a transcript's text once it is parsed. Reading it afterwards
   * is a mistake in the program, and throws.
   */
  release(): void {
    this.#text = undefined;
    this.#utf8 = undefined;
    this.#onDisk = undefined;
    this.#utf16At = this.#byteAt = undefined;
    this.#widths = undefined;
    this.#decoded = undefined;
  }

  /** The whole text. A compact text is decoded (the last few are cached): prefer `slice`. */
  get text(): string {
    return this.#text ?? this.decodedWhole();
  }

  /** The bytes of a compact text (read from the file whole, for a text kept on disk). */
  private kept(): Uint8Array {
    if (this.#utf8 !== undefined) return this.#utf8;
    this.assertKept();
    return this.bytes(0, this.byteOffset(this.length));
  }

  /** Reading a released text is a mistake in the program. */
  private assertKept(): void {
    if (this.released) throw new Error('internal error: the text of this transcript was not kept');
  }

  /** Bytes `[from, to)` of a compact text, in memory or read from its file (a short range through `lastBlock`). */
  private bytes(from: number, to: number): Uint8Array {
    if (this.#utf8 !== undefined) return this.#utf8.subarray(from, to);
    this.assertKept();
    if (to - from <= blockBytes / 2) {
      const block = lastBlock?.source.deref() === this ? lastBlock : undefined;
      if (block && from >= block.from && to <= block.from + block.bytes.length) return block.bytes.subarray(from - block.from, to - block.from);
      const bytes = this.readFromDisk(from, Math.max(to, Math.min(from + blockBytes, this.byteOffset(this.length))));
      lastBlock = { source: new WeakRef(this), from, bytes };
      return bytes.subarray(0, to - from);
    }
    return this.readFromDisk(from, to);
  }

  private readFromDisk(from: number, to: number): Uint8Array {
    const read = this.#onDisk!.read(from, to);
    // The workspace reads a file again when it changes: until then its old text cannot be read.
    if (read === undefined || read.length !== to - from) throw new Error('the transcript changed on disk since it was read: it is being read again');
    return read;
  }

  /** The text between two UTF-16 offsets, clamped to the text (a negative offset is 0, not counted from the end). */
  slice(start: number, end: number): string {
    if (this.#text !== undefined) return this.#text.slice(Math.max(0, start), Math.max(0, end));
    this.assertKept();
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    if (start === end) return '';
    if (this.#decoded !== undefined) return this.#decoded.slice(start, end);
    // An offset inside a surrogate pair has no byte offset: the whole pair is decoded, and the
    // half outside cut off (as a string's slice leaves the other half).
    const from = this.byteOffset(start);
    const to = this.byteOffset(end);
    const decoded = decoder.decode(this.bytes(from >= 0 ? from : this.byteOffset(start - 1), to >= 0 ? to : this.byteOffset(end + 1)));
    return from >= 0 && to >= 0 ? decoded : decoded.slice(from >= 0 ? 0 : 1, to >= 0 ? decoded.length : -1);
  }

  /** The UTF-16 unit at `offset` where it is an ASCII character, else -1 (outside the text too): a compact text's is read from its bytes. */
  asciiCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return -1;
    if (this.#text !== undefined) {
      const c = this.#text.charCodeAt(offset);
      return c < 128 ? c : -1;
    }
    const at = this.byteOffset(offset);
    const byte = at >= 0 ? this.bytes(at, at + 1)[0] : 0x80;
    return byte < 128 ? byte : -1;
  }

  /**
   * The bytes of a compact text between two UTF-16 offsets, for a reader that walks them without
   * decoding (`bytes` from `from` to `to`); undefined for a text kept as a string, or at an offset
   * inside a surrogate pair. A text kept on disk gives the range read from its file.
   */
  utf8Range(start: number, end: number): { bytes: Uint8Array; from: number; to: number } | undefined {
    if (this.#text !== undefined) return undefined;
    this.assertKept();
    const from = this.byteOffset(Math.max(0, Math.min(start, this.length)));
    const to = this.byteOffset(Math.max(0, Math.min(end, this.length)));
    if (from < 0 || to < 0) return undefined;
    return this.#utf8 !== undefined ? { bytes: this.#utf8, from, to } : { bytes: this.bytes(from, to), from: 0, to: to - from };
  }

  /**
   * Keeps the text as `utf8`, the bytes it was decoded from (without a byte order mark), when that
   * takes less memory than the string. Returns whether it did. The bytes must be the text's own
   * (`compactUtf8` checks their lengths and lead bytes only).
   */
  keepAsUtf8(utf8: Uint8Array): boolean {
    const compact = this.#text === undefined ? undefined : compactUtf8(this.#text, utf8);
    return compact !== undefined && this.keepCompact(compact);
  }

  /** Keeps the text as the bytes a reader prepared, when that takes less memory than the string. Returns whether it did. */
  keepPrepared(prepared: PreparedText): boolean {
    const compact = this.#text === undefined ? undefined : prepared.compactFor(this.#text);
    return compact !== undefined && this.keepCompact(compact);
  }

  /** Keeps the text as `compactUtf8` made it from this text (perhaps on another thread). Returns whether it did. */
  keepCompact(compact: CompactUtf8): boolean {
    if (this.#text === undefined || compact.length !== this.length) return false;
    this.#utf8 = compact.utf8;
    readersOfChangeable.get(compact.utf8.buffer)?.push(new WeakRef(this));
    this.#utf16At = compact.utf16At;
    this.#byteAt = compact.byteAt;
    this.#widths = compact.widths;
    this.#foldsToAscii = compact.foldsToAscii;
    this.#text = undefined;
    return true;
  }

  /**
   * Where `pattern` (global) matches, as UTF-16 offsets and lengths; after a match the search goes
   * on from the next character, so matches may overlap. `asciiPattern`, when given, must match
   * exactly what `pattern` matches in ASCII text and nothing that is not ASCII: a compact text is
   * then searched in its bytes without being decoded.
   */
  search(pattern: RegExp, asciiPattern?: RegExp): { index: number; length: number }[] {
    const found: { index: number; length: number }[] = [];
    this.searchEach(pattern, asciiPattern, (index, length) => {
      found.push({ index, length });
      return undefined;
    });
    return found;
  }

  /**
   * The same, one match at a time: `onMatch` answers where to search on from (a UTF-16 offset
   * past the match), or undefined for the next character. A caller that wants one match per
   * passage skips the rest of it, and a common word does not cost a call per occurrence.
   */
  searchEach(pattern: RegExp, asciiPattern: RegExp | undefined, onMatch: (index: number, length: number) => number | undefined): void {
    const bytes = this.#text === undefined ? this.kept() : undefined;
    const useBytes = bytes !== undefined && asciiPattern !== undefined && !this.#foldsToAscii && typeof Buffer !== 'undefined';
    const haystack = useBytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : this.text;
    const re = useBytes ? asciiPattern : pattern;
    re.lastIndex = 0;
    for (let m = re.exec(haystack); m; m = re.exec(haystack)) {
      const index = useBytes ? this.utf16Offset(m.index) : m.index;
      const resume = onMatch(index, m[0].length);
      // On from the next character: one step into an emoji, a Unicode pattern would find it again.
      const next = m.index + ((haystack.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      if (resume === undefined || resume <= index) re.lastIndex = next;
      else if (resume >= this.length) return;
      else {
        // Inside a surrogate pair, on from the character after it (never back before the resume).
        const at = !useBytes ? resume : this.byteOffset(resume) >= 0 ? this.byteOffset(resume) : this.byteOffset(resume + 1);
        re.lastIndex = Math.max(at, next);
      }
    }
  }

  /**
   * Whether this text from `start` to `end` (UTF-16 offsets) equals `other`'s text of the same
   * length from `otherStart`. Two compact texts are compared in their bytes, without decoding:
   * UTF-8 spells a text one way only.
   */
  sameAs(start: number, end: number, other: SourceText, otherStart: number): boolean {
    // Clamped to each text, as `slice` clamps: ranges that end up of different lengths differ.
    start = Math.max(0, Math.min(start, this.length));
    end = Math.max(start, Math.min(end, this.length));
    const length = end - start;
    otherStart = Math.max(0, Math.min(otherStart, other.length));
    if (otherStart + length > other.length) return false;
    const mine = this.#utf8;
    const theirs = other.#utf8;
    if (mine && theirs) {
      const from = this.byteOffset(start);
      const to = this.byteOffset(end);
      const otherFrom = other.byteOffset(otherStart);
      const otherTo = other.byteOffset(otherStart + length);
      if (from >= 0 && to >= 0 && otherFrom >= 0 && otherTo >= 0) {
        if (to - from !== otherTo - otherFrom) return false;
        return sameBytes(mine, from, theirs, otherFrom, to - from);
      }
    }
    return this.slice(start, end) === other.slice(otherStart, otherStart + length);
  }

  /** Byte offset of a UTF-16 offset of a compact text; -1 inside a surrogate pair. */
  private byteOffset(offset: number): number {
    return byteOffsetIn(this.#utf16At!, this.#byteAt!, this.#widths!, offset);
  }

  /** UTF-16 offset of a byte offset of a compact text, at the start of a character. */
  private utf16Offset(byte: number): number {
    const k = countBelow(this.#byteAt!, byte) - 1;
    if (k < 0) return byte;
    const width = this.#widths![k];
    return this.#utf16At![k] + (width >> 3) + (byte - this.#byteAt![k] - (width & 7));
  }

  /** The whole string of a compact text, decoded once while it is among the last few asked for. */
  private decodedWhole(): string {
    if (this.#decoded === undefined) {
      this.#decoded = decoder.decode(this.kept());
      recentlyDecoded.push(new WeakRef(this));
      while (recentlyDecoded.length > recentSize) recentlyDecoded.shift()!.deref()?.forgetDecoded();
    }
    return this.#decoded;
  }

  private forgetDecoded(): void {
    this.#decoded = undefined;
  }
}

/**
 * The bytes of a text kept on disk read last, from where a read asked for them on: the features
 * that read such a text read it quote after quote, and a read of the file for each (opened,
 * checked, read and closed) made a search of 100,000 quotes 17 times slower than in memory.
 */
let lastBlock: { source: WeakRef<SourceText>; from: number; bytes: Uint8Array } | undefined;
const blockBytes = 1 << 18;

/**
 * Buffers that their owner (a long open document, lsp/openDocument.ts) changes in place, each
 * with the texts that read it (weakly held). A 50 MB open transcript's bytes are its parse's too:
 * changing them in place, rather than into a copy, keeps one copy in memory at a keystroke, and
 * every parse of an older text is released first, so that none reads the new bytes as its own.
 */
const readersOfChangeable = new WeakMap<ArrayBufferLike, WeakRef<SourceText>[]>();

/** Marks a buffer its owner may change in place: the texts that come to read it are noted. */
export function markChangeable(buffer: ArrayBufferLike): void {
  if (!readersOfChangeable.has(buffer)) readersOfChangeable.set(buffer, []);
}

/** Whether `buffer` may be changed in place (`markChangeable`). */
export function isChangeable(buffer: ArrayBufferLike): boolean {
  return readersOfChangeable.has(buffer);
}

/** Whether a text not yet released reads a changeable buffer. */
export function hasReaders(buffer: ArrayBufferLike): boolean {
  const readers = readersOfChangeable.get(buffer);
  return readers !== undefined && readers.some((reader) => reader.deref()?.released === false);
}

/**
 * Releases every text that reads a changeable buffer, before its owner changes it: reading one
 * afterwards throws (a mistake in the program), where it would otherwise read the new bytes.
 */
export function releaseReaders(buffer: ArrayBufferLike): void {
  const readers = readersOfChangeable.get(buffer);
  if (!readers) return;
  for (const reader of readers) reader.deref()?.release();
  readers.length = 0;
}

/** Whether `length` bytes of `a` from `aStart` equal those of `b` from `bStart`. */
export function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  // Node compares memory natively, many times faster than a loop; elsewhere, a loop.
  if (typeof Buffer !== 'undefined' && length > 64) {
    return Buffer.from(a.buffer, a.byteOffset + aStart, length).equals(Buffer.from(b.buffer, b.byteOffset + bStart, length));
  }
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}

/**
 * The last few compact texts decoded whole, for readers that ask for a whole text in turn; each
 * keeps its string itself, so a text no longer used is freed with its string (a cache holding the
 * texts kept a replaced 50 MB transcript's 100 MB string alive).
 */
const recentlyDecoded: WeakRef<SourceText>[] = [];
const recentSize = 4;
