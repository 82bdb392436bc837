// The server's reader of standard input gives the messages the library's reader gives for the
// same bytes, however the stream cuts them into chunks, and reports the same malformed headers.
import * as assert from 'assert';
import fc from 'fast-check';
import { PassThrough } from 'stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import { largeMessage } from '../../server/src/node/jsonMessageDecoder';
import { InputFailed, StdioMessageReader, StreamOutOfStep } from '../../server/src/node/stdioMessageReader';
import { keptAsBytesFrom, roomFor, Utf8Text } from '../../server/src/lsp/openDocument';

const text = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\ud800-\udfff]/g, ''));
const message = fc.oneof(
  fc.tuple(text, fc.nat()).map(([t, id]) => ({ jsonrpc: '2.0', id, method: 'textDocument/hover', params: { t } })),
  fc.tuple(text, fc.integer({ min: 1, max: 9 })).map(([t, version]) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///a.transcript.md', languageId: 'qda-transcript', version, text: t } } })),
);
/** Header lines besides Content-Length, which either reader must pass over. */
const extraHeader = fc.constantFrom('', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n');
const lengthName = fc.constantFrom('Content-Length: ', 'content-length:', 'CONTENT-LENGTH:  ');

function frame(body: Buffer, name: string, extra: string, extraFirst: boolean): Buffer {
  const length = `${name}${body.length}${name.endsWith('  ') ? ' ' : ''}\r\n`;
  return Buffer.concat([Buffer.from(extraFirst ? extra + length : length + extra, 'ascii'), Buffer.from('\r\n', 'ascii'), body]);
}

/** Feeds `bytes` to a reader in chunks of the given sizes (repeated), and collects its messages and errors. */
async function readAll(makeReader: (input: PassThrough) => { listen(cb: (m: Message) => void): unknown; onError: (listener: (e: Error) => void) => unknown }, bytes: Buffer, cuts: number[]): Promise<{ messages: Message[]; errors: string[] }> {
  const input = new PassThrough();
  const reader = makeReader(input);
  const messages: Message[] = [];
  const errors: string[] = [];
  reader.listen((m) => messages.push(m));
  reader.onError((e) => errors.push(e.message.split('\n')[0]));
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const size = cuts[k % cuts.length];
    input.write(bytes.subarray(at, at + size));
    at += size;
    // Each chunk its own event, as a pipe delivers them.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // The library decodes on a promise: let it finish.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  input.end();
  return { messages, errors };
}

const ours = (input: PassThrough) => new StdioMessageReader(input);
const library = (input: PassThrough) => new StreamMessageReader(input);

describe('the reader of messages on standard input', () => {
  it('reads the messages the library reads, however the bytes are cut into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(message, lengthName, extraHeader, fc.boolean()), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 8 }),
        async (framed, cuts) => {
          const bytes = Buffer.concat(framed.map(([m, name, extra, first]) => frame(Buffer.from(JSON.stringify(m), 'utf8'), name, extra, first)));
          const expected = await readAll(library, bytes, cuts);
          const actual = await readAll(ours, bytes, cuts);
          assert.deepStrictEqual(actual.errors, []);
          assert.deepStrictEqual(actual.messages, expected.messages);
          assert.deepStrictEqual(actual.messages, framed.map(([m]) => JSON.parse(JSON.stringify(m))));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads a message of megabytes between two small ones, its text exact (a didOpen\'s as its UTF-8 bytes)', async () => {
    const big = 'c1: "murah" 😀 C:\\toko\t{#tema1/harga}\r\n'.repeat(Math.ceil((2 * largeMessage) / 36));
    const messages = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: {} },
      { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///b.transcript.md', languageId: 'qda-transcript', version: 1, text: big } } },
      { jsonrpc: '2.0', id: 2, method: 'shutdown' },
    ];
    const bytes = Buffer.concat(messages.map((m) => frame(Buffer.from(JSON.stringify(m), 'utf8'), 'Content-Length: ', '', false)));
    const { messages: read, errors } = await readAll(ours, bytes, [65536, 7, 100000]);
    assert.deepStrictEqual(errors, []);
    assert.strictEqual(read.length, 3);
    // The opened text is handed over as its bytes, which the server keeps a long open document as (lsp/openDocument.ts).
    const opened = (read[1] as unknown as { params: { textDocument: { text: Utf8Text } } }).params.textDocument.text;
    assert.ok(opened instanceof Utf8Text);
    assert.ok(Buffer.from(opened.bytes).toString('utf8') === big);
    assert.deepStrictEqual([read[0], read[2]], [messages[0], messages[2]]);
  });

  it('gives a long opened text room past it in its buffer, to take the editor\'s changes in place', async () => {
    // 4 MiB and more (`keptAsBytesFrom`): the body, and the text in it, get a sixty-fourth more room.
    const big = 'c1: murah 😀 {#tema1/harga}\n'.repeat(Math.ceil(keptAsBytesFrom / 27));
    const message = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///b.transcript.md', languageId: 'qda-transcript', version: 1, text: big } } };
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const { messages: read } = await readAll(ours, frame(body, 'Content-Length: ', '', false), [65536]);
    const opened = (read[0] as unknown as { params: { textDocument: { text: Utf8Text } } }).params.textDocument.text;
    assert.ok(Buffer.from(opened.bytes).toString('utf8') === big);
    assert.strictEqual(opened.ownsBuffer, true);
    // A view of the body, where the text starts in it (its escapes undone in place), with the
    // rest of the body past it and the sixty-fourth as room.
    const start = body.indexOf('"text":"') + 8;
    assert.strictEqual(opened.bytes.byteOffset, start);
    assert.strictEqual(opened.bytes.buffer.byteLength, body.length + roomFor(body.length));
  });

  it('reports a header without a length, one that is not a number, an empty body or one that is not JSON, as the library does', async () => {
    for (const bytes of ['Content-Type: x\r\n\r\n{}', 'Content-Length: abc\r\n\r\n{}', 'Content-Length: 2\r\n\r\n{x', 'Content-Length: 0\r\n\r\n']) {
      const expected = await readAll(library, Buffer.from(bytes), [3]);
      const actual = await readAll(ours, Buffer.from(bytes), [3]);
      assert.strictEqual(actual.errors.length, 1, bytes);
      assert.strictEqual(expected.errors.length, 1, bytes);
      assert.deepStrictEqual(actual.messages, expected.messages);
      assert.deepStrictEqual(actual.messages, []);
    }
  });

  it('tells headers it cannot read (the stream out of step) from a body that is not JSON (one message lost)', async () => {
    const kinds: boolean[] = [];
    for (const bytes of ['Content-Length: abc\r\n\r\n{}', 'Content-Length: 2\r\n\r\n{x']) {
      const input = new PassThrough();
      const reader = new StdioMessageReader(input);
      reader.onError((e) => kinds.push(e instanceof StreamOutOfStep));
      reader.listen(() => undefined);
      input.write(Buffer.from(bytes));
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.deepStrictEqual(kinds, [true, false]);
  });

  it('takes the last of two lengths, as the library does', async () => {
    const bytes = Buffer.from('Content-Length: 99\r\nContent-Length: 2\r\n\r\n{}');
    assert.deepStrictEqual((await readAll(ours, bytes, [5])).messages, [{}]);
    assert.deepStrictEqual((await readAll(library, bytes, [5])).messages, [{}]);
  });

  it('reports a message its handler throws on, and goes on reading the rest of the chunk', async () => {
    const input = new PassThrough();
    const reader = new StdioMessageReader(input);
    const taken: unknown[] = [];
    const errors: string[] = [];
    reader.onError((e) => errors.push(e.message));
    reader.listen((m) => {
      if ((m as { id?: number }).id === 1) throw new Error('no params');
      taken.push(m);
    });
    const one = (m: object) => frame(Buffer.from(JSON.stringify(m)), 'Content-Length: ', '', false);
    input.write(Buffer.concat([one({ jsonrpc: '2.0', id: 1 }), one({ jsonrpc: '2.0', id: 2 })]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepStrictEqual(errors, ['no params']);
    assert.deepStrictEqual(taken, [{ jsonrpc: '2.0', id: 2 }]);
  });

  it('reports headers that never end instead of buffering them for ever (chunks of 1,000 bytes: past 8,192 at the ninth)', async () => {
    const { errors } = await readAll(ours, Buffer.from('X-Junk: ' + 'y'.repeat(10000)), [1000]);
    assert.deepStrictEqual(errors, ['no end of headers in 9000 bytes']);
  });
});

describe('the reader of messages on standard input, at its limits', () => {
  it('passes over a body longer than it reads, says so, and reads the messages after it, however the bytes are cut', async () => {
    const one = (m: object) => frame(Buffer.from(JSON.stringify(m)), 'Content-Length: ', '', false);
    const long = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { text: 'kata '.repeat(20) } };
    const bytes = Buffer.concat([one({ jsonrpc: '2.0', id: 1 }), one(long), one({ jsonrpc: '2.0', id: 2 })]);
    const longLength = Buffer.byteLength(JSON.stringify(long));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 6 }), async (cuts) => {
        const { messages, errors } = await readAll((input) => new StdioMessageReader(input, 50), bytes, cuts);
        assert.deepStrictEqual(messages, [{ jsonrpc: '2.0', id: 1 }, { jsonrpc: '2.0', id: 2 }]);
        assert.deepStrictEqual(errors, [`a message of ${longLength} bytes, more than the 50 the server reads, was passed over`]);
      }),
      { numRuns: 100 },
    );
    // At the limit, read.
    const { messages } = await readAll((input) => new StdioMessageReader(input, longLength), bytes, [7]);
    assert.strictEqual(messages.length, 3);
  });

  it('tells its close once, whether its input ends and closes (a pipe) or only ends (a file, /dev/null)', async () => {
    for (const [input, events] of [
      [new PassThrough(), ['end', 'close']],
      [new PassThrough({ autoDestroy: false, emitClose: false }), ['end']],
    ] as const) {
      const reader = new StdioMessageReader(input);
      const seen: string[] = [];
      let closes = 0;
      for (const event of ['end', 'close']) input.on(event, () => seen.push(event));
      reader.onClose(() => closes++);
      reader.listen(() => undefined);
      input.end();
      input.resume();
      for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      assert.deepStrictEqual(seen, events);
      assert.strictEqual(closes, 1, events.join());
    }
  });

  it('reports a failure of its input as that, not as a message lost', () => {
    const input = new PassThrough();
    const reader = new StdioMessageReader(input);
    const errors: Error[] = [];
    reader.onError((e) => errors.push(e));
    reader.listen(() => undefined);
    input.emit('error', new Error('EIO: i/o error, read'));
    assert.strictEqual(errors.length, 1);
    assert.ok(errors[0] instanceof InputFailed);
    assert.strictEqual(errors[0].message, 'EIO: i/o error, read');
  });
});
