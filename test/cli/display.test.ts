// `qda matrix`, `qda cooccur`, `qda triangulation`: the shapes scripts rely on, and each format.
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runQda } from '../helpers/cli';

const repo = path.resolve(__dirname, '../../..');

const run = runQda;

describe('qda matrix, cooccur and triangulation', () => {
  const cwd = process.cwd();
  beforeEach(() => process.chdir(repo));
  afterEach(() => process.chdir(cwd));

  it('prints the matrix as JSON: rows, columns and cells, theme rows included', async () => {
    const { code, out } = await run('matrix', 'sample', '--rows', 'codes', '--columns', 'role', '--count', 'codings', '--json');
    assert.strictEqual(code, 0);
    const m = JSON.parse(out);
    assert.deepStrictEqual(m.columns, ['owner', 'customer']);
    assert.deepStrictEqual(m.rows.slice(0, 2), ['trust', 'trust/quality-assurance']);
    // The same figures as the Themes view's counts: trust 19 codings, quality-assurance 10 (hover).
    assert.deepStrictEqual([m.rowTotals[0], m.rowTotals[1]], [19, 10]);
    assert.deepStrictEqual(m.cells[0], [15, 4]);
    assert.strictEqual(m.total, 90);
  });

  it('gives percentages and presence, and filters by attribute, source and code', async () => {
    const percent = JSON.parse((await run('matrix', 'sample', '--columns', 'role', '--percent', 'row', '--json')).out);
    assert.deepStrictEqual(percent.percentages[0], [78.95, 21.05]);
    const presence = JSON.parse((await run('matrix', 'sample', '--rows', 'informants', '--columns', 'codes', '--count', 'presence', '--code', 'price', '--where', 'role=customer', '--json')).out);
    assert.deepStrictEqual(presence.columns, ['price', 'price/discounts', 'price/low-prices', 'price/free-shipping', 'price/giveaways']);
    assert.deepStrictEqual(presence.rows, ['SR', 'AY', 'A2', 'Am', 'W', 'RN', 'DF', 'Ri']);
    assert.ok(presence.cells.flat().every((v: number) => v === 0 || v === 1));
    const observed = JSON.parse((await run('matrix', 'sample', '--columns', 'source', '--source', 'observation', '--json')).out);
    assert.deepStrictEqual(observed.columns, ['observation']);
    assert.strictEqual(observed.total, 3 + 2); // the observation note's codings: 3 tag blocks, 5 codes
  });

  it('prints the role-ordered display of coded texts, linked back to their places', async () => {
    const json = JSON.parse((await run('matrix', 'sample', '--quotes', '--group-by', 'role', '--json')).out);
    assert.deepStrictEqual(json.groups.map((g: { value: string }) => g.value), ['owner', 'customer']);
    const sr = json.groups[1].informants.find((i: { id: string }) => i.id === 'SR');
    assert.deepStrictEqual(sr.cells[0].map((c: { path: string; line: number; code: string }) => `${c.path}:${c.line} ${c.code}`), ['transcripts/customers/sr.transcript.md:16 trust/quality-assurance', 'transcripts/customers/sr.transcript.md:20 trust/testimonials']);
    const html = (await run('matrix', 'sample', '--quotes', '--format', 'html')).out;
    assert.match(html, /<a href="vscode:\/\/file\/[^"]*\/sample\/transcripts\/customers\/sr\.transcript\.md:16:6">transcripts\/customers\/sr\.transcript\.md:16<\/a>/);
  });

  it('prints co-occurrence as JSON: codes and cells, the diagonal the quotes of each code', async () => {
    const c = JSON.parse((await run('cooccur', 'sample', '--json')).out);
    assert.strictEqual(c.codes.length, 19);
    assert.strictEqual(c.cells.length, 19);
    const i = c.codes.indexOf('trust/quality-assurance');
    assert.strictEqual(c.cells[i][i], 9); // 10 codings in 9 quotes (A codes one quote twice)
    for (let a = 0; a < 19; a++) for (let b = 0; b < 19; b++) assert.strictEqual(c.cells[a][b], c.cells[b][a]);
    const overlap = JSON.parse((await run('cooccur', 'sample', '--within', 'overlap', '--json')).out);
    assert.ok(overlap.cells.every((line: number[], a: number) => line.every((n, b) => n <= c.cells[a][b])));
  });

  it('writes CSV, Markdown and HTML, escaped', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qda-display-'));
    try {
      mkdirSync(path.join(dir, 't'));
      writeFileSync(path.join(dir, 'codebook.yaml'), 'tema:\n  description: T.\n');
      writeFileSync(path.join(dir, 'informants.yaml'), 'X: {role: "=cmd|<b>"}\n');
      writeFileSync(path.join(dir, 't', 'x.transcript.md'), 'X: Halo. {#tema}\n');
      const csv = (await run('matrix', dir, '--columns', 'role', '--csv')).out;
      assert.strictEqual(csv, '\uFEFF,\'=cmd|<b>,total\r\ntema,1,1\r\ntotal,1,1');
      const html = (await run('matrix', dir, '--columns', 'role', '--format', 'html')).out;
      assert.match(html, /<th>=cmd\|&lt;b&gt;<\/th>/);
      assert.doesNotMatch(html, /<b>|<script/);
      const md = (await run('matrix', dir, '--columns', 'role', '--format', 'md')).out;
      assert.match(md, /\| {2}\| =cmd\\\|\\<b\\> \| total \|/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints triangulation, marking codes that stand on one kind of evidence', async () => {
    const t = JSON.parse((await run('triangulation', 'sample', '--json')).out);
    assert.deepStrictEqual(t.kinds, ['interview', 'observation', 'documentation']);
    assert.deepStrictEqual(t.codes.filter((r: { singleKind: boolean }) => r.singleKind).map((r: { code: string }) => r.code), ['networks/following-each-other', 'price/free-shipping', 'price/giveaways', 'engagement/enthusiasm']);
    assert.match((await run('triangulation', 'sample')).out, /\nprice\/giveaways +1 +0 +0 +1 +one kind only\n/);
  });

  it('exits 2 with one line for a wrong option or an unknown code', async () => {
    assert.deepStrictEqual(await run('matrix', 'sample', '--count', 'pages'), { code: 2, out: '', err: "qda: --count takes one of codings, quotes, informants, documents, words, presence (see 'qda matrix --help')" });
    assert.deepStrictEqual(await run('cooccur', 'sample', '--code', 'nope'), { code: 2, out: '', err: "qda: 'nope' is not in codebook.yaml" });
    assert.deepStrictEqual((await run('matrix', 'sample', '--within', 'x')).err, "qda: --within takes quote, overlap or a number of quotes, not 'x' (see 'qda matrix --help')");
  });
});

describe('qda segments', () => {
  const cwd = process.cwd();
  beforeEach(() => process.chdir(repo));
  afterEach(() => process.chdir(cwd));

  it('lists the codings of the quotes holding both codes, as JSON and as a table', async () => {
    const { code, out } = await run('segments', 'sample', 'trust AND price', '--json');
    assert.strictEqual(code, 0);
    const found = JSON.parse(out).segments as { path: string; line: number; code: string; informant: string }[];
    // Read off the sample: Am's and W's quotes code price/low-prices and trust/quality-assurance
    // together, and the documentation's endorsement post price/low-prices with celebrity endorsement.
    assert.deepStrictEqual(found.map((r) => `${r.path.split('/').pop()}:${r.line} ${r.informant} ${r.code}`), [
      'am.transcript.md:12 Am price/low-prices',
      'am.transcript.md:12 Am trust/quality-assurance',
      'w.transcript.md:12 W price/low-prices',
      'w.transcript.md:12 W trust/quality-assurance',
      '2022-11-instagram-baju-padang-murah.transcript.md:14 A trust/celebrity-endorsement',
      '2022-11-instagram-baju-padang-murah.transcript.md:14 A price/low-prices',
    ]);
    assert.match((await run('segments', 'sample', 'trust AND price')).out, /\n6 codings$/);
  });

  it('exits 2 with one line for a bad expression or an unknown code', async () => {
    assert.deepStrictEqual(await run('segments', 'sample', 'trust AND'), { code: 2, out: '', err: 'qda: the expression ends too early: a code is missing' });
    assert.deepStrictEqual(await run('segments', 'sample', 'trust AND prise'), { code: 2, out: '', err: "qda: 'prise' is not in codebook.yaml" });
    assert.deepStrictEqual((await run('segments')).err, `qda: segments needs an expression of codes, e.g. "trust AND price" (see 'qda segments --help')`);
  });
});

describe('qda report', () => {
  const cwd = process.cwd();
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-report-'))));
  beforeEach(() => process.chdir(repo));
  afterEach(() => process.chdir(cwd));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report as HTML, Markdown and Word', async () => {
    for (const name of ['report.html', 'report.md', 'report.docx']) {
      const file = path.join(dir, name);
      const { code, out } = await run('report', 'sample', '--out', file);
      assert.deepStrictEqual([code, out], [0, `Wrote ${file}: 15 transcripts, 60 quotes (44 coded), 90 codings of 19 codes, 15 informants.`]);
      assert.ok(statSync(file).size > 5000, name);
    }
    assert.match(readFileSync(path.join(dir, 'report.html'), 'utf8'), /<h3>trust\/quality-assurance<\/h3>\n<dl>\n<dt>Label<\/dt><dd>Jaminan kualitas<\/dd>/);
  });

  it('exits 2 with one line without --out, for another kind of file, or a folder that is not there', async () => {
    assert.deepStrictEqual(await run('report', 'sample'), { code: 2, out: '', err: "qda: report needs --out FILE.html, FILE.md or FILE.docx (see 'qda report --help')" });
    assert.deepStrictEqual((await run('report', 'sample', '--out', 'x.pdf')).err, "qda: --out must end in .html, .md or .docx, not 'x.pdf' (see 'qda report --help')");
    assert.deepStrictEqual((await run('report', 'sample', '--out', path.join(dir, 'no', 'x.html'))).err, `qda: cannot write ${path.join(dir, 'no', 'x.html')}: no such folder`);
  });
});
