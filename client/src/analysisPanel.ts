// The Analysis view: a webview panel that shows the matrix, co-occurrence and triangulation of a
// project as heatmaps and tables. The page (client/webview/analysis.ts) asks; this asks the
// language server and answers; a clicked cell lists its quotes, each opening its transcript at
// the coded text. A strict Content-Security-Policy: the page's one script by its nonce, nothing
// remote. The panel survives a reload (its serializer) and follows edits.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { base64ToBytes } from '../../server/src/core/text/base64';
import { toCsv } from '../../server/src/core/analyses/csv';
import { excerpt } from '../../server/src/core/text/excerpt';
import { percentages } from '../../server/src/core/analyses/percentages';
import {
  cooccurrenceCellRequest,
  cooccurrenceRequest,
  matrixCellRequest,
  matrixChoicesRequest,
  matrixRequest,
  reportRequest,
  triangulationRequest,
  type AnalysisFilter,
  type CellCoding,
  type Within,
} from '../../server/src/protocol';
import type { AnalysisState, FromView, ToView } from './analysisMessages';
import { openQuote } from './navigation';
import type { TreeModel } from './treeModel';
import { writeOutputFile } from './safeWrite';

const analysisViewType = 'qda.analysis';

/** "QDA: Open Analysis", the panel's serializer (it survives a reload), and its refresh after each change of the tree. */
export function registerAnalysis(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel): void {
  const analysis = new AnalysisPanels(context, client, model);
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.openAnalysis', () => analysis.open()),
    vscode.window.registerWebviewPanelSerializer(analysisViewType, analysis),
    model.onDidChange(() => analysis.refresh()),
  );
}

class AnalysisPanels implements vscode.WebviewPanelSerializer<AnalysisState> {
  private panel: vscode.WebviewPanel | undefined;
  private state: AnalysisState | undefined;
  private last: Extract<ToView, { type: 'data' }> | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    private readonly model: TreeModel,
  ) {}

  /** "QDA: Open Analysis": the panel, made or shown. */
  open(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(analysisViewType, vscode.l10n.t('QDA Analysis'), vscode.ViewColumn.Active, this.options());
    this.attach(panel);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: AnalysisState | undefined): Promise<void> {
    this.state = state;
    panel.webview.options = this.options();
    this.attach(panel);
  }

  /** After an edit: the page shows the figures again. */
  refresh(): void {
    if (this.panel && this.state) void this.answer(this.state);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.html = this.html(panel.webview);
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: FromView) => void this.receive(message));
  }

  private html(webview: vscode.Webview): string {
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'analysisView.js'));
    return `<!doctype html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem 2rem; --heat-low: var(--vscode-editor-background); --heat-high: var(--vscode-charts-blue, #1f5fa8); }
.tabs button[aria-selected="true"] { border-bottom: 2px solid var(--vscode-focusBorder); }
button { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); border: none; padding: 0.3rem 0.7rem; margin: 0.2rem 0.3rem 0.2rem 0; cursor: pointer; }
.row { margin: 0.4rem 0; display: flex; flex-wrap: wrap; gap: 0.8rem; align-items: center; }
select { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border); }
svg { cursor: pointer; overflow: visible; color: var(--vscode-foreground); }
svg g.value text { font-weight: 600; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border); padding: 0.2rem 0.5rem; text-align: right; } th { text-align: left; font-weight: normal; }
tr.single th { font-weight: 600; }
.note { opacity: 0.8; font-size: 0.9em; } .error { color: var(--vscode-errorForeground); }
</style>
</head>
<body>
<div id="controls"></div>
<div id="display"></div>
<script nonce="${nonce}" src="${script}"></script>
</body>
</html>`;
  }

  private post(message: ToView): void {
    void this.panel?.webview.postMessage(message);
  }

  private async receive(message: FromView): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.post({ type: 'strings', strings: pageStrings() });
        return this.answer(this.state ?? message.state);
      case 'query':
        return this.answer(message.state);
      case 'cell':
        return this.showCell(message.kind, message.row, message.column);
      case 'export':
        return this.export(message.kind, message.data);
    }
  }

  /** The project the page shows: the one it chose, else the first. */
  private async root(state = this.state): Promise<string | undefined> {
    if (this.model.projects.length === 0) await this.model.refresh();
    const roots = this.model.projects.map((p) => p.root);
    return state?.project && roots.includes(state.project) ? state.project : roots[0];
  }

  private filter(state: AnalysisState): AnalysisFilter {
    return { ...(state.role ? { attributes: { role: state.role } } : {}), ...(state.source ? { sources: [state.source] } : {}) };
  }

  private within(state: AnalysisState): Within {
    return state.within === 'quote' || state.within === 'overlap' ? { kind: state.within } : { kind: 'near', quotes: Number(state.within) || 1 };
  }

  /** The figures the page asks for, from the server. */
  private async answer(state: AnalysisState): Promise<void> {
    this.state = state;
    const root = await this.root(state);
    if (!root) return this.post({ type: 'data', error: vscode.l10n.t('Open a folder with a codebook.yaml to analyse its coding.') });
    const projects = this.model.projects.map((p) => ({ root: p.root, name: vscode.workspace.asRelativePath(vscode.Uri.parse(p.root)) }));
    const filter = this.filter(state);
    const roles = [...(this.model.attributeValues.get('role') ?? [])];
    try {
      const choices = (await this.client.sendRequest(matrixChoicesRequest, { root })) ?? undefined;
      let data: Extract<ToView, { type: 'data' }> = { type: 'data', choices, roles, projects };
      if (state.tab === 'matrix') {
        const m = await this.client.sendRequest(matrixRequest, { root, rows: state.rows, columns: state.columns, count: state.count, filter });
        const shares = m && state.percent !== 'none' ? percentages(m, state.percent) : undefined;
        data = { ...data, matrix: m ?? undefined, percentages: shares, title: vscode.l10n.t('{0} of {1} by {2}', vscode.l10n.t(state.count), vscode.l10n.t(state.rows), state.columns.replace(/^(informant|document)\./, '')) };
      } else if (state.tab === 'cooccurrence') {
        const c = await this.client.sendRequest(cooccurrenceRequest, { root, within: this.within(state), filter });
        data = { ...data, cooccurrence: c ?? undefined, title: vscode.l10n.t('Co-occurrence of codes') };
      } else {
        data = { ...data, triangulation: await this.client.sendRequest(triangulationRequest, { root, filter }), title: vscode.l10n.t('The evidence each code stands on') };
      }
      this.last = data;
      this.post(data);
    } catch (error) {
      this.post({ type: 'data', error: (error as Error).message });
    }
  }

  /** The quotes behind a cell, to pick one and open it at its coded text. */
  private async showCell(kind: 'matrix' | 'cooccurrence', row: string, column: string): Promise<void> {
    const root = await this.root();
    const state = this.state;
    if (!root || !state) return;
    const filter = this.filter(state);
    const codings: CellCoding[] =
      kind === 'matrix'
        ? await this.client.sendRequest(matrixCellRequest, { root, rows: state.rows, columns: state.columns, count: state.count, filter, row, column })
        : await this.client.sendRequest(cooccurrenceCellRequest, { root, within: this.within(state), filter, row, column });
    if (codings.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No quote in this cell.'));
      return;
    }
    const picked = await vscode.window.showQuickPick(
      codings.map((coding) => ({
        label: excerpt(coding.text, 100),
        description: [coding.informant, coding.code].filter(Boolean).join(' · '),
        detail: `${vscode.workspace.asRelativePath(vscode.Uri.parse(coding.uri))}:${coding.range.start.line + 1}`,
        coding,
      })),
      { title: `${row} × ${column}: ${codings.length}`, matchOnDescription: true, matchOnDetail: true },
    );
    if (picked) await openQuote(picked.coding.uri, picked.coding.range);
  }

  private async export(kind: 'csv' | 'svg' | 'png' | 'report', data?: string): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = kind === 'report' ? 'report.html' : `${this.state?.tab ?? 'analysis'}.${kind}`;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, name), filters: { [kind.toUpperCase()]: [kind === 'report' ? 'html' : kind] } });
    if (!target) return;
    let bytes: Uint8Array;
    if (kind === 'csv') {
      const csv = this.csv();
      if (!csv) return;
      bytes = new TextEncoder().encode(csv);
    } else if (kind === 'report') {
      const root = await this.root();
      if (!root) return;
      bytes = new TextEncoder().encode(await this.client.sendRequest(reportRequest, { root, title: vscode.l10n.t('Coding report') }));
    } else if (kind === 'svg') bytes = new TextEncoder().encode(data ?? '');
    else bytes = base64ToBytes((data ?? '').replace(/^data:image\/png;base64,/, ''));
    try {
      await writeOutputFile(target, bytes, kind === 'report' ? ['.html', '.htm'] : [`.${kind}`]);
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)));
  }

  /** The display shown, as CSV. */
  private csv(): string | undefined {
    const data = this.last;
    if (data?.matrix) {
      const m = data.matrix;
      const values = data.percentages ?? m.cells;
      return toCsv([['', ...m.columns, 'total'], ...m.rows.map((row, r) => [row, ...values[r], m.rowTotals[r]]), ['total', ...m.columnTotals, m.total]]);
    }
    if (data?.cooccurrence) {
      const c = data.cooccurrence;
      return toCsv([['', ...c.codes], ...c.codes.map((code, i) => [code, ...c.cells[i]])]);
    }
    if (data?.triangulation) return toCsv([['code', 'interview', 'observation', 'documentation', 'kinds'], ...data.triangulation.map((r) => [r.code, r.codings.interview, r.codings.observation, r.codings.documentation, r.kinds])]);
    return undefined;
  }
}

/** The page's words, in the display language. */
function pageStrings(): Record<string, string> {
  return {
    Project: vscode.l10n.t('Project'),
    Matrix: vscode.l10n.t('Matrix'),
    'Co-occurrence': vscode.l10n.t('Co-occurrence'),
    Triangulation: vscode.l10n.t('Triangulation'),
    Rows: vscode.l10n.t('Rows'),
    Columns: vscode.l10n.t('Columns'),
    Count: vscode.l10n.t('Count'),
    Percent: vscode.l10n.t('Percent'),
    codes: vscode.l10n.t('codes'),
    informants: vscode.l10n.t('informants'),
    codings: vscode.l10n.t('codings'),
    quotes: vscode.l10n.t('quotes'),
    documents: vscode.l10n.t('documents'),
    words: vscode.l10n.t('words'),
    presence: vscode.l10n.t('presence'),
    numbers: vscode.l10n.t('numbers'),
    'of the row': vscode.l10n.t('of the row'),
    'of the column': vscode.l10n.t('of the column'),
    'of the table': vscode.l10n.t('of the table'),
    Together: vscode.l10n.t('Together'),
    'in the same quote': vscode.l10n.t('in the same quote'),
    'on the same words': vscode.l10n.t('on the same words'),
    'within one quote': vscode.l10n.t('within one quote'),
    'within two quotes': vscode.l10n.t('within two quotes'),
    Informants: vscode.l10n.t('Informants'),
    Source: vscode.l10n.t('Source'),
    all: vscode.l10n.t('all'),
    'Export CSV': vscode.l10n.t('Export CSV'),
    'Export SVG': vscode.l10n.t('Export SVG'),
    'Export PNG': vscode.l10n.t('Export PNG'),
    'Report…': vscode.l10n.t('Report…'),
    'Nothing coded matches these choices.': vscode.l10n.t('Nothing coded matches these choices.'),
    Total: vscode.l10n.t('Total'),
    'Quotes holding both codes; the diagonal: quotes holding the code.': vscode.l10n.t('Quotes holding both codes; the diagonal: quotes holding the code.'),
    code: vscode.l10n.t('code'),
    'one kind only': vscode.l10n.t('one kind only'),
  };
}
