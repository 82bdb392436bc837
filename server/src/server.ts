// The language server on Node: the process VS Code starts over IPC, and any LSP editor over stdio
// (bin/qda-language-server.js). The wiring is `languageServer.ts`; this file gives it what Node
// has: the disk read by reader threads (files of other schemes, a virtual workspace's, come from
// the client as in the browser), git and other folders for "Compare coding with…", the
// process's memory and V8's tuning.
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';
import { ClientFileSystem, diskOrClient } from './lsp/clientFileSystem';
import { CodingComparisons } from './node/compareCoding';
import { NodeFileSystem } from './node/nodeFileSystem';
import { readDocxInterview } from './core/exchange/docxInterview';
import { collectAfterIndexing, processMemory, tuneHeapForEditing } from './serverProcess';

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
    memory: processMemory,
    afterIndexing: collectAfterIndexing,
    readWord: readDocxInterview,
  });
}

/** For bin/qda-language-server.js, which starts the same server from outside the bundle. */
export const lsp = { createConnection, ProposedFeatures };

// Started as a program (`node dist/server.js --stdio`, or by the VS Code client over IPC).
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A bug must never take the editor's language support down with it.
  process.on('uncaughtException', (error) => connection.console.error(`[qda] uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (error) => connection.console.error(`[qda] unhandled: ${String(error)}`));
  startServer(connection);
}
