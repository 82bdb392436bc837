// `qda agree`: folders and git revisions as coders, the table, JSON and CSV, and the errors.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runQda } from '../helpers/cli';

const repo = path.resolve(__dirname, '../../..');

const run = runQda;

describe('qda agree', () => {
  const cwd = process.cwd();
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-agree-'));
  });
  afterEach(() => process.chdir(cwd));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('compares the sample with its second coder: the disagreements the second coder made, by quote', async () => {
    process.chdir(repo);
    const { code, out } = await run('agree', 'sample', 'sample-coder2', '--unit', 'quote', '--json');
    assert.strictEqual(code, 0);
    const report = JSON.parse(out);
    assert.deepStrictEqual(report.coders, ['sample', 'sample-coder2']);
    assert.strictEqual(report.unit, 'quote');
    assert.deepStrictEqual(report.documents, ['transcripts/customers/ay.transcript.md', 'transcripts/customers/sr.transcript.md', 'transcripts/owners/n-nani-olshop-padang.transcript.md']);
    // Counted by hand in the two copies: 13 quotes that both reviewed (AY 4 of 5, SR 4 of 5, N 5 of 5);
    // trust/quality-assurance: SR's second answer by both, N's third by the first coder only, so
    // 12 of 13 agree; kappa = (12/13 − 134/169) / (1 − 134/169) = 0.629.
    assert.deepStrictEqual(report.codes['trust/quality-assurance'], {
      percentAgreement: 92.31,
      kappa: 0.629,
      alpha: 0.638,
      units: 13,
      coded: [2, 1],
      pairs: [{ coders: ['sample', 'sample-coder2'], percentAgreement: 92.31, kappa: 0.629, units: 13 }],
    });
    assert.deepStrictEqual(report.codes['price/discounts'].kappa, null);
    assert.deepStrictEqual(
      report.disagreements.map((d: { path: string; line: number }) => `${d.path.split('/').pop()}:${d.line}`),
      ['ay.transcript.md:12', 'ay.transcript.md:20', 'sr.transcript.md:20', 'n-nani-olshop-padang.transcript.md:20', 'n-nani-olshop-padang.transcript.md:28'],
    );
    assert.match(report.skipped.find((s: { path: string }) => s.path.endsWith('w.transcript.md')).reason, /^the plain text differs from line 16, column 29/);
  });

  it('prints a table by character, says what is not defined and what was not compared', async () => {
    process.chdir(repo);
    const { code, out } = await run('agree', 'sample', 'sample-coder2');
    assert.strictEqual(code, 0);
    const lines = out.split('\n');
    assert.strictEqual(lines[0], 'Agreement of sample, sample-coder2 by character: 3 transcripts compared.');
    assert.match(lines[2], /^code +% agreement +kappa +alpha +characters +coded by sample +coded by sample-coder2$/);
    assert.match(out, /\ntrust\/celebrity-endorsement +100 +— +— /);
    assert.match(out, /\n— not defined: /);
    assert.match(out, /\n {2}11 transcripts not in sample-coder2: a2, am, rn, /);
  });

  it('reads coders from git revisions without a checkout', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    cpSync(path.join(repo, 'sample'), path.join(dir, 'study'), { recursive: true });
    git('add', '.');
    git('commit', '-qm', 'first coder');
    git('checkout', '-qb', 'coder-2');
    cpSync(path.join(repo, 'sample-coder2', 'transcripts'), path.join(dir, 'study', 'transcripts'), { recursive: true });
    git('commit', '-qam', 'second coder');
    git('checkout', '-q', 'main');
    process.chdir(path.join(dir, 'study'));
    const fromGit = JSON.parse((await run('agree', '--git', 'main', 'coder-2', '--unit', 'quote', '--json')).out);
    process.chdir(repo);
    const fromFolders = JSON.parse((await run('agree', 'sample', 'sample-coder2', '--unit', 'quote', '--json')).out);
    assert.deepStrictEqual(fromGit.coders, ['main', 'coder-2']);
    // The revisions hold every transcript, the second coder's changed in four: the same disagreements,
    // and the one transcript whose text differs left out.
    assert.deepStrictEqual(fromGit.disagreements, fromFolders.disagreements);
    assert.deepStrictEqual(fromGit.documents.length, 14);
    assert.deepStrictEqual(fromGit.skipped, fromFolders.skipped.filter((s: { reason: string }) => !s.reason.startsWith('not in')).map((s: { path: string; reason: string }) => ({ ...s, reason: s.reason.replace('sample has', 'main has').replace('sample-coder2 has', 'coder-2 has') })));
    const missing = await run('agree', '--git', 'main', 'no-such-branch', '--folder', path.join(dir, 'study'));
    assert.deepStrictEqual([missing.code, missing.err], [2, `qda: no revision 'no-such-branch' in the repository at ${dir}`]);
  });

  it('writes CSV with a byte order mark, CRLF and the overall row last', async () => {
    process.chdir(repo);
    const { out } = await run('agree', 'sample', 'sample-coder2', '--unit', 'quote', '--csv');
    const records = out.split('\r\n');
    assert.strictEqual(records[0], '\uFEFFcode,percent_agreement,kappa,alpha,units,coded_by_sample,coded_by_sample-coder2');
    assert.strictEqual(records[2], 'trust/quality-assurance,92.31,0.629,0.638,13,2,1');
    assert.match(records[records.length - 1], /^\(overall\),/);
    assert.strictEqual(records.find((r) => r.startsWith('price/discounts,')), 'price/discounts,100,,,13,0,0');
  });

  it('exits 2 with one line for a missing folder, one coder, or a wrong unit', async () => {
    process.chdir(repo);
    assert.deepStrictEqual(await run('agree', 'sample', 'nowhere'), { code: 2, out: '', err: 'qda: no such folder: nowhere' });
    assert.deepStrictEqual(await run('agree', 'sample'), { code: 2, out: '', err: "qda: agree needs two coders or more: folders to compare (see 'qda agree --help')" });
    assert.deepStrictEqual(await run('agree', 'sample', 'sample-coder2', '--unit', 'word'), { code: 2, out: '', err: "qda: --unit takes character or quote, not 'word' (see 'qda agree --help')" });
    const empty = mkdtempSync(path.join(dir, 'empty-'));
    writeFileSync(path.join(empty, 'notes.txt'), 'x');
    assert.deepStrictEqual((await run('agree', 'sample', empty)).err, `qda: no codebook.yaml in ${empty} or below it`);
  });
});
