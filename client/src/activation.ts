// The extension's features on both hosts (desktop VS Code and VS Code for the Web): the Themes,
// Informants and Agreement views, the Analysis view, navigation, the status bar and code colours,
// and the commands LSP has no words for. It never parses a transcript: every fact comes from the
// server. `extension.ts` (Node) and `extensionWeb.ts` (browser) start the server and call this.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { codeSelectionRequest, codesRequest, didChangeTreeNotification } from '../../server/src/protocol';
import { registerAgreement } from './agreementView';
import { registerAnalysis } from './analysisPanel';
import { registerFilters } from './filters';
import { registerNavigation } from './navigation';
import { registerCodingProgress } from './codingProgress';
import { registerCodingStripes } from './codingStripes';
import { newMemoLinkInHover, registerMemos } from './memosView';
import { registerImportExport } from './importExport';
import { registerRecordingPlayer } from './recordingPlayer';
import { registerRestructureCodes } from './restructureCodes';
import { starterFiles } from './starterProject';
import { registerThemesAndInformants } from './themesAndInformants';
import { TreeModel } from './treeModel';


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
}

/** `file` and the schemes of the open folders (`vscode-vfs` for a repository opened without cloning). */
export function workspaceSchemes(): string[] {
  return [...new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.scheme)])];
}

/** Everything the extension adds, on either host; returns the client so that the host can stop it. */
export async function activateWith(context: vscode.ExtensionContext, host: ClientHost): Promise<LanguageClient> {
  const clientOptions: LanguageClientOptions = {
    documentSelector: host.schemes.flatMap((scheme) => [
      { scheme, language: 'qda-transcript' },
      { scheme, pattern: '**/codebook.yaml' },
      { scheme, pattern: '**/informants.yaml' },
      { scheme, pattern: '**/memos/**/*.md' },
    ]),
    outputChannelName: 'QDA Language Server',
    // A code's hover ends with "New memo for this code".
    middleware: { provideHover: newMemoLinkInHover(() => languageClient) },
  };
  const languageClient = await host.startClient(context, clientOptions);

  // The open transcript: coding stripes beside its text, its coding progress and its codes' colours.
  const stripes = registerCodingStripes(context, languageClient);
  const refreshProgress = registerCodingProgress(context, languageClient, stripes);

  // The Themes and Informants views over one model of the server's tree, and what acts on them.
  const model = new TreeModel(languageClient);
  const { themes, themesView } = registerThemesAndInformants(context, model, (color) => host.colorIcon?.(context, color));
  context.subscriptions.push(...registerFilters(model), ...registerNavigation(languageClient, themes, themesView as vscode.TreeView<unknown>));
  registerRestructureCodes(context, languageClient, model);

  registerAnalysis(context, languageClient, model);
  registerImportExport(context, languageClient, model);

  registerRecordingPlayer(context, languageClient);

  registerMemos(context, languageClient, model);

  registerAgreement(context, languageClient, model, host.canCompareCoders);

  context.subscriptions.push(
    // One handler per notification: a second onNotification for the same method replaces the first.
    languageClient.onNotification(didChangeTreeNotification, () => {
      model.refreshSoon();
      refreshProgress();
    }),
  );

  context.subscriptions.push(
    vscode.commands.registerCommand('qda.codeSelection', () => codeSelection(languageClient)),
    vscode.commands.registerCommand('qda.insertTagBlock', insertTagBlock),
    vscode.commands.registerCommand('qda.createStarterProject', createStarterProject),
    vscode.commands.registerCommand('qda.restartServer', async () => {
      // stop and start: what the Node client's restart() does, available on both hosts.
      await languageClient.stop();
      await languageClient.start();
      refreshProgress();
    }),
  );
  return languageClient;
}

/** "Code selection…": pick a code, then the server computes the edit (or says why it cannot). */
async function codeSelection(languageClient: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'qda-transcript') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript (*.transcript.md) to code a selection.'));
    return;
  }
  const uri = editor.document.uri.toString();
  const codes = await languageClient.sendRequest(codesRequest, { uri });
  if (codes.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('No codebook.yaml with codes was found for this transcript.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    codes.map((c) => ({
      label: `${'  '.repeat(c.depth)}${c.path}`,
      description: c.label,
      detail: c.description,
      path: c.path,
    })),
    { placeHolder: vscode.l10n.t('Code to apply to the selection'), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) return;
  const selection = editor.selection;
  try {
    const edit = await languageClient.sendRequest(codeSelectionRequest, {
      uri,
      range: languageClient.code2ProtocolConverter.asRange(selection), // a plain object: see navigation.ts
      codes: [picked.path],
    });
    const workspaceEdit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(edit);
    if (workspaceEdit) await vscode.workspace.applyEdit(workspaceEdit);
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
  }
}

/** Inserts `{#}` where the server said (the end of a quote) and opens code completion. */
async function insertTagBlock(uri: string, position: { line: number; character: number }): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(' {#$0}'), new vscode.Position(position.line, position.character));
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
}

/** Writes a starter codebook.yaml, informants.yaml and an example transcript; never overwrites a file. */
async function createStarterProject(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first; the starter project is created in it.'));
    return;
  }
  const created: string[] = [];
  for (const [name, text] of Object.entries(starterFiles)) {
    const target = vscode.Uri.joinPath(folder.uri, name);
    try {
      await vscode.workspace.fs.stat(target);
      continue; // exists: leave the researcher's file alone
    } catch {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      created.push(name);
    }
  }
  if (created.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('codebook.yaml, informants.yaml and the example transcript already exist.'));
    return;
  }
  const transcript = vscode.Uri.joinPath(folder.uri, 'interview-01.transcript.md');
  if (created.includes('interview-01.transcript.md')) await vscode.window.showTextDocument(transcript);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', created.join(', ')));
}
