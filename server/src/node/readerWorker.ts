// The reader thread: reads, strictly decodes and prepares the compact form of many files, in
// order, a few files ahead of the main thread, which meanwhile parses and indexes the ones before.
// Reading and decoding were a third of a large study's cold index; on a second core they cost
// the main thread only the copy of each text.
import { parentPort, workerData } from 'worker_threads';
import { astralOffsetsOf, compactUtf8, type CompactUtf8 } from '../core/text/compactUtf8';
import { noOffsets, scanText, type TextScan } from '../core/text/textScan';
import { TextFileReader } from './textFile';

/** What the main thread gives the reader: the files, and how far ahead of it to read. */
export interface ReaderJob {
  files: string[];
  ahead: number;
}

/** One file, in the order of the job; the main thread answers with how many it has taken so far. */
export type ReaderResult = { index: number } & ({ text: string; compact?: CompactUtf8; scan: TextScan; error?: undefined } | { text?: undefined; error: string });

const files = new TextFileReader();

function run(port: NonNullable<typeof parentPort>, job: ReaderJob): void {
  let next = 0;
  let allowed = job.ahead;
  const pump = () => {
    for (; next < job.files.length && next < allowed; next++) port.postMessage(...read(next, job.files[next]));
    if (next === job.files.length) port.close();
  };
  port.on('message', (taken: number) => {
    allowed = taken + job.ahead;
    pump();
  });
  pump();
}

function read(index: number, file: string): [ReaderResult, ArrayBuffer[]] {
  let result;
  try {
    result = files.read(file);
  } catch (error) {
    return [{ index, error: (error as Error).message }, []];
  }
  const { text } = result;
  const compact = compactUtf8(text, result.utf8, result.nonAsciiRuns);
  // The compact form's table already lists the astral characters; an all-ASCII text has none.
  // Only the other texts are searched for them again.
  const astral = compact ? astralOffsetsOf(compact) : result.utf8.length === text.length ? noOffsets : undefined;
  const scan = scanText(text, astral);
  const transfer = [scan.lineStarts.buffer, scan.breakLengths?.buffer, scan.astral !== noOffsets ? scan.astral.buffer : undefined, scan.markup?.buffer];
  if (compact) {
    // The reader's buffer holds the next file next: the bytes kept get a buffer of their own.
    compact.utf8 = new Uint8Array(compact.utf8);
    transfer.push(compact.utf8.buffer, compact.utf16At.buffer, compact.byteAt.buffer, compact.widths.buffer);
  }
  return [{ index, text, compact, scan }, transfer.filter((buffer) => buffer !== undefined) as ArrayBuffer[]];
}

if (parentPort) run(parentPort, workerData as ReaderJob);
