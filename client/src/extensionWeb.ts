// The extension in VS Code for the Web (vscode.dev, github.dev): the language server runs in a
// Worker (dist/web/server.js), and reads the project's files through this client, which takes
// them from the editor's file system. Everything else is `activation.ts`, shared with the desktop.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateWith, workspaceSchemes } from './activation';
import { serveWorkspaceFiles } from './workspaceFiles';

// The browser's Worker (the project's TypeScript has no DOM library).
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await activateWith(context, {
    startClient: async (context, clientOptions) => {
      const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist/web/server.js').toString(true));
      client = new LanguageClient('qda', 'QDA Language Server', worker, clientOptions);
      // Registered before start: the server asks for the files as soon as it is initialized.
      context.subscriptions.push(...serveWorkspaceFiles(client));
      await client.start();
      return client;
    },
    schemes: workspaceSchemes(),
    canCompareCoders: false,
    canSetUpGitMerging: false,
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
