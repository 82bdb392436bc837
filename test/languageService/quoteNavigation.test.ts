// Moving between quotes: the next coded or untagged quote in a file, the next quote with the
// same code across files (wrapping around), the codes at the cursor, every quote of a code.
import * as assert from 'assert';
import { codesAt, nextCodingOfSameCode, nextQuoteInFile, quotesOfCode } from '../../server/src/languageService/quoteNavigation';
import { study } from '../helpers/project';

describe('quote navigation', () => {
  const s = study({
    'a.transcript.md': `---
informant: A
interviewer: P
---
P: Apa kabar?¦

A: ⟦[Foto asli]{#trust/quality} bagus.⟧

A: ⟦Belum tahu.⟧

A: ⟦[⟦Ulasan¦⟧]{#trust/testimonials #⟦price/disc¦ount⟧} dan [⟦har¦ga⟧]{#trust/quality | murah}.⟧

A: ⟦Selesai.⟧
`,
    'b.transcript.md': 'SR: [⟦Kualitasnya¦⟧]{#trust/quality #trust/quality/x}.\n',
  });
  const a = s.file('a.transcript.md');
  const uri = s.uri('a.transcript.md');

  it('finds the next and previous coded quote in the file, and null past the last', () => {
    assert.deepStrictEqual(nextQuoteInFile(s.workspace, uri, a.positions[0], 'next', 'coded'), { uri, range: a.ranges[0] });
    assert.deepStrictEqual(nextQuoteInFile(s.workspace, uri, a.ranges[0].start, 'next', 'coded'), { uri, range: a.ranges[2] });
    assert.deepStrictEqual(nextQuoteInFile(s.workspace, uri, a.ranges[2].start, 'previous', 'coded'), { uri, range: a.ranges[0] });
    assert.strictEqual(nextQuoteInFile(s.workspace, uri, a.ranges[2].start, 'next', 'coded'), null);
  });

  it('finds the next untagged quote', () => {
    assert.deepStrictEqual(nextQuoteInFile(s.workspace, uri, a.positions[0], 'next', 'untagged'), { uri, range: a.ranges[1] });
    assert.deepStrictEqual(nextQuoteInFile(s.workspace, uri, a.ranges[1].start, 'next', 'untagged'), { uri, range: a.ranges[6] });
  });

  it('tells the codes at the cursor: the code under it in a tag, or every coding whose text holds it', () => {
    assert.deepStrictEqual(codesAt(s.workspace, uri, a.positions[1]), [
      { code: 'trust/testimonials', range: a.ranges[3] },
      { code: 'price/discount', range: a.ranges[3] },
    ]);
    assert.deepStrictEqual(codesAt(s.workspace, uri, a.positions[2]), [{ code: 'price/discount', range: a.ranges[3] }]);
    assert.deepStrictEqual(codesAt(s.workspace, uri, a.positions[3]), [{ code: 'trust/quality', range: a.ranges[5] }]);
  });

  it('goes to the next quote with the same code across files, wrapping around', () => {
    const b = s.file('b.transcript.md');
    const next = nextCodingOfSameCode(s.workspace, uri, a.positions[3], 'next');
    assert.deepStrictEqual(next, { uri: s.uri('b.transcript.md'), range: b.ranges[0], code: 'trust/quality' });
    const wrapped = nextCodingOfSameCode(s.workspace, s.uri('b.transcript.md'), b.positions[0], 'next');
    assert.deepStrictEqual(wrapped?.uri, uri);
    assert.deepStrictEqual(wrapped?.range.start, { line: 6, character: 4 });
    assert.deepStrictEqual(nextCodingOfSameCode(s.workspace, uri, a.positions[3], 'previous')?.range.start, { line: 6, character: 4 });
  });

  it("lists every quote of a code and its sub-codes, with its informant and memo", () => {
    const quotes = quotesOfCode(s.workspace, uri, 'trust/quality');
    assert.deepStrictEqual(
      quotes.map((q) => [q.uri.slice(q.uri.lastIndexOf('/') + 1), q.text, q.informant, q.memo]),
      [
        ['a.transcript.md', 'Foto asli', 'A', undefined],
        ['a.transcript.md', 'harga', 'A', 'murah'],
        ['b.transcript.md', 'Kualitasnya', 'SR', undefined],
        ['b.transcript.md', 'Kualitasnya', 'SR', undefined],
      ],
    );
  });
});
