// Reading a text file from disk as the workspace wants it: strict UTF-8, a BOM left out, and the
// reason in plain words when a file cannot be read. Shared by the file system and its reader thread.
import { closeSync, fstatSync, openSync, readSync } from 'fs';

/** The text of a file and the UTF-8 bytes it was decoded from, without a byte order mark. */
export interface TextFile {
  text: string;
  utf8: Uint8Array;
}

/**
 * Reads files one after another into one buffer it reuses, rather than a new buffer per file;
 * the caller copies out the bytes it keeps.
 */
export class TextFileReader {
  private buffer = Buffer.allocUnsafeSlow(1 << 16);

  /** A file's text and bytes; the bytes are valid until the next read. Throws an Error whose message says why it cannot. */
  read(file: string): TextFile {
    let length = 0;
    try {
      const fd = openSync(file, 'r');
      try {
        // The size is a hint: a file may grow while it is read, so read until the end.
        this.reserve(fstatSync(fd).size + 1);
        for (;;) {
          if (length === this.buffer.length) this.reserve(length * 2);
          const n = readSync(fd, this.buffer, length, this.buffer.length - length, null);
          if (n === 0) break;
          length += n;
        }
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      throw unreadable(file, error);
    }
    return decodeTextFile(this.buffer.subarray(0, length), file);
  }

  private reserve(size: number): void {
    if (size <= this.buffer.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(size, this.buffer.length * 2));
    this.buffer.copy(grown);
    this.buffer = grown;
  }
}

/** The error for a file the system would not read, with its reason in plain words. */
export function unreadable(file: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String((error as Error).message);
  return new Error(`cannot read ${file}: ${reason}`);
}

export function decodeTextFile(bytes: Uint8Array, file: string): TextFile {
  const text = decodeUtf8(bytes, file);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text, utf8: bytes.subarray(bom) };
}

/** Strict UTF-8: a file that is not text is reported, never silently turned into replacement characters. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  if (bytes.includes(0)) throw new Error(`cannot read ${name}: it is a binary file, not UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`cannot read ${name}: it is not valid UTF-8 text`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
