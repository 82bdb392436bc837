// `qda matrix`, `qda cooccur` and `qda triangulation`: the display step on the command line, as a
// table on a terminal, or CSV, JSON, Markdown or HTML. The JSON shapes are a contract for scripts
// (docs/analysis.md).
import type { AnalysisFilter } from '../core/analyses/analysisScope';
import { cooccurrence, type Within } from '../core/analyses/cooccurrence';
import { gridCsv, gridHtmlTable, gridMarkdown, gridText, htmlPage, type Grid } from '../core/analyses/grid';
import { excerpt } from '../core/text/excerpt';
import { escapeHtml } from '../core/analyses/grid';
import { matrix, matrixCounts, percentages, quoteMatrix, type CellCoding, type Matrix, type MatrixCount, type Percentages, type QuoteMatrix } from '../core/analyses/matrix';
import { URI } from 'vscode-uri';
import { parseSegmentExpression, segments } from '../core/analyses/segments';
import { evidenceKinds, triangulation } from '../core/analyses/triangulation';
import type { QdaWorkspace, Project } from '../core/project/workspace';
import { ArgumentReader, knownCode, oneProject, UsageError as DisplayUsageError } from './usage';

export type DisplayFormat = 'table' | 'csv' | 'json' | 'md' | 'html';
const formats: readonly DisplayFormat[] = ['table', 'csv', 'json', 'md', 'html'];

export const displayUsage = `Usage: qda matrix [folder] [--rows codes|informants] [--columns NAME] [--count COUNT] [options]
       qda cooccur [folder] [--within quote|overlap|N] [options]
       qda triangulation [folder] [options]
       qda segments [folder] "EXPRESSION" [--overlap] [--text TEXT] [options]

matrix         Codes (themes rolled up) or informants down the side; across, informants, codes,
               an informant attribute (role, age…: informant.KEY) or a document attribute
               (source, date, any front-matter key: document.KEY). Default: --rows codes
               --columns informants --count codings.
               --count codings|quotes|informants|documents|words|presence
               --percent row|column|table   the cells as percentages of their row, column or table
               --quotes [--group-by KEY] [--columns themes|codes]   Miles and Huberman's
               role-ordered display: informants grouped by an attribute (role) down the side,
               themes (or codes) across, the coded texts in the cells with their places.
cooccur        Code by code: the quotes holding both (within a quote, on overlapping coded text,
               or within N quotes of each other), and the c-coefficient (--coefficients).
triangulation  The kinds of evidence (interview, observation, documentation) each code stands on.
segments       The codings of the quotes matching an expression of codes: AND, OR, NOT and
               parentheses, e.g. "trust AND price", "engagement AND NOT price". --overlap: the
               codes must hold the same words, not only the same quote. --text: the coded text
               must contain TEXT (case aside).

Options:
  --where KEY=VALUE   Only informants with this attribute (repeatable).
  --source KIND       Only documents of this source (repeatable).
  --code PATH         Only this code or theme and the codes below it.
  --format table|csv|json|md|html   (default: table; --json and --csv also work)
`;


interface DisplayOptions {
  command: 'matrix' | 'cooccur' | 'triangulation' | 'segments';
  folder: string;
  rows: 'codes' | 'informants';
  columns: string;
  count: MatrixCount;
  percent?: Percentages;
  within: Within;
  coefficients: boolean;
  filter: AnalysisFilter;
  expression?: string;
  overlap: boolean;
  quotes: boolean;
  groupBy: string;
  text?: string;
  format: DisplayFormat;
}

export function parseDisplayArguments(command: DisplayOptions['command'], args: string[]): DisplayOptions {
  const options: DisplayOptions = { command, folder: '.', rows: 'codes', columns: 'informants', count: 'codings', within: { kind: 'quote' }, coefficients: false, filter: {}, format: 'table', overlap: false, quotes: false, groupBy: 'role' };
  const positional: string[] = [];
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    const value = () => reader.value();
    switch (reader.name) {
      case '--rows': {
        const rows = value();
        if (rows !== 'codes' && rows !== 'informants') throw new DisplayUsageError(`--rows takes codes or informants, not '${rows}'`);
        options.rows = rows;
        break;
      }
      case '--columns':
        options.columns = value();
        break;
      case '--count': {
        const count = value();
        if (!(matrixCounts as readonly string[]).includes(count)) throw new DisplayUsageError(`--count takes one of ${matrixCounts.join(', ')}`);
        options.count = count as MatrixCount;
        break;
      }
      case '--percent': {
        const percent = value();
        if (percent !== 'row' && percent !== 'column' && percent !== 'table') throw new DisplayUsageError(`--percent takes row, column or table, not '${percent}'`);
        options.percent = percent;
        break;
      }
      case '--within': {
        const within = value();
        if (within === 'quote' || within === 'overlap') options.within = { kind: within };
        else if (/^\d+$/.test(within)) options.within = { kind: 'near', quotes: Number(within) };
        else throw new DisplayUsageError(`--within takes quote, overlap or a number of quotes, not '${within}'`);
        break;
      }
      case '--coefficients':
        options.coefficients = true;
        break;
      case '--overlap':
        options.overlap = true;
        break;
      case '--quotes':
        options.quotes = true;
        break;
      case '--group-by':
        options.groupBy = value();
        break;
      case '--text':
        options.text = value();
        break;
      case '--where': {
        const pair = value();
        const at = pair.indexOf('=');
        if (at <= 0) throw new DisplayUsageError('--where takes KEY=VALUE, e.g. role=owner');
        options.filter.attributes = { ...options.filter.attributes, [pair.slice(0, at)]: pair.slice(at + 1) };
        break;
      }
      case '--source':
        options.filter.sources = [...(options.filter.sources ?? []), value()];
        break;
      case '--code':
        options.filter.code = value();
        break;
      case '--format': {
        const format = value();
        if (!(formats as readonly string[]).includes(format)) throw new DisplayUsageError(`--format takes one of ${formats.join(', ')}`);
        options.format = format as DisplayFormat;
        break;
      }
      case '--json':
        options.format = 'json';
        break;
      case '--csv':
        options.format = 'csv';
        break;
      default:
        if (arg.startsWith('-')) throw new DisplayUsageError(`unknown option '${arg}'`);
        positional.push(arg);
    }
  }
  if (command === 'segments') {
    // `qda segments "EXPRESSION"` or `qda segments FOLDER "EXPRESSION"`.
    options.expression = positional.pop();
    if (!options.expression) throw new DisplayUsageError('segments needs an expression of codes, e.g. "trust AND price"');
  }
  if (positional.length > 1) throw new DisplayUsageError(`one folder at a time (got '${positional.slice(1).join("', '")}' too)`);
  if (positional.length === 1) options.folder = positional[0];
  return options;
}

/** Runs one display command on a loaded workspace; returns the exit code. */
export function runDisplay(workspace: QdaWorkspace, options: DisplayOptions, output: { out: (line: string) => void; err: (line: string) => void }): number {
  const project = oneProject(workspace, options.folder, output.err);
  if (!project || !knownCode(project, options.filter.code, output.err)) return 2;
  let shown;
  try {
    shown = display(project, options);
  } catch (error) {
    output.err(`qda: ${(error as Error).message}`);
    return 2;
  }
  const { json, grid, title } = shown;
  if (shown.html) {
    output.out(shown.html.trimEnd());
    return 0;
  }
  switch (options.format) {
    case 'json':
      output.out(JSON.stringify(json, null, 2));
      break;
    case 'csv':
      output.out(gridCsv(grid).replace(/\r\n$/, ''));
      break;
    case 'md':
      output.out(`## ${title}\n\n${gridMarkdown(grid)}`);
      break;
    case 'html':
      output.out(htmlPage(title, gridHtmlTable(grid)).trimEnd());
      break;
    default:
      output.out(`${title}\n\n${gridText(grid)}`);
  }
  return 0;
}

function describeFilter(filter: AnalysisFilter): string {
  const parts = [
    ...Object.entries(filter.attributes ?? {}).map(([k, v]) => `${k} = ${v}`),
    ...(filter.sources?.length ? [`source: ${filter.sources.join(', ')}`] : []),
    ...(filter.code ? [`codes under ${filter.code}`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

function display(project: Project, options: DisplayOptions): { json: unknown; grid: Grid; title: string; html?: string } {
  if (options.command === 'matrix' && options.quotes) {
    const columns = options.columns === 'codes' ? 'codes' : 'themes';
    const q = quoteMatrix(project, { groupBy: options.groupBy, columns, filter: options.filter });
    const place = (c: CellCoding) => `${project.pathOf(c.uri)}:${c.range.start.line + 1}`;
    const title = `Coded texts of the informants by ${options.groupBy}, ${columns} across${describeFilter(options.filter)}`;
    if (options.format === 'html') {
      return { json: undefined, grid: { header: [], rows: [] }, title, html: quoteMatrixHtml(q, options.groupBy, place) };
    }
    return {
      json: { groupBy: options.groupBy, columns: q.columns, groups: q.groups.map((g) => ({ value: g.value, informants: g.informants.map((i) => ({ id: i.id, cells: i.cells.map((cell) => cell.map((c) => ({ path: project.pathOf(c.uri), line: c.range.start.line + 1, column: c.range.start.character + 1, code: c.code, text: c.text }))) })) })) },
      grid: {
        header: [options.groupBy, 'informant', ...q.columns],
        rows: q.groups.flatMap((g) => g.informants.map((i) => [g.value, i.id, ...i.cells.map((cell) => cell.map((c) => `“${excerpt(c.text, options.format === 'table' ? 40 : 300)}” (${place(c)})`).join(' · '))])),
        textColumns: [1, ...q.columns.map((_, k) => k + 2)],
      },
      title,
    };
  }
  if (options.command === 'matrix') {
    const m = matrix(project, { rows: options.rows, columns: options.columns, count: options.count, filter: options.filter });
    return { json: matrixJson(m, options.percent), grid: matrixGrid(m, options.percent), title: `${options.count} of ${options.rows} by ${options.columns}${options.percent ? `, ${options.percent} %` : ''}${describeFilter(options.filter)}` };
  }
  if (options.command === 'cooccur') {
    const c = cooccurrence(project, { within: options.within, filter: options.filter });
    const within = c.within.kind === 'near' ? `within ${c.within.quotes} quotes` : c.within.kind === 'overlap' ? 'on overlapping text' : 'within a quote';
    const values = options.coefficients ? c.coefficients : c.cells;
    return {
      json: { codes: c.codes, cells: c.cells, coefficients: c.coefficients, within: c.within },
      grid: { header: ['code', ...c.codes], rows: c.codes.map((code, i) => [code, ...values[i]]), notes: [options.coefficients ? 'c-coefficient: n12 / (n1 + n2 − n12); — where neither code occurs.' : 'Quotes holding both codes; the diagonal: quotes holding the code.'] },
      title: `Co-occurrence ${within}${options.coefficients ? ' (c-coefficient)' : ''}${describeFilter(options.filter)}`,
    };
  }
  if (options.command === 'segments') {
    const found = segments(project, { expression: parseSegmentExpression(options.expression!), overlap: options.overlap, text: options.text, filter: options.filter });
    return {
      json: { expression: options.expression, overlap: options.overlap, segments: found.map((r) => ({ ...r, path: project.pathOf(r.uri) })) },
      grid: { header: ['place', 'informant', 'code', 'text', 'memo'], rows: found.map((r) => [`${project.pathOf(r.uri)}:${r.line}:${r.column}`, r.informant ?? r.speaker ?? '', r.code, r.text, r.memo ?? '']), notes: [`${found.length} codings`], textColumns: [1, 2, 3, 4] },
      title: `Segments: ${options.expression}${options.overlap ? ' (overlapping)' : ''}${describeFilter(options.filter)}`,
    };
  }
  const rows = triangulation(project, options.filter);
  return {
    json: { kinds: evidenceKinds.slice(0, 3), codes: rows },
    grid: {
      header: ['code', 'interview', 'observation', 'documentation', 'kinds', ''],
      rows: rows.map((r) => [r.code, r.codings.interview, r.codings.observation, r.codings.documentation, r.kinds, r.singleKind ? 'one kind only' : '']),
      textColumns: [5],
      notes: ['Codings in documents of each source; a code coded on one kind of evidence only is marked.'],
    },
    title: `Triangulation: the evidence each code stands on${describeFilter(options.filter)}`,
  };
}

function matrixJson(m: Matrix, percent?: Percentages): unknown {
  return {
    rows: m.rows,
    columns: m.columns,
    cells: m.cells,
    rowTotals: m.rowTotals,
    columnTotals: m.columnTotals,
    total: m.total,
    count: m.count,
    ...(percent ? { percent, percentages: percentages(m, percent) } : {}),
  };
}

function matrixGrid(m: Matrix, percent?: Percentages): Grid {
  const values = percent ? percentages(m, percent) : m.cells;
  return {
    header: ['', ...m.columns, 'total'],
    rows: [...m.rows.map((row, r) => [row, ...values[r], m.rowTotals[r]]), ['total', ...m.columnTotals, m.total]],
    notes: m.rows.length && m.count !== 'codings' && m.count !== 'presence' ? ['Totals count each quote, informant, document or word once, however many cells hold it.'] : [],
  };
}

/** The role-ordered display as a page: each coded text linked back to its place (opens in VS Code). */
function quoteMatrixHtml(q: QuoteMatrix, groupBy: string, place: (c: CellCoding) => string): string {
  const link = (c: CellCoding) => `vscode://file${encodeURI(URI.parse(c.uri).fsPath)}:${c.range.start.line + 1}:${c.range.start.character + 1}`;
  const head = `<tr><th>${escapeHtml(groupBy)}</th><th>informant</th>${q.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const rows = q.groups.flatMap((g) =>
    g.informants.map(
      (i, k) =>
        `<tr>${k === 0 ? `<th rowspan="${g.informants.length}">${escapeHtml(g.value)}</th>` : ''}<th>${escapeHtml(i.id)}</th>${i.cells
          .map((cell) => `<td class="quotes">${cell.map((c) => `<p>${escapeHtml(c.text)} <a href="${escapeHtml(link(c))}">${escapeHtml(place(c))}</a></p>`).join('')}</td>`)
          .join('')}</tr>`,
    ),
  );
  return htmlPage(`Coded texts by ${groupBy}`, `<table class="display">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`);
}
