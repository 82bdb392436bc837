// Excerpts: one line, cut to a number of characters (code points, never half an emoji).
import * as assert from 'assert';
import fc from 'fast-check';
import { excerpt } from '../../server/src/core/text/excerpt';

/** The reference: every character spread into a list, then cut. */
function byList(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : flat;
}

describe('excerpt', () => {
  it('cuts as a list of characters would, without making one', () => {
    const text = fc.array(fc.constantFrom('a', ' ', '\n', '\t', '😀', 'é', '\uD800', '\uDC00', 'bc', '\u00a0', '\u3000', '\ufeff', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, fc.integer({ min: 1, max: 20 }), (t, n) => assert.strictEqual(excerpt(t, n), byList(t, n))), { numRuns: 5000 });
    assert.strictEqual(excerpt('  Saya   suka\n😀😀 ', 6), 'Saya …');
    assert.strictEqual(excerpt('😀😀😀', 3), '😀😀😀');
    assert.strictEqual(excerpt('😀😀😀😀', 3), '😀😀…');
  });
});
