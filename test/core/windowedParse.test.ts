// A text kept only as its compact form (UTF-8 bytes and the table of its non-ASCII characters) is
// scanned in its bytes and parsed a window of lines at a time. The reference is the parse of the
// decoded string, made the ordinary way: both must tell exactly the same, whatever the windows.
import * as assert from 'assert';
import fc from 'fast-check';
import { parseCompactTranscript, parseTranscript, type ParsedTranscript } from '../../server/src/core/model/transcriptParser';
import { compactAndScan, compactUtf8OfBytes, scanCompact } from '../../server/src/core/text/compactScan';
import { compactUtf8, type CompactUtf8 } from '../../server/src/core/text/compactUtf8';
import { SourceText } from '../../server/src/core/text/sourceText';
import { scanText, type TextScan } from '../../server/src/core/text/textScan';
import { everythingOf } from '../helpers/parseEssence';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The compact form of a text (any size of table), and the text as its bytes decode (a lone surrogate becomes U+FFFD). */
function compactOf(text: string): { compact: CompactUtf8; decoded: string } {
  const utf8 = encoder.encode(text);
  return { compact: compactUtf8OfBytes(utf8, true)!, decoded: decoder.decode(utf8) };
}

// Every construct the parser reads line by line or across lines: labels (one with Cyrillic
// letters, read by the regular expression), timestamps, tag blocks and memos, spans and labelled
// spans, escapes, code spans, fences, headings, conflict markers, front matter, CR and CRLF breaks.
const alphabet = fc.constantFrom(
  'P: ',
  'SR: ',
  'Ана: ',
  'Ан😀: ',
  '[00:01:02] ',
  '[00:00:30] ',
  '{#a}',
  '{#b, #a | catatan 😀}',
  '{#tema/kode}',
  '{-}',
  '{#}',
  '{#a b}',
  '[x]{#a}',
  '[1>',
  'P: [1>x ',
  'y<1]{#b}\n',
  '<1]{#b}',
  '[',
  ']',
  '{',
  '}',
  '\\[',
  '\\',
  '`',
  '``',
  '```\n',
  '~~~\n',
  '# ',
  '#',
  '<<<<<<< ours\n',
  '=======\n',
  '>>>>>>> theirs\n',
  '---\n',
  'informant: SR\n',
  '---\ninterviewer: P\n---\n',
  '\uFEFF',
  '😀',
  '𝒜',
  'é',
  '\u00A0',
  '\u3000',
  '\uD800',
  'ya',
  ' ',
  '\t',
  '\n',
  '\n\n',
  '\r',
  '\r\n',
);
const anyText = fc.array(fc.oneof({ weight: 6, arbitrary: alphabet }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }), { maxLength: 60 }).map((parts) => parts.join(''));
const windowUnits = fc.constantFrom(1, 2, 3, 5, 8, 13, 20, 40, 100, 1 << 16, 1 << 20);

describe('a transcript parsed from its compact form, a window at a time', () => {
  it('scans the bytes as the string is scanned: line starts, break lengths, astral characters, markup', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { compact, decoded } = compactOf(text);
        assert.deepStrictEqual(scanCompact(compact), scanText(decoded));
      }),
      { numRuns: 3000 },
    );
    // Exactly, on one example: "\r\n" is one break of two, the emoji's two units count in the offsets after it.
    const { compact } = compactOf('A: 😀[x]{#a}\r\nB\r{#b}\n');
    const scan = scanCompact(compact);
    assert.deepStrictEqual([Array.from(scan.lineStarts), Array.from(scan.breakLengths!), Array.from(scan.astral), Array.from(scan.markup!)], [[0, 14, 16, 21], [2, 1, 1], [3], [5, 7, 8, 16]]);
  });

  it('makes the compact form in the same pass exactly as it is made from the decoded string, and gives up where the string is as small', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const utf8 = encoder.encode(text);
        assert.deepStrictEqual(compactAndScan(utf8)?.compact, compactUtf8(decoder.decode(utf8), utf8));
      }),
      { numRuns: 3000 },
    );
    // ASCII and Latin-1 only: a one-byte string; a table of more than a sixteenth: the string.
    assert.strictEqual(compactAndScan(encoder.encode('A: café')), undefined);
    assert.strictEqual(compactAndScan(encoder.encode('😀'.repeat(4) + 'x'.repeat(40))), undefined);
    assert.ok(compactAndScan(encoder.encode('😀'.repeat(4) + 'x'.repeat(80))));
  });

  it('parses exactly as the decoded string is parsed, whatever the size of its windows', () => {
    fc.assert(
      fc.property(anyText, windowUnits, (text, units) => {
        const { compact, decoded } = compactOf(text);
        const windowed = parseCompactTranscript(compact, undefined, units);
        assert.deepStrictEqual(everythingOf(windowed), everythingOf(parseTranscript(decoded)));
        // The parse keeps the compact form it was given, and never made the whole string.
        assert.ok(windowed.source.compact);
        assert.strictEqual(windowed.source.slice(0, decoded.length), decoded);
      }),
      { numRuns: 3000 },
    );
  });

  it('decodes a block longer than a window a bounded number of times, not once a line', () => {
    // One paragraph of 2,000 lines (no blank line, no label) in windows of 64 units: each window
    // that keeps the block's start doubles, so the text is decoded about twice, not 2,000 times.
    const text = '- [12:01] budi: murah 😀 kak\n'.repeat(2000) + '\nP: ya {#a}\n';
    const { compact } = compactOf(text);
    let parsed: ParsedTranscript | undefined;
    const decoded = unitsDecoded(() => (parsed = parseCompactTranscript(compact, undefined, 64)));
    assert.ok(decoded <= 3 * text.length, `${decoded} units decoded for a text of ${text.length}`);
    assert.deepStrictEqual(everythingOf(parsed!), everythingOf(parseTranscript(text)));
  });

  it('finds the markup itself where a scan without it is given', () => {
    const text = 'P: 😀 satu\n\nSR: dua [x]{#a}\n';
    const { compact } = compactOf(text);
    const { markup: _, ...withoutMarkup } = scanText(text);
    assert.deepStrictEqual(everythingOf(parseCompactTranscript(compact, withoutMarkup as TextScan, 4)), everythingOf(parseTranscript(text)));
  });

  it('reads a block that outgrows its window whole, and codes each turn on exactly its words', () => {
    // Three turns of one line each and a paragraph over three lines, in windows of 4 units: every
    // window is cut at a line start, and the paragraph's window grows to hold it.
    const text = 'P: halo 😀 {#a}\nSR: ya [dua]{#b}\n\nsatu\ndua {#c}\ntiga\n';
    const doc = parseCompactTranscript(compactOf(text).compact, undefined, 4);
    assert.deepStrictEqual(
      doc.codings.map((c) => [c.code, text.slice(doc.lines.offsetAt(c.textRange.start), doc.lines.offsetAt(c.textRange.end))]),
      [
        ['a', 'halo 😀'],
        ['b', 'dua'],
        ['c', 'satu\ndua {#c}\ntiga'],
      ],
    );
    assert.deepStrictEqual(doc.problems, []);
    // A window that starts past the text's start and holds blocks after the one read: a `[1>x]{#c}`
    // whose `<1]` is in the next paragraph stays a bracket, as in the whole text.
    const later = `P: ${'a'.repeat(50)}\n\n[1>x]{#c}\n\ny<1]{#b}\n`;
    assert.deepStrictEqual(everythingOf(parseCompactTranscript(compactOf(later).compact, undefined, 30)), everythingOf(parseTranscript(later)));
  });
});

/** UTF-16 units that `SourceText.slice` decodes while `run` runs (the windows of a compact parse). */
function unitsDecoded(run: () => void): number {
  const slice = SourceText.prototype.slice;
  let units = 0;
  SourceText.prototype.slice = function (this: SourceText, start: number, end: number) {
    const piece = slice.call(this, start, end);
    units += piece.length;
    return piece;
  };
  try {
    run();
  } finally {
    SourceText.prototype.slice = slice;
  }
  return units;
}
