// A long text's compact form and its scan (textScan.ts), read from its UTF-8 bytes in one pass,
// without decoding them: line breaks and markup characters are ASCII, so they are found as bytes,
// their UTF-16 offsets counted from the non-ASCII characters met before them. A 50 MB transcript
// is then never a 100 MB string: `parseCompactTranscript` reads it a window at a time.
import { tableTooLarge, type CompactUtf8 } from './compactUtf8';
import { offsetArray } from './offsetArray';
import { noOffsets, type TextScan } from './textScan';

/** 1 for a byte that is one of `markupCharacters` (`\`, `` ` ``, `[`, `]`, `{`), 2 for "\n", 3 for "\r", 4 for a byte that is not ASCII. */
const byteKind = new Uint8Array(256).fill(4, 0x80);
for (const c of ['\\', '`', '[', ']', '{']) byteKind[c.charCodeAt(0)] = 1;
byteKind[10] = 2;
byteKind[13] = 3;

/**
 * The compact form of valid UTF-8 `utf8` (as `compactUtf8` makes it from the decoded string) with
 * the scan of its text (as `scanText` makes it). Undefined where the string would be as
 * small (only ASCII or Latin-1) or the table too large, unless `anySize`.
 */
export function compactAndScan(utf8: Uint8Array, anySize = false): { compact: CompactUtf8; scan: TextScan } | undefined {
  return read(utf8, anySize, true) as { compact: CompactUtf8; scan: TextScan } | undefined;
}

/** The scan, and the compact form where `makeTable` (a text that has its table already is only scanned). */
function read(utf8: Uint8Array, anySize: boolean, makeTable: boolean): { compact?: CompactUtf8; scan: TextScan } | undefined {
  const utf16At = new IntList();
  const byteAt = new IntList();
  const widths = new IntList();
  const astral = new IntList();
  const starts = new IntList();
  starts.push(0);
  /** Each line break's length, from the first "\r" on (before it, every break is one "\n"). */
  let lengths: IntList | undefined;
  const markup = new IntList();
  let widest = 0;
  let foldsToAscii = false;
  /** Bytes less UTF-16 units before `at`. */
  let shift = 0;
  // More entries than a sixteenth of the bytes is too large a table whatever the text's length.
  const giveUpAt = anySize ? Infinity : utf8.length / 16 + 1;
  const end = utf8.length;
  for (let at = 0; at < end; at++) {
    // Most bytes are none of these: four at a time are passed over with one test.
    while (at + 4 <= end && (byteKind[utf8[at]] | byteKind[utf8[at + 1]] | byteKind[utf8[at + 2]] | byteKind[utf8[at + 3]]) === 0) at += 4;
    if (at >= end) break;
    const kind = byteKind[utf8[at]];
    if (kind === 0) continue;
    const offset = at - shift;
    if (kind === 1) markup.push(offset);
    else if (kind === 2) {
      starts.push(offset + 1);
      lengths?.push(1);
    } else if (kind === 3) {
      if (!lengths) {
        lengths = new IntList();
        for (let line = 1; line < starts.length; line++) lengths.push(1);
      }
      // "\r\n" is one break of two characters; a "\r" alone is one of its own.
      const pair = utf8[at + 1] === 10 ? 1 : 0;
      at += pair;
      starts.push(offset + 1 + pair);
      lengths.push(1 + pair);
    } else {
      const lead = utf8[at];
      const bytes = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      if (!makeTable) {
        if (bytes === 4) astral.push(offset);
        shift += bytes === 4 ? 2 : bytes - 1;
        at += bytes - 1;
        continue;
      }
      const code =
        bytes === 2
          ? ((lead & 0x1f) << 6) | (utf8[at + 1] & 0x3f)
          : bytes === 3
            ? ((lead & 0x0f) << 12) | ((utf8[at + 1] & 0x3f) << 6) | (utf8[at + 2] & 0x3f)
            : ((lead & 0x07) << 18) | ((utf8[at + 1] & 0x3f) << 12) | ((utf8[at + 2] & 0x3f) << 6) | (utf8[at + 3] & 0x3f);
      const units = bytes === 4 ? 2 : 1;
      if (units === 2) astral.push(offset);
      utf16At.push(offset);
      byteAt.push(at);
      widths.push(units * 8 + bytes);
      if (utf16At.length > giveUpAt) return undefined;
      shift += bytes - units;
      if (code > widest) widest = code;
      if (code === 0x212a || code === 0x17f) foldsToAscii = true;
      at += bytes - 1;
    }
  }
  const length = utf8.length - shift;
  if (!anySize && (tableTooLarge(utf16At.length, length) || widest <= 0xff)) return undefined;
  return {
    compact: makeTable ? { length, utf8, utf16At: offsetArray(utf16At.values(), utf16At.length, length), byteAt: offsetArray(byteAt.values(), byteAt.length, utf8.length), widths: Uint8Array.from(widths.values()), foldsToAscii } : undefined,
    scan: {
      lineStarts: offsetArray(starts.values(), starts.length, length),
      ...(lengths ? { breakLengths: Uint8Array.from(lengths.values()) } : {}),
      astral: astral.length === 0 ? noOffsets : astral.values().slice(),
      markup: markup.values().slice(),
    },
  };
}

/** A list of numbers in a growing Int32Array: pushing is several times faster than onto an array. */
class IntList {
  private data = new Int32Array(256);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** The numbers pushed (a view: valid until the next push). */
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * The compact form of valid UTF-8 `utf8` read from the bytes alone, as `compactUtf8` makes it from
 * the decoded text: for an open document kept as bytes, whose text is not made between the
 * editor's changes. Undefined where the string is as small (only ASCII or Latin-1) or the table
 * too large, as there, unless `anySize` (the table of a piece of text, to splice into another's).
 */
export function compactUtf8OfBytes(utf8: Uint8Array, anySize = false): CompactUtf8 | undefined {
  return compactAndScan(utf8, anySize)?.compact;
}

/** `scanText` of the text of `compact`, found in its bytes. */
export function scanCompact(compact: CompactUtf8): TextScan {
  // Its table is made already: only scanned (a keystroke in a 50 MB document made it again).
  return read(compact.utf8, true, false)!.scan;
}
