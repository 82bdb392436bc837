// The filter of neighbouring characters: whatever a case-insensitive search of a passage finds,
// the filter must let through, for a text held as a string and as UTF-8 bytes alike.
import * as assert from 'assert';
import fc from 'fast-check';
import { CharacterPairs, characterClasses, characterPairsWords, mayHold } from '../../server/src/core/text/characterPairs';
import { literalPattern } from '../../server/src/core/text/text';

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Case pairs of several scripts, the characters (U+212A K KELVIN SIGN, ſ, İ, ß, final sigma) a case-insensitive search folds oddly, emoji and line breaks. */
const pieces = [
  'a', 'A', 'k', 'K', 's', 'S', 'o', 'i', 'I', ' ', '-', '1', '#', '{', '}',
  '\u212A', 'ſ', 'İ', 'ı', 'ß', 'ẞ', 'Σ', 'σ', 'ς', 'Å', 'å', 'é', 'É', '😀', '👍🏽', '𝒜', '𐐀', '𐐨', '\r\n', '\n', '\t', '\uFEFF',
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));
/** A query: a piece of the text itself, its case changed, or a few pieces of the alphabet. */
const query = (source: string) =>
  fc.oneof(
    fc.tuple(fc.nat(source.length), fc.integer({ min: 1, max: 6 }), fc.constantFrom<(s: string) => string>((s) => s, (s) => s.toUpperCase(), (s) => s.toLowerCase())).map(([at, n, change]) => change(source.slice(at, at + n))),
    fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('')),
  );

/** The filters of one passage of `source`, from the string and from its bytes: [whole, starts] each. */
function filters(source: string, start: number, end: number, startLength: number): { fromText: Uint32Array; fromBytes: Uint32Array; startsOnly: Uint32Array } {
  const pairs = new CharacterPairs();
  const fromText = new Uint32Array(2 * characterPairsWords);
  pairs.addText(source, start, end, startLength);
  pairs.into(fromText, 0, characterPairsWords);
  const fromBytes = new Uint32Array(2 * characterPairsWords);
  const bytes = utf8(`${source}`);
  const byteAt = (offset: number) => utf8(source.slice(0, offset)).length;
  pairs.addUtf8(bytes, byteAt(start), byteAt(end), startLength);
  pairs.into(fromBytes, 0, characterPairsWords);
  const startsOnly = new Uint32Array(2 * characterPairsWords);
  pairs.addUtf8(bytes, byteAt(start), byteAt(end), startLength, true);
  pairs.into(startsOnly, 0, characterPairsWords, true);
  return { fromText, fromBytes, startsOnly };
}

/** Offsets of `source` not inside a surrogate pair. */
const boundary = (source: string, offset: number) => (offset > 0 && offset < source.length && /[\udc00-\udfff]/.test(source[offset]) && /[\ud800-\udbff]/.test(source[offset - 1]) ? offset - 1 : offset);

describe('character pairs', () => {
  it('let through every passage a case-insensitive search finds the query in, from a string and from bytes alike', () => {
    fc.assert(
      fc.property(
        text.chain((source) => fc.tuple(fc.constant(source), fc.nat(source.length), fc.nat(source.length), fc.nat(8), query(source))),
        ([source, a, b, startLength, needle]) => {
          const start = boundary(source, Math.min(a, b));
          const end = boundary(source, Math.max(a, b));
          const { fromText, fromBytes, startsOnly } = filters(source, start, end, startLength);
          assert.deepStrictEqual(fromBytes, fromText);
          assert.deepStrictEqual(startsOnly.subarray(characterPairsWords), fromText.subarray(characterPairsWords));
          assert.ok(startsOnly.subarray(0, characterPairsWords).every((word) => word === 0));
          if (needle === '') return;
          const classes = characterClasses(needle);
          const passage = source.slice(start, end);
          // Both searches the symbols use: the Unicode one, and the ASCII one for an ASCII query.
          const patterns = [literalPattern(needle, 'giu'), ...(/^[\x00-\x7f]*$/.test(needle) ? [literalPattern(needle, 'gi')] : [])];
          for (const pattern of patterns) {
            for (const match of passage.matchAll(pattern)) {
              assert.ok(mayHold(fromText, 0, classes), `${JSON.stringify(needle)} found in ${JSON.stringify(passage)}`);
              if (match.index + match[0].length <= startLength) assert.ok(mayHold(fromText, characterPairsWords, classes), `${JSON.stringify(needle)} in the start of ${JSON.stringify(passage)}`);
            }
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('rule out what the passages do not hold, case aside', () => {
    const holds = (source: string, needle: string, starts = false) => mayHold(filters(source, 0, source.length, 8).fromText, starts ? characterPairsWords : 0, characterClasses(needle));
    const shop = 'Tokonya murah,\r\nkakak';
    assert.deepStrictEqual(
      ['MURAH', 'h,', 'ah,\r\nka', 'kaka', 'xyz', 'mm', 'x', 'İ', '😀'].map((needle) => holds(shop, needle)),
      [true, true, true, true, false, false, false, false, false],
    );
    // K KELVIN SIGN (U+212A) and ſ LONG S match k and s; İ and ß match no ASCII letter; every other character beyond ASCII is alike.
    assert.deepStrictEqual(['\u212Aak', 'Kak', 'ſ', 'İ', 'ß'].map((needle) => holds(shop, needle)), [true, true, false, false, false]);
    assert.deepStrictEqual(['SAYA', 'ſaya', 'şaya'].map((needle) => holds('ſaya', needle)), [true, true, false]);
    assert.deepStrictEqual(['😀', 'İ', 'é 😀', 'e 😀'].map((needle) => holds('é 😀', needle)), [true, true, true, false]);
    // The start: its first 8 code units ("Tokonya "), and the end of the start as an edge.
    assert.deepStrictEqual(['tokonya', 'nya ', 'a', 'murah', 'nya m'].map((needle) => holds(shop, needle, true)), [true, true, true, false, false]);
  });
});
