// A transcript of a few megabytes opened in the editor reaches the server over stdio in one
// message, which the server decodes around its text (server/src/node/jsonMessageDecoder.ts): the
// server must see exactly the text the editor sent. Checked through a diagnostic at the end of it,
// whose position is counted here from the text sent, in UTF-16 units as LSP counts.
import * as assert from 'assert';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { largeMessage } from '../../server/src/node/jsonMessageDecoder';
import { keptAsBytesFrom } from '../../server/src/lsp/openDocument';
import * as protocol from '../../server/src/protocol';
import { TestClient } from '../helpers/lspClient';

const repo = path.resolve(__dirname, '../../..');

describe('a transcript of megabytes opened in the editor', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient | undefined;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-large-message-'));
    copyFileSync(path.join(repo, 'sample/codebook.yaml'), path.join(dir, 'codebook.yaml'));
    writeFileSync(path.join(dir, 'komentar.transcript.md'), '---\nsource: documentation\n---\nc1: kecil [murah]{#trust/testimonials}\n');
  });

  after(async () => {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is read by the server exactly as sent: emoji, quotes, backslashes, tabs and CRLF before an unknown code', async () => {
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    const uri = URI.file(path.join(dir, 'komentar.transcript.md')).toString();
    // Indexed once the codebook's diagnostics (codes no transcript uses) are published.
    await client.diagnosticsFor(URI.file(path.join(dir, 'codebook.yaml')).toString());
    const comment = 'c0042: "murah" 😀👩‍👩‍👧 ongkir C:\\toko\\ \tpercaya {#trust/testimonials} é€\u2028\r\n';
    const lines = Math.ceil((2 * largeMessage) / comment.length);
    const quote = '😀 "harga" C:\\toko\\/ é\u2028€ \\u0041';
    const last = `c9999: [${quote}]{#trust/quality-assurance} [mahal]{#tema9/tidak-ada}`;
    const text = `---\r\nsource: documentation\r\n---\r\n${comment.repeat(lines)}${last}\r\n`;
    assert.ok(Buffer.byteLength(JSON.stringify(text)) > largeMessage);
    await client.open(uri, text);
    const diagnostics = await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unknown-code'));
    const unknown = diagnostics.filter((d) => d.code === 'unknown-code');
    assert.strictEqual(unknown.length, 1);
    // The unknown code sits on the last line (LSP ends lines at CR, LF and CRLF, not at U+2028),
    // its column counted in UTF-16 units (each 😀 two).
    const lastLine = text.split(/\r\n|\n|\r/).length - 2;
    const column = last.indexOf('tema9/tidak-ada');
    // And the words the server keeps are the words sent, character for character.
    const quotes = await client.request(protocol.quotesOfCodeRequest, { uri, path: 'trust/quality-assurance' });
    assert.deepStrictEqual(quotes.map((q) => [q.text, q.range.start.line]), [[quote, lastLine]]);
    assert.deepStrictEqual(unknown[0].range, { start: { line: lastLine, character: column }, end: { line: lastLine, character: column + 'tema9/tidak-ada'.length } });
  });
});

describe('a transcript of more than four million characters open in the editor, kept as bytes', function () {
  this.timeout(60000);
  let dir: string;
  let client: TestClient | undefined;

  after(async () => {
    await client?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('opened as it is on disk, then typed into after an emoji: diagnostics, completion and quotes at the places counted here', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-kept-as-bytes-'));
    copyFileSync(path.join(repo, 'sample/codebook.yaml'), path.join(dir, 'codebook.yaml'));
    // One emoji a line: few enough characters beyond ASCII for the bytes to be the smaller form.
    const comment = 'c0042: "murah" 😀 ongkir [C:\\toko percaya]{#trust/testimonials} ya\r\n';
    const lines = Math.ceil(keptAsBytesFrom / comment.length);
    const last = 'c9999: pengiriman 😀👩‍👩‍👧 cepat';
    const text = `---\r\nsource: documentation\r\n---\r\n${comment.repeat(lines)}${last}\r\n`;
    assert.ok(text.length > keptAsBytesFrom);
    const file = path.join(dir, 'komentar.transcript.md');
    writeFileSync(file, text);
    const uri = URI.file(file).toString();
    client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    await client.diagnosticsFor(URI.file(path.join(dir, 'codebook.yaml')).toString());
    await client.open(uri, text);
    const lastLine = lines + 3;
    // Typed at the end of the last line, its column in UTF-16 units (😀 two, the family eight).
    const end = { line: lastLine, character: last.length };
    await client.change(uri, [{ range: { start: end, end }, text: ' {#trust/tidak-ada}' }]);
    const unknown = (await client.diagnosticsFor(uri, (d) => d.some((x) => x.code === 'unknown-code'))).filter((d) => d.code === 'unknown-code');
    const column = last.length + ' {#'.length;
    assert.deepStrictEqual(unknown.map((d) => d.range), [{ start: { line: lastLine, character: column }, end: { line: lastLine, character: column + 'trust/tidak-ada'.length } }]);
    // Completion inside the code typed: the codebook's codes under trust, replacing the path.
    const completion = (await client.request('textDocument/completion', { textDocument: { uri }, position: { line: lastLine, character: column + 'trust/'.length } })) as { items: { label: string; textEdit?: { range: unknown } }[] };
    assert.ok(completion.items.some((item) => item.label === 'trust/testimonials'));
    assert.deepStrictEqual(completion.items[0].textEdit?.range, unknown[0].range);
    // The words the server keeps are the editor's: the last quote, emoji and all.
    const quotes = await client.request(protocol.quotesOfCodeRequest, { uri, path: 'trust/testimonials' });
    assert.strictEqual(quotes.length, lines);
    const quoteStart = comment.indexOf('[') + 1;
    assert.deepStrictEqual(quotes[lines - 1], { ...quotes[lines - 1], text: 'C:\\toko percaya', range: { start: { line: lastLine - 1, character: quoteStart }, end: { line: lastLine - 1, character: comment.indexOf(']') } } });
    const status = await client.request(protocol.serverStatusRequest);
    assert.strictEqual(status.openDocumentsKeptAsBytes, 1);
  });
});
