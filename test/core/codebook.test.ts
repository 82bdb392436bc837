import * as assert from 'assert';
import { descendantsOf, parseCodebook } from '../../server/src/core/model/codebook';
import { parseInformants } from '../../server/src/core/model/informants';
import { editDistance, suggestSimilar } from '../../server/src/core/model/similarNames';
import { CodePointIndex } from '../../server/src/core/text/text';
import { fixture, r } from '../helpers/fixture';

describe('codebook.yaml', () => {
  it('reads themes and codes to any depth, with their definitions and key ranges', () => {
    const f = fixture(
      [
        '⟦trust⟧:',
        '  label: Membangun kepercayaan',
        '  description: The shop earns its customers\' trust.',
        '  color: "#2e7d32"',
        '  codes:',
        '    ⟦quality⟧:',
        '      label: Jaminan kualitas',
        '      description: Products match their photos.',
        '      include: Any promise about quality.',
        '      exclude: Price talk.',
        '      example: Barangnya sama persis dengan foto.',
        '      codes:',
        '        ⟦photos⟧: {label: Foto asli, description: Real photos.}',
        '⟦price⟧:',
        '  description: Low prices and discounts.',
      ].join('\n'),
    );
    const codebook = parseCodebook(f.text);
    assert.deepStrictEqual([...codebook.codes.keys()], ['trust', 'trust/quality', 'trust/quality/photos', 'price']);
    assert.deepStrictEqual(codebook.themes, ['trust', 'price']);
    const quality = codebook.codes.get('trust/quality')!;
    assert.deepStrictEqual(
      { ...quality, keyRange: r(quality.keyRange), range: undefined },
      {
        path: 'trust/quality',
        name: 'quality',
        theme: 'trust',
        parent: 'trust',
        depth: 1,
        label: 'Jaminan kualitas',
        description: 'Products match their photos.',
        include: 'Any promise about quality.',
        exclude: 'Price talk.',
        example: 'Barangnya sama persis dengan foto.',
        children: ['trust/quality/photos'],
        keyRange: r(f.ranges[1]),
        range: undefined,
      },
    );
    assert.strictEqual(r(codebook.codes.get('trust')!.keyRange), r(f.ranges[0]));
    assert.strictEqual(r(codebook.codes.get('trust/quality/photos')!.keyRange), r(f.ranges[2]));
    assert.strictEqual(r(codebook.codes.get('price')!.keyRange), r(f.ranges[3]));
    assert.strictEqual(codebook.codes.get('trust')!.color, '#2e7d32');
    assert.deepStrictEqual(descendantsOf(codebook, 'trust'), ['trust', 'trust/quality', 'trust/quality/photos']);
    assert.deepStrictEqual(codebook.problems, []);
  });

  it('reports duplicate paths, with the first definition as related information', () => {
    const f = fixture('price:\n  description: a\n  codes:\n    ⟦discount⟧: {description: b}\n    ⟦discount⟧: {description: c}\n');
    const codebook = parseCodebook(f.text);
    assert.deepStrictEqual(
      codebook.problems.map((p) => [p.code, r(p.range), p.related?.map((x) => r(x.range))]),
      [['duplicate-code', r(f.ranges[1]), [r(f.ranges[0])]]],
    );
    assert.strictEqual(codebook.codes.get('price/discount')!.description, 'b');
  });

  it('gives a hint for a code without a description', () => {
    const f = fixture('⟦trust⟧:\n  label: Kepercayaan\n⟦price⟧:\n');
    assert.deepStrictEqual(
      parseCodebook(f.text).problems.map((p) => [p.code, p.severity, r(p.range)]),
      [
        ['missing-description', 'hint', r(f.ranges[0])],
        ['missing-description', 'hint', r(f.ranges[1])],
      ],
    );
  });

  it('reports invalid names, unknown keys and wrong shapes', () => {
    const f = fixture('⟦trust/quality⟧: {description: a}\nprice:\n  description: b\n  ⟦discount⟧:\n    description: c\n  codes: ⟦[a, b]⟧\n');
    assert.deepStrictEqual(
      parseCodebook(f.text).problems.map((p) => [p.code, r(p.range)]),
      [
        ['codebook-invalid', r(f.ranges[0])],
        ['codebook-unknown-key', r(f.ranges[1])],
        ['codebook-invalid', r(f.ranges[2])],
      ],
    );
  });

  it('reports a YAML syntax error at its position', () => {
    const f = fixture('trust:\n  description: a\n  codes: {quality: x}⟦}⟧\n');
    const codebook = parseCodebook(f.text);
    assert.strictEqual(codebook.hasSyntaxErrors, true);
    assert.deepStrictEqual(
      codebook.problems.filter((p) => p.code === 'codebook-yaml').map((p) => r(p.range)),
      [r(f.ranges[0])],
    );
  });

  it('accepts an empty file and a byte order mark', () => {
    assert.deepStrictEqual(parseCodebook('').codes.size, 0);
    const f = fixture('\uFEFF⟦trust⟧: {description: a}');
    assert.strictEqual(r(parseCodebook(f.text).codes.get('trust')!.keyRange), r(f.ranges[0]));
  });
});

describe('informants.yaml', () => {
  it('reads block and flow style, keeping attributes as written and key ranges', () => {
    const f = fixture('⟦A⟧:\n  role: owner\n  age: 25\n  shop: Baju Padang Murah\n⟦SR⟧: {role: customer, age: 24}\n⟦X⟧:\n');
    const table = parseInformants(f.text);
    assert.deepStrictEqual(
      [...table.informants.values()].map((i) => [i.id, i.attributes, r(i.keyRange)]),
      [
        ['A', { role: 'owner', age: '25', shop: 'Baju Padang Murah' }, r(f.ranges[0])],
        ['SR', { role: 'customer', age: '24' }, r(f.ranges[1])],
        ['X', {}, r(f.ranges[2])],
      ],
    );
    assert.deepStrictEqual(table.problems, []);
  });

  it('reports duplicates, invalid ids and wrong shapes', () => {
    const f = fixture('A: {role: owner}\n⟦A⟧: {role: customer}\n⟦bad id⟧: {}\nB: ⟦[1, 2]⟧\nC: {tags: ⟦[a]⟧}\n');
    const table = parseInformants(f.text);
    assert.deepStrictEqual(
      table.problems.map((p) => [p.code, r(p.range)]),
      [
        ['duplicate-informant', r(f.ranges[0])],
        ['informants-invalid', r(f.ranges[1])],
        ['informants-invalid', r(f.ranges[2])],
        ['informants-invalid', r(f.ranges[3])],
      ],
    );
    assert.strictEqual(table.informants.get('A')!.attributes.role, 'owner');
  });

  it('reports a YAML syntax error', () => {
    const table = parseInformants('A: {role: owner\n');
    assert.strictEqual(table.hasSyntaxErrors, true);
    assert.deepStrictEqual(table.problems.map((p) => p.code), ['informants-yaml']);
  });
});

describe('code point offsets', () => {
  it('converts between UTF-16 and code points both ways, around every astral character', () => {
    const text = 'a😀b𝒜𝒜c👍🏽d';
    const index = new CodePointIndex(text);
    const points = [...text];
    let utf16 = 0;
    points.forEach((point, cp) => {
      assert.strictEqual(index.toUtf16(cp), utf16, `toUtf16(${cp})`);
      assert.strictEqual(index.toCodePoint(utf16), cp, `toCodePoint(${utf16})`);
      utf16 += point.length;
    });
    assert.strictEqual(index.toUtf16(points.length), text.length);
  });
});

describe('suggestions', () => {
  const codes = ['trust', 'trust/quality', 'trust/testimonial', 'price/discount', 'price/low-price', 'convenience/fast-response'];

  it('finds case-insensitive matches first, then near misspellings, then the same last segment', () => {
    assert.deepStrictEqual(suggestSimilar('Trust/Quality', codes), ['trust/quality']);
    assert.deepStrictEqual(suggestSimilar('trust/qualty', codes), ['trust/quality']);
    assert.deepStrictEqual(suggestSimilar('discount', codes), ['price/discount']);
    assert.deepStrictEqual(suggestSimilar('zzz', codes), []);
    assert.deepStrictEqual(suggestSimilar('a', ['b', 'ab']), ['ab']);
  });

  it('computes edit distances', () => {
    assert.strictEqual(editDistance('kitten', 'sitting'), 3);
    assert.strictEqual(editDistance('', 'abc'), 3);
    assert.strictEqual(editDistance('abc', 'abc'), 0);
    assert.strictEqual(editDistance('abcdef', 'x', 2), 3);
  });
});
