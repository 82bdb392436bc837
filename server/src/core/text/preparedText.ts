// What a file reader prepares for the parser besides the text itself, as one value. The file
// system makes it; only the parser (which reads the scan) and the source text (which may keep
// the bytes instead of the string) look inside. A reader thread prepares it while the main
// thread parses another file, and its arrays cross between threads without a copy.
import { compactUtf8, type CompactUtf8 } from './compactUtf8';
import { astralOffsetsInRuns, noOffsets, scanText, type TextScan } from './textScan';

export class PreparedText {
  private constructor(
    /** The text's UTF-8 bytes (a BOM left out) with their table of non-ASCII characters, where that form is smaller than the string. */
    readonly compact: CompactUtf8 | undefined,
    /** The UTF-8 bytes the text was decoded from, for the source text to make that form itself. */
    readonly utf8: Uint8Array | undefined,
    /** `scanText(text)`, found already. */
    readonly scan: TextScan | undefined,
    /** Where the text's non-ASCII characters are (UTF-16 starts and ends of runs), as its decoder found them. */
    private readonly nonAsciiRuns?: readonly number[],
  ) {}

  /** The bytes a text was decoded from (a BOM left out), read on this thread. */
  static fromUtf8(utf8: Uint8Array): PreparedText {
    return new PreparedText(undefined, utf8, undefined);
  }

  /**
   * A text decoded on this thread from `utf8` (a BOM left out), with the runs of its non-ASCII
   * characters the decoder found: its scan is made now, its astral characters found in those runs
   * only, and its compact form, when kept, is made from them without searching the text again.
   */
  static fromDecoded(text: string, utf8: Uint8Array, nonAsciiRuns: readonly number[]): PreparedText {
    const astral = utf8.length === text.length ? noOffsets : astralOffsetsInRuns(text, nonAsciiRuns);
    return new PreparedText(undefined, utf8, scanText(text, astral), nonAsciiRuns);
  }

  /** What a reader thread made of a text: its compact form, if it has one, and its scan. */
  static fromReader(compact: CompactUtf8 | undefined, scan: TextScan): PreparedText {
    return new PreparedText(compact, undefined, scan);
  }

  /** The compact form of `text`, made now from the bytes where it was not made already. */
  compactFor(text: string): CompactUtf8 | undefined {
    return this.compact ?? (this.utf8 ? compactUtf8(text, this.utf8, this.nonAsciiRuns) : undefined);
  }
}
