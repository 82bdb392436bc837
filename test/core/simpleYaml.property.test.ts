// The fast reader of simple YAML must make exactly the nodes the `yaml` library makes, wherever it
// reads a text at all: generated codebooks and informants files, in and around the simple kind.
import * as assert from 'assert';
import fc from 'fast-check';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { parseCodebook } from '../../server/src/core/model/codebook';
import { parseInformants } from '../../server/src/core/model/informants';
import { withFormerPath } from '../../server/src/core/model/formerPaths';
import { readSimpleYaml } from '../../server/src/core/model/simpleYaml';

/** What the readers of codebooks and informants use of a node: kinds, values, sources, and the start and end of every range. */
function essenceOf(node: Node | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return { value: node.value, type: typeof node.value, source: node.source, range: node.range?.slice(0, 2) };
  if (isMap(node)) return { map: node.items.map((pair) => [essenceOf(pair.key as Node), essenceOf(pair.value as Node)]), range: node.range?.slice(0, 2) };
  return { other: String(node) };
}

const library = (text: string) => parseDocument(text, { uniqueKeys: false, prettyErrors: false, customTags: [] });

/** A reader's result as JSON, its Maps as lists of entries. */
const plain = (value: unknown): unknown =>
  value instanceof Map ? [...value].map(([k, v]) => [k, plain(v)]) : Array.isArray(value) ? value.map(plain) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)])) : value;
/** The same, one line lower: as read below the comment line that sends a text to the library. */
const lower = (value: unknown) => JSON.parse(JSON.stringify(plain(value)).replace(/"line":(\d+)/g, (_, line) => `"line":${Number(line) + 1}`));
/** A reader's result on the library's nodes: the text below a comment line, which the simple reader never takes. */
const viaLibrary = (parse: (text: string) => unknown, text: string) => JSON.parse(JSON.stringify(plain(parse(`# via the library\n${text}`))));

// Keys and values of the simple kind, mostly, and others next to them that the reader must leave alone.
const simpleKey = fc.constantFrom('a', 'kode-1', 'tema_2', 'Ж', 'é1', 'x.y', 'role', 'age', '_', 'a1');
const oddKey = fc.constantFrom('123', 'true', 'null', '-x', 'a b', 'k#', '.k', '"q"');
const simpleValue = fc.constantFrom('x', 'Toko 0', 'Tema 0', '20', '0', 'é ü', '😀 ya', 'a,b', 'x\\y', 'Code 1 of theme 0.', 'b.c', '',
  '{k: v}', '{role: owner, age: 20, shop: Toko 0}', '{}', '{a: 1, b: x y}');
const oddValue = fc.constantFrom(
  '007', '1.5', '-3', 'true', 'null', '~', 'a: b', 'a #c', 'a#c', "'q'", '"q"', '- x', '[1, 2]', '{k: }', '{k:v}', '{k: v,l: w}', '{k: [1]}',
  'x ', '%x', '@x', '`x', '|', '>', '&a', '*a', '!t', '0x1F', '.inf', 'b:c', '{k: v} ', '{ k: v }', '{k: 007}',
);
const key = fc.oneof({ weight: 12, arbitrary: simpleKey }, { weight: 1, arbitrary: oddKey });
const value = fc.oneof({ weight: 12, arbitrary: simpleValue }, { weight: 1, arbitrary: oddValue });
type Entry = { key: string; value: string } | { key: string; children: Entry[] };
const entries: fc.Memo<Entry[]> = fc.memo((depth) =>
  fc.array(
    depth <= 1
      ? fc.record({ key, value })
      : fc.oneof({ weight: 3, arbitrary: fc.record({ key, value }) }, { weight: 1, arbitrary: fc.record({ key, children: entries(depth - 1) }) }),
    { maxLength: 5 },
  ),
);
const layout = fc.record({
  indent: fc.constantFrom(2, 4),
  blankLines: fc.boolean(),
  finalNewline: fc.boolean(),
  eol: fc.constantFrom('\n', '\n', '\n', '\n', '\n', '\r\n'),
  extra: fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('# a comment', '  ', '\t', '---', 'x', '  y: 1') }),
});

function render(list: Entry[], shape: { indent: number; blankLines: boolean; eol: string }, depth = 0): string[] {
  return list.flatMap((entry, i) => {
    const pad = ' '.repeat(depth * shape.indent);
    const blank = shape.blankLines && i % 3 === 2 ? [''] : [];
    if ('value' in entry) return [...blank, entry.value === '' ? `${pad}${entry.key}:` : `${pad}${entry.key}: ${entry.value}`];
    return [...blank, `${pad}${entry.key}:`, ...render(entry.children, shape, depth + 1)];
  });
}

const yamlText = fc.tuple(entries(4), layout).map(([list, shape]) => {
  const lines = render(list, shape);
  if (shape.extra) lines.splice(lines.length >> 1, 0, shape.extra);
  return lines.join(shape.eol) + (shape.finalNewline ? shape.eol : '');
});

describe('simple YAML', () => {
  it('reads a text only into the nodes the yaml library makes of it', () => {
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        runs++;
        const fast = readSimpleYaml(text);
        if (fast === undefined) return;
        read++;
        const doc = library(text);
        assert.deepStrictEqual(doc.errors, []);
        assert.deepStrictEqual(essenceOf(fast), essenceOf(doc.contents as Node));
      }),
      { numRuns: 4000 },
    );
    // Not vacuous: a good share of the texts were read, and a good share left to the library.
    assert.ok(read > runs / 5 && read < (runs * 4) / 5, `${read} of ${runs} read`);
  });

  it('gives the informants the library gives, from its light nodes, for any text', () => {
    // parseInformants reads the simple kind in the reader's light nodes, not the library's.
    let simple = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        if (readSimpleYaml(text) === undefined) return;
        simple++;
        assert.deepStrictEqual(lower(parseInformants(text)), viaLibrary(parseInformants, text));
      }),
      { numRuns: 1500 },
    );
    assert.ok(simple > 200, `${simple} simple texts`);
  });

  it('records a former path in a codebook as it does on the library’s nodes', () => {
    // withFormerPath reads a codebook of the simple kind with the light reader; below a comment
    // line the same text goes to the library, and the edit must be the same, one line lower.
    const comment = '# via the library\n';
    let edited = 0;
    fc.assert(
      fc.property(yamlText, fc.nat(), (text, pick) => {
        if (readSimpleYaml(text) === undefined) return;
        const paths = [...parseCodebook(text).codes.keys()];
        if (paths.length === 0) return;
        const path = paths[pick % paths.length];
        const fast = withFormerPath(text, path, 'dulu/kode');
        if (fast !== text) edited++;
        assert.strictEqual(comment + fast, withFormerPath(comment + text, path, 'dulu/kode'));
      }),
      { numRuns: 1500 },
    );
    assert.ok(edited > 200, `${edited} codebooks edited`);
  });

  it('gives the codebooks and informants files that the library gives', () => {
    // The readers on the fast path against the same readers on the library's nodes (a comment
    // line first sends a text to the library, one line lower).
    const codebook = 'tema0:\n  label: Tema 0\n  description: Theme 0.\n  codes:\n    kode-0:\n      label: Kode 0.0\n    kode-1:\n\n      description: Code 1.\n    kode-1: 12\n    kode-2: 12\n    Ж: x\n  colour: red\ntema1: Trust\ntema2:\n';
    const informants = 'I0: {role: owner, age: 20, shop: Toko 0}\nI1:\n  role: customer\n  age: 21\n  shop:\nI0: {}\nI2: 5\nI3:\n';
    for (const text of [codebook, informants]) assert.ok(readSimpleYaml(text) && !readSimpleYaml(`# via the library\n${text}`), text);
    assert.deepStrictEqual(lower(parseCodebook(codebook)), viaLibrary(parseCodebook, codebook));
    assert.deepStrictEqual(lower(parseInformants(informants)), viaLibrary(parseInformants, informants));
    // And they say something: problems of both kinds were found.
    assert.deepStrictEqual(
      [parseCodebook(codebook).problems.map((p) => p.code), parseInformants(informants).problems.map((p) => p.code)],
      [
        ['codebook-unknown-key', 'missing-description', 'duplicate-code', 'codebook-invalid', 'missing-description', 'missing-description', 'missing-description', 'missing-description'],
        ['duplicate-informant', 'informants-invalid'],
      ],
    );
  });
});
