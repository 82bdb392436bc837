// Names each listed once, with their numbers: a document's speaker labels and code paths, which
// its rows name by number (a few names against thousands of turns and codes written).
import { internSlice } from './intern';

/** Names each listed once, in order of first use, with their numbers. */
export class NameList {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** Numbers by a hash of the name's characters (several where hashes collide), to number a name written in a text without cutting it out. */
  private readonly byHash = new Map<number, number | number[]>();
  /** The last name asked for: a turn's speaker or a code is often the one before's. */
  private last: string | undefined;
  private lastNumber = -1;

  /** The name's number, given it now if it is new. */
  numberOf(name: string): number {
    if (name === this.last) return this.lastNumber;
    let number = this.numbers.get(name);
    if (number === undefined) this.numbers.set(name, (number = this.names.push(name) - 1));
    this.last = name;
    return (this.lastNumber = number);
  }

  /**
   * The number of the name written at text[start, end), given it now (interned) if it is new.
   * A name met before is found by its hash and compared in place: no string is cut out, and no
   * lookup by string (a comment dump names 200,000 turns' speakers).
   */
  numberAt(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 ^ (end - start);
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    const entry = this.byHash.get(hash);
    if (typeof entry === 'number') {
      if (this.isWrittenAt(entry, text, start, end)) return entry;
    } else if (entry !== undefined) {
      for (const number of entry) if (this.isWrittenAt(number, text, start, end)) return number;
    }
    const number = this.numberOf(internSlice(text, start, end));
    this.byHash.set(hash, entry === undefined ? number : typeof entry === 'number' ? [entry, number] : [...entry, number]);
    return number;
  }

  private isWrittenAt(number: number, text: string, start: number, end: number): boolean {
    const name = this.names[number];
    return name.length === end - start && text.startsWith(name, start);
  }
}
