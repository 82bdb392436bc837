// How a second coder's bytes of a transcript stand to the first coder's: the chunks found changed,
// the text made of them, and the files that are not cut. The decoder is held to TextDecoder and to
// the parser's own scan of the text.
import * as assert from 'assert';
import fc from 'fast-check';
import { astralOffsets, scanLines } from '../../server/src/core/text/textScan';
import type { AgreementUnit } from '../../server/src/core/analyses/agreement';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { changedText, compareBytes, decodeText, firstFile } from '../../server/src/node/transcriptDifference';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** How the second file stands to the first, the first parsed as `qda agree` parses it. */
function compareTexts(a: Uint8Array, b: Uint8Array | undefined, unit: AgreementUnit) {
  const decoded = decodeText(a, 'x');
  const facts = decoded && firstFile(a, parseTranscript(decoded.text), decoded.scan);
  return compareBytes(facts, a, b, unit, 'x');
}

const first = `---
informant: SR
interviewer: P
---
# Wawancara

P: Kenapa belanja di sini?

SR: Karena [murah]{#price} dan cepat 😀. {#trust}

P: Lalu?

SR: Saya percaya é. {-}
`;

/** The changed chunks as the texts they cover in each file, and the text made of them. */
function changes(a: string, b: string) {
  const comparison = compareTexts(utf8(a), utf8(b), 'quote');
  if (comparison.kind !== 'chunks') return comparison.kind;
  const made = changedText(decodeText(utf8(a), 'x')!, utf8(a), utf8(b), comparison);
  return { text: made.text, chunks: made.chunks.map((c) => [a.slice(c.base.start, c.base.end), made.text.slice(c.change.start, c.change.end)]) };
}

describe('transcript difference', () => {
  it('finds the chunks a second coder wrote differently, cut after blank lines, with their places in both texts', () => {
    const second = first.replace('{#trust}', '{#trust #speed}').replace('{-}', '{#trust/quality}');
    assert.deepStrictEqual(changes(first, second), {
      text: '\nSR: Karena [murah]{#price} dan cepat 😀. {#trust #speed}\n\nSR: Saya percaya é. {#trust/quality}\n',
      chunks: [
        ['SR: Karena [murah]{#price} dan cepat 😀. {#trust}\n\n', 'SR: Karena [murah]{#price} dan cepat 😀. {#trust #speed}\n\n'],
        ['SR: Saya percaya é. {-}\n', 'SR: Saya percaya é. {#trust/quality}\n'],
      ],
    });
  });

  it('cuts a file with no front matter from its start, its first chunk changed too', () => {
    const a = 'SR: satu {#a}\n\nSR: dua {#b}\n\nP: tiga?\n';
    assert.deepStrictEqual(changes(a, a.replace('{#a}', '{#c}')), { text: '\nSR: satu {#c}\n\n', chunks: [['SR: satu {#a}\n\n', 'SR: satu {#c}\n\n']] });
  });

  it('cuts a file with CRLF after CRLF blank lines, and keeps a byte order mark out of the text', () => {
    const crlf = `\uFEFF${first.replace(/\n/g, '\r\n')}`;
    const second = crlf.replace('{-}', '{#trust}');
    // The first coder's text is decoded without its byte order mark: the places are in that text.
    const text = crlf.slice(1);
    const comparison = compareTexts(utf8(crlf), utf8(second), 'quote');
    assert.strictEqual(comparison.kind, 'chunks');
    if (comparison.kind !== 'chunks') return;
    const { chunks } = changedText(decodeText(utf8(crlf), 'x')!, utf8(crlf), utf8(second), comparison);
    assert.deepStrictEqual(chunks.map((c) => text.slice(c.base.start, c.base.end)), ['SR: Saya percaya é. {-}\r\n']);
  });

  it('says the same for the same bytes, absent for bytes that are not text, and whole where the files cannot be cut alike', () => {
    assert.strictEqual(changes(first, first), 'same');
    // A changed chunk that is not UTF-8: the file is not text (as the workspace reads it).
    const broken = Buffer.concat([utf8(first.replace('{-}', '{#trust}')), Buffer.from([0xff])]);
    assert.strictEqual(compareTexts(utf8(first), broken, 'quote').kind, 'absent');
    // Another front matter (another interviewer: other quotes).
    assert.strictEqual(changes(first, first.replace('interviewer: P', 'interviewer: SR')), 'whole');
    // A fence in either file: its block may hold blank lines.
    assert.strictEqual(changes(`${first}\n\`\`\`\nkode\n\n\`\`\`\n`, `${first.replace('{-}', '{#trust}')}\n\`\`\`\nkode\n\n\`\`\`\n`), 'whole');
    assert.strictEqual(changes(first, `${first}\n~~~\nbaru\n~~~\n`), 'whole');
    // By character every coding's place in the whole text counts: nothing is cut.
    assert.strictEqual(compareTexts(utf8(first), utf8(first.replace('{-}', '{#trust}')), 'character').kind, 'whole');
    // A coder with no such file.
    assert.strictEqual(compareTexts(utf8(first), undefined, 'quote').kind, 'absent');
  });

  it('takes a blank line more into the chunk after it (its plain text then differs, which the revised transcript refuses)', () => {
    const made = changes(first, first.replace('P: Lalu?\n', 'P: Lalu?\n\n'));
    assert.notStrictEqual(typeof made, 'string');
    if (typeof made === 'string') return;
    assert.deepStrictEqual(made.chunks, [['SR: Saya percaya é. {-}\n', '\nSR: Saya percaya é. {-}\n']]);
  });

  it("puts the second coder's file back together: the first coder's text with each changed chunk's place given the chunk", () => {
    // Line ends of every kind (a CR makes the cuts CRLF blank lines), blank lines in the front
    // matter, a byte order mark, emoji: the places are in the first coder's text as decoded.
    const line = fc.constantFrom('SR: kata 😀 {#a}', 'P: tanya?', '', ' ', 'SR: é [x]{#b}', '# H', 'AY: ---', 'lanjut {-}');
    const ending = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
    const text = fc.tuple(fc.boolean(), fc.constantFrom('', '---\ninterviewer: P\n---\n', '---\ninformant: SR\n\ninterviewer: P\n---\n', '---\nx: 1\n'), fc.array(fc.tuple(line, ending), { maxLength: 30 }))
      .map(([bom, front, lines]) => `${bom ? '\uFEFF' : ''}${front}${lines.map(([l, e]) => l + e).join('')}`);
    const edits = fc.array(fc.tuple(fc.nat(40), fc.constantFrom('{#c}', '{-}', '', '{#a #b}')), { maxLength: 4 });
    let cut = 0;
    fc.assert(
      fc.property(text, edits, (a, changes) => {
        let b = a;
        for (const [at, tag] of changes) {
          const tags = [...b.matchAll(/\{[-#][^}]*\}/g)];
          if (tags.length === 0) break;
          const m = tags[at % tags.length];
          b = b.slice(0, m.index) + tag + b.slice(m.index! + m[0].length);
        }
        const comparison = compareTexts(utf8(a), utf8(b), 'quote');
        if (comparison.kind !== 'chunks') return;
        cut++;
        const first = decodeText(utf8(a), 'x')!;
        const made = changedText(first, utf8(a), utf8(b), comparison);
        let rebuilt = first.text;
        for (const chunk of [...made.chunks].reverse()) rebuilt = rebuilt.slice(0, chunk.base.start) + made.text.slice(chunk.change.start, chunk.change.end) + rebuilt.slice(chunk.base.end);
        assert.strictEqual(rebuilt, decodeText(utf8(b), 'x')!.text);
      }),
      { numRuns: 2000 },
    );
    // Many pairs were cut (the rest: the same bytes, nothing to change, or a change in the front matter).
    assert.ok(cut > 500, `${cut} of 2000 cut`);
  });

  it('decodes as TextDecoder does, with the lines and astral characters the parser would find itself', () => {
    const piece = fc.constantFrom('a', 'kata ', '\n', '\r\n', '😀', '👍🏽', 'é', '—', '中', '\t', '𝄞', '{#a}');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }).map((p) => p.join('')), fc.boolean(), (text, bom) => {
        const bytes = utf8(bom ? `\uFEFF${text}` : text);
        const decoded = decodeText(bytes, 'x')!;
        assert.strictEqual(decoded.text, new TextDecoder().decode(bytes));
        assert.deepStrictEqual([...decoded.scan.astral], [...astralOffsets(decoded.text)]);
        assert.deepStrictEqual(decoded.scan.lineStarts, scanLines(decoded.text).lineStarts);
      }),
      { numRuns: 500 },
    );
    assert.strictEqual(decodeText(Buffer.from([0x61, 0, 0x62]), 'x'), undefined);
    assert.strictEqual(decodeText(Buffer.from([0xc3]), 'x'), undefined);
  });
});
