import * as assert from 'assert';
import fc from 'fast-check';
import { editDistance, suggestSimilar } from '../../server/src/core/model/similarNames';

/** The textbook table, for reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

describe('suggestions for misspelt codes', () => {
  it('measures edit distance as the textbook does, and stops past the bound', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/', '-'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
        const exact = reference(a, b);
        assert.strictEqual(editDistance(a, b), exact);
        assert.strictEqual(editDistance(a, b, max), Math.min(exact, max + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('suggests the nearest codes first, and codes with the same last segment', () => {
    const codes = ['trust/quality', 'trust/testimonials', 'price/discounts', 'price/free-shipping'];
    assert.deepStrictEqual(suggestSimilar('trust/qualty', codes), ['trust/quality']);
    assert.deepStrictEqual(suggestSimilar('TRUST/QUALITY', codes), ['trust/quality']);
    assert.deepStrictEqual(suggestSimilar('discounts', codes), ['price/discounts']);
    assert.deepStrictEqual(suggestSimilar('zzz', codes), []);
  });
});
