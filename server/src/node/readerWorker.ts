// The reader thread: reads, strictly decodes and prepares the compact form of many files, in
// order, a few files ahead of the main thread, which meanwhile parses and indexes the ones before.
// Reading and decoding were a third of a large study's cold index; on a second core they cost
// the main thread only the copy of each text.
import { workerData, type MessagePort } from 'worker_threads';
import { astralOffsetsOf, compactUtf8, type CompactUtf8 } from '../core/text/compactUtf8';
import { astralOffsetsInRuns, noOffsets, scanText, type TextScan } from '../core/text/textScan';
import type { FileText } from '../core/project/fileSystem';
import { compactTextFile, decodeTextFileRuns, TextFileReader, utf8BomLength, type FileStamp } from './textFile';

/**
 * What the main thread gives the reader: the files, how far ahead of it to read, the port the
 * results go to, and the counters both threads share (`counter`).
 */
export interface ReaderJob {
  files: string[];
  ahead: number;
  results: MessagePort;
  shared: SharedArrayBuffer;
  /** Whether to make each text's compact form (not for a reader that keeps no text). */
  compact: boolean;
}

/** The shared counters, as indices into an Int32Array: results sent, results taken, and 1 once the main thread stops the reader. */
export const counter = { sent: 0, taken: 1, stop: 2, size: 3 } as const;

/** One file, in the order of the job. */
export type ReaderResult = { index: number } & (
  | {
      text: FileText;
      compact?: CompactUtf8;
      scan: TextScan;
      /** For a long text sent as its compact form: the file as it was read, and where its text starts, so its bytes can be read again (`FileBytesOnDisk`). */
      stamp?: FileStamp;
      textStart?: number;
      error?: undefined;
    }
  | { text?: undefined; error: string }
);

const files = new TextFileReader();

function run(job: ReaderJob): void {
  const counts = new Int32Array(job.shared);
  for (let next = 0; next < job.files.length; next++) {
    // Far enough ahead: sleep until the main thread has taken more (it wakes the reader).
    for (let taken = Atomics.load(counts, counter.taken); next >= taken + job.ahead; taken = Atomics.load(counts, counter.taken)) {
      if (Atomics.load(counts, counter.stop)) return;
      Atomics.wait(counts, counter.taken, taken);
    }
    if (Atomics.load(counts, counter.stop)) return;
    job.results.postMessage(...read(next, job.files[next], job.compact));
    Atomics.add(counts, counter.sent, 1);
    Atomics.notify(counts, counter.sent);
  }
  job.results.close();
}

function read(index: number, file: string, makeCompact: boolean): [ReaderResult, ArrayBuffer[]] {
  let result;
  try {
    const bytes = files.readBytes(file);
    // A long text beyond Latin-1 goes as its compact form and scan only, never as a string (as on the main thread).
    const long = makeCompact ? compactTextFile(bytes, file) : undefined;
    if (long) {
      // The reader's buffer holds the next file next: the bytes get a buffer of their own.
      const compact = { ...long.compact, utf8: new Uint8Array(long.compact.utf8) };
      const scan = long.scan;
      const transfer = [compact.utf8.buffer, compact.utf16At.buffer, compact.byteAt.buffer, compact.widths.buffer, scan.lineStarts.buffer, scan.breakLengths?.buffer, scan.astral !== noOffsets ? scan.astral.buffer : undefined, scan.markup?.buffer];
      return [{ index, text: compact, scan, stamp: files.lastStamp, textStart: utf8BomLength(bytes) }, transfer.filter((buffer) => buffer !== undefined) as ArrayBuffer[]];
    }
    result = decodeTextFileRuns(bytes, file);
  } catch (error) {
    return [{ index, error: (error as Error).message }, []];
  }
  const { text } = result;
  const compact = makeCompact ? compactUtf8(text, result.utf8, result.nonAsciiRuns) : undefined;
  // The compact form's table already lists the astral characters; an all-ASCII text has none;
  // otherwise they are in the runs of other characters the decoder found.
  const astral = compact
    ? astralOffsetsOf(compact)
    : result.utf8.length === text.length
      ? noOffsets
      : result.nonAsciiRuns
        ? astralOffsetsInRuns(text, result.nonAsciiRuns)
        : undefined;
  const scan = scanText(text, astral);
  const transfer = [scan.lineStarts.buffer, scan.breakLengths?.buffer, scan.astral !== noOffsets ? scan.astral.buffer : undefined, scan.markup?.buffer];
  if (compact) {
    // The reader's buffer holds the next file next: the bytes kept get a buffer of their own.
    compact.utf8 = new Uint8Array(compact.utf8);
    transfer.push(compact.utf8.buffer, compact.utf16At.buffer, compact.byteAt.buffer, compact.widths.buffer);
  }
  return [{ index, text, compact, scan }, transfer.filter((buffer) => buffer !== undefined) as ArrayBuffer[]];
}

if (workerData && (workerData as ReaderJob).results) {
  // In the thread only (this module is also the main thread's, for `counter`): what the thread
  // prints would reach the server's standard output, which is the protocol's, so it goes to
  // standard error. (A worker made with `stdout: true`, to pipe its output, keeps the process
  // alive through a port that `unref` does not reach.)
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  run(workerData as ReaderJob);
}
