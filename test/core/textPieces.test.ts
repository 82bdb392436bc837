// Texts built from pieces (an import's turns, escaped transcript text): the same text as the
// simple expressions they replace, checked against those expressions on generated texts. (Their
// memory — a 50 MB line imported in about 320 MB, not 2.1 GB — is measured by hand: no test
// asserts memory or time.)
import * as assert from 'assert';
import fc from 'fast-check';
import { collapseWhiteSpace, TextPieces } from '../../server/src/core/text/textPieces';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { escapeTranscriptText } from '../../server/src/core/model/transcriptSyntax';

const piece = fc.constantFrom('a', 'kata', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2028', '\uFEFF', '{', '\\', '\\[', '`', '``', '😀', '{#a}', ']', 'x y');
const texts = fc.array(piece, { maxLength: 60 }).map((p) => p.join(''));

describe('texts built from pieces', () => {
  it('joins pieces in order, past the batch size', () => {
    const pieces = new TextPieces();
    const expected: string[] = [];
    for (let i = 0; i < 10000; i++) {
      pieces.add(String(i % 7));
      pieces.add('');
      expected.push(String(i % 7));
    }
    assert.strictEqual(pieces.toString(), expected.join(''));
    assert.strictEqual(new TextPieces().toString(), '');
  });

  it("collapses white space exactly as text.replace(/\\s+/g, ' ').trim() does", () => {
    fc.assert(fc.property(texts, (text) => assert.strictEqual(collapseWhiteSpace(text), text.replace(/\s+/g, ' ').trim())), { numRuns: 2000 });
  });

  it('escapes transcript text so that the parser reads it back exactly', () => {
    const line = fc.array(piece.filter((p) => !/[\r\n]/.test(p)), { maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(line, (text) => {
        const doc = parseTranscript(`A: x ${escapeTranscriptText(text)}\n`);
        assert.strictEqual(doc.plainText, `A: x ${text}\n`);
      }),
      { numRuns: 2000 },
    );
  });
});
