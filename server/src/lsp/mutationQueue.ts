// Every change to the workspace runs through one queue, in the order the editor sent it: an
// asynchronous step (reading a closed file back from disk) must never land after a newer edit.
// Requests wait for the queue too, so that they answer on every edit sent before them. Nothing
// runs before the workspace is loaded (`open`).
import type { ServerLog } from './log';

export class MutationQueue {
  private tail: Promise<void>;
  private opened!: () => void;

  constructor(private readonly log: ServerLog) {
    this.tail = new Promise<void>((resolve) => (this.opened = resolve));
  }

  /** Lets the changes queued so far, and every later one, run. */
  open(): void {
    this.opened();
  }

  /** Queues a change; a failure is logged and the queue goes on. */
  run(what: string, change: () => Promise<void> | void): Promise<void> {
    this.tail = this.tail.then(change).catch((error) => this.log.error(what, error));
    return this.tail;
  }

  /** Resolves once every change queued so far has run. */
  settled(): Promise<void> {
    return this.tail;
  }
}
