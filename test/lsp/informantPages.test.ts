// The built server lists each project's informants as many as the client asks for, by project:
// two studies of more than a page of informants each, in one workspace.
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import * as protocol from '../../server/src/protocol';
import { TestClient } from '../helpers/lspClient';
import { waitUntil } from '../helpers/waitUntil';

/** A study of `count` informants, `prefix` and a number each, in file order. */
function writeStudy(dir: string, prefix: string, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  writeFileSync(path.join(dir, 'codebook.yaml'), 'trust:\n  codes:\n    quality: {}\n');
  writeFileSync(path.join(dir, 'informants.yaml'), ids.map((id) => `${id}: {role: customer}\n`).join(''));
  writeFileSync(path.join(dir, 'a.transcript.md'), `${ids[0]}: [Bagus]{#trust/quality}.\n`);
  return ids;
}

describe('the tree request lists the informants asked for, project by project', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient;
  let first: { root: string; ids: string[] };
  let second: { root: string; ids: string[] };

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-pages-'));
    first = { root: URI.file(path.join(dir, 'first')).toString(), ids: writeStudy(path.join(dir, 'first'), 'F', 1234) };
    second = { root: URI.file(path.join(dir, 'second')).toString(), ids: writeStudy(path.join(dir, 'second'), 'S', 600) };
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    await waitUntil(
      async () => (await client.request(protocol.treeRequest, {})).projects.length,
      (count) => count === 2,
      { timeout: 30000, what: 'both projects' },
    );
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function listed(informants?: Record<string, number>): Promise<Record<string, string[]>> {
    const { projects } = await client.request(protocol.treeRequest, { informants });
    return Object.fromEntries(projects.map((p) => [p.root, p.informants.map((i) => i.id)]));
  }

  it('lists a page of each unless asked for more, and more only of the project asked for', async () => {
    assert.deepStrictEqual(await listed(), { [first.root]: first.ids.slice(0, 500), [second.root]: second.ids.slice(0, 500) });
    assert.deepStrictEqual(await listed({ [first.root]: 501 }), { [first.root]: first.ids.slice(0, 1000), [second.root]: second.ids.slice(0, 500) });
    assert.deepStrictEqual(await listed({ [first.root]: 1001, [second.root]: 501 }), { [first.root]: first.ids, [second.root]: second.ids });
    const { projects } = await client.request(protocol.treeRequest, {});
    assert.deepStrictEqual(
      projects.map((p) => [p.root, p.informantCount]),
      [
        [first.root, 1234],
        [second.root, 600],
      ],
    );
  });

  it('lists one page for counts that are not ones, whatever their shape', async () => {
    for (const informants of ['many', [501], { [first.root]: 'all' }, null]) {
      const { projects } = await client.request(protocol.treeRequest, { informants: informants as unknown as Record<string, number> });
      assert.deepStrictEqual(
        projects.map((p) => p.informants.length),
        [500, 500],
        JSON.stringify(informants),
      );
    }
  });
});
