// Code paths and speaker labels are read character by character where they are ASCII; these
// properties hold the fast readers to the regular expressions that define them.
import * as assert from 'assert';
import fc from 'fast-check';
import { codePathAt, codePathEnd } from '../../server/src/core/model/codePath';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

/** The definition: where `codePathAt` ends a match at `start`, or `start`. */
function byRegex(text: string, start: number): number {
  codePathAt.lastIndex = start;
  return codePathAt.test(text) ? codePathAt.lastIndex : start;
}

// ASCII of every kind the readers tell apart, letters and marks and digits of other scripts, an emoji, a lone surrogate.
const pieces = ['a', 'Z', '7', '_', '-', '/', '//', '.', ':', ' ', '\t', '#', ',', '}', 'é', 'ß', 'Ж', '\u0301', '٣', '😀', '\uD800', 'kode-1', 'tema/'];
const anyText = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));

describe('code paths', () => {
  it('end where the regular expression ends them, from any offset', () => {
    fc.assert(
      fc.property(anyText, fc.nat(), (text, at) => {
        const start = text.length === 0 ? 0 : at % (text.length + 1);
        assert.strictEqual(codePathEnd(text, start), byRegex(text, start));
      }),
      { numRuns: 5000 },
    );
  });

  it('end at the last segment character, not at a trailing slash or at another character', () => {
    const ends = (text: string) => codePathEnd(text, 1);
    assert.deepStrictEqual(
      ['#tema33/kode-10}', '#trust/}', '#trust//x', '#kepercayaan/kualitas, #x', '#café/ß}', '#/x', '#a/😀'].map(ends),
      [15, 6, 6, 21, 7, 1, 2],
    );
  });
});

describe('speaker labels', () => {
  /** The definition: a run of letters, marks, digits, '_', '.', '-' up to the line's first ':', then white space or the end. */
  function labelByRegex(line: string): string[] {
    const match = /^[\p{L}\p{M}\p{Nd}_.-]+:(?=[ \t]|$)/u.exec(line.replace(/\r?\n$/, ''));
    return match ? [match[0].slice(0, -1)] : [];
  }

  it('are read as the regular expression reads them', () => {
    const labelPieces = ['A', 'p', '2', '_', '.', '-', 'é', 'Ж', '\u0301', '٣', '😀', ' ', '\t', ',', ':', ': ', 'SR:', 'ya'];
    const line = fc.array(fc.constantFrom(...labelPieces), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(line, (text) => {
        assert.deepStrictEqual(
          parseTranscript(text).turns.map((t) => t.speaker),
          labelByRegex(text),
        );
      }),
      { numRuns: 5000 },
    );
  });
});
