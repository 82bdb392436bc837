// The counts that completion and hover show for any code at any moment, also right after a
// keystroke: codings of a code and of the codes below it, and how many informants carry them.
import type { Codebook } from '../model/codebook';
import type { IndexedDocument, ProjectIndex } from './projectIndex';

export interface CodeStats {
  codings: number;
  informants: number;
}

/**
 * Cells (codes × informants) kept as arrays of counts, 16 million: a code whose row would not fit
 * keeps its counts in a map instead. A map per code held 77 MB on 10,000 transcripts (1.2 million
 * entries); rows of 10,000 informants for 540 codes take 11 MB at two bytes a count.
 */
const defaultCellBudget = 1 << 24;

/**
 * One code's codings by informant number: an array of counts (two bytes each until a count
 * passes 65,535, then four), or a map of the non-zero ones.
 */
type Row = Uint16Array | Int32Array | Map<number, number>;

/**
 * Per code of the codebook: its codings and those below it, and how many of them each informant
 * has. Counted once from the whole project, then updated by the documents that leave and enter
 * the index: an edit costs the size of the document. A new codebook means counting again.
 */
export class LiveCodeStats {
  readonly codebook: Codebook;
  /** Each codebook code's number, in codebook order. */
  private readonly codeNumbers = new Map<string, number>();
  /** For each code number: its own number and those of the codes above it. */
  private readonly chains: number[][] = [];
  private readonly codings: Int32Array;
  /** Informants with at least one coding of the code or below it, per code number. */
  private readonly carriers: Int32Array;
  private readonly informantNumbers = new Map<string, number>();
  private readonly rows: (Row | undefined)[] = [];
  private cells = 0;
  readonly dispose: () => void;

  constructor(
    index: ProjectIndex,
    codebook: Codebook,
    /** Cells of counts kept as arrays (tests give a small budget to see maps kept instead). */
    private readonly cellBudget = defaultCellBudget,
  ) {
    this.codebook = codebook;
    for (const definition of codebook.codes.values()) {
      const number = this.codeNumbers.size;
      this.codeNumbers.set(definition.path, number);
      const parent = definition.parent === undefined ? undefined : this.codeNumbers.get(definition.parent);
      this.chains.push(parent === undefined ? [number] : [number, ...this.chains[parent]]);
    }
    this.codings = new Int32Array(this.codeNumbers.size);
    this.carriers = new Int32Array(this.codeNumbers.size);
    // Numbered before counting, so that each row is made at its full length once rather than grown
    // (and copied) as informants turn up.
    for (const id of index.informantsInData()) this.informantNumber(id);
    for (const doc of index.documents.values()) this.apply(doc, 1);
    this.dispose = index.observe((doc, change) => this.apply(doc, change));
  }

  stats(path: string): CodeStats {
    const code = this.codeNumbers.get(path);
    return code === undefined ? { codings: 0, informants: 0 } : { codings: this.codings[code], informants: this.carriers[code] };
  }

  private apply(doc: IndexedDocument, change: 1 | -1): void {
    const parsed = doc.parsed;
    // Codings come in runs of one code and one informant: each is looked up once per run.
    let lastPath: string | undefined;
    let chain: number[] | undefined;
    let lastId: string | undefined;
    let informant = -1;
    for (let i = 0; i < parsed.codingCount; i++) {
      const path = parsed.codeOfCoding(i);
      if (path !== lastPath) {
        lastPath = path;
        const code = this.codeNumbers.get(path);
        chain = code === undefined ? undefined : this.chains[code];
      }
      if (!chain) continue;
      const id = doc.informantOfCoding(i);
      if (id !== lastId || i === 0) {
        lastId = id;
        informant = id === undefined ? -1 : this.informantNumber(id);
      }
      for (const code of chain) {
        this.codings[code] += change;
        if (informant >= 0) this.count(code, informant, change);
      }
    }
  }

  private informantNumber(id: string): number {
    let number = this.informantNumbers.get(id);
    if (number === undefined) this.informantNumbers.set(id, (number = this.informantNumbers.size));
    return number;
  }

  /** Adds `change` to a code's codings by an informant, and keeps the count of its carriers. */
  private count(code: number, informant: number, change: 1 | -1): void {
    let row = this.rows[code];
    let before: number;
    if (row instanceof Map) {
      before = row.get(informant) ?? 0;
      if (before + change === 0) row.delete(informant);
      else row.set(informant, before + change);
    } else {
      if (row === undefined || informant >= row.length) row = this.grow(code, informant + 1);
      if (row instanceof Map) return this.count(code, informant, change);
      before = row[informant];
      if (before + change > 0xffff && row instanceof Uint16Array) row = this.rows[code] = Int32Array.from(row);
      row[informant] = before + change;
    }
    if (before === 0 && change > 0) this.carriers[code]++;
    else if (before + change === 0) this.carriers[code]--;
  }

  /** A code's row, grown to hold `length` informants: as an array while the budget allows, else as a map. */
  private grow(code: number, length: number): Row {
    const old = this.rows[code] as Uint16Array | Int32Array | undefined;
    const size = Math.max(length, this.informantNumbers.size, Math.ceil((old?.length ?? 0) * 1.5));
    let row: Row;
    if (this.cells - (old?.length ?? 0) + size <= this.cellBudget) {
      row = old instanceof Int32Array ? new Int32Array(size) : new Uint16Array(size);
      if (old) row.set(old);
      this.cells += size - (old?.length ?? 0);
    } else {
      row = new Map<number, number>();
      if (old) for (let i = 0; i < old.length; i++) if (old[i] !== 0) row.set(i, old[i]);
      this.cells -= old?.length ?? 0;
    }
    this.rows[code] = row;
    return row;
  }
}
