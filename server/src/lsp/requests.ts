// How every request is answered: after the changes sent before it, with the feature's answer, or
// with a fallback ("nothing") when the feature finds nothing, throws, or the request was cancelled.
// A feature error is logged, never a crash. Each handler in languageServer.ts is one line through these.
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Refusable } from '../languageService/refusable';
import { guard, type ServerLog } from './log';
import type { MutationQueue } from './mutationQueue';

export class Requests {
  constructor(
    private readonly queue: MutationQueue,
    private readonly log: ServerLog,
  ) {}

  /** A handler answering `feature(params)`, or `fallback` where it gives null or undefined. */
  answer<P, R>(what: string, fallback: R, feature: (params: P) => R | null | undefined): (params: P, token?: CancellationToken) => Promise<R> {
    return async (params, token) => {
      await this.queue.settled();
      if (token?.isCancellationRequested) return fallback;
      return guard(this.log, what, () => feature(params)) ?? fallback;
    };
  }

  /** The same, for a request without parameters. */
  answer0<R>(what: string, fallback: R, feature: () => R | null | undefined): (token?: CancellationToken) => Promise<R> {
    const handler = this.answer<undefined, R>(what, fallback, feature);
    return (token) => handler(undefined, token);
  }

  /**
   * A handler for a feature that may refuse: its reason becomes the error the editor shows.
   * Where it finds nothing the answer is `fallback`; where `fallback` is 'fail', an error.
   */
  answerOrRefuse<P, R>(what: string, fallback: R | 'fail', feature: (params: P) => Refusable<R> | null | undefined | Promise<Refusable<R>>): (params: P) => Promise<R> {
    return async (params) => {
      await this.queue.settled();
      let result: Refusable<R> | null | undefined;
      try {
        result = await feature(params);
      } catch (error) {
        this.log.error(what, error);
      }
      if (!result) {
        if (fallback === 'fail') throw new ResponseError(ErrorCodes.InternalError, `${what} failed; see the QDA Language Server output.`);
        return fallback;
      }
      if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
      return result.ok;
    };
  }
}
