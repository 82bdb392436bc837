import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { main } from '../../server/src/cli/qda';

const repo = path.resolve(__dirname, '../../..');

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A throwaway project folder; paths are relative to it, and the current folder is moved into it. */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qda-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('qda command line', () => {
  const cwd = process.cwd();
  const made: string[] = [];
  const enter = (dir: string) => {
    made.push(dir);
    process.chdir(dir);
  };
  afterEach(() => process.chdir(cwd));
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe('on the sample study', () => {
    beforeEach(() => process.chdir(repo));

    it('check exits 0: warnings, no errors', async () => {
      const { code, out } = await run('check', 'sample');
      assert.strictEqual(code, 0);
      assert.strictEqual(out.at(-1), '0 errors, 14 warnings, 0 information, 0 hints in 15 transcripts.');
      assert.ok(out.slice(0, -1).every((line) => /^sample\/transcripts\/\S+\.transcript\.md:\d+:1: warning: .* \[untagged-quote\]$/.test(line)), out.join('\n'));
      assert.strictEqual(
        out[0],
        "sample/transcripts/customers/a2.transcript.md:24:1: warning: This quote by 'A' has no tag block: code it, or mark it reviewed with '{-}'. [untagged-quote]",
      );
    });

    it('tree shows every theme and all 15 informants', async () => {
      const { code, out } = await run('tree', 'sample');
      assert.strictEqual(code, 0);
      const themes = out.filter((line) => /^\S/.test(line) && !/^(Project|Informants|Untagged)/.test(line));
      assert.deepStrictEqual(themes, [
        'trust · Membangun kepercayaan (19 codings · 10/15 informants)',
        'networks · Membangun jaringan sosial (23 codings · 11/15 informants)',
        'convenience · Kenyamanan berbelanja (11 codings · 7/15 informants)',
        'price · Harga miring dan diskon (17 codings · 8/15 informants)',
        'engagement · Customer engagement (20 codings · 11/15 informants)',
      ]);
      const start = out.indexOf('Informants (15)');
      const informants = out.slice(start + 1, start + 16).map((line) => line.trim().split(' ')[0]);
      assert.deepStrictEqual(informants, ['A', 'EGA', 'YFD', 'N', 'V', 'FA', 'RM', 'SR', 'AY', 'A2', 'Am', 'W', 'RN', 'DF', 'Ri']);
      assert.ok(out.includes('  DF (role: customer, age: 23, shop: Ufaa Store, status: mahasiswa): 0 quotes, 0 coded, 0 codings'));
    });

    it('stats --json counts every informant and code, zeros included', async () => {
      const { code, out } = await run('stats', 'sample', '--json');
      assert.strictEqual(code, 0);
      const stats = JSON.parse(out.join('\n'));
      assert.deepStrictEqual(
        { documents: stats.documents, quotes: stats.quotes, codedQuotes: stats.codedQuotes, codings: stats.codings, untagged: stats.untagged, unknownCodes: stats.unknownCodes },
        { documents: 15, quotes: 60, codedQuotes: 44, codings: 90, untagged: 14, unknownCodes: 0 },
      );
      assert.strictEqual(Object.keys(stats.informants).length, 15);
      assert.deepStrictEqual(stats.informants.Ri, { quotes: 0, coded: 0, codings: 0 });
      assert.deepStrictEqual(stats.informants.A, { quotes: 7, coded: 4, codings: 16 });
      assert.strictEqual(Object.keys(stats.codes).length, 5 + 14);
      assert.deepStrictEqual(stats.codes.trust, { codings: 19, informants: 10 });
      // Counted by hand: N twice, SR, Am, and V's observation note.
      assert.deepStrictEqual(stats.codes['convenience/cash-on-delivery'], { codings: 5, informants: 4 });
    });

    it('works on a folder inside a project, reporting only that folder', async () => {
      const { code, out } = await run('check', 'sample/transcripts/owners', '--untagged-quote', 'hint');
      assert.strictEqual(code, 0);
      assert.strictEqual(out.at(-1), '0 errors, 0 warnings, 0 information, 9 hints in 7 transcripts.');
    });
  });

  it('prints errors with 1-based positions and exits 1', async () => {
    enter(
      project({
        'codebook.yaml': 'trust:\n  description: Trust.\n  codes:\n    quality: {description: Quality.}\n',
        'informants.yaml': 'SR: {role: customer}\n',
        'a.transcript.md': '---\ninformant: SR\n---\nSR: [bagus]{#trust/qualty}\n\nSR: ok {#trust}\n',
      }),
    );
    const { code, out } = await run('check');
    assert.strictEqual(code, 1);
    assert.deepStrictEqual(out, [
      "a.transcript.md:4:14: error: Unknown code 'trust/qualty': it is not in codebook.yaml. Did you mean 'trust/quality'? [unknown-code]",
      "codebook.yaml:4:5: hint: No transcript uses the code 'trust/quality'. [unused-code]",
      '1 error, 0 warnings, 0 information, 1 hint in 1 transcript.',
    ]);
    const json = JSON.parse((await run('check', '--json')).out.join('\n'));
    assert.deepStrictEqual(json.files[0].diagnostics[0], {
      line: 4,
      column: 14,
      range: { start: { line: 3, character: 13 }, end: { line: 3, character: 25 } },
      severity: 'error',
      code: 'unknown-code',
      message: "Unknown code 'trust/qualty': it is not in codebook.yaml. Did you mean 'trust/quality'?",
      data: { code: 'trust/qualty', suggestions: ['trust/quality'] },
    });
    assert.deepStrictEqual([json.errors, json.warnings, json.hints], [1, 0, 1]);
  });

  it('reads several projects in one folder', async () => {
    enter(
      project({
        'one/codebook.yaml': 'a: {description: A.}\n',
        'one/x.transcript.md': 'X: [ya]{#a}\n',
        'two/codebook.yaml': 'b: {description: B.}\n',
        'two/y.transcript.md': 'Y: [ya]{#a}\n',
      }),
    );
    const { code, out } = await run('check');
    assert.strictEqual(code, 1);
    assert.deepStrictEqual(out.slice(0, 2), [
      "two/codebook.yaml:1:1: hint: No transcript uses the code 'b'. [unused-code]",
      "two/y.transcript.md:1:10: error: Unknown code 'a': it is not in codebook.yaml. [unknown-code]",
    ]);
    const stats = JSON.parse((await run('stats', '--json')).out.join('\n'));
    assert.deepStrictEqual(
      stats.projects.map((p: { root: string; codes: object }) => [p.root, Object.keys(p.codes)]),
      [
        ['one', ['a']],
        ['two', ['b']],
      ],
    );
  });

  it('exits 2 with a one-line error when it cannot run', async () => {
    const empty = project({ 'notes.txt': 'x' });
    made.push(empty);
    assert.deepStrictEqual(await run('check', path.join(empty, 'missing')), { code: 2, out: [], err: [`qda: no such folder: ${path.join(empty, 'missing')}`] });
    assert.deepStrictEqual(await run('check', path.join(empty, 'notes.txt')), { code: 2, out: [], err: [`qda: not a folder: ${path.join(empty, 'notes.txt')}`] });
    assert.deepStrictEqual(await run('tree', empty), { code: 2, out: [], err: [`qda: no codebook.yaml found in ${empty}, below it or above it`] });
    assert.deepStrictEqual(await run('frobnicate'), { code: 2, out: [], err: ["qda: unknown command 'frobnicate' (see 'qda --help')"] });
    assert.deepStrictEqual(await run('check', '--untagged-quote', 'loud'), {
      code: 2,
      out: [],
      err: ["qda: --untagged-quote takes one of error, warning, information, hint, off (see 'qda --help')"],
    });
    assert.deepStrictEqual(await run(), { code: 2, out: [], err: ["qda: missing command: check, tree, stats, memos, agree, matrix, cooccur, triangulation, segments, suggest, report, export or import (see 'qda --help')"] });
    const help = await run('--help');
    assert.strictEqual(help.code, 0);
    assert.match(help.out[0], /^Usage: qda <command> \[folder\] \[options\]$/);
  });

  it('reports a transcript it cannot read as an error, counted in the summary that agrees with the exit code (1)', async () => {
    enter(
      project({
        'codebook.yaml': 'a: {description: A.}\n',
        'good.transcript.md': 'X: [ya]{#a}\n',
        'binary.transcript.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]),
        'latin1.transcript.md': Buffer.from('X: caf\xe9', 'latin1'),
      }),
    );
    const { code, out, err } = await run('check');
    assert.strictEqual(code, 1);
    const dir = process.cwd();
    assert.deepStrictEqual(err, []);
    assert.deepStrictEqual(out, [
      `binary.transcript.md:1:1: error: cannot read ${path.join(dir, 'binary.transcript.md')}: it is a binary file, not UTF-8 text [unreadable-file]`,
      `latin1.transcript.md:1:1: error: cannot read ${path.join(dir, 'latin1.transcript.md')}: it is not valid UTF-8 text [unreadable-file]`,
      '2 errors, 0 warnings, 0 information, 0 hints in 3 transcripts, 2 of them unreadable.',
    ]);
    // Counts that would leave a file out cannot be given: `stats` names it and exits 2.
    const stats = await run('stats');
    assert.deepStrictEqual([stats.code, stats.err], [2, [`qda: cannot read ${path.join(dir, 'binary.transcript.md')}: it is a binary file, not UTF-8 text`, `qda: cannot read ${path.join(dir, 'latin1.transcript.md')}: it is not valid UTF-8 text`]]);
  });

  it('reads files with a BOM and CRLF line ends at the positions an editor shows', async () => {
    enter(
      project({
        'codebook.yaml': '\uFEFFa:\r\n  description: A.\r\n',
        'x.transcript.md': '\uFEFF---\r\ninformant: X\r\n---\r\nX: [ya]{#b}\r\n',
      }),
    );
    const { out } = await run('check');
    assert.strictEqual(out[1], "x.transcript.md:4:10: error: Unknown code 'b': it is not in codebook.yaml. [unknown-code]");
  });

  it('runs as the installed `qda` command with the same exit codes', () => {
    const bin = path.join(repo, 'bin', 'qda.js');
    const ok = spawnSync(process.execPath, [bin, 'check', 'sample'], { cwd: repo, encoding: 'utf8' });
    assert.strictEqual(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /0 errors, 14 warnings, 0 information, 0 hints in 15 transcripts\.\n$/);
    const missing = spawnSync(process.execPath, [bin, 'tree', 'no-such-folder'], { cwd: repo, encoding: 'utf8' });
    assert.deepStrictEqual([missing.status, missing.stdout, missing.stderr], [2, '', 'qda: no such folder: no-such-folder\n']);
  });
});
