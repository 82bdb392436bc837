// A document's numbers at two bytes each where all fit: the same numbers, in the narrower array
// exactly when every one fits; and a document past 65,536 characters read at four bytes, checked
// against positions found in its text by another way (indexOf).
import * as assert from 'assert';
import fc from 'fast-check';
import { ParsedTranscript } from '../../server/src/core/model/transcript';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { offsetArray } from '../../server/src/core/text/offsetArray';
import { Rows } from '../../server/src/core/text/rows';

describe('offset arrays', () => {
  it('hold the same numbers, at two bytes exactly when all are in 0..65535', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom(0, 0xffff, 0x10000));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.nat(45), fc.boolean(), (values, cut, typed) => {
        const count = Math.min(cut, values.length);
        const array = offsetArray(typed ? Int32Array.from(values) : values, count);
        assert.deepStrictEqual(Array.from(array), values.slice(0, count));
        assert.strictEqual(array instanceof Uint16Array, values.slice(0, count).every((v) => v <= 0xffff));
        // With a bound that holds, the same numbers in the same array.
        const bounded = offsetArray(values, count, Math.max(0, ...values.slice(0, count)));
        assert.deepStrictEqual(bounded, array);
      }),
      { numRuns: 2000 },
    );
  });

  it('are what rows give, two bytes or four as their numbers need', () => {
    const rows = new Rows(2);
    rows.data[rows.add()] = 65535;
    assert.ok(rows.take() instanceof Uint16Array);
    const row = rows.add();
    rows.data[row + 1] = 65536;
    const wide = rows.take();
    assert.ok(wide instanceof Int32Array);
    assert.deepStrictEqual(Array.from(wide), [0, 65536]);
    assert.strictEqual(rows.count, 0);
  });

  it('keep a transcript past 65,536 characters exact: its turns, codings, timestamps, lines and plain text', () => {
    const filler = 'kata '.repeat(20000); // 100,000 characters
    const text = `---\ninterviewer: P\n---\nP: [00:00:05] ${filler}\n\nA: [01:00:00] awal [harga murah]{#harga} 😀 akhir {#tema | catatan}\n\nP: tanpa waktu\n`;
    const doc = parseTranscript(text);
    assert.deepStrictEqual(doc.problems, []);
    assert.deepStrictEqual(doc.turns.map((t) => [t.speaker, t.time, t.start]), [
      ['P', 5, text.indexOf('P: [00')],
      ['A', 3600, text.indexOf('A: [01')],
      ['P', undefined, text.indexOf('P: tanpa')],
    ]);
    assert.deepStrictEqual([0, 1, 2].map((t) => doc.timeOf(t)), [5, 3600, undefined]);
    const stamp = doc.turns[1].timestampSpan!;
    assert.strictEqual(text.slice(stamp.start, stamp.end), '[01:00:00]');
    // The coded span and the turn's codes, at offsets past 65,536.
    const coded = doc.codings.map((c) => [c.code, text.slice(c.textSpan.start, c.textSpan.end), c.memo, c.turn]);
    assert.deepStrictEqual(coded, [
      ['harga', 'harga murah', undefined, 1],
      ['tema', 'awal [harga murah]{#harga} 😀 akhir', 'catatan', 1],
    ]);
    assert.strictEqual(doc.codeOfCoding(1), 'tema');
    assert.strictEqual(doc.turnOfCoding(0), 1);
    assert.ok(doc.textStartOf(0) > 65536);
    // Read at four bytes: a number past 65,535 in each.
    assert.ok(doc.lines.lineStarts instanceof Int32Array && doc.columns.codings instanceof Int32Array && doc.columns.times instanceof Int32Array);
    // Lines: the line of the second turn starts where indexOf finds it.
    const line = doc.turns[1].range.start.line;
    assert.strictEqual(doc.lines.lineStart(line), text.indexOf('A: [01'));
    assert.strictEqual(doc.lines.lineText(line), text.slice(text.indexOf('A: [01'), text.indexOf('\n', text.indexOf('A: [01'))));
    // The plain text without the front matter, timestamps, brackets and tag blocks; a coding's code points.
    const plain = `P: ${filler}\n\nA: awal harga murah 😀 akhir\n\nP: tanpa waktu\n`;
    assert.ok(doc.plainText === plain, `plain text ends ${JSON.stringify(doc.plainText.slice(-50))}`);
    const at = plain.indexOf('harga murah');
    assert.deepStrictEqual([doc.codings[0].plainStart, doc.codings[0].plainEnd], [at, at + 'harga murah'.length]);
    assert.strictEqual(doc.plainIndex.toPlain(doc.textStartOf(0)), at);
    assert.strictEqual(doc.plainIndex.toSourceStart(at), doc.textStartOf(0));
    assert.strictEqual(doc.plainIndex.codePoints.toCodePoint(plain.indexOf(' akhir')), plain.indexOf(' akhir') - 1);
  });

  it('tell the same read at four bytes as at two, whatever the transcript', () => {
    const alphabet = fc.constantFrom('[', ']', '{#a}', '{#b, #a}', '{-}', '{#c | memo}', '[x]{#a #b | m}', '{', '}', '#', '\\', ':', 'A', ' ', '\n', '\r\n', '---\ninterviewer: P\n---\n', '😀', 'P: ', 'SR: ', 'é', '[00:01:02] ', '[1:00:00] ');
    const anyText = fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(anyText, (text) => {
        const narrow = parseTranscript(text);
        const columns = Object.fromEntries(Object.entries(narrow.columns).map(([k, v]) => [k, v instanceof Uint16Array ? Int32Array.from(v) : v])) as ParsedTranscript['columns'];
        const wide = new ParsedTranscript(narrow.lines, narrow.frontMatter, columns, narrow.plainIndex, narrow.problems);
        assert.ok(narrow.columns.turns instanceof Uint16Array && wide.columns.turns instanceof Int32Array);
        assert.deepStrictEqual(everything(wide), everything(narrow));
      }),
      { numRuns: 1000 },
    );
  });
});

/** What a parse tells through its objects and its columns. */
function everything(doc: ParsedTranscript): unknown {
  const count = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    turns: doc.turns.map((t) => [t.speaker, t.isQuote, t.range, t.contentRange, t.speakerRange, t.time, t.timestampSpan, t.tagBlocks, t.codings]),
    tagBlocks: doc.tagBlocks.map((b) => [b.range, b.codes.map((c) => [c.path, c.range]), b.memo && [b.memo.text, b.memo.range], b.reviewed, b.scope, b.turn]),
    codings: doc.codings.map((c) => [c.code, c.codeRange, c.tagRange, c.textRange, c.plainStart, c.plainEnd, c.tagBlock, c.memo, c.scope, c.turn]),
    turnColumns: count(doc.turnCount).map((t) => [doc.speakerOf(t), doc.isQuote(t), doc.timeOf(t), doc.tagBlockCountOf(t), doc.firstCodingOf(t), doc.codingCountOf(t), doc.contentSpanOf(t)]),
    codingColumns: count(doc.codingCount).map((i) => [doc.codeOfCoding(i), doc.tagBlockOfCoding(i), doc.turnOfCoding(i), doc.textStartOf(i), doc.textEndOf(i), doc.plainStartOf(i), doc.plainEndOf(i)]),
  };
}
