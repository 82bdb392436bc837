import * as assert from 'assert';
import { csvField, toCsv } from '../../server/src/core/analyses/csv';

/** A spreadsheet's reader of one record: fields split on `separator`, RFC 4180 quotes honoured. */
function spreadsheetCells(record: string, separator: ',' | ';'): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const c = record[i];
    if (quoted) {
      if (c === '"' && record[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) cells.push(cell), (cell = '');
    else cell += c;
  }
  return [...cells, cell];
}

describe('CSV', () => {
  it('quotes what needs quoting and neutralises formulas in text, not in numbers', () => {
    assert.deepStrictEqual(
      ['plain', 'a,b', 'say "hi"', 'two\nlines', '=SUM(A1)', '+1', '-x', '@me', '\tx', 12, -0.25, null].map(csvField),
      ['plain', '"a,b"', '"say ""hi"""', '"two\nlines"', "'=SUM(A1)", "'+1", "'-x", "'@me", "'\tx", '12', '-0.25', ''],
    );
    assert.strictEqual(toCsv([['a', 1], ['b', null]]), '\uFEFFa,1\r\nb,\r\n');
  });

  it('quotes a field with a semicolon, so that a spreadsheet splitting on ";" sees no formula after it', () => {
    const hostile = "ok;=cmd|' /C calc'!A0";
    assert.strictEqual(csvField(hostile), `"${hostile}"`);
    const record = ['quote', hostile, '+1;@x', 3].map(csvField).join(',');
    for (const separator of [',', ';'] as const) {
      const cells = spreadsheetCells(record, separator);
      assert.deepStrictEqual(cells.filter((cell) => /^[=+\-@]/.test(cell)), [], `split on '${separator}': ${JSON.stringify(cells)}`);
    }
    assert.deepStrictEqual(spreadsheetCells(record, ','), ['quote', hostile, "'+1;@x", '3']);
  });
});
