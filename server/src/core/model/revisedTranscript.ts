// A coder's transcript read as the first coder's with some chunks written differently. Two
// coders' copies of a transcript are mostly the same bytes: a second coder recodes some quotes
// and leaves the rest. Where the copies have the same front matter and differ only inside some
// chunks of the body (runs of whole blocks, cut after blank lines), the second coder's transcript
// is the first coder's parse with those chunks parsed apart. That reads a tenth of the text.
//
// It rests on the parser reading each block of the body on its own: a blank line ends every
// block, no markup crosses one, and the front matter only says whose turns are quotes (which the
// first coder's parse gives, the front matter being the same). Fenced code blocks hold blank
// lines, so the loader cuts no file that has one. Whatever the loader cut, the chunks are checked
// here: each must hold the same speakers' turns and the same plain text in both parses, or there
// is no revised transcript and the coder's file is parsed whole.
import type { ParsedTranscript } from './transcript';
import type { Span } from '../text/text';

/** A chunk the coder wrote differently: where it is in the first coder's source and in the parse of the changes. */
export interface ChangedChunk {
  base: Span;
  change: Span;
}

export class RevisedTranscript {
  private constructor(
    /** The first coder's transcript, parsed whole. */
    readonly base: ParsedTranscript,
    /** The coder's changed chunks, parsed as one transcript (without the front matter). */
    readonly changes: ParsedTranscript,
    /** For each of the base's turns: its number in `changes`, or -1 where the coder left it as it is. */
    private readonly changedTurn: Int32Array,
  ) {}

  /**
   * The coder's transcript from the base and the changes, or undefined where the chunks do not
   * hold the same speakers' turns and plain text in both (the coder's file must then be parsed whole).
   */
  static of(base: ParsedTranscript, changes: ParsedTranscript, chunks: ChangedChunk[]): RevisedTranscript | undefined {
    const changedTurn = new Int32Array(base.turnCount).fill(-1);
    let t = 0;
    let k = 0;
    let previousEnd = 0;
    for (const chunk of chunks) {
      if (chunk.base.start < previousEnd || chunk.base.end < chunk.base.start || chunk.change.end < chunk.change.start) return undefined;
      previousEnd = chunk.base.end;
      while (t < base.turnCount && base.turnStartOf(t) < chunk.base.start) t++;
      while (k < changes.turnCount && changes.turnStartOf(k) < chunk.change.start) k++;
      for (; t < base.turnCount && base.turnStartOf(t) < chunk.base.end; t++, k++) {
        if (k >= changes.turnCount || changes.turnStartOf(k) >= chunk.change.end || changes.speakerOf(k) !== base.speakerOf(t)) return undefined;
        changedTurn[t] = k;
      }
      if (k < changes.turnCount && changes.turnStartOf(k) < chunk.change.end) return undefined;
      if (plainTextOf(base, chunk.base) !== plainTextOf(changes, chunk.change)) return undefined;
    }
    return new RevisedTranscript(base, changes, changedTurn);
  }

  get turnCount(): number {
    return this.base.turnCount;
  }

  /** Whether the coder left a turn (numbered as in the base) as the first coder wrote it. */
  isUnchanged(turn: number): boolean {
    return this.changedTurn[turn] < 0;
  }

  /** The parse that holds the coder's turn `turn`: the base's, or the changes'. */
  parsedOf(turn: number): ParsedTranscript {
    return this.changedTurn[turn] < 0 ? this.base : this.changes;
  }

  /** The turn's number in `parsedOf(turn)`. */
  turnOf(turn: number): number {
    const k = this.changedTurn[turn];
    return k < 0 ? turn : k;
  }
}

/** The plain text of a span of the source that starts and ends between blocks (no markup cut). */
function plainTextOf(parsed: ParsedTranscript, span: Span): string {
  const plain = parsed.plainIndex;
  return plain.slice(plain.toPlain(span.start), plain.toPlain(span.end));
}
