import * as assert from 'assert';
import fc from 'fast-check';
import { readSimpleYaml } from '../../server/src/core/model/simpleYaml';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

/**
 * The front matter of a transcript whose YAML lines are `body`, read as it is and read through the
 * YAML library: a comment line first sends it there, one line lower (`lowered` moves the first
 * reading's lines down to match).
 */
function bothWays(body: string[], eol = '\n') {
  const read = (lines: string[]) => {
    const parsed = parseTranscript(['---', ...lines, '---', 'P: halo', ''].join(eol));
    return JSON.parse(JSON.stringify({ frontMatter: parsed.frontMatter, problems: parsed.problems }));
  };
  const lowered = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/"line":(\d+)/g, (_, line) => `"line":${Number(line) === 0 ? 0 : Number(line) + 1}`));
  const simple = readSimpleYaml(body.map((line) => `${line}${eol}`).join('')) !== undefined;
  return { fast: lowered(read(body)), library: read(['# via the library', ...body]), simple };
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
  { weight: 12, arbitrary: fc.tuple(key, fc.constantFrom(' ', ' ', '  ', ''), value, fc.constantFrom('', '', '', '', ' ', '  ')).map(([k, gap, v, tail]) => `${k}:${gap}${v}${tail}`) },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '# komentar', '  nested: 1', 'speakers: {R: SR}', '...') },
);

describe('front matter', () => {
  it('reads simple `key: value` lines exactly as the YAML library does, ranges and problems included', () => {
    let simple = 0;
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (body, crlf) => {
        const eol = crlf && body.length % 3 === 0 ? '\r\n' : '\n';
        const both = bothWays(body, eol);
        assert.deepStrictEqual(both.fast, both.library);
        if (both.simple) simple++;
      }),
      { numRuns: 3000 },
    );
    // The comparison means something only if many cases took the path without the library. Over
    // 3,000 seeds the count was 197–289 (median 243); a CI run drew 187, under an earlier bound of
    // 200. Half the median keeps the check (a fast path that stopped reading would give 0) without
    // failing on a seed.
    assert.ok(simple > 120, `${simple} of 3,000 read without the YAML library`);
  });

  it('reads the front matter of every generated transcript without the YAML library, the same way', () => {
    const body = ['informant: I43', 'source: interview', 'date: 2022-11-16', 'interviewer: P', 'shop: Toko Baju Padang'];
    const { fast, library, simple } = bothWays(body);
    assert.ok(simple);
    assert.deepStrictEqual(fast, library);
    assert.deepStrictEqual(fast.frontMatter.attributes, { shop: 'Toko Baju Padang' });
    assert.deepStrictEqual(fast.frontMatter.date.value, '2022-11-16');
  });
});
