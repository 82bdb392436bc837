// The display analyses on the sample study (matrix, co-occurrence, triangulation), every figure
// held to a deliberately simple second count: the files read with regular expressions and the
// yaml library, blocks split at blank lines, each `#code` of a tag block one coding.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { parse as parseYaml } from 'yaml';
import { cooccurrence, cooccurrenceQuotes } from '../../server/src/core/analyses/cooccurrence';
import { countWords, matrix, matrixCellCodings, percentages, quoteMatrix } from '../../server/src/core/analyses/matrix';
import { parseSegmentExpression, segments } from '../../server/src/core/analyses/segments';
import { triangulation } from '../../server/src/core/analyses/triangulation';
import { QdaWorkspace, type Project } from '../../server/src/core/project/workspace';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';

const sample = path.resolve(__dirname, '../../../sample');

/** Every coding of the sample as the simple count sees it: its code, informant, source, file and block. */
interface SimpleCoding {
  code: string;
  informant?: string;
  source: string;
  file: string;
  block: number;
}

function simpleCount(): { codings: SimpleCoding[]; roles: Record<string, string>; codes: string[] } {
  const informants = parseYaml(readFileSync(path.join(sample, 'informants.yaml'), 'utf8')) as Record<string, { role: string }>;
  const roles = Object.fromEntries(Object.entries(informants).map(([id, a]) => [id, a.role]));
  const codebook = parseYaml(readFileSync(path.join(sample, 'codebook.yaml'), 'utf8')) as Record<string, { codes?: Record<string, unknown> }>;
  const codes = Object.entries(codebook).flatMap(([theme, t]) => [theme, ...Object.keys(t.codes ?? {}).map((c) => `${theme}/${c}`)]);
  const codings: SimpleCoding[] = [];
  const files = readdirSync(path.join(sample, 'transcripts'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.transcript.md'));
  for (const file of files) {
    const text = readFileSync(path.join(sample, 'transcripts', file), 'utf8');
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
    const meta = parseYaml(front) as { informant?: string; source: string; interviewer?: string; speakers?: Record<string, string> };
    body.split(/\n\s*\n/).forEach((block, b) => {
      const label = /^([\p{L}\p{N}_.-]+):\s/u.exec(block)?.[1];
      const informant = label && label !== meta.interviewer ? (meta.speakers?.[label] ?? (label in roles ? label : undefined)) : meta.informant;
      for (const tag of block.matchAll(/\{(#[^}|]*)/g)) for (const code of tag[1].split(/\s+/).filter((c) => c.startsWith('#'))) codings.push({ code: code.slice(1), informant, source: meta.source, file, block: b });
    });
  }
  return { codings, roles, codes };
}

/** A code's codings: its own and those of the codes below it. */
const counts = (coding: SimpleCoding, code: string) => coding.code === code || coding.code.startsWith(`${code}/`);

describe('display analyses on the sample', () => {
  let project: Project;
  const simple = simpleCount();

  before(async () => {
    const workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(sample).toString());
    project = workspace.projects.get(URI.file(sample).toString())!;
  });

  it('the simple count reads what the sample holds: 90 codings of 19 codes', () => {
    assert.strictEqual(simple.codings.length, 90);
    assert.strictEqual(simple.codes.length, 19);
  });

  it('gives the matrix of codes by role, codings and quotes, as the simple count does', () => {
    const roles = ['owner', 'customer'];
    for (const count of ['codings', 'quotes'] as const) {
      const m = matrix(project, { rows: 'codes', columns: 'role', count });
      assert.deepStrictEqual(m.rows, simple.codes);
      assert.deepStrictEqual(m.columns, roles);
      const expected = simple.codes.map((code) =>
        roles.map((role) => {
          const mine = simple.codings.filter((c) => counts(c, code) && simple.roles[c.informant ?? ''] === role);
          return count === 'codings' ? mine.length : new Set(mine.map((c) => `${c.file}:${c.block}`)).size;
        }),
      );
      assert.deepStrictEqual(m.cells, expected, count);
      assert.deepStrictEqual(m.rowTotals, expected.map((line) => line[0] + line[1]), count);
    }
  });

  it('gives the matrix of codes by source, and informants and documents as distinct counts', () => {
    const m = matrix(project, { rows: 'codes', columns: 'source', count: 'codings' });
    assert.deepStrictEqual(m.columns, ['documentation', 'interview', 'observation']);
    assert.deepStrictEqual(m.cells, simple.codes.map((code) => m.columns.map((source) => simple.codings.filter((c) => counts(c, code) && c.source === source).length)));
    const informants = matrix(project, { rows: 'codes', columns: 'source', count: 'informants' });
    assert.deepStrictEqual(informants.cells, simple.codes.map((code) => m.columns.map((source) => new Set(simple.codings.filter((c) => counts(c, code) && c.source === source && c.informant).map((c) => c.informant)).size)));
    const documents = matrix(project, { rows: 'codes', columns: 'source', count: 'documents' });
    assert.deepStrictEqual(documents.cells, simple.codes.map((code) => m.columns.map((source) => new Set(simple.codings.filter((c) => counts(c, code) && c.source === source).map((c) => c.file)).size)));
    const presence = matrix(project, { rows: 'codes', columns: 'source', count: 'presence' });
    assert.deepStrictEqual(presence.cells, m.cells.map((line) => line.map((n) => (n > 0 ? 1 : 0))));
  });

  it('gives informants by codes, filtered to one role and one theme', () => {
    const m = matrix(project, { rows: 'informants', columns: 'codes', count: 'codings', filter: { attributes: { role: 'owner' }, code: 'trust' } });
    assert.deepStrictEqual(m.columns, ['trust', 'trust/quality-assurance', 'trust/testimonials', 'trust/celebrity-endorsement']);
    const owners = Object.keys(simple.roles).filter((id) => simple.roles[id] === 'owner');
    assert.deepStrictEqual(m.rows, owners);
    assert.deepStrictEqual(m.cells, owners.map((id) => m.columns.map((code) => simple.codings.filter((c) => c.informant === id && counts(c, code)).length)));
  });

  it('gives row, column and table percentages', () => {
    const m = { rows: ['a', 'b'], columns: ['x', 'y'], cells: [[1, 3], [0, 4]], rowTotals: [4, 4], columnTotals: [1, 7], total: 8, count: 'codings' as const, columnAxis: { kind: 'codes' as const } };
    assert.deepStrictEqual(percentages(m, 'row'), [[25, 75], [0, 100]]);
    assert.deepStrictEqual(percentages(m, 'column'), [[100, 42.86], [0, 57.14]]);
    assert.deepStrictEqual(percentages(m, 'table'), [[12.5, 37.5], [0, 50]]);
  });

  it('counts words coded, once where codings overlap', () => {
    assert.deepStrictEqual([countWords('Saya suka, tanya-tanya dulu 😀 Jum\'at!'), countWords('')], [5, 0]);
    const m = matrix(project, { rows: 'codes', columns: 'informants', count: 'words', filter: { code: 'price/low-prices' } });
    // Every cell of words by code and informant: the words of each coded text, overlaps counted once.
    const all = matrix(project, { rows: 'codes', columns: 'informants', count: 'words' });
    const byCell = new Map<string, Map<string, [number, number][]>>();
    for (const doc of project.index.documents.values()) {
      for (const ref of doc.codings) {
        for (const code of all.rows.filter((row) => ref.coding.code === row || ref.coding.code.startsWith(`${row}/`))) {
          const key = `${code} ${ref.informant}`;
          if (!byCell.has(key)) byCell.set(key, new Map());
          const spans = byCell.get(key)!;
          spans.set(doc.uri, [...(spans.get(doc.uri) ?? []), [ref.coding.plainStart, ref.coding.plainEnd]]);
        }
      }
    }
    const wordsOfCell = (code: string, informant: string) => {
      let n = 0;
      for (const [uri, spans] of byCell.get(`${code} ${informant}`) ?? []) {
        const chars = [...project.index.documents.get(uri)!.parsed.plainText];
        const coded = new Array<boolean>(chars.length).fill(false);
        for (const [start, end] of spans) for (let i = start; i < end; i++) coded[i] = true;
        // The coded characters, with the gaps between coded stretches as breaks.
        n += countWords(chars.map((ch, i) => (coded[i] ? ch : ' ')).join(''));
      }
      return n;
    };
    assert.deepStrictEqual(all.cells, all.rows.map((code) => all.columns.map((informant) => wordsOfCell(code, informant))));
    // Counted by hand in sr.transcript.md: "Cocok untuk kantong mahasiswa. Saya pernah bandingkan, di toko lain model yang mirip lebih mahal." is 15 words.
    assert.strictEqual(m.cells[0][m.columns.indexOf('SR')], 15);
  });

  it('lists the codings behind every cell of a matrix and the quotes behind every co-occurrence', () => {
    const options = { rows: 'codes' as const, columns: 'role', count: 'codings' as const };
    const m = matrix(project, options);
    m.rows.forEach((row, r) => m.columns.forEach((column, c) => assert.strictEqual(matrixCellCodings(project, options, row, column).length, m.cells[r][c], `${row} × ${column}`)));
    const owner = matrixCellCodings(project, options, 'trust/testimonials', 'owner');
    assert.ok(owner.every((coding) => coding.code === 'trust/testimonials' && simple.roles[coding.informant!] === 'owner'));
    const c = cooccurrence(project);
    c.codes.forEach((a, i) => c.codes.forEach((b, j) => assert.strictEqual(cooccurrenceQuotes(project, a, b).length, c.cells[i][j], `${a} × ${b}`)));
  });

  it("gives Miles and Huberman's role-ordered display: each informant's coded texts by theme, grouped by role", () => {
    const q = quoteMatrix(project, { groupBy: 'role', columns: 'themes' });
    assert.deepStrictEqual(q.columns, ['trust', 'networks', 'convenience', 'price', 'engagement']);
    assert.deepStrictEqual(q.groups.map((g) => [g.value, g.informants.map((i) => i.id)]), [
      ['owner', Object.keys(simple.roles).filter((id) => simple.roles[id] === 'owner')],
      ['customer', Object.keys(simple.roles).filter((id) => simple.roles[id] === 'customer')],
    ]);
    for (const group of q.groups) {
      for (const informant of group.informants) {
        q.columns.forEach((theme, c) => assert.strictEqual(informant.cells[c].length, simple.codings.filter((x) => x.informant === informant.id && counts(x, theme)).length, `${informant.id} × ${theme}`));
      }
    }
  });

  it('gives the co-occurrence of codes within a quote, with its c-coefficients', () => {
    const c = cooccurrence(project);
    assert.deepStrictEqual(c.codes, simple.codes);
    const units = new Map<string, Set<string>>();
    for (const coding of simple.codings) {
      const key = `${coding.file}:${coding.block}`;
      if (!units.has(key)) units.set(key, new Set());
      for (const code of simple.codes) if (counts(coding, code)) units.get(key)!.add(code);
    }
    const expected = simple.codes.map((a) => simple.codes.map((b) => [...units.values()].filter((u) => u.has(a) && u.has(b)).length));
    assert.deepStrictEqual(c.cells, expected);
    const i = simple.codes.indexOf('convenience/cash-on-delivery');
    const j = simple.codes.indexOf('trust/quality-assurance');
    const both = expected[i][j];
    assert.ok(both > 0);
    assert.strictEqual(c.coefficients[i][j], Math.round((1000 * both) / (expected[i][i] + expected[j][j] - both)) / 1000);
  });

  it('finds the segments of quotes holding two codes, as the simple count does', () => {
    const units = new Map<string, SimpleCoding[]>();
    for (const coding of simple.codings) units.set(`${coding.file}:${coding.block}`, [...(units.get(`${coding.file}:${coding.block}`) ?? []), coding]);
    const both = [...units.values()].filter((u) => u.some((c) => counts(c, 'trust')) && u.some((c) => counts(c, 'engagement')));
    const expected = both.flatMap((u) => u.filter((c) => counts(c, 'trust') || counts(c, 'engagement'))).length;
    const found = segments(project, { expression: parseSegmentExpression('trust AND engagement') });
    assert.ok(expected > 5);
    assert.strictEqual(found.length, expected);
  });

  it('tells the kinds of evidence each code stands on, and marks codes on one kind only', () => {
    const rows = triangulation(project);
    for (const row of rows) {
      for (const kind of ['interview', 'observation', 'documentation'] as const) {
        assert.strictEqual(row.codings[kind], simple.codings.filter((c) => counts(c, row.code) && c.source === kind).length, `${row.code} ${kind}`);
      }
      const kinds = ['interview', 'observation', 'documentation'].filter((k) => simple.codings.some((c) => counts(c, row.code) && c.source === k)).length;
      assert.deepStrictEqual([row.kinds, row.singleKind], [kinds, kinds === 1], row.code);
    }
    // Read off the sample: trust stands on all three kinds; these four on interviews only.
    assert.deepStrictEqual(rows.filter((r) => r.kinds === 3).map((r) => r.code), ['trust', 'trust/quality-assurance']);
    assert.deepStrictEqual(rows.filter((r) => r.singleKind).map((r) => r.code), ['networks/following-each-other', 'price/free-shipping', 'price/giveaways', 'engagement/enthusiasm']);
  });
});
