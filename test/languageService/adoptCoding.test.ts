// Taking the other coder's coding of a quote: the quote's text as the other coder marked it up.
import * as assert from 'assert';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { adoptCodingEdit } from '../../server/src/languageService/adoptCoding';
import { fixture } from '../helpers/fixture';

describe("adopting the other coder's coding", () => {
  const uri = 'file:///study/a.transcript.md';
  const mine = fixture('---\ninterviewer: P\n---\nP: Kenapa?\n\nSR: ⟦[Barangnya bagus]{#trust/quality} dan murah.⟧\n\nSR: ⟦Itu saja.⟧\n');
  const own = parseTranscript(mine.text);

  it("replaces the quote's text with the other's, markup and all", () => {
    const other = parseTranscript('---\ninterviewer: P\n---\nP: Kenapa?\n\nSR: Barangnya [bagus dan murah]{#price/discount}. {#trust}\n\nSR: Itu saja. {-}\n');
    assert.deepStrictEqual(adoptCodingEdit(own, uri, other, 1), { ok: { changes: { [uri]: [{ range: mine.ranges[0], newText: 'Barangnya [bagus dan murah]{#price/discount}. {#trust}' }] } } });
    assert.deepStrictEqual(adoptCodingEdit(own, uri, other, 2), { ok: { changes: { [uri]: [{ range: mine.ranges[1], newText: 'Itu saja. {-}' }] } } });
  });

  it('changes nothing where both coded the quote alike', () => {
    assert.deepStrictEqual(adoptCodingEdit(own, uri, parseTranscript(mine.text), 1), { ok: { changes: {} } });
  });

  it("refuses the interviewer's turn, a turn that is gone, and a quote whose words differ", () => {
    const other = parseTranscript('---\ninterviewer: P\n---\nP: Kenapa?\n\nSR: [Barangnya bagus]{#trust/quality} dan mahal.\n\nSR: Itu saja.\n');
    assert.deepStrictEqual(adoptCodingEdit(own, uri, other, 0), { error: 'That quote is no longer in the transcript; compare the coding again.' });
    assert.deepStrictEqual(adoptCodingEdit(own, uri, other, 7), { error: 'That quote is no longer in the transcript; compare the coding again.' });
    assert.deepStrictEqual(adoptCodingEdit(own, uri, other, 1), { error: 'The quote reads differently in the two copies now; compare the coding again.' });
  });
});
