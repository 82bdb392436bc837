// Moving between coded quotes. The server finds the target; the client opens and selects it.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { excerpt } from '../../server/src/core/text/excerpt';
import { codesAtRequest, codesRequest, nextQuoteRequest, nextSameCodeRequest, quotesOfCodeRequest, type Direction, type QuoteKind } from '../../server/src/protocol';
import { toRange, type Range } from './treeModel';
import type { ThemesProvider } from './themesView';

export async function openQuote(uri: string, range: Range, options: { preview?: boolean; preserveFocus?: boolean; cursorOnly?: boolean } = {}): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const full = toRange(range);
  // Jumping puts the cursor at the quote: a selected quote would be one keystroke from being overwritten.
  const selection = options.cursorOnly ? new vscode.Range(full.start, full.start) : full;
  const editor = await vscode.window.showTextDocument(document, { selection, preview: options.preview, preserveFocus: options.preserveFocus });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function registerNavigation(client: LanguageClient, themes: ThemesProvider, themesView: vscode.TreeView<unknown>): vscode.Disposable[] {
  const activeTranscript = (): vscode.TextEditor | undefined => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'qda-transcript' ? editor : undefined;
  };

  /** To the next quote of a kind in the file (`kind`), or with the same code across files (no `kind`). */
  const go = async (direction: Direction, kind: QuoteKind | undefined, none: string) => {
    const editor = activeTranscript();
    if (!editor) return;
    // Converted to LSP's plain shape: in the browser messages are structured clones, which drop
    // vscode.Position's getters (its fields are private), so the server would get no line at all.
    const at = { uri: editor.document.uri.toString(), position: client.code2ProtocolConverter.asPosition(editor.selection.active), direction };
    const target = await (kind ? client.sendRequest(nextQuoteRequest, { ...at, kind }) : client.sendRequest(nextSameCodeRequest, at));
    if (!target) {
      vscode.window.setStatusBarMessage(none, 3000);
      return;
    }
    await openQuote(target.uri, target.range, { cursorOnly: true });
  };

  return [
    vscode.commands.registerCommand('qda.openQuote', (uri: string, range: Range) => openQuote(uri, range)),
    vscode.commands.registerCommand('qda.nextCodedQuote', () => go('next', 'coded', vscode.l10n.t('No coded quote below in this file'))),
    vscode.commands.registerCommand('qda.previousCodedQuote', () =>
      go('previous', 'coded', vscode.l10n.t('No coded quote above in this file')),
    ),
    vscode.commands.registerCommand('qda.nextUntaggedQuote', () =>
      go('next', 'untagged', vscode.l10n.t('No untagged quote below in this file')),
    ),
    vscode.commands.registerCommand('qda.nextQuoteSameCode', () => go('next', undefined, vscode.l10n.t('No code at the cursor'))),
    vscode.commands.registerCommand('qda.previousQuoteSameCode', () => go('previous', undefined, vscode.l10n.t('No code at the cursor'))),

    vscode.commands.registerCommand('qda.showQuotesForCode', async (path?: string) => {
      const uri = activeTranscript()?.document.uri.toString() ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
      if (!path) {
        const codes = await client.sendRequest(codesRequest, { uri });
        const picked = await vscode.window.showQuickPick(
          codes.map((c) => ({ label: `${'  '.repeat(c.depth)}${c.path}`, description: c.label, detail: c.description, path: c.path })),
          { placeHolder: vscode.l10n.t('Show the quotes of a code'), matchOnDescription: true },
        );
        if (!picked) return;
        path = picked.path;
      }
      const quotes = await client.sendRequest(quotesOfCodeRequest, { uri, path });
      if (quotes.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No quote carries {0} yet.', path));
        return;
      }
      const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { quote: (typeof quotes)[number] }>();
      pick.title = vscode.l10n.t('{0}: {1} quotes', path, quotes.length);
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.items = quotes.map((quote) => ({
        label: excerpt(quote.text, 100),
        description: quote.informant,
        detail: `${vscode.workspace.asRelativePath(vscode.Uri.parse(quote.uri))}:${quote.range.start.line + 1}${quote.memo ? ` · ${quote.memo}` : ''}`,
        quote,
      }));
      // Moving through the list previews each quote in its file.
      pick.onDidChangeActive((active) => {
        if (active[0]) void openQuote(active[0].quote.uri, active[0].quote.range, { preview: true, preserveFocus: true });
      });
      pick.onDidAccept(() => {
        const chosen = pick.selectedItems[0];
        pick.hide();
        if (chosen) void openQuote(chosen.quote.uri, chosen.quote.range);
      });
      pick.onDidHide(() => pick.dispose());
      pick.show();
    }),

    vscode.commands.registerCommand('qda.revealInThemes', async () => {
      const editor = activeTranscript();
      if (!editor) return;
      const codes = await client.sendRequest(codesAtRequest, { uri: editor.document.uri.toString(), position: client.code2ProtocolConverter.asPosition(editor.selection.active) });
      const first = codes[0];
      const element = first && (await themes.findQuote(editor.document.uri.toString(), toRange(first.range), first.code));
      if (!element) {
        vscode.window.setStatusBarMessage(vscode.l10n.t('No coded quote at the cursor'), 3000);
        return;
      }
      await themesView.reveal(element, { select: true, focus: true, expand: true });
    }),
  ];
}
