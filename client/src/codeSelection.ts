// Coding from the editor: "Code selection…" (pick a code; the server computes the edit, or says
// why it cannot), and the tag block a quick fix inserts at the end of a quote, with completion open.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { codeSelectionRequest, codesRequest } from '../../server/src/protocol';

export function registerCodeSelection(context: vscode.ExtensionContext, client: LanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.codeSelection', () => codeSelection(client)),
    vscode.commands.registerCommand('qda.insertTagBlock', insertTagBlock),
  );
}

/** "Code selection…": pick a code, then the server computes the edit (or says why it cannot). */
async function codeSelection(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'qda-transcript') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript (*.transcript.md) to code a selection.'));
    return;
  }
  const uri = editor.document.uri.toString();
  const codes = await client.sendRequest(codesRequest, { uri });
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
    const edit = await client.sendRequest(codeSelectionRequest, {
      uri,
      range: client.code2ProtocolConverter.asRange(selection), // a plain object: see navigation.ts
      codes: [picked.path],
    });
    const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(edit);
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
