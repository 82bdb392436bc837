// Reading a text file from disk as the workspace wants it: strict UTF-8, a BOM left out, and the
// reason in plain words when a file cannot be read. Shared by the file system and its reader thread.
import { isAscii, isUtf8, transcode } from 'buffer';
import { closeSync, fstatSync, openSync, readSync, type BigIntStats } from 'fs';
import { compactAndScan } from '../core/text/compactScan';
import type { CompactUtf8 } from '../core/text/compactUtf8';
import type { FileBytes } from '../core/text/sourceText';
import type { TextScan } from '../core/text/textScan';

/** The text of a file and the UTF-8 bytes it was decoded from, without a byte order mark. */
export interface TextFile {
  text: string;
  utf8: Uint8Array;
  /** Where the non-ASCII characters are (UTF-16 starts and ends of runs), when the decoder found them. */
  nonAsciiRuns?: number[];
}

/**
 * Reads files one after another into one buffer it reuses, rather than a new buffer per file;
 * the caller copies out the bytes it keeps.
 */
export class TextFileReader {
  private buffer = Buffer.allocUnsafeSlow(1 << 16);
  /** The file last read, as it was while it was read; undefined where it changed meanwhile. */
  lastStamp: FileStamp | undefined;

  /** A file's text and bytes; the bytes are valid until the next read. Throws an Error whose message says why it cannot. */
  read(file: string): TextFile {
    return decodeTextFileRuns(this.readBytes(file), file);
  }

  /** A file's bytes, valid until the next read. Throws an Error whose message says why it cannot. */
  readBytes(file: string): Uint8Array {
    let length = 0;
    try {
      const fd = openSync(file, 'r');
      try {
        const before = fstatSync(fd, { bigint: true });
        // The size is a hint: a file may grow while it is read, so read until the end.
        this.reserve(Number(before.size) + 1);
        for (;;) {
          if (length === this.buffer.length) this.reserve(length * 2);
          const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
          if (n === 0) break;
          length += n;
        }
        const stamp = fileStamp(before);
        this.lastStamp = sameStamp(stamp, fileStamp(fstatSync(fd, { bigint: true }))) && stamp.size === BigInt(length) ? stamp : undefined;
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw unreadable(file, error);
    }
    return this.buffer.subarray(0, length);
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(size, this.buffer.length * 2));
    this.buffer.copy(grown);
    this.buffer = grown;
  }
}

/** What tells one version of a file from another: it is the same file, of the same size, last written at the same time (nanoseconds). */
export interface FileStamp {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
}

export function fileStamp(stats: BigIntStats): FileStamp {
  return { dev: stats.dev, ino: stats.ino, size: stats.size, mtimeNs: stats.mtimeNs };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
}

/**
 * A text file's bytes read again from disk (`FileBytes`): while the file is still the one first
 * read (`stamp`), the bytes `[from, to)` of its text, which starts `textStart` bytes in (after a
 * byte order mark). A file written since (an editor or git saving it in place, or replacing it)
 * gives nothing: the workspace reads it again when it hears of the change.
 */
export class FileBytesOnDisk implements FileBytes {
  constructor(
    private readonly file: string,
    private readonly stamp: FileStamp,
    private readonly textStart: number,
  ) {}

  read(from: number, to: number): Uint8Array | undefined {
    const bytes = Buffer.allocUnsafeSlow(Math.max(0, to - from));
    return this.readInto(bytes, from) ? bytes : undefined;
  }

  readInto(into: Uint8Array, from: number): boolean {
    let fd: number | undefined;
    try {
      fd = openSync(this.file, 'r');
      if (!sameStamp(this.stamp, fileStamp(fstatSync(fd, { bigint: true })))) return false;
      for (let done = 0; done < into.length; ) {
        const n = readSync(fd, into, done, into.length - done, this.textStart + from + done);
        if (n === 0) return false;
        done += n;
      }
      return true;
    } catch {
      return false;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }
}

/** The error for a file the system would not read, with its reason in plain words. */
export function unreadable(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String((error as Error).message);
  return new Error(`cannot read ${file}: ${reason}`);
}

/** 3 where the bytes start with UTF-8's byte order mark (EF BB BF), else 0. */
export function utf8BomLength(bytes: Uint8Array): 0 | 3 {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

export function decodeTextFile(bytes: Uint8Array, file: string): TextFile {
  const text = decodeUtf8(bytes, file);
  return { text, utf8: bytes.subarray(utf8BomLength(bytes)) };
}

const lenientDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
const highBytes = /[\x80-\xff]+/g;

/**
 * The same as `decodeTextFile`, decoded another way: the bytes are checked, then read as Latin-1,
 * which copies ASCII as it is, and only the runs of other bytes are decoded as UTF-8, in place.
 * Two thirds of the time of decoding a mostly-ASCII transcript whole and searching it for its
 * other characters: the runs found are where the compact form's table goes (`compactUtf8`).
 */
export function decodeTextFileRuns(bytes: Uint8Array, file: string, wholeFrom = decodeWholeFrom, chunkBytes = runsChunkBytes): TextFile {
  refuseNonText(bytes, file);
  const utf8 = bytes.subarray(utf8BomLength(bytes));
  if (utf8.length >= wholeFrom) return { text: lenientDecoder.decode(utf8), utf8, nonAsciiRuns: nonAsciiRunsOf(utf8, chunkBytes) };
  const latin1 = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength).toString('latin1');
  const nonAsciiRuns: number[] = [];
  // Pieces joined once at the end: a string grown by `+=` is a tree of pieces until something
  // flattens it, and reading its characters one by one before that is many times slower.
  const pieces: string[] = [];
  let length = 0;
  let copied = 0;
  highBytes.lastIndex = 0;
  for (let run = highBytes.exec(latin1); run; run = highBytes.exec(latin1)) {
    const ascii = latin1.slice(copied, run.index);
    pieces.push(ascii);
    length += ascii.length;
    copied = run.index + run[0].length;
    // Valid UTF-8, and ASCII bytes never inside a character: each run is whole characters.
    const decoded = decodeRun(utf8, run.index, copied);
    nonAsciiRuns.push(length, length + decoded.length);
    pieces.push(decoded);
    length += decoded.length;
  }
  pieces.push(latin1.slice(copied));
  return { text: pieces.join(''), utf8, nonAsciiRuns };
}

/**
 * The compact form of a file of `decodeWholeFrom` bytes or more (its UTF-8 bytes, a BOM left out,
 * and the table of its non-ASCII characters) and the scan of its text, read from the bytes in one
 * pass without decoding them, where
 * the text holds a character beyond Latin-1 and few other non-ASCII ones: V8 would keep its string
 * at two bytes a character, twice the bytes. Undefined otherwise (the string is then as small).
 * Throws, as `decodeTextFileRuns` does, for bytes that are not text.
 */
export function compactTextFile(bytes: Uint8Array, file: string, from = decodeWholeFrom): { compact: CompactUtf8; scan: TextScan } | undefined {
  if (bytes.length < from) return undefined;
  refuseNonText(bytes, file);
  return compactAndScan(bytes.subarray(utf8BomLength(bytes)));
}

/**
 * From this many bytes a text is decoded whole and its runs found a chunk at a time: the Latin-1
 * copy of the whole file, alive until the pieces are joined, was 50 MB more at the peak of
 * indexing a 50 MB comment dump (351 against 294 MB), for about the same time.
 */
export const decodeWholeFrom = 1 << 22;
/** The Latin-1 copy searched for runs at a time, in bytes (a run is never cut: a chunk ends at an ASCII byte). */
const runsChunkBytes = 1 << 20;

/**
 * Where the non-ASCII characters of valid UTF-8 bytes are, as UTF-16 starts and ends of runs (the
 * runs `decodeTextFileRuns` finds), searched in a Latin-1 copy of one chunk at a time.
 */
function nonAsciiRunsOf(utf8: Uint8Array, chunkBytes: number): number[] {
  const runs: number[] = [];
  const bytes = Buffer.from(utf8.buffer, utf8.byteOffset, utf8.byteLength);
  /** Bytes so far less their UTF-16 units. */
  let shift = 0;
  for (let from = 0; from < bytes.length; ) {
    let to = Math.min(bytes.length, from + Math.max(1, chunkBytes));
    while (to < bytes.length && bytes[to] >= 0x80) to++;
    const chunk = bytes.toString('latin1', from, to);
    highBytes.lastIndex = 0;
    for (let run = highBytes.exec(chunk); run; run = highBytes.exec(chunk)) {
      const start = from + run.index;
      const end = start + run[0].length;
      // A character is one UTF-16 unit for its lead byte, two for a four-byte one (a surrogate pair).
      let units = 0;
      for (let i = start; i < end; i++) if (bytes[i] >= 0xc0) units += bytes[i] >= 0xf0 ? 2 : 1;
      runs.push(start - shift, start - shift + units);
      shift += end - start - units;
    }
    from = to;
  }
  return runs;
}

/** Runs longer than this go to the decoder; most are one character (an emoji, an é), where a call to it costs more than the decoding. */
const longRun = 32;

/** The characters of a run of valid UTF-8 bytes none of which is ASCII (each character two to four bytes). */
function decodeRun(utf8: Uint8Array, start: number, end: number): string {
  if (end - start > longRun) return lenientDecoder.decode(utf8.subarray(start, end));
  let text = '';
  for (let i = start; i < end; ) {
    const lead = utf8[i];
    if (lead < 0xe0) {
      text += String.fromCharCode(((lead & 0x1f) << 6) | (utf8[i + 1] & 0x3f));
      i += 2;
    } else if (lead < 0xf0) {
      text += String.fromCharCode(((lead & 0x0f) << 12) | ((utf8[i + 1] & 0x3f) << 6) | (utf8[i + 2] & 0x3f));
      i += 3;
    } else {
      text += String.fromCodePoint(((lead & 0x07) << 18) | ((utf8[i + 1] & 0x3f) << 12) | ((utf8[i + 2] & 0x3f) << 6) | (utf8[i + 3] & 0x3f));
      i += 4;
    }
  }
  return text;
}

/** Strict UTF-8: a file that is not text is reported, never silently turned into replacement characters. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  refuseNonText(bytes, name);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // ASCII as one byte a character; the rest through ICU's converter into UTF-16, taken as it is:
  // several times faster than decoding UTF-8 into a string.
  if (isAscii(b)) return b.toString('latin1');
  const utf8 = b.subarray(utf8BomLength(b));
  try {
    return transcode(utf8, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return lenientDecoder.decode(utf8); // a Node.js without ICU
  }
}

/** Throws, with the reason in plain words, for bytes that are not text: a NUL (a binary file) or invalid UTF-8. */
export function refuseNonText(bytes: Uint8Array, name: string): void {
  if (bytes.includes(0)) throw new Error(`cannot read ${name}: it is a binary file, not UTF-8 text`);
  if (!isUtf8(bytes)) throw new Error(`cannot read ${name}: it is not valid UTF-8 text`);
}
