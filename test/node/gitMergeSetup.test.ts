// Whether git merges a project by meaning, and setting it up (node/gitMergeSetup.ts): what
// `qda git setup` and the editor's "Set up git merging for this project" share. Each test makes
// a real repository in a temporary folder; what git will do is asked of git itself (check-attr).
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { attributeLines, gitMergeState, needsSetup, nodeCommand, setUpGitMerge, shellQuote, shellWords } from '../../server/src/node/gitMergeSetup';

describe('setting up git merging (node/gitMergeSetup.ts)', function () {
  this.timeout(30000);
  let dir: string;
  const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' }).stdout.trim();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-git-setup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says nothing outside a git repository, and sets up nothing there', async () => {
    assert.strictEqual(await gitMergeState(dir), undefined);
    assert.strictEqual(await setUpGitMerge(dir, 'x %O %A %B %P'), undefined);
  });

  it('finds everything missing in a new repository, sets it up once, then finds nothing to do', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const before = (await gitMergeState(dir))!;
    assert.deepStrictEqual([before.missingAttributes, before.driver, needsSetup(before)], [attributeLines, 'missing', true]);
    const driver = `${shellQuote(process.execPath)} ${shellQuote(__filename)} %O %A %B %P`;
    const changes = (await setUpGitMerge(dir, driver))!;
    assert.deepStrictEqual(
      changes.map((c) => c.kind),
      ['attributes', 'config', 'config'],
    );
    assert.strictEqual(readFileSync(path.join(dir, '.gitattributes'), 'utf8'), '*.transcript.md merge=qda\ncodebook.yaml merge=qda\ninformants.yaml merge=qda\n');
    assert.strictEqual(git(dir, 'config', '--get', 'merge.qda.driver'), driver);
    // git itself now sends the project's files to the driver.
    assert.strictEqual(git(dir, 'check-attr', 'merge', '--', 'transcripts/sr.transcript.md'), 'transcripts/sr.transcript.md: merge: qda');
    const after = (await gitMergeState(dir))!;
    assert.deepStrictEqual([after.missingAttributes, after.driver, after.driverCommand, needsSetup(after)], [[], 'set', driver, false]);
    assert.deepStrictEqual(await setUpGitMerge(dir, driver), []);
  });

  it('reads the attributes git applies, from a .gitattributes above the project too, and adds only what is missing', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(path.join(dir, '.gitattributes'), '*.transcript.md merge=qda\r\n');
    const project = path.join(dir, 'study');
    mkdirSync(project);
    writeFileSync(path.join(project, '.gitattributes'), '# the study\r\ncodebook.yaml merge=qda');
    const state = (await gitMergeState(project))!;
    assert.deepStrictEqual(state.missingAttributes, ['informants.yaml merge=qda']);
    const changes = (await setUpGitMerge(project, 'true %O %A %B %P'))!;
    assert.deepStrictEqual(changes[0], { kind: 'attributes', file: path.join(project, '.gitattributes'), added: ['informants.yaml merge=qda'] });
    // The file's own line ends (CRLF) are kept; the repository's top file is left alone.
    assert.strictEqual(readFileSync(path.join(project, '.gitattributes'), 'utf8'), '# the study\r\ncodebook.yaml merge=qda\r\ninformants.yaml merge=qda\r\n');
    assert.strictEqual(readFileSync(path.join(dir, '.gitattributes'), 'utf8'), '*.transcript.md merge=qda\r\n');
  });

  it('calls a driver whose program or script is gone stale (an editor or qda updated or moved), and replaces it', async () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const gone = path.join(dir, 'old version', 'dist', 'qda-merge.js');
    const old = `${shellQuote(process.execPath)} ${shellQuote(gone)} %O %A %B %P`;
    execFileSync('git', ['config', 'merge.qda.driver', old], { cwd: dir });
    const state = (await gitMergeState(dir))!;
    assert.deepStrictEqual([state.driver, needsSetup(state)], ['stale', true]);
    const driver = `${shellQuote(process.execPath)} ${shellQuote(__filename)} %O %A %B %P`;
    const changes = (await setUpGitMerge(dir, driver))!;
    assert.deepStrictEqual(changes.find((c) => c.kind === 'config' && c.key === 'merge.qda.driver'), { kind: 'config', key: 'merge.qda.driver', from: old, to: driver });
  });

  it('quotes paths for git\'s shell and reads them back', () => {
    for (const word of ['/usr/bin/node', '/Applications/Visual Studio Code.app/x', "/home/o'neil/qda.js", 'C:\\Program Files\\Code\\Code.exe', '%O']) {
      assert.deepStrictEqual(shellWords(`${shellQuote(word)} ${shellQuote(word)}`), [word, word]);
    }
    assert.strictEqual(shellQuote('/usr/bin/node'), '/usr/bin/node');
    assert.strictEqual(shellQuote('/a b/c'), "'/a b/c'");
  });

  it("runs VS Code's own runtime (Electron) as Node, for git's shell", () => {
    assert.strictEqual(nodeCommand('/x/dist/qda-merge.js', ['%O']), `${shellQuote(process.execPath)} /x/dist/qda-merge.js %O`);
    Object.defineProperty(process.versions, 'electron', { value: '34.0.0', configurable: true });
    try {
      assert.strictEqual(nodeCommand('/x/dist/qda-merge.js', ['%O']), `ELECTRON_RUN_AS_NODE=1 ${shellQuote(process.execPath)} /x/dist/qda-merge.js %O`);
      // The word before the program is no path: a driver written so is not stale.
      assert.deepStrictEqual(shellWords(nodeCommand('/x/y.js')).slice(0, 2), ['ELECTRON_RUN_AS_NODE=1', process.execPath]);
    } finally {
      delete (process.versions as Record<string, string | undefined>).electron;
    }
  });
});
