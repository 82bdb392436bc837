// Re-transcription (core/model/retranscription.ts): a coded transcript's words replaced by a new
// transcription, its front matter and heading kept, its codings carried. Whole results written out.
import * as assert from 'assert';
import { retranscribe } from '../../server/src/core/model/retranscription';

describe('re-transcription (core/model/retranscription.ts)', () => {
  const old = '---\ninformant: SR\n---\n# Wawancara SR, Padang\n\nP: Apa?\n\nSR: [Baju murah]{#price} pasti.\n';

  it('keeps the transcript\'s heading when the new words have none', () => {
    const result = retranscribe(old, 'P: Apa kabar?\n\nSR: Baju murah, pasti.\n');
    assert.deepStrictEqual(result, {
      text: '---\ninformant: SR\n---\n# Wawancara SR, Padang\n\nP: Apa kabar?\n\nSR: [Baju murah]{#price}, pasti.\n',
      codings: 1,
      carried: 1,
      notPlaced: [],
      notes: [],
    });
    // The same under the new file's own front matter, after blank lines, and with its line ends.
    assert.strictEqual(
      retranscribe(old, '---\nsource: vtt\n---\n\r\nP: Apa kabar?\r\n\r\nSR: Baju murah, pasti.\r\n').text,
      '---\ninformant: SR\n---\n# Wawancara SR, Padang\r\n\r\nP: Apa kabar?\r\n\r\nSR: [Baju murah]{#price}, pasti.\r\n',
    );
  });

  it('takes the new words\' own heading where they have one, and adds none to a transcript without', () => {
    assert.strictEqual(retranscribe(old, '# Wawancara kedua\n\nP: Apa kabar?\n\nSR: Baju murah.\n').text, '---\ninformant: SR\n---\n# Wawancara kedua\n\nP: Apa kabar?\n\nSR: [Baju murah]{#price}.\n');
    assert.strictEqual(retranscribe('P: Apa?\n\nSR: [Baju murah]{#price} pasti.\n', 'P: Apa kabar?\n\nSR: Baju murah.\n').text, 'P: Apa kabar?\n\nSR: [Baju murah]{#price}.\n');
  });
});
