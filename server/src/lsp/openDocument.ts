// An open document as the server keeps it between the editor's changes. A short one is the
// library's TextDocument, a string. A long one is kept as its UTF-8 bytes with the table of its
// non-ASCII characters (the compact form a transcript read from disk is kept in): V8 stores a text
// that holds one emoji at two bytes a character, so a 50 MB comment dump open in the editor took
// 100 MB as a string, and each change made a second string of it before the first was let go.
// A change is applied to the bytes; the string is made only for the parse, which lets it go.
// The bytes are the parse's too (it keeps them as its text), so a change is applied when the
// parse of the new text asks for it (`read`), once the old parse is let go: then in place, in the
// room its buffer has past the text, and memory holds one copy of the text at a keystroke.
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { compactAndScan, compactUtf8OfBytes } from '../core/text/compactScan';
import { byteOffsetIn, compactUtf8, tableTooLarge, type CompactUtf8 } from '../core/text/compactUtf8';
import { offsetArray } from '../core/text/offsetArray';
import type { FileText } from '../core/project/fileSystem';
import { hasReaders, isChangeable, markChangeable, releaseReaders, type SourceText } from '../core/text/sourceText';
import type { Position } from '../core/text/text';
import { countAtOrBelow, countBelow } from '../core/text/sortedSearch';

/** From this many UTF-16 units an open document is kept as bytes where that is smaller. */
export const keptAsBytesFrom = 1 << 22;

const encoder = new TextEncoder();
// `ignoreBOM`: a text that starts with U+FEFF keeps it, as the editor sent it.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const beyondLatin1 = /[^\x00-\xff]/;
/** A surrogate without its other half: UTF-8 has no bytes for it. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The text of a document opened in the editor as valid UTF-8 bytes, as the server's reader of
 * standard input hands over a long one (node/jsonMessageDecoder.ts) instead of its string.
 */
export class Utf8Text {
  constructor(
    readonly bytes: Uint8Array,
    /** The bytes past these to the end of their buffer are free for the document to grow into (the message's own buffer). */
    readonly ownsBuffer = false,
  ) {}

  /** A message traced to the client shows the size, not every byte. */
  toJSON(): string {
    return `<${this.bytes.length} bytes of UTF-8>`;
  }
}

/** The text of an open document, for a parse: a long one as its compact form, which the parse keeps. */
export interface OpenText {
  text: FileText;
}

export class OpenDocument {
  /** The text as a string, or undefined while it is kept as bytes. */
  #string: TextDocument | undefined;
  #compact: CompactUtf8 | undefined;
  /** UTF-16 offsets of the starts of lines (after `\r\n`, `\r` or `\n`), of a text kept as bytes. */
  #lineStarts: Int32Array = new Int32Array(1);
  /** The string the editor sent, until the parse reads it: decoding the bytes again would make a second copy. */
  #sent: string | undefined;
  /**
   * A long string held only because all its characters are Latin-1 (V8 keeps it at one byte a
   * character): a character beyond Latin-1 typed into it makes it two bytes a character, and it
   * is tried as bytes again.
   */
  #latin1Only = false;
  #version: number;
  /** The editor's changes to a text kept as bytes, not yet applied (`flush`), in order. */
  #pending: TextDocumentContentChangeEvent[][] = [];

  constructor(
    readonly uri: string,
    readonly languageId: string,
    version: number,
    text: string | Utf8Text,
    /** From this length the text is kept as bytes (tests give a smaller one). */
    private readonly bytesFrom = keptAsBytesFrom,
  ) {
    this.#version = version;
    if (typeof text === 'string') this.setText(text);
    else {
      if (text.ownsBuffer) markChangeable(text.bytes.buffer);
      this.setBytes(text.bytes);
    }
  }

  get version(): number {
    return this.#version;
  }

  /** Its length in UTF-16 units. */
  get length(): number {
    this.flush(false);
    return this.heldLength;
  }

  /** Its length as held now: without the changes not yet applied (for sizing memory, not for positions). */
  get heldLength(): number {
    return this.#compact ? this.#compact.length : this.#string!.getText().length;
  }

  /** Kept as UTF-8 bytes rather than a string. */
  get keptAsBytes(): boolean {
    return this.#compact !== undefined;
  }

  /** The whole text: a text kept as bytes is decoded (prefer `read`, which the parse can keep compact). */
  getText(): string {
    this.flush(false);
    return this.#compact ? (this.#sent ?? decoder.decode(this.#compact.utf8)) : this.#string!.getText();
  }

  /**
   * The text for a parse: the string, or the compact form a long text is kept in (parsed without
   * its string). With `releasing`, the caller has let go of the parse of the text before (the
   * workspace holds it no longer): every parse that reads this document's bytes is released, and
   * the changes not yet applied are applied to the bytes in place; without, they are applied in a
   * copy where a parse still reads the bytes.
   */
  read(releasing = false): OpenText {
    this.flush(releasing);
    if (!this.#compact) return { text: this.#string!.getText() };
    this.#sent = undefined;
    return { text: this.#compact };
  }

  /**
   * The editor's changes, in order, as `TextDocument.update` applies them. Changes to a text
   * kept as bytes are kept until the text is next read (`flush`).
   */
  update(changes: TextDocumentContentChangeEvent[], version: number): void {
    this.#version = version;
    this.#sent = undefined;
    if (this.#compact) {
      this.#pending.push(changes);
      return;
    }
    this.apply(changes, false);
  }

  /**
   * Applies the changes not yet applied. With `releasing`, a parse that reads the bytes is
   * released and they are changed in place; without, they are changed in place only where no
   * parse reads them, and otherwise into a copy.
   */
  private flush(releasing: boolean): void {
    while (this.#pending.length > 0) this.apply(this.#pending.shift()!, releasing);
  }

  private apply(changes: TextDocumentContentChangeEvent[], releasing: boolean): void {
    if (this.#string) {
      const before = this.#string.getText().length;
      TextDocument.update(this.#string, changes, this.#version);
      // A string that grows long is kept as bytes from then on, where they are smaller: tried as
      // it crosses the length only, so that a long text that stays a string (ASCII, Latin-1, many
      // characters beyond) is not encoded again at each change.
      const after = this.#string.getText().length;
      const crosses = before < this.bytesFrom && after >= this.bytesFrom;
      if (crosses || (this.#latin1Only && changes.some((change) => beyondLatin1.test(change.text)))) this.setText(this.#string.getText());
      return;
    }
    // One change, as typing sends, is applied to the bytes; several (a multi-cursor edit, a
    // replacement of many places) to the string, once, and the result kept as bytes again.
    if (changes.length === 1 && (changes[0] as { range?: unknown }).range === undefined) return this.setText(changes[0].text);
    const range = changes.length === 1 ? (changes[0] as { range?: { start: Position; end: Position } }).range : undefined;
    if (!range || !this.spliceBytes(range, changes[0].text, releasing)) {
      const document = TextDocument.create(this.uri, this.languageId, this.#version, this.#sent ?? decoder.decode(this.#compact!.utf8));
      TextDocument.update(document, changes, this.#version);
      this.setText(document.getText());
    }
  }

  /** Replaces the text: kept as bytes when long, well formed and smaller that way; otherwise as a string. */
  private setText(text: string): void {
    const compact = text.length >= this.bytesFrom && !loneSurrogate.test(text) ? compactUtf8(text, encoder.encode(text)) : undefined;
    if (!compact) {
      this.#compact = undefined;
      this.#sent = undefined;
      this.#latin1Only = text.length >= this.bytesFrom && !beyondLatin1.test(text);
      this.#string = TextDocument.create(this.uri, this.languageId, this.#version, text);
      return;
    }
    this.#string = undefined;
    // Its bytes were encoded here: the document's own, to change in place.
    markChangeable(compact.utf8.buffer);
    this.#compact = compact;
    this.#sent = text;
    this.#lineStarts = lineStartsOf(compact);
  }

  /** Replaces the text with valid UTF-8 bytes: kept as they are when long and smaller than the string. */
  private setBytes(utf8: Uint8Array): void {
    // The table and the line starts in one pass, into typed arrays: 15 MB less garbage at the
    // opening of a 50 MB transcript than the table's lists of numbers and a second search.
    const read = utf8.length >= this.bytesFrom ? compactAndScan(utf8) : undefined;
    if (!read || read.compact.length < this.bytesFrom) return this.setText(decoder.decode(utf8));
    this.#string = undefined;
    this.#sent = undefined;
    this.#compact = read.compact;
    const starts = read.scan.lineStarts;
    this.#lineStarts = starts instanceof Int32Array ? starts : Int32Array.from(starts);
  }

  /**
   * Whether this document's text is `source`'s, kept as bytes both (VS Code opens a file as it is
   * on disk, which the workspace has parsed already). If so the two hold one copy: this
   * document's where the workspace kept none (its text on disk), else the workspace's.
   */
  sharesTextWith(source: SourceText): boolean {
    // Changed since (the changes not yet applied), it holds another text.
    if (this.#pending.length > 0) return false;
    const mine = this.#compact;
    if (!mine || source.released || source.length !== mine.length || !source.hasBytes(mine.utf8)) return false;
    if (source.onDisk) source.takeBytes(mine.utf8);
    else {
      const theirs = source.utf8Range(0, source.length)!;
      this.#compact = { ...mine, utf8: theirs.bytes.subarray(theirs.from, theirs.to) };
    }
    // No parse will read the string the editor sent.
    this.#sent = undefined;
    return true;
  }

  /**
   * Applies one ranged change to the bytes (in place where `bytesSpliced` can). False, with
   * nothing changed, where bytes cannot hold the result (an end inside a surrogate pair, a lone
   * surrogate in the new text) or a string would now be smaller: the caller applies it to the string.
   */
  private spliceBytes(range: { start: Position; end: Position }, inserted: string, releasing: boolean): boolean {
    const compact = this.#compact!;
    let { start, end } = range;
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    const fromUnit = this.offsetAt(start);
    const toUnit = this.offsetAt(end);
    const from = byteOffsetOf(compact, fromUnit);
    const to = byteOffsetOf(compact, toUnit);
    if (from < 0 || to < 0 || loneSurrogate.test(inserted)) return false;
    const added = encoder.encode(inserted);
    const old = compact.utf8;
    // The table and the line starts are spliced too: those before the change kept, those of the
    // inserted text added, those after it moved (a rescan of 50 MB took 130 ms a keystroke).
    const table = splicedTable(compact, from, to, added, fromUnit, toUnit, inserted.length);
    if (!table || table.length < this.bytesFrom) return false;
    // A CR before the change, or one at its end before an LF, may make a CRLF or cut one in two:
    // then the lines are counted again (not for a keystroke at the end of an LF line, the usual).
    // Read before the bytes change.
    const crBefore = old[from - 1] === 0x0d;
    const crEndsBeforeLf = old[to] === 0x0a && (inserted.endsWith('\r') || (to > from && old[to - 1] === 0x0d));
    const next = { ...table, utf8: bytesSpliced(old, from, to, added, releasing) };
    this.#lineStarts = crBefore || crEndsBeforeLf ? lineStartsOf(next) : splicedLineStarts(this.#lineStarts, fromUnit, toUnit, inserted);
    this.#compact = next;
    // The string sent is no longer this text (a later change in the same flush must not start from it).
    this.#sent = undefined;
    return true;
  }

  /** `TextDocument.offsetAt`: a line past the end is the end, a character past the line's end is the end of its text (before its line break). */
  private offsetAt(position: Position): number {
    const starts = this.#lineStarts;
    const length = this.#compact!.length;
    if (position.line >= starts.length) return length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line];
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1] : length;
    let offset = Math.min(lineStart + position.character, next);
    while (offset > lineStart && isLineBreak(this.#compact!, offset - 1)) offset--;
    return offset;
  }
}

/** The library's `TextDocuments` keeps `OpenDocument`s: one object a document, changed in place. */
export function openDocumentConfiguration(bytesFrom = keptAsBytesFrom): TextDocumentsConfiguration<OpenDocument> {
  return {
    // `content` is a Utf8Text where the reader of standard input handed the bytes over.
    create: (uri, languageId, version, content: string | Utf8Text) => new OpenDocument(uri, languageId, version, content, bytesFrom),
    update: (document, changes, version) => {
      document.update(changes, version);
      return document;
    },
  };
}

/**
 * Room a buffer of bytes made for a long document keeps past its text, to grow into in place:
 * a sixty-fourth (800 KB for 50 MB), at least 64 KiB.
 */
export function roomFor(length: number): number {
  return Math.max(1 << 16, Math.ceil(length / 64));
}

/**
 * `old` with its bytes `[from, to)` replaced by `added`: in place, in the room its buffer has past
 * it, where the document may change that buffer (`markChangeable`: the message's, or one made
 * here) and no parse reads it, or `releasing` the parses that do; otherwise in a new buffer with
 * room of its own. A parse of the old text reading a copy is left as it is.
 */
function bytesSpliced(old: Uint8Array, from: number, to: number, added: Uint8Array, releasing: boolean): Uint8Array {
  const length = old.length - (to - from) + added.length;
  const room = old.buffer.byteLength - old.byteOffset;
  if (isChangeable(old.buffer) && length <= room && (releasing || !hasReaders(old.buffer))) {
    releaseReaders(old.buffer);
    const whole = new Uint8Array(old.buffer, old.byteOffset, room);
    whole.copyWithin(from + added.length, to, old.length);
    whole.set(added, from);
    return whole.subarray(0, length);
  }
  const grown = new Uint8Array(length + roomFor(length));
  markChangeable(grown.buffer);
  grown.set(old.subarray(0, from), 0);
  grown.set(added, from);
  grown.set(old.subarray(to), from + added.length);
  return grown.subarray(0, length);
}

/**
 * The table of the text `old` with its bytes `[from, to)` (UTF-16 units `[fromUnit, toUnit)`)
 * replaced by `added` (`addedUnits` long), made from `old`'s table and read from `old`'s bytes and
 * `added` (before the bytes change): the entries before kept, the inserted text's added, those
 * after moved. Undefined where the compact form is not the smaller, as `compactUtf8` says.
 */
function splicedTable(old: CompactUtf8, from: number, to: number, added: Uint8Array, fromUnit: number, toUnit: number, addedUnits: number): Omit<CompactUtf8, 'utf8'> | undefined {
  const before = countBelow(old.byteAt, from);
  const after = countBelow(old.byteAt, to);
  const inserted = compactUtf8OfBytes(added, true)!;
  const count = before + inserted.widths.length + (old.byteAt.length - after);
  const utf16At = new Int32Array(count);
  const byteAt = new Int32Array(count);
  const widths = new Uint8Array(count);
  for (let k = 0; k < before; k++) {
    utf16At[k] = old.utf16At[k];
    byteAt[k] = old.byteAt[k];
    widths[k] = old.widths[k];
  }
  let k = before;
  for (let i = 0; i < inserted.widths.length; i++, k++) {
    utf16At[k] = inserted.utf16At[i] + fromUnit;
    byteAt[k] = inserted.byteAt[i] + from;
    widths[k] = inserted.widths[i];
  }
  const byteShift = added.length - (to - from);
  const unitShift = addedUnits - (toUnit - fromUnit);
  for (let i = after; i < old.byteAt.length; i++, k++) {
    utf16At[k] = old.utf16At[i] + unitShift;
    byteAt[k] = old.byteAt[i] + byteShift;
    widths[k] = old.widths[i];
  }
  const length = old.length + unitShift;
  // The limits of `compactUtf8`, read from the table: its size, a character beyond Latin-1 (three
  // or four bytes, or two from lead byte C4), and the characters that fold to ASCII letters.
  if (tableTooLarge(count, length)) return undefined;
  let beyondLatin1 = false;
  let foldsToAscii = false;
  for (let e = 0; e < count; e++) {
    const bytes = widths[e] & 7;
    // Each character's bytes where they are now: the inserted text's, or the old text's.
    const [source, at] = e < before ? [old.utf8, byteAt[e]] : e < before + inserted.widths.length ? [added, byteAt[e] - from] : [old.utf8, byteAt[e] - byteShift];
    const lead = source[at];
    if (bytes > 2 || lead >= 0xc4) beyondLatin1 = true;
    if ((bytes === 2 && lead === 0xc5 && source[at + 1] === 0xbf) || (bytes === 3 && lead === 0xe2 && source[at + 1] === 0x84 && source[at + 2] === 0xaa)) foldsToAscii = true;
  }
  if (!beyondLatin1) return undefined;
  return { length, utf16At: offsetArray(utf16At), byteAt: offsetArray(byteAt), widths, foldsToAscii };
}

/** `TextDocument`'s line starts after `[from, to)` (UTF-16 units) is replaced by `inserted`, where no CRLF is joined or split. */
function splicedLineStarts(starts: Int32Array, from: number, to: number, inserted: string): Int32Array {
  const kept = countAtOrBelow(starts, from);
  const moved = countAtOrBelow(starts, to);
  const added: number[] = [];
  for (let i = 0; i < inserted.length; i++) {
    const c = inserted.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    if (c === 0x0d && inserted.charCodeAt(i + 1) === 0x0a) i++;
    added.push(from + i + 1);
  }
  const shift = inserted.length - (to - from);
  const next = new Int32Array(kept + added.length + (starts.length - moved));
  next.set(starts.subarray(0, kept), 0);
  next.set(added, kept);
  for (let i = moved, k = kept + added.length; i < starts.length; i++, k++) next[k] = starts[i] + shift;
  return next;
}

/** Byte offset of a UTF-16 offset of a compact text; -1 inside a surrogate pair. */
function byteOffsetOf(compact: CompactUtf8, offset: number): number {
  return byteOffsetIn(compact.utf16At, compact.byteAt, compact.widths, offset);
}

/** Whether the character at UTF-16 `offset` is `\r` or `\n` (never part of a wider character). */
function isLineBreak(compact: CompactUtf8, offset: number): boolean {
  const at = byteOffsetOf(compact, offset);
  return at >= 0 && (compact.utf8[at] === 0x0a || compact.utf8[at] === 0x0d);
}

/** UTF-16 offsets of the line starts of a compact text, as `TextDocument` counts lines. */
function lineStartsOf(compact: CompactUtf8): Int32Array {
  const { utf8, byteAt, widths } = compact;
  const starts: number[] = [0];
  /** The table's characters before the byte being read, and the bytes less UTF-16 units they make. */
  let k = 0;
  let shift = 0;
  // The next of each kind of break, each searched again only once passed (a text without `\r` is searched for it once).
  let lf = utf8.indexOf(0x0a);
  let cr = utf8.indexOf(0x0d);
  while (lf >= 0 || cr >= 0) {
    let at = cr < 0 ? lf : lf < 0 ? cr : Math.min(lf, cr);
    if (utf8[at] === 0x0d && utf8[at + 1] === 0x0a) at++;
    while (k < byteAt.length && byteAt[k] < at) {
      shift += (widths[k] & 7) - (widths[k] >> 3);
      k++;
    }
    starts.push(at + 1 - shift);
    if (lf >= 0 && lf <= at) lf = utf8.indexOf(0x0a, at + 1);
    if (cr >= 0 && cr <= at) cr = utf8.indexOf(0x0d, at + 1);
  }
  return Int32Array.from(starts);
}
