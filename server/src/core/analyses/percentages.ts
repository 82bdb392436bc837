// A matrix's cells as percentages of their row, their column or the whole table. Pure, so that
// the command line, the report and the Analysis view (in the client) share it.

export type Percentages = 'row' | 'column' | 'table';

/** Each cell as a percentage (0–100, two decimals) of its row's total, its column's, or the table's; null where the total is 0. */
export function percentages(m: { cells: number[][]; rowTotals: number[]; columnTotals: number[]; total: number }, of: Percentages): (number | null)[][] {
  return m.cells.map((line, r) =>
    line.map((value, c) => {
      const whole = of === 'row' ? m.rowTotals[r] : of === 'column' ? m.columnTotals[c] : m.total;
      return whole === 0 ? null : Math.round((10000 * value) / whole) / 100;
    }),
  );
}
