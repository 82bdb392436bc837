// The language server on Node: the process VS Code and any other LSP editor start over stdio
// (the others through bin/qda-language-server.js). The wiring is `languageServer.ts`; this file
// gives it what Node has: the disk read by reader threads (files of other schemes, a virtual
// workspace's, come from the client as in the browser), git and other folders for "Compare
// coding with…", the process's memory and V8's tuning.
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';
import { Console } from 'console';
import * as path from 'path';
import { ClientFileSystem, diskOrClient } from './lsp/clientFileSystem';
import { CodingComparisons } from './node/compareCoding';
import { ProjectGitMerging } from './node/gitMergeSetup';
import { NodeFileSystem } from './node/nodeFileSystem';
import { InputFailed, StdioMessageReader, StreamOutOfStep } from './node/stdioMessageReader';
import { readDocxInterview } from './core/exchange/docxInterview';
import { collectAfterDocumentChange, collectAfterIndexing, collectBeforeLongParse, processMemory, tuneHeapForEditing } from './serverProcess';

export function startServer(connection: Connection): void {
  tuneHeapForEditing();
  let disk: NodeFileSystem | undefined;
  startLanguageServer(connection, {
    files: (log) => {
      disk = new NodeFileSystem({ onReaderProblem: log.info });
      return diskOrClient(disk, new ClientFileSystem(connection));
    },
    readerThreads: () => disk?.readerThreads ?? 0,
    comparisons: (workspace) => new CodingComparisons(workspace),
    // The merge driver git runs is the bundle beside this one (dist/qda-merge.js), run by this process's runtime.
    gitMerging: new ProjectGitMerging(path.join(__dirname, 'qda-merge.js')),
    memory: processMemory,
    afterIndexing: collectAfterIndexing,
    afterDocumentChange: collectAfterDocumentChange,
    beforeDocumentParse: collectBeforeLongParse,
    readWord: readDocxInterview,
  });
}

/**
 * This process's connection: over stdio (`--stdio`: VS Code and any LSP editor), or over IPC for
 * a client that asks for it (`--node-ipc`). On stdio, a message whose header cannot be read
 * (`Content-Length: abc`) leaves the stream out of step for good: the server says so on stderr
 * and exits, and the client starts it again, rather than staying alive and deaf (a body that is
 * not JSON, or a message the library cannot take, loses that message only); a client that
 * goes away (its end of standard input closed) ends the server too. A large message (a long
 * transcript opened) is read and decoded without second copies of its text (stdioMessageReader.ts).
 */
export function processConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StdioMessageReader(process.stdin);
  reader.onError((error) => {
    const why = error.message.split('\n')[0];
    if (error instanceof InputFailed) {
      process.stderr.write(`qda-language-server: standard input failed (${why})\n`);
      return;
    }
    if (!(error instanceof StreamOutOfStep)) {
      process.stderr.write(`qda-language-server: a message from the client was not taken (${why})\n`);
      return;
    }
    process.stderr.write(`qda-language-server: unreadable message from the client (${why}); exiting\n`);
    process.exit(1);
  });
  // As the library ends a server whose standard input closes: 0 after a shutdown, 1 for a client lost.
  let shutDown = false;
  reader.onClose(() => process.exit(shutDown ? 0 : 1));
  // Standard output is the protocol's: anything printed goes to standard error instead.
  // Only the methods that write to standard output (with those that share their state: counts,
  // groups, timers); the others keep writing to standard error and to an attached debugger.
  const printed = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const name of ['log', 'info', 'debug', 'dir', 'dirxml', 'table', 'count', 'countReset', 'group', 'groupCollapsed', 'groupEnd', 'time', 'timeEnd', 'timeLog'] as const) {
    (console as unknown as Record<string, unknown>)[name] = (printed[name] as (...args: unknown[]) => void).bind(printed);
  }
  const connection = createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
  // Nothing else handles the shutdown request: the server has nothing to save.
  connection.onShutdown(() => {
    shutDown = true;
  });
  return connection;
}

/** Starts the server as this process's: bin/qda-language-server.js calls it from outside the bundle. */
export function runServerProcess(): void {
  const connection = processConnection();
  // A bug must never take the editor's language support down with it.
  process.on('uncaughtException', (error) => connection.console.error(`[qda] uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (error) => connection.console.error(`[qda] unhandled: ${String(error)}`));
  startServer(connection);
}

// Started as a program (`node dist/server.js --stdio`, as the VS Code client starts it).
if (require.main === module) runServerProcess();
