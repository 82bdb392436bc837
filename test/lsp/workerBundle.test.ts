// The worker bundle (dist/web/server.js) as a browser runs it (test/helpers/workerHarness.ts): in a
// scope with the web platform's globals and none of Node's, talking LSP through postMessage. It
// indexes the sample through the client's file requests and answers as the core does. A Node-only
// global used unguarded by the server breaks this test, not a browser.
import * as assert from 'assert';
import * as path from 'path';
import * as vm from 'vm';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { projectStats } from '../../server/src/core/analyses/codeTree';
import { diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import * as protocol from '../../server/src/protocol';
import { projectFilesAt } from '../helpers/projectFiles';
import { startWorkerBundle } from '../helpers/workerHarness';

const repo = path.resolve(__dirname, '../../..');
const folder = 'vscode-test-web://mount';

describe('the worker bundle, in a scope without Node', function () {
  this.timeout(30000);
  const files = projectFilesAt(path.join(repo, 'sample'), folder);
  // More files than the server publishes in one chunk (50), so that it yields between chunks.
  const sr = files[`${folder}/transcripts/customers/sr.transcript.md`];
  for (let i = 0; i < 60; i++) files[`${folder}/transcripts/copies/sr-${i}.transcript.md`] = sr;
  let diagnostics: Map<string, unknown[]>;
  let connection: ProtocolConnection;
  let scope: vm.Context;

  before(async () => {
    ({ connection, scope, diagnostics } = await startWorkerBundle(files, [folder]));
  });

  after(() => connection?.dispose());

  it('has no Node globals to lean on', () => {
    for (const name of ['require', 'process', 'Buffer', 'setImmediate', 'module', 'global']) assert.strictEqual(vm.runInContext(`typeof ${name}`, scope), 'undefined', name);
  });

  it('indexes the sample through the client and counts what the core counts', async () => {
    const core = new QdaWorkspace(new MemoryFileSystem(files));
    await core.addFolder(folder);
    const stats = await connection.sendRequest(protocol.statsRequest);
    assert.deepStrictEqual(stats, JSON.parse(JSON.stringify({ projects: [projectStats(core.sortedProjects()[0])] })));
    assert.strictEqual(stats.projects[0].documents, 75);
    // Every file's diagnostics published, though the server yields between chunks of them.
    const expected = diagnoseWorkspace(core);
    const started = Date.now();
    while (expected.some((f) => diagnostics.get(f.uri)?.length !== f.diagnostics.length) && Date.now() - started < 10000) await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(
      expected.map((f) => [f.uri, diagnostics.get(f.uri)?.length]),
      expected.map((f) => [f.uri, f.diagnostics.length]),
    );
    assert.strictEqual(expected.reduce((n, f) => n + f.diagnostics.length, 0), 14 + 60); // sr has one untagged quote
  });
});
