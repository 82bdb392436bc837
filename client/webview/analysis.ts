// The Analysis view's page (runs in the webview, bundled for the browser): controls, the matrix
// as a heatmap drawn with Observable Plot (the numbers in the cells), the co-occurrence heatmap
// and the triangulation table. It computes nothing: the extension asks the language server and
// posts the results; a click on a cell asks the extension for the quotes behind it. Every string
// from the project is set as text (textContent, Plot's text marks), never as markup.
import * as Plot from '@observablehq/plot';
import type { Cooccurrence, Matrix, TriangulationRow } from '../../server/src/protocol';
import type { AnalysisState, FromView, ToView } from '../src/analysisMessages';

declare function acquireVsCodeApi(): { postMessage(message: FromView): void; getState(): AnalysisState | undefined; setState(state: AnalysisState): void };

const vscode = acquireVsCodeApi();
const defaults: AnalysisState = { tab: 'matrix', rows: 'codes', columns: 'role', count: 'codings', percent: 'none', within: 'quote', role: '', source: '' };
let state: AnalysisState = { ...defaults, ...vscode.getState() };
let strings: Record<string, string> = {};
let latest: Extract<ToView, { type: 'data' }> | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const t = (key: string) => strings[key] ?? key;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  return node;
}

function select(id: string, label: string, options: [string, string][], value: string, onChange: (value: string) => void): HTMLElement {
  const wrapper = element('label', `${label} `);
  const control = element('select', undefined, { id });
  for (const [v, text] of options) {
    const option = element('option', text, { value: v });
    if (v === value) option.selected = true;
    control.append(option);
  }
  control.addEventListener('change', () => onChange(control.value));
  wrapper.append(control);
  return wrapper;
}

function update(patch: Partial<AnalysisState>): void {
  state = { ...state, ...patch };
  vscode.setState(state);
  vscode.postMessage({ type: 'query', state });
  renderControls();
}

function renderControls(): void {
  const controls = $('controls');
  controls.replaceChildren();
  const tabs = element('div', undefined, { class: 'tabs', role: 'tablist' });
  for (const [tab, label] of [
    ['matrix', t('Matrix')],
    ['cooccurrence', t('Co-occurrence')],
    ['triangulation', t('Triangulation')],
  ] as const) {
    const button = element('button', label, { role: 'tab', 'aria-selected': String(state.tab === tab), id: `tab-${tab}` });
    button.addEventListener('click', () => update({ tab }));
    tabs.append(button);
  }
  controls.append(tabs);
  const row = element('div', undefined, { class: 'row' });
  const projects = latest?.projects ?? [];
  if (projects.length > 1) row.append(select('project', t('Project'), projects.map((p): [string, string] => [p.root, p.name]), state.project || projects[0].root, (project) => update({ project })));
  const choices = latest?.choices ?? { informantAttributes: [], documentAttributes: [] };
  if (state.tab === 'matrix') {
    row.append(
      select('rows', t('Rows'), [['codes', t('codes')], ['informants', t('informants')]], state.rows, (rows) => update({ rows: rows as AnalysisState['rows'] })),
      select(
        'columns',
        t('Columns'),
        [
          ['informants', t('informants')],
          ['codes', t('codes')],
          ...choices.informantAttributes.map((a): [string, string] => [`informant.${a}`, a]),
          ...choices.documentAttributes.map((a): [string, string] => [`document.${a}`, a]),
        ],
        state.columns.includes('.') || state.columns === 'codes' || state.columns === 'informants' ? state.columns : `informant.${state.columns}`,
        (columns) => update({ columns }),
      ),
      select('count', t('Count'), ['codings', 'quotes', 'informants', 'documents', 'words', 'presence'].map((c): [string, string] => [c, t(c)]), state.count, (count) => update({ count: count as AnalysisState['count'] })),
      select('percent', t('Percent'), [['none', t('numbers')], ['row', t('of the row')], ['column', t('of the column')], ['table', t('of the table')]], state.percent, (percent) => update({ percent: percent as AnalysisState['percent'] })),
    );
  }
  if (state.tab === 'cooccurrence') {
    row.append(select('within', t('Together'), [['quote', t('in the same quote')], ['overlap', t('on the same words')], ['1', t('within one quote')], ['2', t('within two quotes')]], state.within, (within) => update({ within })));
  }
  row.append(
    select('role', t('Informants'), [['', t('all')], ...(latest?.roles ?? []).map((r): [string, string] => [r, r])], state.role, (role) => update({ role })),
    select('source', t('Source'), [['', t('all')], ['interview', 'interview'], ['observation', 'observation'], ['documentation', 'documentation']], state.source, (source) => update({ source })),
  );
  const exports = element('div', undefined, { class: 'row' });
  for (const [kind, label] of [
    ['csv', t('Export CSV')],
    ['svg', t('Export SVG')],
    ['png', t('Export PNG')],
    ['report', t('Report…')],
  ] as const) {
    const button = element('button', label, { id: `export-${kind}` });
    button.addEventListener('click', () => exportAs(kind));
    exports.append(button);
  }
  controls.append(row, exports);
}

/** Cell colours: the theme's own colour scale, light to strong. */
function heatmap(rows: string[], columns: string[], values: (number | null)[][], onClick: (row: string, column: string) => void): Element {
  const data = rows.flatMap((row, r) => columns.map((column, c) => ({ row, column, value: values[r][c] })));
  const longest = Math.max(0, ...rows.map((r) => r.length));
  const plot = Plot.plot({
    marginLeft: Math.min(320, 12 + longest * 7),
    marginBottom: 10,
    width: Math.max(360, Math.min(1400, 200 + longest * 7 + columns.length * 70)),
    height: 40 + rows.length * 24,
    padding: 0.04,
    x: { domain: columns, axis: 'top', label: null, tickRotate: columns.length > 6 ? -30 : 0 },
    y: { domain: rows, label: null },
    color: { type: 'linear', range: [getComputedStyle(document.body).getPropertyValue('--heat-low').trim() || '#e8f1fb', getComputedStyle(document.body).getPropertyValue('--heat-high').trim() || '#1f5fa8'], legend: false },
    marks: [
      Plot.cell(data, { x: 'column', y: 'row', fill: (d: { value: number | null }) => d.value ?? 0, inset: 0.5, title: (d: { row: string; column: string; value: number | null }) => `${d.row} × ${d.column}: ${d.value ?? '—'}` }),
      Plot.text(data, { x: 'column', y: 'row', text: (d: { value: number | null }) => (d.value === null ? '—' : String(d.value)), fill: (d: { value: number | null }) => contrast(d.value, data), className: 'value' }),
    ],
  });
  // A click on a cell (or its number) asks for the quotes behind it.
  plot.querySelectorAll('g[aria-label="cell"] rect, g.value text').forEach((mark, k) => {
    const datum = data[k % data.length];
    mark.setAttribute('data-row', datum.row);
    mark.setAttribute('data-column', datum.column);
    mark.addEventListener('click', () => onClick(datum.row, datum.column));
  });
  return plot;
}

function contrast(value: number | null, data: { value: number | null }[]): string {
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  // On the strong end of the scale, white; elsewhere the editor's own text colour.
  return (value ?? 0) / max > 0.55 ? 'white' : 'currentColor';
}

function render(): void {
  renderControls();
  const display = $('display');
  display.replaceChildren();
  const data = latest;
  if (!data) return;
  if (data.error) {
    display.append(element('p', data.error, { class: 'error' }));
    return;
  }
  if (state.tab === 'matrix' && data.matrix) {
    const m: Matrix = data.matrix;
    display.append(element('h2', data.title ?? ''));
    if (m.rows.length === 0 || m.columns.length === 0) display.append(element('p', t('Nothing coded matches these choices.')));
    else display.append(heatmap(m.rows, m.columns, data.percentages ?? m.cells, (row, column) => vscode.postMessage({ type: 'cell', kind: 'matrix', row, column })));
    const totals = element('p', `${t('Total')}: ${m.total}`, { class: 'note', id: 'total' });
    display.append(totals);
  }
  if (state.tab === 'cooccurrence' && data.cooccurrence) {
    const c: Cooccurrence = data.cooccurrence;
    display.append(element('h2', data.title ?? ''));
    display.append(heatmap(c.codes, c.codes, c.cells, (row, column) => vscode.postMessage({ type: 'cell', kind: 'cooccurrence', row, column })));
    display.append(element('p', t('Quotes holding both codes; the diagonal: quotes holding the code.'), { class: 'note' }));
  }
  if (state.tab === 'triangulation' && data.triangulation) {
    const rows: TriangulationRow[] = data.triangulation;
    display.append(element('h2', data.title ?? ''));
    const table = element('table', undefined, { id: 'triangulation' });
    const head = element('tr');
    for (const h of [t('code'), 'interview', 'observation', 'documentation', '']) head.append(element('th', h));
    table.append(head);
    for (const r of rows) {
      const tr = element('tr', undefined, r.singleKind ? { class: 'single' } : {});
      tr.append(element('th', r.code), element('td', String(r.codings.interview)), element('td', String(r.codings.observation)), element('td', String(r.codings.documentation)), element('td', r.singleKind ? t('one kind only') : ''));
      table.append(tr);
    }
    display.append(table);
  }
}

/** The display as a file: CSV by the extension, SVG as written, PNG drawn from the SVG on a canvas. */
function exportAs(kind: 'csv' | 'svg' | 'png' | 'report'): void {
  if (kind === 'csv' || kind === 'report') return vscode.postMessage({ type: 'export', kind });
  const svg = document.querySelector('#display svg');
  if (!svg) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // Standalone: the colours the page's stylesheet gave, written on the marks.
  clone.querySelectorAll('text').forEach((text) => text.setAttribute('font-family', 'sans-serif'));
  const markup = new XMLSerializer().serializeToString(clone);
  if (kind === 'svg') return vscode.postMessage({ type: 'export', kind, data: markup });
  const image = new Image();
  const box = svg.getBoundingClientRect();
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(box.width * 2);
    canvas.height = Math.ceil(box.height * 2);
    const context = canvas.getContext('2d')!;
    context.fillStyle = 'white';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(2, 2);
    context.drawImage(image, 0, 0, box.width, box.height);
    vscode.postMessage({ type: 'export', kind, data: canvas.toDataURL('image/png') });
  };
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
}

window.addEventListener('message', (event: MessageEvent<ToView>) => {
  const message = event.data;
  if (message.type === 'strings') {
    strings = message.strings;
    return;
  }
  if (message.type === 'data') {
    latest = message;
    render();
  }
});

renderControls();
vscode.postMessage({ type: 'ready', state });
