import * as assert from 'assert';
import { copyOut, detach, intern, internSlice } from '../../server/src/core/text/intern';

describe('interned names', () => {
  it('gives one string object for a name, wherever it is written', () => {
    const first = 'A: 😀 [ya]{#trust/quality}';
    const second = 'SR: [baik]{#trust/quality} {#price}';
    const a = internSlice(first, first.indexOf('trust'), first.indexOf('}'));
    const b = internSlice(second, second.indexOf('trust'), second.indexOf('}'));
    assert.strictEqual(a, 'trust/quality');
    assert.strictEqual(b, a);
    assert.strictEqual(intern('trust/quality'), a);
    // Names that differ in one character, or only in length, stay apart.
    assert.strictEqual(internSlice(second, second.indexOf('price'), second.lastIndexOf('}')), 'price');
    assert.strictEqual(internSlice('trust/qualitx', 0, 13), 'trust/qualitx');
    assert.strictEqual(internSlice('trust/qualit', 0, 12), 'trust/qualit');
    assert.strictEqual(internSlice('', 0, 0), '');
  });

  it('finds every one of many names that share hash buckets', () => {
    const names = Array.from({ length: 20000 }, (_, i) => `kode-${i.toString(36)}`);
    const text = names.join(' ');
    let at = 0;
    for (const name of names) {
      assert.strictEqual(internSlice(text, at, at + name.length), name);
      at += name.length + 1;
    }
  });

  it('copies strings out of a text as they are: empty, short, long, with emoji and lone surrogates', () => {
    const text = `${'kata 😀 \uD800 '.repeat(50)}akhir`;
    for (const [start, end] of [[0, 0], [0, 1], [3, 9], [10, 300], [0, text.length]]) {
      const cut = text.slice(start, end);
      assert.strictEqual(copyOut(cut), cut);
      assert.strictEqual(detach(cut), cut);
    }
  });
});
