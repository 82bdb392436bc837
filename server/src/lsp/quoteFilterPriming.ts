// Once a study is indexed, the server makes every document's quote filters in the background, a
// few milliseconds at a time, as rust-analyzer primes its caches after start-up: otherwise the
// first search for a word (Go to Symbol in Workspace) makes them for every document it reaches,
// and on the 10,000-transcript benchmark a researcher's first search took 1.3 s.
import type { QdaWorkspace } from '../core/project/workspace';
import type { ServerLog } from './log';
import { yieldToEventLoop } from './yieldToEventLoop';

/** How long each step may run before messages that arrived meanwhile (a keystroke) are handled. */
const stepMs = 8;
/**
 * Documents longer than this (UTF-16 units) are left to the first search that reaches them: a
 * document's filters are made in one go, about 3 ms a megabyte.
 */
const maxPrimedLength = 2_000_000;

export class QuoteFilterPriming {
  private running: Promise<void> | undefined;
  private again = false;
  /** Every document had its filters at the end of the last run, and nothing has asked for another since. */
  done = false;

  constructor(
    private readonly workspace: QdaWorkspace,
    private readonly log: ServerLog,
  ) {}

  /** Starts making the filters that are missing (after the study is loaded, or files changed); a run under way goes round once more. */
  start(): void {
    this.done = false;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  private async run(): Promise<void> {
    const started = Date.now();
    let made = 0;
    try {
      for (;;) {
        this.again = false;
        const stepEnd = Date.now() + stepMs;
        const step = this.workspace.primeQuoteFilters(() => Date.now() < stepEnd, maxPrimedLength);
        made += step.made;
        if (step.done && !this.again) break;
        await yieldToEventLoop();
      }
      this.done = true;
      if (made > 0) this.log.info(`quote filters of ${made} documents made in ${Date.now() - started} ms`);
    } catch (error) {
      // Only speed is at stake: a search makes any filter still missing.
      this.log.error('making the quote filters', error);
    }
  }
}
