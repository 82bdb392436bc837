// A filter per document for searches of the quotes' words (workspace symbols): which pairs of
// neighbouring characters (case aside, text/characterPairs) its quotes hold, and which their first
// `inViewLength` code units hold. A word that cannot occur in a document's quotes skips its text,
// which a search would read whole (a word found nowhere read all 588 MB of the benchmark's XL).
//
// Made on the first search that reaches the document, or before any search by the server once the
// study is indexed (`prime`, a few milliseconds at a time), not while indexing (the cold index
// stays as fast as it was); an edit or a removal forgets it, and the next search makes it again,
// or the server once edits pause. 256 bytes a document, in blocks of 256 documents: one typed
// array per document would cost as much again.
import { CharacterPairs, characterPairsWords, mayHold } from '../text/characterPairs';
import type { ParsedTranscript } from '../model/transcript';

/**
 * How much of a quote's text a list of quotes shows: the name `excerpt(…, 60)` of its plain text
 * shows its first 59 characters, and the plain text of the first 59 code units as written is no
 * longer (markup left out, runs of white space as one, an emoji one character): words that end
 * there are in the name, unless they are in the markup.
 */
export const inViewLength = 59;

/** Words of a document's row: its quotes' pairs, then those of their starts. */
const rowWords = 2 * characterPairsWords;
const blockRows = 256;

export class QuotePairs {
  private readonly blocks: Uint32Array[] = [];
  /** Per block and row, which of its two filters are made for the document's present parse (`madeWhole`, `madeStarts`). */
  private readonly made: Uint8Array[] = [];

  /**
   * Whether some quote of document `row`, whose parse is `parsed`, may hold a literal of these
   * classes (`characterClasses`), anywhere or (`inView`) within its first `inViewLength` code
   * units: false only if none can.
   */
  mayHold(row: number, parsed: ParsedTranscript, classes: Uint8Array, inView: boolean): boolean {
    const at = this.make(row, parsed, inView ? madeStarts : madeWhole);
    return mayHold(this.blocks[row >> 8], inView ? at + characterPairsWords : at, classes);
  }

  /** Makes document `row`'s filters, as a search of its whole quotes would; returns whether they were not made yet. */
  prime(row: number, parsed: ParsedTranscript): boolean {
    const made = (this.made[row >> 8]?.[row & (blockRows - 1)] ?? 0) & madeWhole;
    if (!made) this.make(row, parsed, madeWhole);
    return !made;
  }

  /** Makes the filters `needed` of document `row` where they are not made; gives where its row starts. */
  private make(row: number, parsed: ParsedTranscript, needed: number): number {
    const block = row >> 8;
    const at = (row & (blockRows - 1)) * rowWords;
    while (this.blocks.length <= block) {
      this.blocks.push(new Uint32Array(blockRows * rowWords));
      this.made.push(new Uint8Array(blockRows));
    }
    const made = this.made[block];
    if (!(made[row & (blockRows - 1)] & needed)) {
      // The quotes' starts alone are an eighth of their text: a search that needs only them reads only them.
      addQuotePairs(parsed, this.blocks[block], at, needed === madeStarts);
      made[row & (blockRows - 1)] |= needed | madeStarts;
    }
    return at;
  }

  /** The document's parse changed or it left the index. */
  forget(row: number): void {
    const block = row >> 8;
    if (block >= this.blocks.length || !this.made[block][row & (blockRows - 1)]) return;
    this.made[block][row & (blockRows - 1)] = 0;
    this.blocks[block].fill(0, (row & (blockRows - 1)) * rowWords, ((row & (blockRows - 1)) + 1) * rowWords);
  }
}

const madeWhole = 1;
const madeStarts = 2;

/** One for every document in turn. */
let collector: CharacterPairs | undefined;

function addQuotePairs(parsed: ParsedTranscript, pairs: Uint32Array, at: number, startsOnly: boolean): void {
  const source = parsed.source;
  const text = source.compact ? undefined : source.text;
  const pairsOf = (collector ??= new CharacterPairs());
  for (let t = 0; t < parsed.turnCount; t++) {
    if (!parsed.isQuote(t)) continue;
    const start = parsed.contentStartOf(t);
    const end = parsed.contentEndOf(t);
    // A compact text is read in its bytes, never decoded.
    const bytes = text === undefined ? source.utf8Range(start, end) : undefined;
    if (bytes) pairsOf.addUtf8(bytes.bytes, bytes.from, bytes.to, inViewLength, startsOnly);
    else if (text !== undefined) pairsOf.addText(text, start, end, inViewLength, startsOnly);
    else pairsOf.addText(source.slice(start, end), 0, end - start, inViewLength, startsOnly);
  }
  pairsOf.into(pairs, at, at + characterPairsWords, startsOnly);
}
