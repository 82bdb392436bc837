// Names each listed once, with their numbers: a document's speaker labels and code paths, which
// its rows name by number (a few names against thousands of turns and codes written).

/** Names each listed once, in order of first use, with their numbers. */
export class NameList {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
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
}
