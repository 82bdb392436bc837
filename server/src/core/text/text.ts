// Positions as the Language Server Protocol counts them: 0-based lines, UTF-16 code unit columns.
// Offsets everywhere in the core are UTF-16 indices into the JavaScript string of a file.
// A line ends at "\r\n", "\n" or a lone "\r", as in vscode-languageserver-textdocument.
import { offsetArray, type OffsetArray } from './offsetArray';
import { countBelowFrom } from './sortedSearch';
import { SourceText } from './sourceText';
import { astralOffsets, noOffsets, scanLines, type TextScan } from './textScan';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** 1 where a text starts with a byte order mark (U+FEFF), else 0. */
export function bomLength(text: string): 0 | 1 {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/** A half-open span [start, end) of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export class LineIndex {
  /** Offset of the first character of each line (2 or 4 bytes each, not a grown array of numbers). */
  readonly lineStarts: OffsetArray;
  /** The text; it may be kept as UTF-8 bytes once parsed (see SourceText). */
  readonly source: SourceText;
  /**
   * Length of each line's break, when the text has a "\r" ("\r\n" is two characters). Without
   * one, every line but the last ends with one "\n": no need to look at the text again.
   */
  private readonly breakLengths: Uint8Array | undefined;

  /** The line of the last lookup: positions are mostly asked for in order, so try it first. */
  private hint = 0;

  /** The lines of a text; `scan`, when given, is `scanText` of that text, found already. */
  constructor(text: string | SourceText, scan?: Omit<TextScan, 'astral'>) {
    this.source = typeof text === 'string' ? new SourceText(text) : text;
    const lines = scan ?? scanLines(typeof text === 'string' ? text : text.text);
    this.lineStarts = lines.lineStarts;
    this.breakLengths = lines.breakLengths;
  }

  get text(): string {
    return this.source.text;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Position of an offset; offsets outside the text, or inside a line break, are clamped. */
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.source.length));
    const starts = this.lineStarts;
    let low: number;
    const hint = this.hint;
    if (starts[hint] <= offset && (hint + 1 >= starts.length || offset < starts[hint + 1])) low = hint;
    else if (hint + 1 < starts.length && starts[hint + 1] <= offset && (hint + 2 >= starts.length || offset < starts[hint + 2])) low = hint + 1;
    else {
      low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
      }
    }
    this.hint = low;
    // An offset between "\r" and "\n" is not a position in the editor: it belongs to the line end.
    return { line: low, character: Math.min(offset, this.lineContentEnd(low)) - starts[low] };
  }

  /** Offset of a position; lines and columns past the end are clamped to the line or text end. */
  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.source.length;
    const start = this.lineStarts[position.line];
    const end = this.lineContentEnd(position.line);
    return Math.max(start, Math.min(start + Math.max(0, position.character), end));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[line];
  }

  /** Offset where the next line starts (after the line break), or the text length for the last line. */
  lineEnd(line: number): number {
    return line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.source.length;
  }

  /** Offset of the line's end, before its line break. */
  lineContentEnd(line: number): number {
    if (line + 1 >= this.lineStarts.length) return this.source.length;
    return this.lineStarts[line + 1] - (this.breakLengths ? this.breakLengths[line] : 1);
  }

  lineText(line: number): string {
    return this.source.slice(this.lineStarts[line], this.lineContentEnd(line));
  }
}

/** A regular expression that matches `text` itself, case-insensitively: what the user typed, never a pattern. */
export function literalPattern(text: string, flags = 'iu'): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

/**
 * Converts between UTF-16 offsets and Unicode code point offsets in one string. REFI-QDA counts
 * text positions in code points; JavaScript and LSP count UTF-16 code units. Text without astral
 * characters needs no table at all.
 */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogates of astral characters, ascending. */
  private readonly astral: OffsetArray;
  /** The last answer of `toCodePoint`'s search: offsets are mostly asked for in order. */
  private hint = 0;

  /** Of a text; or, with `astralOffsets`, from the ascending UTF-16 offsets of its astral characters. */
  constructor(text: string, astral?: number[] | Int32Array) {
    this.astral = astral === undefined ? astralOffsets(text) : astral.length === 0 ? noOffsets : offsetArray(astral);
  }

  /** From the ascending UTF-16 offsets of the astral characters of a text. */
  static fromAstralOffsets(offsets: number[]): CodePointIndex {
    return new CodePointIndex('', offsets);
  }

  /** Code point offset of a UTF-16 offset (an offset inside a surrogate pair counts the pair as passed). */
  toCodePoint(utf16Offset: number): number {
    return utf16Offset - (this.hint = countBelowFrom(this.astral, utf16Offset - 1, this.hint));
  }

  /** UTF-16 offset of a code point offset. */
  toUtf16(codePointOffset: number): number {
    // The k-th astral character (0-based) starts at code point astral[k] - k. Every astral
    // character that starts before the target adds one code unit.
    const astral = this.astral;
    let low = 0;
    let high = astral.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (astral[mid] - mid < codePointOffset) low = mid + 1;
      else high = mid;
    }
    return codePointOffset + low;
  }
}

/** UTF-8 (with or without a byte order mark) or UTF-16 with its mark, as text without the mark; undefined for anything else. */
export function decodeText(bytes: Uint8Array): string | undefined {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
}
