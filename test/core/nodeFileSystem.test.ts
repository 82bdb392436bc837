import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { FileChange } from '../../server/src/core/fileSystem';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';

describe('file system on disk', () => {
  let dir: string;
  const fs = new NodeFileSystem();
  const uri = (name: string) => URI.file(path.join(dir, name)).toString();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-fs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists files recursively, leaving out hidden folders and node_modules, and survives a symlink loop', async () => {
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(path.join(dir, 'a/b/one.transcript.md'), 'x');
    writeFileSync(path.join(dir, 'codebook.yaml'), 'x');
    writeFileSync(path.join(dir, '.git/config'), 'x');
    writeFileSync(path.join(dir, 'node_modules/x/y.transcript.md'), 'x');
    symlinkSync(dir, path.join(dir, 'a/loop'));
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'dangling'));
    assert.deepStrictEqual(await fs.list(URI.file(dir).toString()), [uri('a/b/one.transcript.md'), uri('codebook.yaml')]);
  });

  it('reads UTF-8 without its BOM, and refuses binary and non-UTF-8 files with a reason', async () => {
    writeFileSync(path.join(dir, 'bom.md'), '\uFEFFA: ya');
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([1, 0, 2]));
    writeFileSync(path.join(dir, 'latin.md'), Buffer.from('caf\xe9', 'latin1'));
    assert.strictEqual(await fs.read(uri('bom.md')), 'A: ya');
    await assert.rejects(fs.read(uri('bin.md')), { message: `cannot read ${path.join(dir, 'bin.md')}: it is a binary file, not UTF-8 text` });
    await assert.rejects(fs.read(uri('latin.md')), { message: `cannot read ${path.join(dir, 'latin.md')}: it is not valid UTF-8 text` });
    await assert.rejects(fs.read(uri('none.md')), { message: `cannot read ${path.join(dir, 'none.md')}: no such file` });
  });

  it('reports created, changed and deleted files below a folder', async () => {
    const seen: FileChange[] = [];
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(predicate(), `no such change among ${JSON.stringify(seen)}`);
    };
    mkdirSync(path.join(dir, 'sub'));
    const watcher = fs.watch(URI.file(dir).toString(), (changes) => seen.push(...changes));
    try {
      writeFileSync(path.join(dir, 'sub/new.transcript.md'), 'A: ya');
      await waitFor(() => seen.some((c) => c.uri === uri('sub/new.transcript.md') && c.type === 'changed'));
      unlinkSync(path.join(dir, 'sub/new.transcript.md'));
      await waitFor(() => seen.some((c) => c.uri === uri('sub/new.transcript.md') && c.type === 'deleted'));
    } finally {
      watcher.dispose();
    }
  });
});
