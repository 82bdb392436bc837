// The searches that start from an earlier answer give what a binary search gives, whatever the hint.
import * as assert from 'assert';
import fc from 'fast-check';
import { countAtOrBelow, countAtOrBelowFrom, countBelow, countBelowFrom } from '../../server/src/core/text/sortedSearch';

describe('sorted search from a hint', () => {
  it('counts as the binary search counts, with duplicates, any value and any hint', () => {
    const sorted = fc.array(fc.integer({ min: -5, max: 40 }), { maxLength: 80 }).map((values) => Int32Array.from(values.sort((a, b) => a - b)));
    fc.assert(
      fc.property(sorted, fc.array(fc.integer({ min: -10, max: 50 }), { maxLength: 20 }), fc.integer({ min: -3, max: 35 }), (array, values, first) => {
        let below = first;
        let atOrBelow = first;
        for (const value of values) {
          below = countBelowFrom(array, value, below);
          atOrBelow = countAtOrBelowFrom(array, value, atOrBelow);
          assert.strictEqual(below, countBelow(array, value));
          assert.strictEqual(atOrBelow, countAtOrBelow(array, value));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
