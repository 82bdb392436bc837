// A workspace that is not on disk (VS Code for the Web, or a repository opened without cloning it):
// the server lists and reads its files through the client (`qda/listFiles`, `qda/readFiles`), and
// then answers exactly as the core does over the same files. The Node server takes this path for
// every scheme but `file:`; the browser worker takes it for all, through the same ClientFileSystem.
import * as assert from 'assert';
import * as path from 'path';
import { projectStats } from '../../server/src/core/analyses/codeTree';
import { diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import * as protocol from '../../server/src/protocol';
import { TestClient } from '../helpers/lspClient';
import { projectFilesAt } from '../helpers/projectFiles';

const repo = path.resolve(__dirname, '../../..');
/** Where github.dev would mount the sample. */
const folder = 'vscode-vfs://github/qda-workbench/study';

describe('a workspace read through the client', function () {
  this.timeout(30000);
  const files = projectFilesAt(path.join(repo, 'sample'), folder);
  let client: TestClient;
  const core = new QdaWorkspace(new MemoryFileSystem(files));

  before(async () => {
    await core.addFolder(folder);
    client = await TestClient.start({ folders: [folder], files, workDoneProgress: true });
  });

  after(async () => {
    await client?.stop();
  });

  it('reads every project file through the client, and counts what the core counts', async () => {
    assert.strictEqual(Object.keys(files).length, 18); // 15 transcripts, codebook.yaml, informants.yaml, a memo file (ls -R sample)
    const stats = await client.request(protocol.statsRequest); // answered once the workspace is loaded
    assert.strictEqual(client.filesServed, 18);
    assert.deepStrictEqual(stats, JSON.parse(JSON.stringify({ projects: [projectStats(core.projects.get(folder)!)] })));
    assert.strictEqual(stats.projects[0].documents, 15);
  });

  it('keeps an index that a rebuild from the client\'s files confirms', async () => {
    const report = await client.request(protocol.checkIndexRequest);
    assert.ok(report.consistent, report.details);
    assert.strictEqual(client.filesServed, 36); // the rebuild read each file again
  });

  it('publishes the diagnostics the core finds', async () => {
    const expected = diagnoseWorkspace(core).filter((f) => f.diagnostics.length > 0);
    assert.strictEqual(expected.reduce((n, f) => n + f.diagnostics.length, 0), 14); // the sample's untagged quotes (qda check)
    for (const { uri, diagnostics } of expected) {
      const published = await client.diagnosticsFor(uri, (d) => d.length === diagnostics.length);
      assert.deepStrictEqual(published.map((d) => [d.range.start.line, d.code, d.message]), diagnostics.map((d) => [d.range.start.line, d.code, d.message]));
    }
  });

  it('shows its progress while indexing: begin, the count of transcripts, end', () => {
    const kinds = client.progress.map((p) => p.kind);
    assert.strictEqual(kinds[0], 'begin');
    assert.strictEqual(kinds.at(-1), 'end');
    assert.strictEqual(client.progress[0].title, 'QDA: indexing transcripts');
    const last = client.progress.filter((p) => p.kind === 'report').at(-1);
    assert.deepStrictEqual([last?.message, last?.percentage], ['15/15', 100]);
  });
});
