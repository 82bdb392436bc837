// The main thread's side of the reader thread (readerWorker.ts): starts it, takes its results in
// order, tells it how far the main thread has got, and reports a thread that failed.
//
// The results wait in a message port of their own, serialized outside the JavaScript heap, until
// the main thread takes each one (`receiveMessageOnPort`): texts delivered as events the moment
// they arrived sat in the heap, up to 32 of them, and every young collection copied them again
// (on the 1,000-transcript benchmark a cold index spent 40 ms in young collections with 32 files
// ahead, against 30 ms with 8). The two threads count files in shared memory: the reader sleeps
// in `Atomics.wait` when it is far enough ahead and is woken only every `creditEvery` files taken.
import { existsSync } from 'fs';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import { counter, type ReaderJob, type ReaderResult } from './readerWorker';

/** Built next to this file: `dist/readerWorker.js` beside the bundles, or the compiled tests' copy. */
const workerScript = path.join(__dirname, 'readerWorker.js');
/** The reader's garbage (each file's bytes and text, once sent) dies at once: a small young generation holds it. */
const readerYoungGenerationMb = 4;
/** How often the main thread tells the reader how many files it has taken (more often for a short reach). */
const creditEvery = 16;

/** `Atomics.waitAsync` (Node 16 on), which TypeScript's ES2022 library does not declare. */
const waitAsync = (Atomics as unknown as { waitAsync(array: Int32Array, index: number, value: number): { async: boolean; value: Promise<string> | string } }).waitAsync;

export class ReaderThread {
  private ended = false;
  /** Results taken so far. */
  private taken = 0;

  /** Files taken between two wake-ups of the reader: well within its reach, or it would wait for ever. */
  private readonly credit: number;

  private constructor(
    private readonly worker: Worker,
    private readonly results: MessagePort,
    private readonly counts: Int32Array,
    ahead: number,
    onProblem: ((message: string) => void) | undefined,
  ) {
    this.credit = Math.max(1, Math.min(creditEvery, Math.floor(ahead / 2)));
    // Either way no more results come: the caller reads the rest itself.
    worker.on('error', (error) => {
      onProblem?.(`the reader thread failed (${error.message}); the remaining files are read on the main thread`);
      this.end();
    });
    worker.on('exit', () => this.end());
    // The reader keeps the process running only while the main thread waits for it (see `take`).
    worker.unref();
  }

  /** Starts a reader of `files`, or gives undefined where no reader thread can run. */
  static start(files: string[], ahead: number, script = workerScript, onProblem?: (message: string) => void, compact = true): ReaderThread | undefined {
    if (!existsSync(script)) return undefined;
    try {
      const { port1, port2 } = new MessageChannel();
      const shared = new SharedArrayBuffer(counter.size * Int32Array.BYTES_PER_ELEMENT);
      const job: ReaderJob = { files, ahead, results: port2, shared, compact };
      const worker = new Worker(script, { workerData: job, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: readerYoungGenerationMb } });
      return new ReaderThread(worker, port1, new Int32Array(shared), ahead, onProblem);
    } catch {
      return undefined;
    }
  }

  /** The result for file `index` (taken in order), or undefined if the thread ended without it. */
  async take(index: number): Promise<ReaderResult | undefined> {
    for (;;) {
      // Read before looking in the port: a result counted as sent is in the port already.
      const sent = Atomics.load(this.counts, counter.sent);
      const received = receiveMessageOnPort(this.results);
      if (received) {
        const result = received.message as ReaderResult;
        if (result.index !== index) return undefined; // out of step: never expected, read on this thread
        if (++this.taken % this.credit === 0) {
          Atomics.store(this.counts, counter.taken, this.taken);
          Atomics.notify(this.counts, counter.taken);
        }
        return result;
      }
      if (this.ended || sent > this.taken) return undefined;
      this.worker.ref();
      const wait = waitAsync(this.counts, counter.sent, sent);
      if (wait.async) await wait.value;
      this.worker.unref();
    }
  }

  stop(): void {
    this.end();
    Atomics.store(this.counts, counter.stop, 1);
    Atomics.notify(this.counts, counter.taken);
    this.results.close();
    void this.worker.terminate();
  }

  private end(): void {
    this.ended = true;
    // Wakes a `take` waiting for a result that will not come.
    Atomics.notify(this.counts, counter.sent);
  }
}
