// The extension on the desktop: the language server runs as a Node process (dist/server.js),
// started over stdio with the same options the tests and the benchmark use. Stdio rather than
// IPC: the server decodes what comes over stdio itself, and a transcript opened in the editor
// then costs one copy of its text fewer (server/src/node/jsonMessageDecoder.ts). Everything else
// is `activation.ts`, shared with the browser build.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { serverEnvironment, serverExecArgv } from '../../server/src/serverProcess';
import { activateWith, workspaceSchemes } from './activation';
import { colorIcon } from './colorIcons';
import { serveWorkspaceFiles } from './workspaceFiles';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await activateWith(context, {
    startClient: async (context, clientOptions) => {
      const serverModule = context.asAbsolutePath('dist/server.js');
      const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...serverExecArgv], env: { ...serverEnvironment } } },
        debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...serverExecArgv, '--nolazy', '--inspect=6011'], env: { ...serverEnvironment } } },
      };
      client = new LanguageClient('qda', 'QDA Language Server', serverOptions, clientOptions);
      // The files of a virtual workspace (not on disk) are read through the editor, as in the browser.
      context.subscriptions.push(...serveWorkspaceFiles(client));
      await client.start();
      return client;
    },
    schemes: workspaceSchemes(),
    colorIcon: (context, color) => colorIcon(context.globalStorageUri, color),
    canCompareCoders: true,
    canSetUpGitMerging: true,
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
