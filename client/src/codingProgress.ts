// The open transcript at a glance: the status bar counts its coded quotes (a click opens the
// Problems view), its codes take their theme's colour, and its coding stripes are drawn. All come
// from the server, a moment after the editor, its text or the project changes.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { documentInfoRequest } from '../../server/src/protocol';
import type { CodingStripesPainter } from './codingStripes';

/** Registers the status bar item and the code colours; returns `refreshSoon`, for what else changes the transcript's coding. */
export function registerCodingProgress(context: vscode.ExtensionContext, client: LanguageClient, stripes: CodingStripesPainter): () => void {
  const status = vscode.window.createStatusBarItem('qda.progress', vscode.StatusBarAlignment.Right, 100);
  status.name = 'QDA coding progress';
  status.command = 'workbench.actions.view.problems';
  const decorations = new Map<string, vscode.TextEditorDecorationType>();
  context.subscriptions.push(status, { dispose: () => decorations.forEach((d) => d.dispose()) });

  /** Status bar, code colours and coding stripes of the active editor, from the server. */
  async function refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    void stripes.paint(editor);
    if (!editor || editor.document.languageId !== 'qda-transcript') {
      status.hide();
      return;
    }
    const info = await client.sendRequest(documentInfoRequest, { uri: editor.document.uri.toString() }).catch(() => null);
    if (!info) {
      status.hide();
      return;
    }
    status.text = `$(tag) ${vscode.l10n.t('{0}/{1} quotes coded', info.coded, info.quotes)}`;
    status.tooltip = info.untagged > 0 ? vscode.l10n.t('{0} quotes have no tag block yet', info.untagged) : vscode.l10n.t('Every quote has a tag block');
    status.show();
    const byColor = new Map<string, vscode.Range[]>();
    for (const c of info.codeColors) {
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      byColor.set(c.color, [...(byColor.get(c.color) ?? []), range]);
    }
    for (const color of byColor.keys()) {
      if (!decorations.has(color)) decorations.set(color, vscode.window.createTextEditorDecorationType({ color, fontWeight: '600' }));
    }
    for (const [color, type] of decorations) editor.setDecorations(type, byColor.get(color) ?? []);
  }

  // A burst of keystrokes makes one request.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(refreshSoon),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) refreshSoon();
    }),
  );
  refreshSoon();
  return refreshSoon;
}
