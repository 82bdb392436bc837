// CSV as spreadsheets read it: RFC 4180 (fields with a comma, quote or line break quoted, quotes
// doubled, CRLF between records), UTF-8 with a byte order mark so that Excel takes it for UTF-8.
// A text field that starts with '=', '+', '-', '@', a tab or a carriage return is prefixed with
// an apostrophe, so that a spreadsheet never runs a quote from a transcript as a formula. A field
// with a semicolon is quoted too: spreadsheets set to a locale that splits on ';' (Indonesian
// Excel among them) would otherwise start a new cell, perhaps a formula, after it.
// Numbers are written as numbers (a negative kappa stays a number).

export type CsvCell = string | number | null | undefined;

const formulaStart = /^[=+\-@\t\r]/;

export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = formulaStart.test(cell) ? `'${cell}` : cell;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file: the byte order mark, then each row as a record. */
export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
