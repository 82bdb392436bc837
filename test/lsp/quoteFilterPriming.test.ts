// The quote filters made in the background: every document's once the study is indexed, a pass a
// step at a time, and again once edits pause after a change forgot some (an edit, one document's;
// informants.yaml, every document's). In the core on a study in memory, the run's own logic on a
// workspace that answers as told, and over the wire in the built server.
import * as assert from 'assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { QdaWorkspace } from '../../server/src/core/project/workspace';
import type { ServerLog } from '../../server/src/lsp/log';
import { QuoteFilterPriming } from '../../server/src/lsp/quoteFilterPriming';
import * as protocol from '../../server/src/protocol';
import { TestClient } from '../helpers/lspClient';
import { study } from '../helpers/project';
import { waitUntil } from '../helpers/waitUntil';

/** A log that keeps its lines. */
function keptLog(): ServerLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), error: (what, e) => lines.push(`error ${what}: ${(e as Error).message}`), alert: (m) => lines.push(m) };
}

/** Waits until the priming says it is done (the shared `waitUntil`, read every 5 ms). */
const until = (what: string, done: () => boolean) => waitUntil(done, (isDone) => isDone, { what, interval: 5, timeout: 2500 });

/** How many of a study's documents have their filters (made again: `primeQuoteFilters` says false for those that had them; they are then all made). */
function documentsWithFilters(workspace: QdaWorkspace): number {
  let had = 0;
  for (const project of workspace.projects.values()) for (const doc of project.index.documents.values()) if (!project.index.primeQuoteFilters(doc)) had++;
  return had;
}

describe('quote filters made in the background', () => {
  const files = { 'a.transcript.md': 'A: Ada foto.\n', 'b.transcript.md': 'SR: Murah.\n', 'c.transcript.md': 'W: Bagus.\n' };

  it('makes every document once the study is loaded, again after a change once changes pause, and every document after informants.yaml changes', async () => {
    const s = study(files);
    const log = keptLog();
    const priming = new QuoteFilterPriming(s.workspace, log, 20);
    priming.start();
    await until('the first pass', () => priming.done);
    assert.deepStrictEqual(log.lines.map((l) => l.replace(/\d+ ms/, 'N ms')), ['quote filters of 3 documents made in N ms']);
    s.workspace.setFile(s.uri('b.transcript.md'), 'SR: Mahal.\n');
    priming.afterChange();
    // Until changes pause, not said to be made.
    assert.strictEqual(priming.done, false);
    await until('the pass after the edit', () => priming.done);
    s.workspace.setFile(s.uri('informants.yaml'), 'A: {role: owner}\nSR: {}\nW: {}\n');
    priming.afterChange();
    await until('the pass after informants.yaml', () => priming.done);
    assert.deepStrictEqual(log.lines.slice(1).map((l) => l.replace(/\d+ ms/, 'N ms')), ['quote filters of 1 document made in N ms', 'quote filters of 3 documents made in N ms']);
    assert.strictEqual(documentsWithFilters(s.workspace), 3);
  });

  it('goes over the documents once more when started during a run, and starts again after a run that ended at once', async () => {
    let passes = 0;
    let calls = 0;
    let stepsOfPass = 3;
    // A workspace whose passes take `stepsOfPass` steps of one document each.
    const workspace = {
      primeQuoteFilters: () => {
        calls++;
        const done = calls % stepsOfPass === 0;
        if (done) passes++;
        return { made: 1, done };
      },
    } as unknown as QdaWorkspace;
    const log = keptLog();
    const priming = new QuoteFilterPriming(workspace, log, 20);
    priming.start();
    assert.strictEqual(priming.done, false);
    // Between two steps of the first pass (the run waits for the event loop after each).
    await new Promise((r) => setImmediate(r));
    priming.start();
    await until('both passes', () => priming.done);
    assert.deepStrictEqual([passes, calls, log.lines.length], [2, 6, 1]);
    assert.match(log.lines[0], /^quote filters of 6 documents made in \d+ ms$/);
    // A pass of one step ends within `start`: the run is over, and the next `start` runs again.
    calls = 0;
    stepsOfPass = 1;
    priming.start();
    assert.deepStrictEqual([priming.done, calls], [true, 1]);
    priming.start();
    assert.deepStrictEqual([priming.done, calls], [true, 2]);
  });

  it('logs a failing step, says the filters are not made, and runs again when started', async () => {
    let fail = true;
    const workspace = {
      primeQuoteFilters: () => {
        if (fail) throw new Error('no memory');
        return { made: 2, done: true };
      },
    } as unknown as QdaWorkspace;
    const log = keptLog();
    const priming = new QuoteFilterPriming(workspace, log, 20);
    priming.start();
    assert.deepStrictEqual([priming.done, log.lines], [false, ['error making the quote filters: no memory']]);
    fail = false;
    priming.afterChange();
    await until('the pass after the failure', () => priming.done);
    assert.match(log.lines[1], /^quote filters of 2 documents made in \d+ ms$/);
  });

  it('over the wire: serverStatus says when they are made, after start-up and again after an edit', async function () {
    this.timeout(30000);
    const dir = mkdtempSync(path.join(tmpdir(), 'qda-priming-'));
    let client: TestClient | undefined;
    try {
      mkdirSync(path.join(dir, 'interviews'));
      writeFileSync(path.join(dir, 'codebook.yaml'), 'trust:\n  codes:\n    quality: {description: Goods as shown.}\n');
      writeFileSync(path.join(dir, 'interviews/a.transcript.md'), 'A: Ada [foto]{#trust/quality}.\n');
      writeFileSync(path.join(dir, 'interviews/b.transcript.md'), 'SR: Murah.\n');
      client = await TestClient.start({ folders: [URI.file(dir).toString()] });
      const server = client;
      const made = () => server.logs.filter((line) => /quote filters of \d+ documents? made in \d+ ms/.test(line)).map((line) => /of (\d+) doc/.exec(line)![1]);
      const status = () => server.request(protocol.serverStatusRequest);
      await waitUntil(status, (s) => s.quoteFiltersMade === true, { what: 'the filters after start-up' });
      assert.deepStrictEqual(made(), ['2']);
      const a = URI.file(path.join(dir, 'interviews/a.transcript.md')).toString();
      await server.open(a, 'A: Ada [foto]{#trust/quality}.\n');
      await server.change(a, [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 6 } }, text: ' asli' }]);
      // The edit's filters are made once edits have paused (a second), and said so.
      await waitUntil(async () => made(), (lines) => lines.length === 2, { what: 'the filters after the edit' });
      assert.deepStrictEqual(made(), ['2', '1']);
      assert.strictEqual((await status()).quoteFiltersMade, true);
    } finally {
      await client?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
