// The language server in a browser worker (VS Code for the Web: vscode.dev, github.dev). The same
// wiring as on Node (`languageServer.ts`); the files come from the client, which reads them
// through the editor's file system. Bundled for the browser: a Node built-in in this bundle fails
// the build (scripts/build.mjs).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startLanguageServer } from './languageServer';
import { ClientFileSystem } from './lsp/clientFileSystem';

// The worker's global scope (the project's TypeScript has no DOM or WebWorker library).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0] & {
  addEventListener(type: 'unhandledrejection', listener: (event: { reason: unknown }) => void): void;
};

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
// A bug must never take the editor's language support down with it.
self.addEventListener('unhandledrejection', (event: { reason: unknown }) => connection.console.error(`[qda] unhandled: ${String(event.reason)}`));
startLanguageServer(connection, { files: () => new ClientFileSystem(connection) });
