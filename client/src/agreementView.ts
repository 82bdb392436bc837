// "Compare coding with…" and the Agreement view: the codes by their agreement, lowest first; under
// each, the quotes the coders coded differently; a quote opens both versions side by side, and
// can take the other coder's coding. The server loads the other copy and computes every figure.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  adoptCodingRequest,
  coderCandidatesRequest,
  compareCodingRequest,
  otherCoderTextRequest,
  type AgreementUnit,
  type CoderSource,
  type ComparisonReport,
  type Disagreement,
  type Measure,
} from '../../server/src/protocol';
import type { TreeModel } from './treeModel';

/** The other coder's files, read from the server, for the left side of the diff editor. */
const otherCoderScheme = 'qda-coder';

/**
 * "Compare coding with…", the Agreement view and its commands. The view shows where the host can
 * read other coders' copies (the desktop, code-server); in the browser build the command says why not.
 */
export function registerAgreement(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel, canCompareCoders: boolean): void {
  void vscode.commands.executeCommand('setContext', 'qda.canCompareCoders', canCompareCoders);
  const agreement = new AgreementProvider(client, model);
  const agreementView = vscode.window.createTreeView('qda.agreement', { treeDataProvider: agreement, showCollapseAll: true });
  agreement.view = agreementView;
  context.subscriptions.push(
    agreementView,
    vscode.workspace.registerTextDocumentContentProvider(otherCoderScheme, agreement),
    vscode.commands.registerCommand('qda.compareCoding', () =>
      canCompareCoders
        ? agreement.pickAndCompare()
        : vscode.window.showInformationMessage(vscode.l10n.t('Compare coding with… needs the desktop version of VS Code: it reads the folder or git revision of another coder, which the browser cannot.')),
    ),
    vscode.commands.registerCommand('qda.agreement.refresh', () => agreement.recompare()),
    vscode.commands.registerCommand('qda.agreement.byQuote', () => agreement.recompare('quote')),
    vscode.commands.registerCommand('qda.agreement.byCharacter', () => agreement.recompare('character')),
    vscode.commands.registerCommand('qda.agreement.openDisagreement', (element) => agreement.openDisagreement(element)),
    vscode.commands.registerCommand('qda.agreement.adopt', (element) => agreement.adopt(element)),
  );
}

type AgreementElement = { kind: 'code'; path: string; measure: Measure; disagreements: Disagreement[] } | { kind: 'disagreement'; code: string; disagreement: Disagreement };

class AgreementProvider implements vscode.TreeDataProvider<AgreementElement>, vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<AgreementElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.contentChanged.event;
  report: ComparisonReport | undefined;
  private source: CoderSource | undefined;
  unit: AgreementUnit = 'character';
  view: vscode.TreeView<AgreementElement> | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly model: TreeModel,
  ) {}

  // ---- the tree -------------------------------------------------------------------------------

  getChildren(element?: AgreementElement): AgreementElement[] {
    const report = this.report;
    if (!report) return [];
    if (!element) {
      const byKappa = (m: Measure) => m.kappa ?? Number.POSITIVE_INFINITY;
      return Object.entries(report.codes)
        .map(([path, measure]) => ({ kind: 'code' as const, path, measure, disagreements: report.disagreements.filter((d) => d.differ.includes(path)) }))
        .sort((a, b) => byKappa(a.measure) - byKappa(b.measure) || (a.measure.percentAgreement ?? 101) - (b.measure.percentAgreement ?? 101));
    }
    return element.kind === 'code' ? element.disagreements.map((disagreement) => ({ kind: 'disagreement' as const, code: element.path, disagreement })) : [];
  }

  getTreeItem(element: AgreementElement): vscode.TreeItem {
    if (element.kind === 'code') {
      const m = element.measure;
      const item = new vscode.TreeItem(element.path, element.disagreements.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `agreement:${element.path}`;
      item.description = describeMeasure(m);
      const tooltip = new vscode.MarkdownString();
      tooltip.appendText(vscode.l10n.t('{0} units compared; coded by each coder: {1}', m.units, m.coded.join(' / ')));
      tooltip.appendMarkdown('  \n').appendText(vscode.l10n.t('{0} quotes coded differently', element.disagreements.length));
      if (m.kappa === null) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Kappa and alpha are not defined: nobody, or everybody, used this code in the units compared.'));
      item.tooltip = tooltip;
      item.iconPath = new vscode.ThemeIcon(m.kappa === null ? 'circle-outline' : m.kappa < 0.6 ? 'warning' : m.kappa < 0.8 ? 'info' : 'pass');
      return item;
    }
    const d = element.disagreement;
    const item = new vscode.TreeItem(`${d.speaker}: ${d.text}`, vscode.TreeItemCollapsibleState.None);
    item.id = `agreement:${element.code}:${d.path}:${d.turn}`;
    item.description = `${d.path.slice(d.path.lastIndexOf('/') + 1)}:${d.line}`;
    const tooltip = new vscode.MarkdownString();
    (this.report?.coders ?? []).forEach((coder, c) => {
      const codes = d.codes[c];
      tooltip.appendMarkdown(`**${escape(coder)}:** `).appendText(codes === null ? vscode.l10n.t('(untagged)') : codes.length === 0 ? vscode.l10n.t('(no code)') : codes.join(' ')).appendMarkdown('  \n');
    });
    item.tooltip = tooltip;
    item.contextValue = 'qdaDisagreement';
    item.iconPath = new vscode.ThemeIcon('diff');
    item.command = { command: 'qda.agreement.openDisagreement', title: vscode.l10n.t('Open both versions'), arguments: [element] };
    return item;
  }

  // ---- the other coder's files -----------------------------------------------------------------

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const root = new URLSearchParams(uri.query).get('root') ?? '';
    const path = uri.path.split('/').slice(2).map(decodeURIComponent).join('/');
    const text = await this.client.sendRequest(otherCoderTextRequest, { root, path });
    return text ?? vscode.l10n.t('The other coder has no such transcript.');
  }

  // ---- commands --------------------------------------------------------------------------------

  /** "Compare coding with…": pick a project (where there are several), then the other coder. */
  async pickAndCompare(): Promise<void> {
    const root = await this.pickProject();
    if (!root) return;
    const candidates = await this.client.sendRequest(coderCandidatesRequest, { root });
    type Choice = vscode.QuickPickItem & { source?: CoderSource; browse?: boolean };
    const choices: Choice[] = [
      ...candidates.folders.map((folder) => ({ label: `$(folder) ${folder.slice(folder.replace(/[\\/]$/, '').search(/[^\\/]+$/))}`, description: folder, source: { kind: 'folder' as const, path: folder } })),
      ...candidates.revisions.map((revision) => ({ label: `$(git-branch) ${revision}`, description: vscode.l10n.t('git revision'), source: { kind: 'git' as const, folder: '', revision } })),
      { label: `$(folder-opened) ${vscode.l10n.t('Another folder…')}`, browse: true },
      { label: `$(git-commit) ${vscode.l10n.t('A commit, branch or tag by name…')}` },
    ];
    const picked = await vscode.window.showQuickPick(choices, { placeHolder: vscode.l10n.t("The other coder's copy of the project: a folder, a branch or a commit") });
    if (!picked) return;
    let source = picked.source;
    if (!source && picked.browse) {
      const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: vscode.l10n.t('Compare with this copy') });
      if (!folder?.[0]) return;
      source = { kind: 'folder', path: folder[0].fsPath };
    } else if (!source) {
      const revision = await vscode.window.showInputBox({ prompt: vscode.l10n.t('A commit, branch or tag of the repository that holds the project') });
      if (!revision) return;
      source = { kind: 'git', folder: '', revision };
    }
    await this.compare(root, source);
  }

  async compare(root: string, source: CoderSource, unit = this.unit): Promise<void> {
    try {
      const report = await vscode.window.withProgress({ location: { viewId: 'qda.agreement' }, title: vscode.l10n.t('Comparing the coding…') }, () =>
        this.client.sendRequest(compareCodingRequest, { root, source, unit }),
      );
      this.report = report;
      this.source = source;
      this.unit = unit;
      void vscode.commands.executeCommand('setContext', 'qda.agreementUnit', unit);
      void vscode.commands.executeCommand('setContext', 'qda.agreementShown', true);
      this.changed.fire(undefined);
      for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === otherCoderScheme) this.contentChanged.fire(doc.uri);
      if (this.view) {
        this.view.description = `${report.coders.join(' ↔ ')} · ${unit === 'character' ? vscode.l10n.t('by character') : vscode.l10n.t('by quote')}`;
        this.view.message = describeReport(report);
      }
      await vscode.commands.executeCommand('qda.agreement.focus');
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
    }
  }

  /** The same comparison again (after an edit), or by the other unit. */
  async recompare(unit = this.unit): Promise<void> {
    if (this.report && this.source) await this.compare(this.report.root, this.source, unit);
    else await this.pickAndCompare();
  }

  /** Both versions side by side at the quote: the other coder's on the left, one's own (editable) on the right. */
  async openDisagreement(element: AgreementElement | undefined): Promise<void> {
    const report = this.report;
    if (!report || element?.kind !== 'disagreement') return;
    const d = element.disagreement;
    const own = vscode.Uri.joinPath(vscode.Uri.parse(report.root), ...d.path.split('/'));
    const other = vscode.Uri.from({ scheme: otherCoderScheme, path: `/${encodeURIComponent(report.coders[1])}/${d.path.split('/').map(encodeURIComponent).join('/')}`, query: new URLSearchParams({ root: report.root }).toString() });
    const line = d.line - 1;
    await vscode.commands.executeCommand('vscode.diff', other, own, vscode.l10n.t('{0} ↔ {1}: {2}', report.coders[1], report.coders[0], d.path.slice(d.path.lastIndexOf('/') + 1)), {
      selection: new vscode.Range(line, 0, line, 0),
      preview: true,
    });
  }

  /** Gives one's own quote the other coder's coding (only markup changes), then compares again. */
  async adopt(element: AgreementElement | undefined): Promise<void> {
    const report = this.report;
    if (!report || element?.kind !== 'disagreement') return;
    try {
      const edit = await this.client.sendRequest(adoptCodingRequest, { root: report.root, path: element.disagreement.path, turn: element.disagreement.turn });
      const workspaceEdit = await this.client.protocol2CodeConverter.asWorkspaceEdit(edit);
      if (workspaceEdit && (await vscode.workspace.applyEdit(workspaceEdit))) await this.recompare();
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
    }
  }

  private async pickProject(): Promise<string | undefined> {
    if (this.model.projects.length === 0) await this.model.refresh();
    const roots = this.model.projects.map((p) => p.root);
    if (roots.length <= 1) {
      if (roots.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with a codebook.yaml to compare its coding.'));
      return roots[0];
    }
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const containing = active && roots.filter((r) => active.startsWith(`${r}/`)).sort((a, b) => b.length - a.length)[0];
    if (containing) return containing;
    const picked = await vscode.window.showQuickPick(roots.map((root) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(root)), root })), { placeHolder: vscode.l10n.t('The project to compare') });
    return picked?.root;
  }
}

function describeMeasure(m: Measure): string {
  const kappa = m.kappa === null ? '—' : m.kappa.toFixed(2);
  const percent = m.percentAgreement === null ? '—' : `${m.percentAgreement.toFixed(1)} %`;
  const alpha = m.alpha === null ? '—' : m.alpha.toFixed(2);
  return `κ ${kappa} · ${percent} · α ${alpha}`;
}

function describeReport(report: ComparisonReport): string {
  const overall = report.overall;
  const parts = [vscode.l10n.t('Overall: {0}', describeMeasure(overall)), vscode.l10n.t('{0} transcripts compared, {1} not', report.documents.length, report.skipped.length)];
  const differing = report.skipped.filter((s) => !s.reason.startsWith('not in '));
  if (differing.length > 0) parts.push(vscode.l10n.t('{0} left out because their text differs', differing.length));
  return parts.join(' · ');
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`);
}
