// The index kept up to date edit by edit must equal one rebuilt from the files.
import * as assert from 'assert';
import { checkIndexConsistency } from '../../server/src/core/analyses/consistency';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

describe('index consistency check', () => {
  const codebook = 'trust:\n  description: Trust.\n  codes:\n    quality: {description: Q.}\n';
  async function loaded(): Promise<{ fs: MemoryFileSystem; workspace: QdaWorkspace }> {
    const fs = new MemoryFileSystem({
      'file:///w/study/codebook.yaml': codebook,
      'file:///w/study/informants.yaml': 'A: {role: owner}\n',
      'file:///w/study/a.transcript.md': 'A: [Foto]{#trust/quality}\n',
      'file:///w/study/b.transcript.md': 'A: Belum.\n',
    });
    const workspace = new QdaWorkspace(fs);
    await workspace.addFolder('file:///w');
    return { fs, workspace };
  }

  it('finds the index consistent after loading and after each change applied as the files change', async () => {
    const { fs, workspace } = await loaded();
    assert.deepStrictEqual(await checkIndexConsistency(workspace), { consistent: true, documents: 2 });
    fs.write('file:///w/study/b.transcript.md', 'A: Sudah. {#trust}\n');
    workspace.setFile('file:///w/study/b.transcript.md', 'A: Sudah. {#trust}\n');
    fs.delete('file:///w/study/a.transcript.md');
    workspace.deleteFile('file:///w/study/a.transcript.md');
    assert.deepStrictEqual(await checkIndexConsistency(workspace), { consistent: true, documents: 1 });
  });

  it('names the project whose index differs from the files', async () => {
    const { workspace } = await loaded();
    // The live index takes an edit the files never saw.
    workspace.setFile('file:///w/study/b.transcript.md', 'A: Sudah. {#trust}\n');
    assert.deepStrictEqual(await checkIndexConsistency(workspace), { consistent: false, documents: 2, details: 'project file:///w/study differs' });
  });
});
