// A table of figures as the command line, the report and the views write it: text for a
// terminal, CSV for spreadsheets, Markdown and HTML for documents. Every string from a project
// (code names, attribute values) is escaped for the format it goes into.
import { toCsv, type CsvCell } from './csv';

export interface Grid {
  header: string[];
  rows: CsvCell[][];
  /** Notes below the table (what a dash means, what was filtered). */
  notes?: string[];
  /** Columns of text, aligned left like the first (figures are aligned right). */
  textColumns?: number[];
}

const show = (cell: CsvCell): string => (cell === null || cell === undefined ? '—' : String(cell));

/** Columns aligned with spaces, the first to the left, the others (figures) to the right. */
export function gridText(grid: Grid): string {
  const cells = [grid.header, ...grid.rows.map((row) => row.map(show))];
  // Widths by a loop, not Math.max(...rows): a grid may have more rows than a call takes arguments.
  const widths = grid.header.map(() => 0);
  for (const row of cells) for (let c = 0; c < widths.length; c++) widths[c] = Math.max(widths[c], [...(row[c] ?? '')].length);
  const left = new Set([0, ...(grid.textColumns ?? [])]);
  const lines = cells.map((row) => row.map((cell, c) => (left.has(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  return [...lines, ...(grid.notes?.length ? ['', ...grid.notes] : [])].join('\n');
}

export function gridCsv(grid: Grid): string {
  return toCsv([grid.header, ...grid.rows]);
}

function escapeMarkdownCell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

export function gridMarkdown(grid: Grid): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(grid.header.map(escapeMarkdownCell)),
    line(grid.header.map((_, c) => (c === 0 || grid.textColumns?.includes(c) ? '---' : '---:'))),
    ...grid.rows.map((row) => line(row.map((cell) => escapeMarkdownCell(show(cell))))),
    ...(grid.notes?.length ? ['', ...grid.notes.map(escapeMarkdownCell)] : []),
  ].join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** An HTML table (to stand in a page of its own or in a report). */
export function gridHtmlTable(grid: Grid): string {
  const head = `<tr>${grid.header.map((h, c) => `<th${c === 0 ? ' scope="col"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = grid.rows.map((row) => `<tr>${row.map((cell, c) => (c === 0 ? `<th scope="row">${escapeHtml(show(cell))}</th>` : `<td>${escapeHtml(show(cell))}</td>`)).join('')}</tr>`).join('\n');
  const notes = (grid.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${notes ? `\n${notes}` : ''}`;
}

/** A self-contained page: inline style, no script, everything escaped. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: 0.25rem 0.5rem; }
td { text-align: right; font-variant-numeric: tabular-nums; }
thead th { background: #eee; }
tbody th { text-align: left; font-weight: normal; }
.note { color: #555; font-size: 0.9rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.5rem 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
blockquote { margin: 0.5rem 0 0.75rem 1.5rem; padding-left: 0.75rem; border-left: 3px solid #bbb; }
blockquote p { margin: 0; }
blockquote footer { color: #555; font-size: 0.9rem; }
td.quotes { text-align: left; vertical-align: top; font-size: 0.9rem; min-width: 12rem; }
td.quotes p { margin: 0 0 0.4rem; }
@media print { body { margin: 0; } thead { display: table-header-group; } tr { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>
`;
}
