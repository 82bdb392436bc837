import * as assert from 'assert';
import fc from 'fast-check';
import { BestScores } from '../../server/src/languageService/bestScores';

describe('the best of many scored candidates', () => {
  it('keeps what a stable sort by score, cut at the limit, keeps, in the same order', () => {
    // Few distinct scores, so that ties are common and their order matters.
    const scores = fc.array(fc.integer({ min: 0, max: 6 }).map((n) => n / 2), { maxLength: 60 });
    fc.assert(
      fc.property(scores, fc.integer({ min: 0, max: 12 }), (list, limit) => {
        const best = new BestScores<number>(limit);
        list.forEach((score, i) => {
          if (best.accepts(score)) best.add(score, i);
        });
        const expected = list
          .map((score, i) => ({ score, i }))
          .sort((a, b) => b.score - a.score)
          .slice(0, limit)
          .map((e) => e.i);
        assert.deepStrictEqual(best.best(), expected);
      }),
      { numRuns: 2000 },
    );
  });
});
