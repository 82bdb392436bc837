// The matrix (Miles and Huberman's display; NVivo's matrix coding query, MAXQDA's Code Matrix
// Browser): codes (with their themes rolled up) or informants down the side; informants, an
// informant attribute (role, age…), a document attribute (source, date, any front-matter key) or
// codes across; in each cell a count of the codings that fall in both. A coding counts for its
// code and every code above it, so a theme's row holds what any of its codes holds.
import { codesInScope, forEachCoding, informantPasses, type AnalysisFilter, type ScopedCoding } from './analysisScope';
import { codedText, informantIds } from './codeTree';
import type { Range } from '../text/text';
import { countAtOrBelow, countBelow } from '../text/sortedSearch';
import type { Project } from '../project/workspace';

export type MatrixCount = 'codings' | 'quotes' | 'informants' | 'documents' | 'words' | 'presence';
export const matrixCounts: readonly MatrixCount[] = ['codings', 'quotes', 'informants', 'documents', 'words', 'presence'];

/**
 * An axis: `codes`; `informants`; an informant attribute (`role`, or `informant.role`); a document
 * attribute (`source`, `date`, any front-matter key, or `document.<key>`).
 */
export type MatrixAxis = { kind: 'codes' } | { kind: 'informants' } | { kind: 'informant-attribute'; key: string } | { kind: 'document-attribute'; key: string };

export interface MatrixOptions {
  rows: 'codes' | 'informants';
  /** `codes`, `informants`, or an attribute name (see `matrixAxis`). */
  columns: string;
  count: MatrixCount;
  filter?: AnalysisFilter;
}

export interface Matrix {
  rows: string[];
  columns: string[];
  /** cells[row][column]. */
  cells: number[][];
  /** Each row over all columns (distinct: a quote is counted once however many columns hold it). */
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  count: MatrixCount;
  /** How the columns were read. */
  columnAxis: MatrixAxis;
}

/** The value of an attribute that an informant or a document does not have. */
const noValue = '(none)';

/** How an axis name is read: `codes`, `informants`, `informant.<key>`, `document.<key>`, or a bare key, an informant attribute if any informant has it. */
function matrixAxis(project: Project, name: string): MatrixAxis {
  if (name === 'codes' || name === 'informants') return { kind: name };
  if (name.startsWith('informant.')) return { kind: 'informant-attribute', key: name.slice('informant.'.length) };
  if (name.startsWith('document.')) return { kind: 'document-attribute', key: name.slice('document.'.length) };
  const isInformantAttribute = [...project.informants.informants.values()].some((informant) => name in informant.attributes);
  return isInformantAttribute ? { kind: 'informant-attribute', key: name } : { kind: 'document-attribute', key: name };
}

/** A document's value of a front-matter key, as text. */
function documentAttribute(coding: ScopedCoding, key: string): string {
  const frontMatter = coding.doc.parsed.frontMatter;
  if (!frontMatter) return noValue;
  const known = key === 'source' ? frontMatter.source : key === 'date' ? frontMatter.date : key === 'informant' ? frontMatter.informant : key === 'interviewer' ? frontMatter.interviewer : undefined;
  if (known) return known.value;
  const value = frontMatter.attributes[key];
  return value === undefined || value === null || value === '' ? noValue : String(value);
}

/** The keys a coding falls under on an axis. */
function keysOn(project: Project, axis: MatrixAxis, coding: ScopedCoding): string[] {
  switch (axis.kind) {
    case 'codes':
      return coding.paths;
    case 'informants':
      return coding.informant === undefined ? [] : [coding.informant];
    case 'informant-attribute': {
      const informant = coding.informant === undefined ? undefined : project.informants.informants.get(coding.informant);
      const value = informant?.attributes[axis.key];
      return [value === undefined || value === '' ? noValue : value];
    }
    case 'document-attribute':
      return [documentAttribute(coding, axis.key)];
  }
}

/** The order of an axis's values: codebook order, informants.yaml order, or attribute values as first met there, then sorted. */
function axisOrder(project: Project, axis: MatrixAxis, filter: AnalysisFilter, met: Set<string>): string[] {
  if (axis.kind === 'codes') return codesInScope(project.codebook, filter);
  if (axis.kind === 'informants') return informantIds(project).filter((id) => met.has(id) || (project.informants.informants.has(id) && informantPasses(project, filter, id)));
  const listed: string[] = [];
  if (axis.kind === 'informant-attribute') {
    for (const informant of project.informants.informants.values()) {
      const value = informant.attributes[axis.key];
      if (value !== undefined && value !== '' && !listed.includes(value)) listed.push(value);
    }
  }
  const rest = [...met].filter((value) => !listed.includes(value) && value !== noValue).sort();
  return [...listed, ...rest, ...(met.has(noValue) ? [noValue] : [])];
}

/** Counts of one cell (or one row's or column's total) while the codings are read: only what the count needs. */
class Cell {
  codings = 0;
  /** Quotes, informants or documents, as numbers or ids. */
  private readonly distinct = new Set<number | string>();
  /** Coded text per document, as code point ranges (words are counted over their union). */
  readonly spans = new Map<number, [number, number][]>();

  constructor(private readonly count: MatrixCount) {}

  add(coding: ScopedCoding): void {
    this.codings++;
    switch (this.count) {
      case 'quotes':
        this.distinct.add(segmentNumber(coding));
        break;
      case 'informants':
        if (coding.informant !== undefined) this.distinct.add(coding.informant);
        break;
      case 'documents':
        this.distinct.add(coding.docNumber);
        break;
      case 'words': {
        let list = this.spans.get(coding.docNumber);
        if (!list) this.spans.set(coding.docNumber, (list = []));
        list.push([coding.doc.parsed.plainStartOf(coding.coding), coding.doc.parsed.plainEndOf(coding.coding)]);
        break;
      }
      default:
        break;
    }
  }

  value(wordsIn: (docNumber: number, spans: [number, number][]) => number): number {
    switch (this.count) {
      case 'codings':
        return this.codings;
      case 'presence':
        return this.codings > 0 ? 1 : 0;
      case 'words': {
        let words = 0;
        for (const [docNumber, spans] of this.spans) words += wordsIn(docNumber, spans);
        return words;
      }
      default:
        return this.distinct.size;
    }
  }
}

/** A number for the quote a coding lies in, or for its own text outside turns (distinct across documents). */
function segmentNumber(coding: ScopedCoding): number {
  const within = coding.turn >= 0 ? coding.turn : 0x100000 + coding.doc.parsed.tagBlockOfCoding(coding.coding);
  return coding.docNumber * 0x200000 + within;
}

const word = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;

/** Where the words of a document's coded ranges start and end, in code points of its plain text. */
function codedWords(parsed: ScopedCoding['doc']['parsed'], ranges: [number, number][]): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  const points = parsed.plainIndex.codePoints;
  for (const [start, end] of ranges) wordRanges(parsed.plainIndex.slice(points.toUtf16(start), points.toUtf16(end)), start, starts, ends);
  return { starts, ends };
}

/** Adds where a text's words start and end, in code points from `base`. */
function wordRanges(text: string, base: number, starts: number[], ends: number[]): void {
  // Code points are counted as the matches are found: the text is read once.
  let point = base;
  let at = 0;
  const advance = (to: number) => {
    for (; at < to; at++) {
      const c = text.charCodeAt(at);
      if (c < 0xdc00 || c > 0xdfff) point++;
    }
  };
  word.lastIndex = 0;
  for (let m = word.exec(text); m; m = word.exec(text)) {
    advance(m.index);
    starts.push(point);
    advance(m.index + m[0].length);
    ends.push(point);
  }
}

/** Words in a text: runs of letters and digits, with inner apostrophes and hyphens (`tanya-tanya`, `Jum'at`). */
export function countWords(text: string): number {
  let n = 0;
  word.lastIndex = 0;
  while (word.exec(text)) n++;
  return n;
}

export function matrix(project: Project, options: MatrixOptions): Matrix {
  const filter = options.filter ?? {};
  const rowAxis: MatrixAxis = options.rows === 'codes' ? { kind: 'codes' } : { kind: 'informants' };
  const columnAxis = matrixAxis(project, options.columns);
  const cells = new Map<string, Map<string, Cell>>();
  const rowTotals = new Map<string, Cell>();
  const columnTotals = new Map<string, Cell>();
  const total = new Cell(options.count);
  const metRows = new Set<string>();
  const metColumns = new Set<string>();
  const documents: ScopedCoding['doc'][] = [];
  /** By words: every coded range of each document, where its words are looked for. */
  const coded = new Map<number, [number, number][]>();
  forEachCoding(project, filter, (coding) => {
    documents[coding.docNumber] = coding.doc;
    if (options.count === 'words') {
      let list = coded.get(coding.docNumber);
      if (!list) coded.set(coding.docNumber, (list = []));
      list.push([coding.doc.parsed.plainStartOf(coding.coding), coding.doc.parsed.plainEndOf(coding.coding)]);
    }
    const rows = keysOn(project, rowAxis, coding);
    const columns = keysOn(project, columnAxis, coding);
    if (rows.length === 0 || columns.length === 0) return;
    for (const row of rows) {
      metRows.add(row);
      let line = cells.get(row);
      if (!line) cells.set(row, (line = new Map()));
      for (const column of columns) {
        let cell = line.get(column);
        if (!cell) line.set(column, (cell = new Cell(options.count)));
        cell.add(coding);
      }
      let rowTotal = rowTotals.get(row);
      if (!rowTotal) rowTotals.set(row, (rowTotal = new Cell(options.count)));
      rowTotal.add(coding);
    }
    for (const column of columns) {
      metColumns.add(column);
      let columnTotal = columnTotals.get(column);
      if (!columnTotal) columnTotals.set(column, (columnTotal = new Cell(options.count)));
      // Down a column of codes, a coding counts once, not once per code above it.
      columnTotal.add(coding);
    }
    total.add(coding);
  });
  // Each document's words, found once, as code point ranges: a span's words are those it touches.
  const wordsOf = new Map<number, { starts: number[]; ends: number[] }>();
  const wordsIn = (docNumber: number, spans: [number, number][]) => {
    let words = wordsOf.get(docNumber);
    if (!words) wordsOf.set(docNumber, (words = codedWords(documents[docNumber].parsed, mergedSpans(coded.get(docNumber)!))));
    let n = 0;
    for (const [start, end] of mergedSpans(spans)) n += countBelow(words.starts, end) - countAtOrBelow(words.ends, start);
    return n;
  };
  const rowNames = axisOrder(project, rowAxis, filter, metRows);
  const columnNames = axisOrder(project, columnAxis, filter, metColumns);
  const valueOf = (cell: Cell | undefined) => (cell ? cell.value(wordsIn) : 0);
  return {
    rows: rowNames,
    columns: columnNames,
    cells: rowNames.map((row) => columnNames.map((column) => valueOf(cells.get(row)?.get(column)))),
    rowTotals: rowNames.map((row) => valueOf(rowTotals.get(row))),
    columnTotals: columnNames.map((column) => valueOf(columnTotals.get(column))),
    total: valueOf(total),
    count: options.count,
    columnAxis,
  };
}

/** Sorted, merged [start, end) ranges. */
function mergedSpans(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    if (end <= start) continue;
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** A coding behind a cell: where it is and what it codes, for the view to list and open. */
export interface CellCoding {
  uri: string;
  range: Range;
  text: string;
  code: string;
  informant?: string;
}

/** The codings behind one cell of a matrix (its row and column keys), in the order of the transcripts. */
export function matrixCellCodings(project: Project, options: MatrixOptions, row: string, column: string): CellCoding[] {
  const rowAxis: MatrixAxis = options.rows === 'codes' ? { kind: 'codes' } : { kind: 'informants' };
  const columnAxis = matrixAxis(project, options.columns);
  const found: CellCoding[] = [];
  forEachCoding(project, options.filter ?? {}, (coding) => {
    if (!keysOn(project, rowAxis, coding).includes(row) || !keysOn(project, columnAxis, coding).includes(column)) return;
    const parsed = coding.doc.parsed;
    const object = parsed.codings[coding.coding];
    found.push({ uri: coding.doc.uri, range: object.textRange, text: codedText(parsed, object), code: object.code, ...(coding.informant ? { informant: coding.informant } : {}) });
  });
  return found;
}

export { percentages, type Percentages } from './percentages';

/** The columns a matrix of `rows` can take, for pickers: codes or informants, then every attribute. */
export function matrixColumnChoices(project: Project): { informantAttributes: string[]; documentAttributes: string[] } {
  const informantAttributes = [...new Set([...project.informants.informants.values()].flatMap((informant) => Object.keys(informant.attributes)))];
  const documentAttributes = new Set<string>(['source', 'date']);
  for (const doc of project.index.documents.values()) for (const key of Object.keys(doc.parsed.frontMatter?.attributes ?? {})) documentAttributes.add(key);
  return { informantAttributes, documentAttributes: [...documentAttributes] };
}


/**
 * Miles and Huberman's role-ordered display: informants grouped by an attribute (role) down the
 * side, codes or themes across, and in each cell the coded texts themselves, each with its place.
 */
export interface QuoteMatrix {
  columns: string[];
  groups: { value: string; informants: { id: string; cells: CellCoding[][] }[] }[];
}

export function quoteMatrix(project: Project, options: { groupBy: string; columns: 'themes' | 'codes'; filter?: AnalysisFilter }): QuoteMatrix {
  const filter = options.filter ?? {};
  const columns = codesInScope(project.codebook, filter).filter((path) => options.columns === 'codes' || project.codebook.codes.get(path)!.depth === 0);
  const ids = informantIds(project).filter((id) => informantPasses(project, filter, id));
  const cells = new Map<string, CellCoding[][]>(ids.map((id) => [id, columns.map(() => [])]));
  const index = new Map(columns.map((c, i) => [c, i]));
  forEachCoding(project, filter, (coding) => {
    const row = coding.informant === undefined ? undefined : cells.get(coding.informant);
    if (!row) return;
    const parsed = coding.doc.parsed;
    const object = parsed.codings[coding.coding];
    const entry: CellCoding = { uri: coding.doc.uri, range: object.textRange, text: codedText(parsed, object), code: object.code, informant: coding.informant };
    for (const path of coding.paths) {
      const c = index.get(path);
      if (c !== undefined) row[c].push(entry);
    }
  });
  const valueOf = (id: string) => project.informants.informants.get(id)?.attributes[options.groupBy] || noValue;
  const order: string[] = [];
  for (const id of ids) if (!order.includes(valueOf(id))) order.push(valueOf(id));
  return {
    columns,
    groups: order.map((value) => ({ value, informants: ids.filter((id) => valueOf(id) === value).map((id) => ({ id, cells: cells.get(id)! })) })),
  };
}
