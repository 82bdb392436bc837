// The extension's features on both hosts (desktop VS Code and VS Code for the Web), as a table of
// contents: each feature registers its commands, views and listeners from its own file. It never
// parses a transcript: every fact comes from the server. `extension.ts` (Node) and
// `extensionWeb.ts` (browser) start the server and call this.
import * as vscode from 'vscode';
import type { HoverMiddleware, BaseLanguageClient as LanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { didChangeTreeNotification } from '../../server/src/protocol';
import { registerAgreement } from './agreementView';
import { registerAnalysis } from './analysisPanel';
import { registerCodeSelection } from './codeSelection';
import { registerCodeSuggestions } from './codeSuggestions';
import { registerCodingProgress } from './codingProgress';
import { registerCodingStripes } from './codingStripes';
import { registerFilters } from './filters';
import { registerGitMerging } from './gitMerging';
import { registerImportExport } from './importExport';
import { newMemoLinkInHover, registerMemos } from './memosView';
import { registerNavigation } from './navigation';
import { registerRecordingPlayer } from './recordingPlayer';
import { registerRestructureCodes } from './restructureCodes';
import { registerStarterProject } from './starterProject';
import { registerThemesAndInformants } from './themesAndInformants';
import { TreeModel } from './treeModel';
import { projectFileGlobs } from '../../server/src/core/project/projectFiles';

/** What differs between the desktop and the browser: how the server runs, and what Node can do. */
export interface ClientHost {
  /** Starts the language server and a client for it: a Node process, or a browser worker. */
  startClient(context: vscode.ExtensionContext, options: LanguageClientOptions): Promise<LanguageClient>;
  /** URI schemes of the files the server is told about: `file` on the desktop, the workspace's in a browser. */
  schemes: string[];
  /** A code's icon in its codebook colour, where the host can write one. */
  colorIcon?(context: vscode.ExtensionContext, color: string): vscode.Uri | undefined;
  /** Whether other coders' folders and git revisions can be read ("Compare coding with…"): Node only. */
  canCompareCoders: boolean;
  /** Whether git can be set up to merge the project's files ("Set up git merging for this project"): Node and git only. */
  canSetUpGitMerging: boolean;
}

/** `file` and the schemes of the open folders (`vscode-vfs` for a repository opened without cloning). */
export function workspaceSchemes(): string[] {
  return [...new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme)])];
}

/** Everything the extension adds, on either host; returns the client so that the host can stop it. */
export async function activateWith(context: vscode.ExtensionContext, host: ClientHost): Promise<LanguageClient> {
  const client: LanguageClient = await host.startClient(context, clientOptions(host.schemes, newMemoLinkInHover(() => client)));

  // The open transcript: coding stripes beside its text, its coding progress and its codes' colours.
  const stripes = registerCodingStripes(context, client);
  const refreshProgress = registerCodingProgress(context, client, stripes);

  // The Themes and Informants views over one model of the server's tree, and what acts on them.
  const model = new TreeModel(client);
  const { themes, themesView } = registerThemesAndInformants(context, model, (color) => host.colorIcon?.(context, color));
  context.subscriptions.push(...registerFilters(model), ...registerNavigation(client, themes, themesView as vscode.TreeView<unknown>));
  registerRestructureCodes(context, client, model);

  registerAnalysis(context, client, model);
  registerImportExport(context, client, model);
  registerRecordingPlayer(context, client);
  registerMemos(context, client, model);
  registerAgreement(context, client, model, host.canCompareCoders);
  registerGitMerging(context, client, model, host.canSetUpGitMerging);
  registerCodeSelection(context, client);
  registerCodeSuggestions(context, client, model);
  registerStarterProject(context);
  registerRestartServer(context, client, refreshProgress);

  // One handler per notification: a second onNotification for the same method replaces the first.
  context.subscriptions.push(
    client.onNotification(didChangeTreeNotification, () => {
      model.refreshSoon();
      refreshProgress();
    }),
  );
  return client;
}

/** The client's options: the files the server is told about, on the host's schemes, and the hover's middleware. */
function clientOptions(schemes: string[], provideHover: HoverMiddleware['provideHover']): LanguageClientOptions {
  return {
    documentSelector: schemes.flatMap((scheme) => [
      { scheme, language: 'qda-transcript' },
      { scheme, pattern: projectFileGlobs.codebook },
      { scheme, pattern: projectFileGlobs.informants },
      { scheme, pattern: projectFileGlobs.memo },
    ]),
    outputChannelName: 'QDA Language Server',
    middleware: { provideHover },
  };
}

/** "QDA: Restart the language server": stop and start, what the Node client's restart() does, on both hosts. */
function registerRestartServer(context: vscode.ExtensionContext, client: LanguageClient, restarted: () => void): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.restartServer', async () => {
      await client.stop();
      await client.start();
      restarted();
    }),
  );
}
