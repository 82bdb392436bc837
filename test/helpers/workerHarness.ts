// Runs the worker bundle (dist/web/server.js) as a browser would: evaluated in a scope that has the
// web platform's globals and none of Node's (no require, process, Buffer or setImmediate), talking
// LSP through postMessage (structured clones, each delivered on a later turn). The client side
// serves the project's files from memory, as the VS Code client serves them from workspace.fs.
import { readFileSync } from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { MessageChannel } from 'worker_threads';
import { AbstractMessageReader, AbstractMessageWriter, createProtocolConnection, type DataCallback, type Message, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import * as protocol from '../../server/src/protocol';

const repo = path.resolve(__dirname, '../../..');

export interface WorkerServer {
  connection: ProtocolConnection;
  /** The worker's global scope, to check what it lacks. */
  scope: vm.Context;
  /** The last diagnostics published for each URI. */
  diagnostics: Map<string, unknown[]>;
}

export async function startWorkerBundle(files: Record<string, string>, folders: string[]): Promise<WorkerServer> {
  let deliverToClient: DataCallback | undefined;
  const scope: Record<string, unknown> = {
    postMessage: (message: Message) => {
      const copy = structuredClone(message);
      setTimeout(() => deliverToClient?.(copy), 0);
    },
    addEventListener: () => undefined,
    onmessage: null,
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    TextEncoder,
    TextDecoder,
    URL,
    MessageChannel,
    performance,
  };
  scope.self = scope;
  const reader = new (class extends AbstractMessageReader {
    listen(callback: DataCallback) {
      deliverToClient = callback;
      return { dispose: () => (deliverToClient = undefined) };
    }
  })();
  const writer = new (class extends AbstractMessageWriter {
    async write(message: Message) {
      const copy = structuredClone(message);
      setTimeout(() => (scope.onmessage as (event: { data: Message }) => void)({ data: copy }), 0);
    }
    end() {}
  })();
  const context = vm.createContext(scope);
  vm.runInContext(readFileSync(path.join(repo, 'dist/web/server.js'), 'utf8'), context, { filename: 'dist/web/server.js' });
  const connection = createProtocolConnection(reader, writer);
  const diagnostics = new Map<string, unknown[]>();
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => void diagnostics.set(p.uri, p.diagnostics));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest(protocol.listFilesRequest, ({ folder }) => Object.keys(files).filter((uri) => uri.startsWith(`${folder}/`)).sort());
  connection.onRequest(protocol.readFilesRequest, ({ uris }) => uris.map((uri) => (uri in files ? { text: files[uri] } : { error: `${uri}: not found` })));
  connection.listen();
  await connection.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: folders.map((uri) => ({ uri, name: uri })), capabilities: {} });
  await connection.sendNotification('initialized', {});
  return { connection, scope: context, diagnostics };
}
