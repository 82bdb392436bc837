// The main thread's side of the reader thread (readerWorker.ts): starts it, hands its results out
// in order, tells it how far the main thread has got, and reports a thread that failed.
import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ReaderJob, ReaderResult } from './readerWorker';

/** Built next to this file: `dist/readerWorker.js` beside the bundles, or the compiled tests' copy. */
const workerScript = path.join(__dirname, 'readerWorker.js');
/** The reader's garbage (each file's bytes and text, once sent) dies at once: a small young generation holds it. */
const readerYoungGenerationMb = 4;
/** How often the main thread tells the reader how many files it has taken (more often for a short reach). */
const creditEvery = 8;

export class ReaderThread {
  private readonly results = new Map<number, ReaderResult>();
  private wake: (() => void) | undefined;
  private ended = false;

  /** Files taken between two messages to the reader: well within its reach, or it would wait for ever. */
  private readonly credit: number;

  private constructor(
    private readonly worker: Worker,
    ahead: number,
    onProblem: ((message: string) => void) | undefined,
  ) {
    this.credit = Math.max(1, Math.min(creditEvery, Math.floor(ahead / 2)));
    worker.on('message', (result: ReaderResult) => {
      this.results.set(result.index, result);
      this.notify();
    });
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
  static start(files: string[], ahead: number, script = workerScript, onProblem?: (message: string) => void): ReaderThread | undefined {
    if (!existsSync(script)) return undefined;
    try {
      const job: ReaderJob = { files, ahead };
      return new ReaderThread(new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: readerYoungGenerationMb } }), ahead, onProblem);
    } catch {
      return undefined;
    }
  }

  /** The result for file `index` (taken in order), or undefined if the thread ended without it. */
  async take(index: number): Promise<ReaderResult | undefined> {
    while (!this.results.has(index) && !this.ended) {
      this.worker.ref();
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.worker.unref();
    }
    const result = this.results.get(index);
    this.results.delete(index);
    if ((index + 1) % this.credit === 0 && !this.ended) this.worker.postMessage(index + 1);
    return result;
  }

  stop(): void {
    this.end();
    void this.worker.terminate();
  }

  private end(): void {
    this.ended = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
