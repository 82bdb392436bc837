// Names each listed once, with their numbers: a document's speaker labels and code paths, which
// its rows name by number (a few names against thousands of turns and codes written).

/** Names each listed once, in order of first use, with their numbers. */
export class NameList {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();

  /** The name's number, given it now if it is new. */
  numberOf(name: string): number {
    let number = this.numbers.get(name);
    if (number === undefined) this.numbers.set(name, (number = this.names.push(name) - 1));
    return number;
  }
}
