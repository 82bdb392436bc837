// The flat reader of informants.yaml (no YAML nodes) against the general path through the YAML
// readers, on generated files of the flat kind and around it: the same informants (order, ids,
// attributes, ranges), problems and syntax errors, to the byte, whichever reader took the text.
import * as assert from 'assert';
import fc from 'fast-check';
import { parseInformants, parseInformantsFromYaml } from '../../server/src/core/model/informants';
import { readFlatInformants } from '../../server/src/core/model/flatInformants';

/** A result as JSON, its Maps as lists of entries: key order and entry order count. */
const plain = (value: unknown): unknown =>
  value instanceof Map ? [...value].map(([k, v]) => [k, plain(v)]) : Array.isArray(value) ? value.map(plain) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) : value;
const json = (value: unknown) => JSON.stringify(plain(value));
/** The same, one line lower: as read below the comment line that sends a text to the `yaml` library. */
const lower = (value: unknown) => json(value).replace(/"line":(\d+)/g, (_, line) => `"line":${Number(line) + 1}`);

// Ids and names mostly of the flat kind (a small pool, so duplicates come up), and others around them.
const id = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('c00000', 'c00001', 'I0', 'SR', 'a.b-c', '_x', 'x_1', 'A') },
  { weight: 6, arbitrary: fc.constantFrom('Siti_Ñ', '张伟', 'é1', 'Ж', 'ab̀c', '𝒜x') },
  { weight: 1, arbitrary: fc.constantFrom('true', 'null', '123', '1e5', '~', '-x', '.a', 'a b', '"q"', "'q'", 'a#b', 'k\u00a0', '0x1F', 'Null', '1a') },
);
const name = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom('platform', 'followers', 'role', 'age', 'shop') },
  { weight: 1, arbitrary: fc.constantFrom('é', '張', 'x.y', '__proto__', 'true', '1', 'a b', '-k', '"k"') },
);
const value = fc.oneof(
  { weight: 40, arbitrary: fc.constantFrom('instagram', 'youtube', '0', '37', '4999', 'Toko 0', 'a b', '😀 ya', 'é ü', 'b.c', 'x\\y', 'o\'k', '.x') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '007', '1.5', '-3', '+3', '.5', '1e5', 'true', 'TRUE', 'null', '~', '0x1F', '.inf', '123456789012345', '1234567890123456', '20 tahun',
      "'q'", '"q"', 'x#y', 'a #c', 'a,b', 'a: b', 'b:c', 'x ', ' x', '[1, 2]', '{k: v}', '{}', '- x', '|', '&a', '*a', '!t', '%x', '@x', '`x',
      '\u00a0x', 'x\u00a0', 'x\u0085', 'x\ufeffy', 'x\u2028y', 'a\tb', '',
    ),
  },
);

type Entry =
  | { kind: 'flow'; id: string; items: [string, string][]; separator: string; gap: string }
  | { kind: 'block'; id: string; items: { name: string; value: string; below?: string }[]; indent: number; oddIndent: boolean }
  | { kind: 'empty'; id: string }
  | { kind: 'odd'; id: string; line: string };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  {
    weight: 24,
    arbitrary: fc.record({
      kind: fc.constant('flow' as const),
      id,
      items: fc.array(fc.tuple(name, value), { maxLength: 4 }),
      separator: fc.oneof({ weight: 40, arbitrary: fc.constant(', ') }, { weight: 1, arbitrary: fc.constantFrom(',', ',  ', ' ,') }),
      gap: fc.oneof({ weight: 40, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '') }),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('block' as const),
      id,
      items: fc.array(
        fc.record({ name, value, below: fc.oneof({ weight: 40, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('k: v', '- x', '# c') }) }),
        { minLength: 1, maxLength: 4 },
      ),
      indent: fc.constantFrom(1, 2, 4),
      oddIndent: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    }),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('empty' as const), id }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('odd' as const), id, line: fc.constantFrom(': 5', ': x', ': [1, 2]', ': {a: 1', ':  ', ':x', ': {a: 1} # c', ': {a: {b: 1}}', ': {a: [1]}', ': {a: 1}}') }) },
);

function render(e: Entry): string[] {
  switch (e.kind) {
    case 'flow':
      return [`${e.id}:${e.gap}{${e.items.map(([k, v]) => `${k}: ${v}`).join(e.separator)}}`];
    case 'block':
      return [
        `${e.id}:`,
        ...e.items.flatMap((item, i) => {
          const pad = ' '.repeat(e.oddIndent && i === 1 ? e.indent + 1 : e.indent);
          const line = item.value === '' ? `${pad}${item.name}:` : `${pad}${item.name}: ${item.value}`;
          return item.below === undefined ? [line] : [line, `${pad}  ${item.below}`];
        }),
      ];
    case 'empty':
      return [`${e.id}:`];
    case 'odd':
      return [`${e.id}${e.line}`];
  }
}

const layout = fc.record({
  bom: fc.oneof({ weight: 10, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  eol: fc.oneof({ weight: 12, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constant('\r\n') }),
  finalNewline: fc.boolean(),
  blankLines: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  extra: fc.oneof(
    { weight: 12, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('# a comment', '  ', '\t', '---', 'x', '  y: 1', '<<<<<<< ours', '=======', '>>>>>>> theirs', '\uFEFF', '- a') },
  ),
});

const informantsFile = fc.tuple(fc.array(entry, { maxLength: 8 }), layout).map(([entries, shape]) => {
  const lines = entries.flatMap((e, i) => (shape.blankLines && i % 3 === 2 ? ['', ...render(e)] : render(e)));
  if (shape.extra) lines.splice(lines.length >> 1, 0, shape.extra);
  return (shape.bom ? '\uFEFF' : '') + lines.join(shape.eol) + (shape.finalNewline ? shape.eol : '');
});

describe('flat informants reader', () => {
  it('gives what the general path gives, for any text', () => {
    let flat = 0;
    let runs = 0;
    fc.assert(
      fc.property(informantsFile, (text) => {
        runs++;
        const read = readFlatInformants(text);
        const general = parseInformantsFromYaml(text);
        assert.deepStrictEqual(parseInformants(text), general);
        assert.strictEqual(json(parseInformants(text)), json(general));
        if (read === undefined) return;
        flat++;
        assert.deepStrictEqual(read, general);
        // And what the `yaml` library itself gives (a comment line first sends a text to it, one line lower).
        if (!text.startsWith('\uFEFF')) assert.strictEqual(lower(read), json(parseInformantsFromYaml(`# via the library\n${text}`)));
      }),
      { numRuns: 4000 },
    );
    // Not vacuous: a good share of the texts were read flat, and a good share left to the general path.
    assert.ok(flat > runs / 5 && flat < (runs * 4) / 5, `${flat} of ${runs} read flat`);
  });

  it('reads the comment dump kind, and duplicates, flat', () => {
    const dump = 'c00000: {platform: youtube, followers: 0}\nc00001: {platform: instagram, followers: 37}\nc00000: {}\nc00002:\n  platform: youtube\n  followers:\nc00003:\n';
    const read = readFlatInformants(dump);
    assert.ok(read);
    assert.deepStrictEqual(read, parseInformantsFromYaml(dump));
    assert.deepStrictEqual([...read.informants.keys()], ['c00000', 'c00001', 'c00002', 'c00003']);
    assert.deepStrictEqual(read.informants.get('c00002')!.attributes, { platform: 'youtube', followers: '' });
    assert.deepStrictEqual(read.problems.map((p) => p.code), ['duplicate-informant']);
  });
});
