// How the language server's process is started and tuned. The VS Code client, the protocol tests
// and the benchmark all start it with these options, so what is measured is what users run; the
// server applies the rest of the V8 tuning itself (`tuneHeapForEditing`, `collectAfterIndexing`).
import { readFileSync } from 'fs';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

/**
 * Node options of the server process. `--max-semi-space-size`: V8 lets the young generation grow
 * to two 16 MB halves; the server's garbage is one document's parse per keystroke, which 8 MB
 * halves hold with room to spare, and its resident memory is 15 MB lower for it.
 */
export const serverExecArgv: readonly string[] = ['--max-semi-space-size=8'];

/**
 * Environment variables of the server process, added to the editor's. `MALLOC_MMAP_THRESHOLD_`:
 * glibc's allocator (Linux) serves a request of at least a threshold with pages of its own, given
 * back to the system when freed, but by default raises the threshold to the size of each such
 * block freed (up to 32 MB): once the first buffers of a long transcript are freed, the next ones
 * come from the heap, whose freed memory stays resident. Setting it keeps it (and has no effect
 * elsewhere). At 1 MiB, on the 50 MB comment dump the server held 125-128 MB after indexing and
 * peaked at 199-214 MB (145-166 and 207-233 without); at 128 KiB as low, but the cold index of
 * 10,000 transcripts took 4.9-5.3 s against 3.8-4.7 without (1 MiB: 4.0-4.2).
 */
export const serverEnvironment: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: String(1 << 20) };

/**
 * The cold index keeps every parse result, so V8's allocation-site pretenuring learns that the
 * parser's objects live long and from then on allocates them straight in the old generation.
 * While the user types, each keystroke's parse result lives a few milliseconds, but there only a
 * full collection frees it: on the 1,000-transcript benchmark 400 keystrokes grew the server by
 * 85 MB. Without pretenuring the same keystrokes die young (peak 345 against 417 MB), and the
 * cold index is no slower. Call before the first parse, so no allocation site has been tenured.
 */
export function tuneHeapForEditing(): void {
  try {
    setFlagsFromString('--no-allocation-site-pretenuring');
  } catch {
    // Only memory is at stake; never fail to start over it.
  }
}

/**
 * How much V8 lets the old generation grow past what its last full collection kept, once the
 * workspace is indexed: 25 %. By default it lets it grow up to four times when collecting is
 * cheap, and a request over the whole study (co-occurrence of 500 codes, a workspace symbol
 * search) leaves megabytes that outlive a young collection: on the 1,000-transcript benchmark the
 * old generation grew from 30 to over 100 MB of mostly garbage before a full collection, and the
 * server's peak reached 259–283 MB. With 25 % it peaked at 225 MB (10 %: 225–227; 50 %: 239).
 * Not during the cold index, which keeps what it makes: there more full collections cost time.
 */
const heapGrowingPercentAfterIndexing = 25;

/**
 * One full collection once the workspace is indexed and its diagnostics are published. The cold
 * index leaves a heap of temporaries, and V8 sets the size at which it next collects from the heap
 * it last found: collecting once here sets it from the index alone. On the 1,000-transcript
 * benchmark this lowered the server's peak by 10–15 MB, for one pause of about 50 ms at start-up.
 * From here on the old generation grows by `heapGrowingPercentAfterIndexing` between collections.
 */
export function collectAfterIndexing(): void {
  try {
    setFlagsFromString(`--heap-growing-percent=${heapGrowingPercentAfterIndexing}`);
    collectGarbage();
  } catch {
    // Only memory is at stake.
  }
}

/**
 * An open document this long (UTF-16 units) or longer is followed by a full collection after
 * each change and when it is closed: 8 million, a 16 MB string where it holds an emoji.
 */
export const largeDocument = 8_000_000;

/**
 * A full collection, soon after a change to a large open document (or its closing). Opening a
 * 50 MB transcript, or changing it, leaves the text it replaces (100 MB as a two-byte string)
 * and that text's parse as garbage, which V8 frees only in a full collection; until then the
 * next change's new text comes on top. On the big file's benchmark the process held 348 MB
 * after opening it and peaked at 450 MB at the first keystroke; collecting after each change
 * brought those to 279–295 and 405–414 MB. The collection (21–48 ms) runs at once, before the
 * change's diagnostics (which wait 10 ms for more typing), beside a parse of the 50 MB of 400 ms
 * or more; changes that come while one is due share it. Shorter documents make too little
 * garbage to be worth a pause.
 */
export function collectAfterDocumentChange(length: number): void {
  if (length < largeDocument || collectionDue) return;
  collectionDue = true;
  setTimeout(() => {
    collectionDue = false;
    try {
      collectGarbage();
    } catch {
      // Only memory is at stake.
    }
  }, 0);
}

/**
 * A full collection right before the new text of a large open transcript is parsed, once its old
 * parse is let go (lsp/documentSync.ts): the old parse and its 50 MB of bytes are then freed
 * before the new text's 100 MB string and parse are made, rather than at the next collection.
 */
export function collectBeforeLongParse(length: number): void {
  if (length < largeDocument) return;
  try {
    collectGarbage();
  } catch {
    // Only memory is at stake.
  }
}

let collectionDue = false;

/** V8's full collection, reached the way test runners reach it (jest's leak detector), without a command-line flag. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** This process's resident memory now and at its peak, both in MiB (2^20 bytes), so the two compare. */
export function processMemory(): { peakRssMB: number; rssMB: number } {
  // maxRSS counts KiB, rss bytes: mixing 10^6 with 2^20 once made the current figure exceed the peak.
  return { peakRssMB: peakResidentKiB() / 1024, rssMB: process.memoryUsage().rss / (1024 * 1024) };
}

/**
 * This process's peak resident memory, in KiB. On Linux `maxRSS` starts from the resident
 * memory of the process that started this one (a fork shares its pages until `exec`, and the
 * kernel keeps the larger figure): a server started by a 1.3 GB process reported a peak of at
 * least 1.3 GB. The peak of this program's own memory (`VmHWM`, reset at `exec`) is read instead
 * where the system gives it.
 */
export function peakResidentKiB(): number {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: maxRSS, which elsewhere starts from this program.
  }
  return process.resourceUsage().maxRSS;
}
