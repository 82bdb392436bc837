// A study large enough for the server to read it on a reader thread (64 transcripts or more): the
// built server, with its bundled reader, must index it exactly as the core does on one thread.
import * as assert from 'assert';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { codeTree } from '../../server/src/core/analyses/codeTree';
import { diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { TestClient } from '../helpers/lspClient';
import * as protocol from '../../server/src/protocol';

const repo = path.resolve(__dirname, '../../..');

describe('language server on a study of 90 transcripts', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-large-'));
    cpSync(path.join(repo, 'sample'), dir, { recursive: true });
    // The sample's 15 transcripts, and five more copies of each in folders of their own.
    const transcripts = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.transcript.md'));
    for (let copy = 1; copy <= 5; copy++) {
      for (const file of transcripts) {
        const target = path.join(dir, 'transcripts', `copy-${copy}`, `${copy}-${path.basename(file)}`);
        cpSync(path.join(dir, file), target);
      }
    }
    // One of them not UTF-8: reported by the reader thread as the main thread would.
    writeFileSync(path.join(dir, 'transcripts', 'copy-5', 'latin.transcript.md'), Buffer.from('A: caf\xe9', 'latin1'));
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads it on a reader thread and indexes it exactly as the core does on one thread', async () => {
    const oneThread = new QdaWorkspace(new NodeFileSystem({ readerThreadFrom: Infinity }));
    await oneThread.addFolder(URI.file(dir).toString());
    const expected = diagnoseWorkspace(oneThread);
    await client.waitFor('diagnostics of every file', () => client.diagnostics.size >= expected.length, 30000);
    assert.ok(
      client.logs.some((line) => /indexed 90 transcripts in 1 projects in \d+ ms, read on a reader thread/.test(line)),
      client.logs.join('\n'),
    );
    const project = [...oneThread.projects.values()][0];
    const tree = await client.request(protocol.treeRequest, {});
    const themes = codeTree(project, {}, { quotes: false }).themes;
    assert.deepStrictEqual(
      tree.projects[0].themes.map((t) => [t.path, t.codings]),
      themes.map((t) => [t.path, t.codings]),
    );
    // Six times the sample's codings of trust.
    assert.deepStrictEqual(tree.projects[0].themes[0], { ...tree.projects[0].themes[0], path: 'trust', codings: 6 * 19 });
    for (const { uri, diagnostics } of expected) {
      assert.deepStrictEqual(
        client.diagnostics.get(uri)?.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
        diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.code, d.message]),
        uri,
      );
    }
    const latin = URI.file(path.join(dir, 'transcripts', 'copy-5', 'latin.transcript.md')).toString();
    assert.match(String(client.diagnostics.get(latin)?.[0]?.message ?? ''), /is not valid UTF-8 text/);
    const check = await client.request(protocol.checkIndexRequest);
    assert.deepStrictEqual(check, { ...check, consistent: true, documents: 90 });
    assert.ok(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8').length > 0);
  });
});
