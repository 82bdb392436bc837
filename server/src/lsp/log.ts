// The server's log: the editor's output channel (VS Code's "QDA Language Server"), or the
// client's window/logMessage in other editors. Every line starts with "[qda]".
import type { Connection } from 'vscode-languageserver';

export interface ServerLog {
  info(message: string): void;
  /** Something failed: what was being done, and the error with its stack. */
  error(what: string, error: unknown): void;
  /** A fact that needs attention, said as an error line. */
  alert(message: string): void;
}

export function serverLog(connection: Connection): ServerLog {
  return {
    info: (message) => connection.console.log(`[qda] ${message}`),
    error: (what, error) => connection.console.error(`[qda] ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    alert: (message) => connection.console.error(`[qda] ${message}`),
  };
}

/** Runs a feature; an exception is logged and answered as undefined ("nothing"), never a crash. */
export function guard<T>(log: ServerLog, what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    log.error(what, error);
    return undefined;
  }
}
