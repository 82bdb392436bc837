// Rows of numbers of one width in one growing Int32Array: how the parser collects what it finds
// without an object per element. One set of rows serves every parse.
import { offsetArray, type OffsetArray } from './offsetArray';

const initialRows = 1024;
/** About a megabyte: room for the rows of a transcript several times the usual size. */
const maxKeptRows = 1 << 18;

/** Rows of numbers of one width, growing as rows are added: one set serves every parse. */
export class Rows {
  data = new Int32Array(initialRows);
  count = 0;

  constructor(readonly width: number) {}

  /** Empty, and small again after a huge file, which would otherwise keep its rows' memory. */
  clear(): void {
    this.count = 0;
    if (this.data.length > maxKeptRows) this.data = new Int32Array(initialRows);
  }

  /** Adds a row of zeros and gives its offset in `data` (which may be a new array). */
  add(): number {
    const offset = this.count * this.width;
    if (offset + this.width > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    for (let k = offset; k < offset + this.width; k++) data[k] = 0;
    this.count++;
    return offset;
  }

  /**
   * The rows added, in an array of their own (two bytes a number where all fit: `offsetArray`,
   * so every number must be non-negative; `atMost`, a bound known to hold for every number);
   * none are left (and after a huge file, no room for them either).
   */
  take(atMost?: number): OffsetArray {
    const rows = offsetArray(this.data, this.count * this.width, atMost);
    this.clear();
    return rows;
  }
}
