// Code suggestions in VS Code (docs/suggestions.md): "Suggest codes for this transcript", a review
// list of the transcript's untagged quotes with their best suggestion, and "How good are the
// suggestions?", the per-code table of the cross-validation. Every suggestion and its edit come
// from the server: an accepted one writes the tag block the quick fix "Code as …" writes (the
// server's code actions, so minKappa and the on/off setting hold here too); a dismissed one is
// remembered in the workspace's state and not offered again by this command.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { suggestionQualityRequest, suggestionsRequest, type QuoteSuggestions } from '../../server/src/protocol';
import { qualityMarkdown } from './suggestionQualityMarkdown';
import type { TreeModel } from './treeModel';

const dismissedKey = 'qda.suggestions.dismissed';
const qualityScheme = 'qda-suggestion-quality';

export function registerCodeSuggestions(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel): void {
  const tables = new QualityDocuments();
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(qualityScheme, tables),
    vscode.commands.registerCommand('qda.suggestCodes', () => suggestCodesForTranscript(context, client)),
    vscode.commands.registerCommand('qda.suggestionQuality', () => showSuggestionQuality(client, model, tables)),
  );
}

/** A quote's key among the dismissed: its file and a hash of its words (FNV-1a; no Node crypto on the web). */
export function dismissalKey(uri: string, quoteText: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < quoteText.length; i++) {
    hash ^= quoteText.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${uri}#${hash.toString(16).padStart(8, '0')}`;
}

interface Offer extends vscode.QuickPickItem {
  key: string;
  edit: vscode.WorkspaceEdit;
}

/** "Suggest codes for this transcript": check the suggestions to accept; a row's button dismisses it for good. */
async function suggestCodesForTranscript(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'qda-transcript') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a transcript (*.transcript.md) to have codes suggested for it.'));
    return;
  }
  const document = editor.document;
  const uri = document.uri.toString();
  const dismissed = new Set(context.workspaceState.get<string[]>(dismissedKey, []));
  const version = document.version;
  const offers = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Suggesting codes…') }, async () => {
    const quotes = await client.sendRequest(suggestionsRequest, { uri });
    const found: Offer[] = [];
    for (const quote of quotes) {
      const key = dismissalKey(uri, quote.text);
      if (dismissed.has(key) || quote.codes.length === 0) continue;
      const offer = await bestOffer(document, quote, key);
      if (offer) found.push(offer);
    }
    return found;
  });
  if (offers.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No code to suggest for this transcript’s untagged quotes (see "QDA: How good are the suggestions?").'));
    return;
  }
  const accepted = await review(offers, async (offer) => {
    dismissed.add(offer.key);
    await context.workspaceState.update(dismissedKey, [...dismissed]);
  });
  if (!accepted || accepted.length === 0) return;
  if (document.version !== version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The transcript changed while the suggestions were shown: nothing was written. Run the command again.'));
    return;
  }
  // The quick fixes' edits, all made on this version of the document: applied as one edit (one Ctrl+Z).
  const edit = new vscode.WorkspaceEdit();
  for (const offer of accepted) for (const [target, edits] of offer.edit.entries()) for (const e of edits) edit.replace(target, e.range, e.newText);
  await vscode.workspace.applyEdit(edit);
}

/** The quote's best "Code as …" quick fix, as the server offers it (none below minKappa or with the feature off). */
async function bestOffer(document: vscode.TextDocument, quote: QuoteSuggestions, key: string): Promise<Offer | undefined> {
  const line = document.lineAt(quote.line - 1).range;
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, line, vscode.CodeActionKind.QuickFix.value)) ?? [];
  const codes = new Set(quote.codes.map((c) => c.code));
  const action = actions.find((a) => a.edit && [...codes].some((code) => a.title.startsWith(`Code as ${code} —`)));
  if (!action?.edit) return undefined;
  return { label: action.title, description: vscode.l10n.t('line {0}', quote.line), detail: excerpt(quote.text), key, edit: action.edit };
}

/** The review list: resolves with the checked offers on Enter, undefined when closed. */
function review(offers: Offer[], dismiss: (offer: Offer) => Promise<void>): Promise<Offer[] | undefined> {
  const pick = vscode.window.createQuickPick<Offer>();
  const dismissButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: vscode.l10n.t('Dismiss: do not suggest this again') };
  pick.title = vscode.l10n.t('Suggested codes for this transcript');
  pick.placeholder = vscode.l10n.t('Check the suggestions to accept, then Enter; dismiss one with its ✕ button');
  pick.canSelectMany = true;
  pick.matchOnDetail = true;
  pick.ignoreFocusOut = true;
  pick.items = offers.map((o) => ({ ...o, buttons: [dismissButton] }));
  return new Promise((resolve) => {
    let done = false;
    pick.onDidTriggerItemButton(async ({ item }) => {
      await dismiss(item);
      pick.items = pick.items.filter((i) => i.key !== item.key);
      pick.selectedItems = pick.selectedItems.filter((i) => i.key !== item.key);
    });
    pick.onDidAccept(() => {
      done = true;
      resolve([...pick.selectedItems]);
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

function excerpt(text: string): string {
  const words = [...text.replace(/\s+/g, ' ').trim()];
  return words.length > 120 ? `${words.slice(0, 119).join('')}…` : words.join('');
}

/** "How good are the suggestions?": the per-code table as a read-only Markdown document, and its preview. */
async function showSuggestionQuality(client: LanguageClient, model: TreeModel, tables: QualityDocuments): Promise<void> {
  if (model.projects.length === 0) await model.refresh();
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  const roots = model.projects.map((p) => p.root);
  const root = roots.find((r) => active?.startsWith(`${r}/`)) ?? (roots.length <= 1 ? roots[0] : (await vscode.window.showQuickPick(roots, { placeHolder: vscode.l10n.t('The project whose suggestions to measure') })));
  if (!root) {
    if (roots.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No project (a folder with codebook.yaml) is open.'));
    return;
  }
  const table = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Measuring the suggestions against your coding…') }, () =>
    client.sendRequest(suggestionQualityRequest, { root }),
  );
  if (!table) return;
  const minKappa = vscode.workspace.getConfiguration('qda').get<number>('suggestions.minKappa', 0.4);
  const project = vscode.workspace.asRelativePath(vscode.Uri.parse(root), false);
  const uri = tables.set(
    root,
    qualityMarkdown(table, minKappa, {
      title: vscode.l10n.t('How good are the suggestions?'),
      intro: vscode.l10n.t('{0}: the suggestions against your coding, {1}-fold cross-validation. Codes whose kappa is below {2} (qda.suggestions.minKappa) are not offered.', project, table.folds, minKappa),
      headers: [vscode.l10n.t('code'), vscode.l10n.t('support'), vscode.l10n.t('precision'), vscode.l10n.t('recall'), vscode.l10n.t('kappa'), vscode.l10n.t('offered')],
      footnote: vscode.l10n.t('macroKappa: the mean kappa over codes with support of at least 5. See docs/suggestions.md for the method.'),
    }),
  );
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}

/** The documents of the tables shown, one per project, read-only (a virtual scheme), kept up to date when shown again. */
class QualityDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(root: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: qualityScheme, path: '/suggestion-quality.md', query: root });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}
