// Once a study is indexed, the server makes every document's quote filters in the background, a
// few milliseconds at a time, as rust-analyzer primes its caches after start-up: otherwise the
// first search for a word (Go to Symbol in Workspace) makes them for every document it reaches,
// and on the 10,000-transcript benchmark a researcher's first search took 1.3 s. A change to a
// document forgets its filters (a change to informants.yaml, every document's): once edits pause,
// the missing ones are made again.
import type { QdaWorkspace } from '../core/project/workspace';
import type { ServerLog } from './log';
import { yieldToEventLoop } from './yieldToEventLoop';

/**
 * How long a step makes filters before messages that arrived meanwhile (a keystroke) are handled.
 * A step finishes the document it is making: with documents up to `maxPrimedLength` (a million
 * characters of the comment dump took 3–4 ms, its first 13), a step holds the server about 12 ms.
 */
const stepMs = 8;
/** Documents longer than this (UTF-16 units) are left to the first search that reaches them. */
const maxPrimedLength = 1_000_000;
/** After a change, the filters are made again once edits have paused this long. */
const afterChangeDelayMs = 1000;

export class QuoteFilterPriming {
  /** A run is under way (set before it starts, cleared in the same turn as its last step). */
  private running = false;
  /** A run was asked for while one was under way: it goes over the documents once more. */
  private pending = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The last run made the filters of every document within the length, and nothing has changed
   * since (what `qda/serverStatus` reports as `quoteFiltersMade`).
   */
  done = false;

  constructor(
    private readonly workspace: QdaWorkspace,
    private readonly log: ServerLog,
    private readonly delayMs = afterChangeDelayMs,
  ) {}

  /** Starts making the filters that are missing (once the study is loaded, or folders changed); a run under way goes over the documents once more. */
  start(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.done = false;
    this.pending = true;
    if (this.running) return;
    this.running = true;
    void this.run();
  }

  /** A document or file changed: its filters are gone. They are made again once changes pause. */
  afterChange(): void {
    this.done = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.delayMs);
    // A restart waiting never keeps the server's process alive (in Node; a number in a browser worker).
    if (typeof this.timer === 'object') this.timer.unref?.();
  }

  private async run(): Promise<void> {
    const started = Date.now();
    let made = 0;
    try {
      // `pending` is read right after a step, with no wait between: a `start` during the last
      // step's wait is seen here, and one after it finds `running` cleared.
      do {
        this.pending = false;
        for (;;) {
          const stepEnd = Date.now() + stepMs;
          const step = this.workspace.primeQuoteFilters(() => Date.now() < stepEnd, maxPrimedLength);
          made += step.made;
          if (step.done) break;
          await yieldToEventLoop();
        }
      } while (this.pending);
      this.done = this.timer === undefined;
      if (made > 0) this.log.info(`quote filters of ${made} document${made === 1 ? '' : 's'} made in ${Date.now() - started} ms`);
    } catch (error) {
      // Only speed is at stake: a search makes any filter still missing.
      this.log.error('making the quote filters', error);
    } finally {
      this.running = false;
    }
  }
}
