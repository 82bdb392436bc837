// An open document kept as bytes (openDocument.ts) against the library's TextDocument, which kept
// every open document until now: the same text after any changes the editor may send, a line or a
// character past the end, reversed ranges, CRLF split by a change, emoji and lone surrogates.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { compactUtf8OfBytes } from '../../server/src/core/text/compactScan';
import { compactUtf8, type CompactUtf8 } from '../../server/src/core/text/compactUtf8';
import { textString } from '../../server/src/core/project/fileSystem';
import { SourceText } from '../../server/src/core/text/sourceText';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { OpenDocument, Utf8Text } from '../../server/src/lsp/openDocument';

const uri = 'file:///studi/komentar.transcript.md';
const piece = fc.constantFrom('c1: ', 'harga ', 'murah', '\n', '\r\n', '\r', 'é', 'ß', '€', 'Ж', '😀', '✨', '𝒜', 'K', 'ſ', '\uFEFF', ' {#harga}', '[', ']');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
/** A position anywhere, a line or a character past the end included. */
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: -1, max: 40 }) }) });
const inserted = fc.oneof({ weight: 9, arbitrary: text }, { weight: 1, arbitrary: fc.constantFrom('\ud83d', '\ude00x', 'a\ud800') });
const ranged = fc.record({ range: fc.record({ start: position, end: position }), text: inserted });
const change: fc.Arbitrary<TextDocumentContentChangeEvent[]> = fc.oneof(
  { weight: 8, arbitrary: ranged.map((c) => [c]) },
  { weight: 1, arbitrary: text.map((t) => [{ text: t }]) },
  { weight: 2, arbitrary: fc.array(ranged, { minLength: 2, maxLength: 4 }) },
);

/** The compact form of a text from this length on, where it is well formed and the form is smaller than the string. */
function compactForm(text: string, from: number) {
  const wellFormed = !/[\ud800-\udfff]/.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
  return text.length >= from && wellFormed ? compactUtf8(text, new TextEncoder().encode(text)) : undefined;
}

/**
 * Each change on a TextDocument made afresh from the text before it, with its lines in the
 * document as an editor sends them: the library's line offsets, kept from change to change, go
 * wrong after a change at a line past the end (a column past a line's end is still sent, and
 * clamped). Gives the reference after the changes, and the changes as the editor sends them.
 */
function appliedToReference(reference: TextDocument, generated: TextDocumentContentChangeEvent[], version: number): { reference: TextDocument; step: TextDocumentContentChangeEvent[] } {
  const step = generated.map((c) => ({ ...c }));
  for (const c of step) {
    if ('range' in c) {
      const last = reference.lineCount - 1;
      const inDocument = (p: { line: number; character: number }) => ({ line: Math.max(0, Math.min(p.line, last)), character: p.character });
      c.range = { start: inDocument(c.range.start), end: inDocument(c.range.end) };
    }
    reference = TextDocument.create(uri, 'qda-transcript', version, reference.getText());
    TextDocument.update(reference, [c], version);
  }
  return { reference, step };
}

describe('an open document kept as bytes', () => {
  it('holds the same text as a TextDocument after any changes, and hands the parse its compact form', () => {
    fc.assert(
      fc.property(text, fc.array(change, { maxLength: 12 }), fc.constantFrom(0, 8), fc.boolean(), (first, changes, keptFrom, asBytes) => {
        let reference = TextDocument.create(uri, 'qda-transcript', 1, first);
        // Opened with the text's string, or with its bytes as the reader of standard input hands them over.
        const document = new OpenDocument(uri, 'qda-transcript', 1, asBytes ? new Utf8Text(new TextEncoder().encode(first)) : first, keptFrom);
        assert.strictEqual(document.getText(), first);
        assert.strictEqual(document.keptAsBytes, compactForm(first, keptFrom) !== undefined);
        let wasBytes = document.keptAsBytes;
        let latin1Only = !wasBytes && first.length >= keptFrom && !/[^\x00-\xff]/.test(first);
        let lengthBefore = first.length;
        let version = 1;
        for (const generated of changes) {
          version++;
          let step: TextDocumentContentChangeEvent[];
          ({ reference, step } = appliedToReference(reference, generated, version));
          document.update(step, version);
          const expected = reference.getText();
          assert.strictEqual(document.getText(), expected);
          assert.strictEqual(document.length, expected.length);
          assert.strictEqual(document.version, version);
          const read = document.read();
          // A text kept as bytes is read as its compact form, never decoded whole; a string as itself.
          assert.strictEqual(textString(read.text), expected);
          assert.strictEqual(typeof read.text !== 'string', document.keptAsBytes);
          // Kept as bytes where the compact form of that text is smaller than its string: at any
          // change to bytes,
          const compact = compactForm(expected, keptFrom);
          // and to a string as it grows past the length, or, held only for being Latin-1, as a character beyond is typed.
          const typedBeyond = latin1Only && step.some((c) => /[^\x00-\xff]/.test(c.text));
          assert.strictEqual(document.keptAsBytes, compact !== undefined && (wasBytes || (lengthBefore < keptFrom && expected.length >= keptFrom) || typedBeyond));
          if (document.keptAsBytes) assert.deepStrictEqual(read.text, compact);
          // Whether a string is held only for being Latin-1 is found where a text is set: on leaving bytes, and as a string is tried as bytes.
          if (!document.keptAsBytes && (wasBytes || (lengthBefore < keptFrom && expected.length >= keptFrom) || typedBeyond)) latin1Only = expected.length >= keptFrom && !/[^\x00-\xff]/.test(expected);
          wasBytes = document.keptAsBytes;
          lengthBefore = expected.length;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('types at the starts of lines, and joins a CR and an LF into one line break, as a TextDocument does', () => {
    const at = (line: number, character: number, text: string): TextDocumentContentChangeEvent => ({ range: { start: { line, character }, end: { line, character } }, text });
    const cases: [string, TextDocumentContentChangeEvent[]][] = [
      ['a😀\nb\nc', [at(1, 0, 'x'), at(2, 0, 'y')]],
      // An LF typed after a lone CR, and a CR typed before an LF: each makes one break of two.
      ['a😀\rb\nc', [at(1, 0, '\n'), at(1, 1, 'y')]],
      ['a😀\nb\nc', [at(0, 3, 'z\r'), at(1, 0, 'y')]],
      ['a😀\r\nb\r\nc', [{ range: { start: { line: 0, character: 3 }, end: { line: 1, character: 0 } }, text: '' }, at(1, 0, 'y')]],
    ];
    for (const [first, changes] of cases) {
      let reference = TextDocument.create(uri, 'qda-transcript', 1, first);
      const document = new OpenDocument(uri, 'qda-transcript', 1, first, 0);
      changes.forEach((change, i) => {
        reference = TextDocument.create(uri, 'qda-transcript', i + 2, reference.getText());
        TextDocument.update(reference, [change], i + 2);
        document.update([change], i + 2);
        assert.strictEqual(document.keptAsBytes, true);
        assert.strictEqual(JSON.stringify(document.getText()), JSON.stringify(reference.getText()), JSON.stringify([first, i]));
      });
    }
  });

  it('held as a string for being Latin-1 once its last emoji is deleted, is kept as bytes again when one is typed', () => {
    const document = new OpenDocument(uri, 'qda-transcript', 1, 'c1: harga é 😀 murah\n', 8);
    assert.strictEqual(document.keptAsBytes, true);
    document.update([{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } }, text: '' }], 2);
    assert.strictEqual(document.getText(), 'c1: harga é murah\n');
    assert.strictEqual(document.keptAsBytes, false);
    document.update([{ range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, text: 'x' }], 3);
    assert.strictEqual(document.keptAsBytes, false);
    document.update([{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: '✨ ' }], 4);
    assert.strictEqual(document.getText(), 'c1: hxarga é✨  murah\n');
    assert.strictEqual(document.keptAsBytes, true);
  });

  it('types a code after an emoji on a CRLF line: the column counts UTF-16 units', () => {
    const document = new OpenDocument(uri, 'qda-transcript', 1, 'c1: harga 😀 murah\r\nc2: bagus ✨ kak\r\n', 0);
    assert.strictEqual(document.keptAsBytes, true);
    document.update([{ range: { start: { line: 0, character: 12 }, end: { line: 0, character: 12 } }, text: ' {#emoji}' }], 2);
    // A character past the end of a line is the end of its text, before its line break.
    document.update([{ range: { start: { line: 1, character: 99 }, end: { line: 1, character: 99 } }, text: ' {#harga}' }], 3);
    assert.strictEqual(document.getText(), 'c1: harga 😀 {#emoji} murah\r\nc2: bagus ✨ kak {#harga}\r\n');
    assert.strictEqual(document.keptAsBytes, true);
  });
});

describe('an open document whose bytes its parses read', () => {
  const at = (line: number, character: number, text: string): TextDocumentContentChangeEvent => ({ range: { start: { line, character }, end: { line, character } }, text });
  /** Bytes of `text` at the start of a buffer with `room` bytes past them, as the reader of standard input hands over an opened text. */
  const withRoom = (text: string, room: number) => {
    const encoded = new TextEncoder().encode(text);
    const buffer = new Uint8Array(encoded.length + room);
    buffer.set(encoded);
    return new Utf8Text(buffer.subarray(0, encoded.length), true);
  };

  it('takes a change in place, in the room its buffer has, once the parse of the old text is let go, and releases that parse', () => {
    const opened = withRoom('c1: harga 😀 murah\nc2: bagus ✨ kak\n', 32);
    const document = new OpenDocument(uri, 'qda-transcript', 1, opened, 0);
    const first = parseTranscript(document.read(true).text);
    document.update([at(0, 12, ' {#harga}')], 2);
    // Not applied yet: the parse of the text before still reads its own text.
    assert.strictEqual(first.source.slice(0, first.source.length), 'c1: harga 😀 murah\nc2: bagus ✨ kak\n');
    const read = document.read(true).text as CompactUtf8;
    assert.strictEqual(read.utf8.buffer, opened.bytes.buffer);
    assert.strictEqual(read.utf8.byteOffset, opened.bytes.byteOffset);
    assert.strictEqual(textString(read), 'c1: harga 😀 {#harga} murah\nc2: bagus ✨ kak\n');
    assert.strictEqual(first.source.released, true);
    assert.throws(() => first.source.slice(0, 4), /was not kept/);
    // Past the room: a buffer of its own, and the parse of the text before still reads that text.
    const second = parseTranscript(read);
    document.update([at(1, 0, 'x'.repeat(40))], 3);
    const grown = document.read(true).text as CompactUtf8;
    assert.notStrictEqual(grown.utf8.buffer, opened.bytes.buffer);
    assert.strictEqual(second.source.slice(0, second.source.length), 'c1: harga 😀 {#harga} murah\nc2: bagus ✨ kak\n');
    assert.strictEqual(textString(grown), `c1: harga 😀 {#harga} murah\n${'x'.repeat(40)}c2: bagus ✨ kak\n`);
  });

  it('changes into a copy where a parse still reads the bytes and the text is read otherwise than for a parse', () => {
    const opened = withRoom('c1: harga 😀 murah\n', 32);
    const document = new OpenDocument(uri, 'qda-transcript', 1, opened, 0);
    const first = parseTranscript(document.read(true).text);
    document.update([at(0, 4, 'x')], 2);
    // Read for the workspace's own reading of its files (a folder added): the parse it holds is not let go.
    assert.strictEqual(textString(document.read().text), 'c1: xharga 😀 murah\n');
    assert.strictEqual(first.source.released, false);
    document.update([at(0, 4, 'y')], 3);
    assert.strictEqual(document.getText(), 'c1: yxharga 😀 murah\n');
    assert.strictEqual(first.source.released, false);
    assert.strictEqual(first.source.slice(0, first.source.length), 'c1: harga 😀 murah\n');
    assert.notStrictEqual((document.read(true).text as CompactUtf8).utf8.buffer, opened.bytes.buffer);
  });

  it('never lets a parse read a text other than its own, whatever the changes, room and order of reading', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(change, fc.boolean(), fc.constantFrom('for a parse', 'otherwise', 'not yet')), { maxLength: 10 }), fc.integer({ min: 0, max: 48 }), (first, steps, room) => {
        fc.pre(compactForm(first, 0) !== undefined);
        let reference = TextDocument.create(uri, 'qda-transcript', 1, first);
        const document = new OpenDocument(uri, 'qda-transcript', 1, withRoom(first, room), 0);
        const parses: { source: SourceText; text: string }[] = [];
        let version = 1;
        for (const [generated, parse, reading] of steps) {
          if (parse) {
            const read = document.read(true).text;
            if (typeof read !== 'string') parses.push({ source: parseTranscript(read).source, text: reference.getText() });
          }
          version++;
          let step: TextDocumentContentChangeEvent[];
          ({ reference, step } = appliedToReference(reference, generated, version));
          document.update(step, version);
          // Read as the server's parse reads it (after letting the old parse go), or otherwise, or
          // not yet: changes pile up while a long parse runs (several at once, single ones between).
          if (reading !== 'not yet') assert.strictEqual(reading === 'for a parse' ? textString(document.read(true).text) : document.getText(), reference.getText());
          for (const { source, text: own } of parses) if (!source.released) assert.strictEqual(source.slice(0, source.length), own);
        }
        assert.strictEqual(document.getText(), reference.getText());
      }),
      { numRuns: 1500 },
    );
  });
});

describe('an open document and the parse of the same text from disk', () => {
  const onDisk = 'c1: harga 😀 murah\r\nc2: bagus ✨ kak\r\n';
  /** The text as the workspace keeps a transcript read from disk: its compact form. */
  const parsedFromDisk = (text: string) => {
    const source = new SourceText(text);
    assert.ok(source.keepAsUtf8(new TextEncoder().encode(text)));
    return source;
  };

  it('share one copy of the bytes where the texts are the same', () => {
    const source = parsedFromDisk(onDisk);
    const document = new OpenDocument(uri, 'qda-transcript', 1, new Utf8Text(new TextEncoder().encode(onDisk)), 0);
    assert.strictEqual(document.sharesTextWith(source), true);
    assert.strictEqual((document.read().text as CompactUtf8).utf8.buffer, source.utf8Range(0, source.length)!.bytes.buffer);
    assert.strictEqual(document.getText(), onDisk);
  });

  it('share the document’s bytes where the workspace kept its text on disk, and only where they are the same', () => {
    const utf8 = new TextEncoder().encode(onDisk);
    let reads = 0;
    const file = { read: (from: number, to: number) => (reads++, utf8.slice(from, to)), readInto: (into: Uint8Array, from: number) => (reads++, into.set(utf8.subarray(from, from + into.length)), true) };
    const source = parsedFromDisk(onDisk);
    assert.ok(source.keepOnDisk(file));
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, new Utf8Text(new TextEncoder().encode(onDisk.replace('kak', 'kok'))), 0).sharesTextWith(source), false);
    assert.strictEqual(source.onDisk, true);
    const opened = new TextEncoder().encode(onDisk);
    const document = new OpenDocument(uri, 'qda-transcript', 1, new Utf8Text(opened), 0);
    assert.strictEqual(document.sharesTextWith(source), true);
    // The parse now reads the document's bytes, never the file.
    assert.strictEqual(source.onDisk, false);
    assert.strictEqual(source.utf8Range(0, source.length)!.bytes.buffer, (document.read().text as CompactUtf8).utf8.buffer);
    reads = 0;
    assert.strictEqual(source.slice(0, source.length), onDisk);
    assert.strictEqual(reads, 0);
  });

  it('do not where a character differs, the lengths differ, either is a string, or the parse keeps no text', () => {
    const bytes = (t: string) => new Utf8Text(new TextEncoder().encode(t));
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, bytes(onDisk.replace('kak', 'kok')), 0).sharesTextWith(parsedFromDisk(onDisk)), false);
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, bytes(`${onDisk} `), 0).sharesTextWith(parsedFromDisk(onDisk)), false);
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, bytes(onDisk), 0).sharesTextWith(new SourceText(onDisk)), false);
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, onDisk).sharesTextWith(parsedFromDisk(onDisk)), false);
    // A parse whose text was let go (the command line's) has nothing to share.
    const released = parsedFromDisk(onDisk);
    released.release();
    assert.strictEqual(new OpenDocument(uri, 'qda-transcript', 1, bytes(onDisk), 0).sharesTextWith(released), false);
  });
});

describe('the compact form read from bytes alone', () => {
  it('is the one made from the decoded text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 }), (parts) => {
        const t = parts.join('');
        const utf8 = new TextEncoder().encode(t);
        assert.deepStrictEqual(compactUtf8OfBytes(utf8), compactUtf8(t, utf8));
      }),
      { numRuns: 3000 },
    );
  });
});
