// The safe writer: what it refuses, what it writes, and what a process killed at any point leaves
// (the old file or the new one, never a part; no staging folder or temporary file after the next run).
import * as assert from 'assert';
import { spawn } from 'child_process';
import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { outputKinds, removeLeftovers, StagingFolder, writeNewFile, writeOutput } from '../../server/src/node/safeWriter';
import { runQda } from '../helpers/cli';

const repo = path.resolve(__dirname, '../../..');

describe('the safe writer', function () {
  this.timeout(120000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-write-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const at = (...parts: string[]) => path.join(dir, ...parts);

  it('refuses to write an output over a file the project reads, or over a file of another kind, whatever --force says', async () => {
    mkdirSync(at('memos'));
    const projectFiles = ['a.transcript.md', 'codebook.yaml', 'informants.yaml', 'memos/trust.md'];
    for (const name of projectFiles) writeFileSync(at(name), 'original');
    for (const name of projectFiles) {
      await assert.rejects(writeOutput(at(name), 'report', outputKinds.report, { force: true }), { message: `refused to write a report over ${at(name)}: the project reads that file` });
    }
    writeFileSync(at('interview.mp3'), 'original');
    await assert.rejects(writeOutput(at('interview.mp3'), 'x', outputKinds.qdpx, { force: true }), { message: `refused to write a REFI-QDA project to ${at('interview.mp3')}: its name must end in .qdpx` });
    for (const name of [...projectFiles, 'interview.mp3']) assert.strictEqual(readFileSync(at(name), 'utf8'), 'original', name);
  });

  it('writes an output exactly, and replaces an earlier one only with force', async () => {
    const bytes = Uint8Array.from([0, 255, 10, 13, 0xef, 0xbb, 0xbf]);
    await writeOutput(at('study.qdpx'), bytes, outputKinds.qdpx);
    assert.deepStrictEqual([...readFileSync(at('study.qdpx'))], [...bytes]);
    await assert.rejects(writeOutput(at('study.qdpx'), 'other', outputKinds.qdpx), { message: `${at('study.qdpx')} exists: --force replaces it` });
    await writeOutput(at('study.qdpx'), 'newer', outputKinds.qdpx, { force: true });
    assert.strictEqual(readFileSync(at('study.qdpx'), 'utf8'), 'newer');
    await assert.rejects(writeOutput(at('nowhere', 'r.html'), 'x', outputKinds.report), { message: `cannot write ${at('nowhere', 'r.html')}: no such folder` });
    assert.deepStrictEqual(readdirSync(dir), ['study.qdpx']);
  });

  it('writes a new file, never over an existing one', async () => {
    await writeNewFile(at('a.transcript.md'), 'A: first\n');
    await assert.rejects(writeNewFile(at('a.transcript.md'), 'A: second\n'), { message: `${at('a.transcript.md')} exists: not replaced` });
    assert.strictEqual(readFileSync(at('a.transcript.md'), 'utf8'), 'A: first\n');
    assert.deepStrictEqual(readdirSync(dir), ['a.transcript.md']);
  });

  it("removes what dead processes left, and keeps what a live one is writing", async () => {
    const dead = 2 ** 22 + 17; // above Linux's largest pid: no such process
    const left = [`.r.html.qda-${dead}-0123abcd.tmp`, `.study.qda-${dead}-89abcdef.staging`];
    writeFileSync(at(left[0]), 'part');
    mkdirSync(at(left[1]));
    writeFileSync(at(left[1], 'codebook.yaml'), 'part');
    const live = `.r.html.qda-${process.pid}-00000000.tmp`;
    writeFileSync(at(live), 'being written');
    writeFileSync(at('keep.qda-1-00000000.tmp'), 'not ours: no leading dot');
    assert.deepStrictEqual((await removeLeftovers(dir)).sort(), left.sort());
    assert.deepStrictEqual(readdirSync(dir).sort(), [live, 'keep.qda-1-00000000.tmp'].sort());
  });

  it('builds a folder in a staging folder, moves it into place whole, and writes nothing outside it', async () => {
    const staging = await StagingFolder.create(at('study'));
    await staging.write('codebook.yaml', 'trust: {}\n');
    await staging.write('transcripts/a.transcript.md', 'A: x\n');
    await assert.rejects(staging.write('../escaped.txt', 'x'), { message: 'refused to write ../escaped.txt outside the folder' });
    assert.ok(!existsSync(at('study')));
    await staging.commit();
    assert.deepStrictEqual(readdirSync(dir), ['study']);
    assert.deepStrictEqual(readdirSync(at('study')).sort(), ['codebook.yaml', 'transcripts']);
    const other = await StagingFolder.create(at('other'));
    await other.write('a.txt', 'x');
    await other.discard();
    assert.deepStrictEqual(readdirSync(dir), ['study']);
  });

  describe('killed at a random point (property)', () => {
    const writer = path.join(repo, 'out/server/src/node/safeWriter.js');
    const megabytes = 4;
    /** A child that replaces `report.html` (all 'a') with all 'b', then builds `study/` of 40 files. */
    const child = (folder: string) =>
      spawn(process.execPath, [
        '-e',
        `const w = require(${JSON.stringify(writer)});
        (async () => {
          process.stdout.write('ready\\n');
          await w.writeOutput(${JSON.stringify(path.join(folder, 'report.html'))}, 'b'.repeat(${megabytes} << 20), w.outputKinds.report, { force: true });
          const s = await w.StagingFolder.create(${JSON.stringify(path.join(folder, 'study'))});
          for (let i = 0; i < 40; i++) await s.write('transcripts/t' + i + '.transcript.md', 'A: ' + 'x'.repeat(20000) + '\\n');
          await s.commit();
        })();`,
      ]);

    it('leaves the old file or the new one, and the new folder whole or not at all; the next run leaves no staging folder', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 120 }), fc.constantFrom('SIGKILL', 'SIGINT', 'SIGTERM'), async (delay, signal) => {
          const folder = mkdtempSync(path.join(dir, 'run-'));
          writeFileSync(path.join(folder, 'report.html'), 'a'.repeat(megabytes << 20));
          const running = child(folder);
          const exited = new Promise<number | null>((resolve) => running.once('exit', (c) => resolve(c)));
          await new Promise<void>((resolve) => running.stdout.once('data', () => resolve()));
          await new Promise((resolve) => setTimeout(resolve, delay));
          running.kill(signal);
          const code = await exited;
          const report = readFileSync(path.join(folder, 'report.html'), 'latin1');
          assert.strictEqual(report.length, megabytes << 20);
          // Compared whole, not with /^(a+|b+)$/: on 4 MB that regex's backtracking overflowed
          // the stack now and then (a failure that was the test's).
          assert.ok(report === 'a'.repeat(report.length) || report === 'b'.repeat(report.length), 'a mixture of the old and the new report');
          if (existsSync(path.join(folder, 'study'))) assert.strictEqual(readdirSync(path.join(folder, 'study', 'transcripts')).length, 40);
          // Ctrl+C and SIGTERM clean up at once; after a kill, the next run does.
          if (signal !== 'SIGKILL' && code !== 0) assert.deepStrictEqual(readdirSync(folder).filter((n) => n.startsWith('.')), []);
          await removeLeftovers(folder);
          assert.deepStrictEqual(readdirSync(folder).filter((n) => n.startsWith('.')), []);
        }),
        { numRuns: 40 },
      );
    });
  });
});

describe('qda writes safely', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-cli-write-'));
    cpSync(path.join(repo, 'sample'), path.join(dir, 'sample'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never replaces a transcript with a report, nor the codebook with an export (exit 2, the file unchanged)', async () => {
    const transcript = path.join(dir, 'sample/transcripts/customers/a2.transcript.md');
    const codebook = path.join(dir, 'sample/codebook.yaml');
    const before = [readFileSync(transcript, 'utf8'), readFileSync(codebook, 'utf8')];
    const report = await runQda('report', path.join(dir, 'sample'), '--out', transcript, '--force');
    assert.deepStrictEqual([report.code, report.err], [2, `qda: refused to write a report over ${transcript}: the project reads that file`]);
    const exported = await runQda('export', path.join(dir, 'sample'), '--qdpx', codebook);
    assert.deepStrictEqual([exported.code, exported.err], [2, `qda: refused to write a REFI-QDA project over ${codebook}: the project reads that file`]);
    assert.deepStrictEqual([readFileSync(transcript, 'utf8'), readFileSync(codebook, 'utf8')], before);
  });

  it('replaces an earlier export only with --force', async () => {
    const out = path.join(dir, 'study.qdc');
    assert.strictEqual((await runQda('export', path.join(dir, 'sample'), '--qdc', out)).code, 0);
    const again = await runQda('export', path.join(dir, 'sample'), '--qdc', out);
    assert.deepStrictEqual([again.code, again.err], [2, `qda: ${out} exists: --force replaces it`]);
    assert.strictEqual((await runQda('export', path.join(dir, 'sample'), '--qdc', out, '--force')).code, 0);
  });
});
