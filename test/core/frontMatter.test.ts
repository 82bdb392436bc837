import * as assert from 'assert';
import fc from 'fast-check';
import type { Diagnostic } from '../../server/src/core/diagnostic';
import { readFrontMatter, readFrontMatterYaml, readSimpleFrontMatter } from '../../server/src/core/frontMatter';
import { LineIndex } from '../../server/src/core/text';
import { parseTranscript } from '../../server/src/core/transcriptParser';

/** Reads the front matter of `text` (between its `---` lines) both ways. */
function bothWays(text: string) {
  const yamlStart = text.indexOf('\n') + 1;
  const yamlEnd = text.indexOf('\n---', yamlStart - 1) + 1;
  const lines = new LineIndex(text);
  const block = { start: 0, end: text.indexOf('\n', yamlEnd) + 1 };
  const read = (how: typeof readFrontMatter) => {
    const problems: Diagnostic[] = [];
    const frontMatter = how(text.slice(yamlStart, yamlEnd), yamlStart, block, lines, problems);
    return { frontMatter, problems };
  };
  const simple = readSimpleFrontMatter(text.slice(yamlStart, yamlEnd), yamlStart, block, lines, []) !== undefined;
  return { fast: read(readFrontMatter), yaml: read(readFrontMatterYaml), simple };
}

// Mostly what YAML reads as strings, so that many front matters take the path without the library;
// then what must go to the library: numbers, nulls, booleans, quotes, comments, flow collections…
const key = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom('informant', 'source', 'date', 'interviewer', 'shop', 'role', 'x-y', '_k', 'Kota') },
  { weight: 1, arbitrary: fc.constantFrom('true', 'null', '12', 'speakers') },
);
const value = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('SR', 'interview', 'observation', 'survey', '2022-11-16', 'Auraliq Fashion', 'P', 'toko baju 😍', "Jum'at", 'a - b', 'x,y', 'naïve', 'a!b', 'ok%') },
  { weight: 1, arbitrary: fc.constantFrom('25', '-3', '1.5', '.5', '1e3', '0x1F', '0o17', '.inf', '.NaN', '~', 'null', 'True', 'false', 'yes', '2022', '') },
  { weight: 1, arbitrary: fc.constantFrom('"SR"', "'SR'", 'SR # note', 'a: b', '[a, b]', '{a: 1}', '- a', '&a x', '*a', '!t x', '|', '>', '@x', '`x`', 'a[b]', 'x\u2028y', 'x\u0085y') },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom('a', 'B', ' ', '-', '.', ':', '#', '1', 'é', '😀', '\t'), maxLength: 8 }) },
);
const line = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(key, fc.constantFrom(' ', ' ', '  ', ''), value, fc.constantFrom('', '', ' ', '  ')).map(([k, gap, v, tail]) => `${k}:${gap}${v}${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '# komentar', '  nested: 1', 'speakers: {R: SR}', '...') },
);

describe('front matter', () => {
  it('reads simple `key: value` lines exactly as the YAML library does, ranges and problems included', () => {
    let simple = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (body, crlf) => {
        const eol = crlf && body.length % 3 === 0 ? '\r\n' : '\n';
        const text = ['---', ...body, '---', 'P: halo', ''].join(eol);
        const both = bothWays(text);
        assert.deepStrictEqual(both.fast, both.yaml);
        if (both.simple) simple++;
      }),
      { numRuns: 3000 },
    );
    // The comparison means something only if many cases took the path without the library.
    assert.ok(simple > 200, `${simple} of 3,000 read without the YAML library`);
  });

  it('reads the front matter of every generated transcript without the YAML library, the same way', () => {
    const text = '---\ninformant: I43\nsource: interview\ndate: 2022-11-16\ninterviewer: P\nshop: Toko Baju Padang  \n---\n# Wawancara\n\nP: halo\n';
    const { fast, yaml, simple } = bothWays(text);
    assert.ok(simple);
    assert.deepStrictEqual(fast, yaml);
    assert.deepStrictEqual(fast.frontMatter.attributes, { shop: 'Toko Baju Padang' });
    assert.deepStrictEqual(parseTranscript(text).frontMatter?.date?.value, '2022-11-16');
  });
});
