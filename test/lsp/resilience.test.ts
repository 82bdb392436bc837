// The server under load: 1,000 edits a second for ten seconds into one transcript, with requests,
// malformed requests and cancellations in between. It must keep answering, and its final
// diagnostics must equal those of a fresh parse of the final text.
import * as assert from 'assert';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { diagnoseTranscript } from '../../server/src/core/project/diagnostics';
import { LineIndex } from '../../server/src/core/text/text';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { random } from '../../bench/generate';
import { TestClient } from '../helpers/lspClient';
import * as protocol from '../../server/src/protocol';

const repo = path.resolve(__dirname, '../../..');

describe('language server under load', function () {
  this.timeout(120000);
  let dir: string;
  let client: TestClient;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-load-'));
    cpSync(path.join(repo, 'sample'), path.join(dir, 'sample'), { recursive: true });
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    await client.request(protocol.checkIndexRequest);
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps answering through 10,000 edits in ten seconds, and ends with the diagnostics of a fresh parse', async () => {
    const file = path.join(dir, 'sample/transcripts/customers/sr.transcript.md');
    const uri = URI.file(file).toString();
    let text = readFileSync(file, 'utf8');
    await client.open(uri, text);
    const rnd = random(4242);
    const pieces = ['a', ' ', '[', ']', '{', '}', '#', '{#trust}', ']{#price/discounts}', '\n', 'SR: ', '😀', '\\', '{-}', ':'];
    const counts = { edits: 0, requests: 0, answered: 0, errors: 0, cancelled: 0 };
    const pending: Promise<unknown>[] = [];
    const errors: string[] = [];
    const request = (method: string, params: unknown, token?: CancellationTokenSource) => {
      counts.requests++;
      pending.push(
        (token ? client.connection.sendRequest(method, params, token.token) : client.connection.sendRequest(method, params)).then(
          () => counts.answered++,
          (error: { code?: number; message?: string }) => {
            if (error?.code === -32800) counts.cancelled++;
            else {
              counts.errors++;
              if (errors.length < 5) errors.push(`${method}: ${error?.code} ${error?.message}`);
            }
          },
        ),
      );
    };

    const started = Date.now();
    for (let batch = 0; batch < 1000; batch++) {
      // Ten edits, every 10 ms: a thousand a second.
      for (let k = 0; k < 10; k++) {
        const lines = new LineIndex(text);
        const start = Math.floor(rnd() * (text.length + 1));
        const remove = rnd() < 0.3 ? Math.floor(rnd() * 5) : 0;
        const insert = rnd() < 0.8 ? pieces[Math.floor(rnd() * pieces.length)] : '';
        const end = Math.min(text.length, start + remove);
        // Keep surrogate pairs whole, as an editor does.
        if (/[\uDC00-\uDFFF]/.test(text[start] ?? '') || /[\uDC00-\uDFFF]/.test(text[end] ?? '')) continue;
        void client.change(uri, [{ range: { start: lines.positionAt(start), end: lines.positionAt(end) }, text: insert }]);
        text = text.slice(0, start) + insert + text.slice(end);
        counts.edits++;
      }
      if (batch % 5 === 0) {
        const lines = new LineIndex(text);
        const position = lines.positionAt(Math.floor(rnd() * text.length));
        request('textDocument/hover', { textDocument: { uri }, position });
        request('textDocument/completion', { textDocument: { uri }, position });
        request('textDocument/documentSymbol', { textDocument: { uri } });
      }
      if (batch % 50 === 0) {
        // Malformed and out-of-range requests, and one cancelled in flight.
        request('textDocument/definition', { textDocument: { uri: 'file:///nowhere.transcript.md' }, position: { line: -1, character: 1e9 } });
        request('textDocument/references', { textDocument: null, position: null, context: null });
        const token = new CancellationTokenSource();
        request('workspace/symbol', { query: 'a' }, token);
        token.cancel();
      }
      const due = started + (batch + 1) * 10;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    const seconds = (Date.now() - started) / 1000;
    await Promise.all(pending);
    // The published diagnostics settle on those of a fresh parse of the final text.
    const fresh = new QdaWorkspace(new NodeFileSystem());
    await fresh.addFolder(URI.file(dir).toString());
    fresh.setFile(uri, text);
    const expected = diagnoseTranscript(fresh.transcript(uri)!, fresh.projectFor(uri))
      .map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`)
      .sort();
    const published = () =>
      (client.diagnostics.get(uri) ?? []).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
    await client.waitFor('the final diagnostics', () => JSON.stringify(published()) === JSON.stringify(expected), 20000);
    const consistency = await client.request(protocol.checkIndexRequest);

    console.log(
      `      ${counts.edits} edits in ${seconds.toFixed(1)} s; ${counts.requests} requests: ${counts.answered} answered, ` +
        `${counts.cancelled} cancelled, ${counts.errors} errors; final diagnostics: ${expected.length}, equal to a fresh parse; ` +
        `index consistent with a rebuild: ${consistency.consistent}`,
    );
    assert.ok(counts.edits >= 9000, `${counts.edits} edits`);
    assert.strictEqual(counts.answered + counts.cancelled + counts.errors, counts.requests);
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(counts.errors, 0);
    assert.ok(client.alive);
    assert.strictEqual(consistency.consistent, true);
  });
});
