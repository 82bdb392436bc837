// The stdio decoder of the server's messages reads every message as JSON.parse does, large ones
// around their long string: checked against JSON.parse of the same bytes, on messages written by
// JSON.stringify and by a second writer that escapes characters as other clients may.
import * as assert from 'assert';
import fc from 'fast-check';
import { decodeJsonMessage, holdsControlCharacter, largeMessage } from '../../server/src/node/jsonMessageDecoder';
import { Utf8Text } from '../../server/src/lsp/openDocument';

/** Characters that test the unescaping: every short escape, control characters, two to four UTF-8 bytes, lone surrogates. */
const tricky = fc.constantFrom('\n', '\r\n', '"', '\\', '/', '\t', '\b', '\f', '\u0000', '\u001f', '😀', '👩‍👩‍👧', 'é', '€', '\u2028', '\ufeff', '\ud800', '\udc00', 'a', ' ', '{#tema1/kode}', '[');
const anyText = fc.array(fc.oneof(tricky, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 }).map((parts) => parts.join(''));
/** Lone surrogates send a message to JSON.parse; half the texts have none, so that the decoding around the long string is tested too. */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const text = fc.oneof(anyText, anyText.map((t) => t.replace(loneSurrogate, '\ufffd')));

/** A didOpen, a response carrying a file's text, or a request whose long string sits in an array. */
const message = fc.oneof(
  fc.tuple(text, fc.string()).map(([t, uri]) => ({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'qda-transcript', version: 1, text: t } } })),
  fc.tuple(text, fc.nat()).map(([t, id]) => ({ jsonrpc: '2.0', id, result: t })),
  fc.tuple(text, text).map(([a, b]) => ({ jsonrpc: '2.0', id: 'x', method: 'qda/any', params: [a, { b, n: null, list: [1, true, 'c'] }] })),
);

/** A second JSON writer: each character of a string raw or as `\uXXXX` (hex in either case), white space between tokens. */
function writeJson(value: unknown, choices: number[]): string {
  let k = 0;
  const choose = () => choices[k++ % choices.length];
  const gap = () => [' ', '', '\n  ', '\t'][choose() % 4];
  const str = (s: string) => {
    let out = '"';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const must = c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff);
      if (must || choose() % 5 === 0) {
        const hex = c.toString(16).padStart(4, '0');
        out += `\\u${choose() % 2 ? hex : hex.toUpperCase()}`;
      } else out += s[i];
    }
    return `${out}"`;
  };
  const write = (v: unknown): string => {
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${gap()}${v.map(write).join(`,${gap()}`)}${gap()}]`;
    if (v !== null && typeof v === 'object') return `{${gap()}${Object.entries(v).map(([key, item]) => `${str(key)}${gap()}:${gap()}${write(item)}`).join(`,${gap()}`)}${gap()}}`;
    return JSON.stringify(v);
  };
  return write(value);
}

function decodeBoth(json: string): [unknown, unknown] {
  const expected = JSON.parse(Buffer.from(json, 'utf8').toString('utf8'));
  // Every message counts as large here, so the decoding around the long string is what is tested.
  return [decodeJsonMessage(Buffer.from(json, 'utf8'), 'utf-8', 0), expected];
}

describe('the decoder of messages from the client on stdio', () => {
  it('reads every message JSON.stringify writes as JSON.parse reads it', () => {
    let aroundLongString = 0;
    fc.assert(
      fc.property(message, (m) => {
        const json = JSON.stringify(m);
        const body = Buffer.from(json, 'utf8');
        const before = Buffer.from(body);
        assert.deepStrictEqual(decodeJsonMessage(body, 'utf-8', 0), JSON.parse(json));
        // Rewritten bytes: the long string was unescaped in place.
        if (!body.equals(before)) aroundLongString++;
      }),
      { numRuns: 500 },
    );
    // About 60 of 500 (a long string of escapes, no lone surrogate, at least half the message): enough to say the path is taken.
    assert.ok(aroundLongString >= 25, `${aroundLongString} of 500 decoded around their long string`);
  });

  it('reads messages written with other escapes and white space as JSON.parse reads them', () => {
    fc.assert(
      fc.property(message, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (m, choices) => {
        const [decoded, expected] = decodeBoth(writeJson(m, choices));
        assert.deepStrictEqual(decoded, expected);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes the text of a large didOpen exactly, emoji, quotes and line ends included', () => {
    const line = 'c0042: "murah" 😀 {#tema1/harga} C:\\path\t[tidak jelas]\r\n';
    const sent = '---\nsource: documentation\n---\n' + line.repeat(Math.ceil((2 * largeMessage) / line.length));
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///k.transcript.md', languageId: 'qda-transcript', version: 3, text: sent } } }), 'utf8');
    assert.ok(body.length > largeMessage);
    const decoded = decodeJsonMessage(body) as { params: { textDocument: { text: string; version: number; uri: string } } };
    assert.strictEqual(decoded.params.textDocument.text.length, sent.length);
    assert.ok(decoded.params.textDocument.text === sent);
    assert.strictEqual(decoded.params.textDocument.version, 3);
    assert.strictEqual(decoded.params.textDocument.uri, 'file:///k.transcript.md');
  });

  it('hands the text of a large didOpen over as its UTF-8 bytes where asked, and no other string', () => {
    const line = 'c0042: "murah" 😀 {#tema1/harga} C:\\path\t[tidak jelas]\r\n';
    const sent = '---\nsource: documentation\n---\n' + line.repeat(Math.ceil((2 * largeMessage) / line.length));
    const message = (method: string, id?: number) => ({ jsonrpc: '2.0', ...(id === undefined ? {} : { id }), method, params: { textDocument: { uri: 'file:///k.transcript.md', languageId: 'qda-transcript', version: 3, text: sent } } });
    const decode = (json: unknown) => decodeJsonMessage(Buffer.from(JSON.stringify(json), 'utf8'), 'utf-8', largeMessage, true) as ReturnType<typeof message>;
    const opened = decode(message('textDocument/didOpen')).params.textDocument as unknown as { text: Utf8Text; version: number; uri: string };
    assert.ok(opened.text instanceof Utf8Text);
    assert.ok(Buffer.from(opened.text.bytes).toString('utf8') === sent);
    assert.strictEqual(opened.version, 3);
    assert.strictEqual(opened.uri, 'file:///k.transcript.md');
    // A traced message shows the size only.
    assert.strictEqual(JSON.stringify(opened.text), `"<${Buffer.byteLength(sent)} bytes of UTF-8>"`);
    // Another notification, a request of that name, or a text that is not UTF-8: strings, as JSON.parse makes them.
    assert.ok(decode(message('textDocument/didChange')).params.textDocument.text === sent);
    assert.ok(decode(message('textDocument/didOpen', 7)).params.textDocument.text === sent);
    const invalid = Buffer.from(JSON.stringify(message('textDocument/didOpen')), 'utf8');
    invalid[invalid.indexOf('😀')] = 0xff;
    const expected = JSON.parse(invalid.toString('utf8'));
    assert.deepStrictEqual(decodeJsonMessage(invalid, 'utf-8', largeMessage, true), expected);
    // Six escapes in a line of 60 characters: the body is a tenth longer than the text, which is copied out of it.
    const escaped = Buffer.from(JSON.stringify(message('textDocument/didOpen')), 'utf8');
    const openedText = (body: Buffer) => (decodeJsonMessage(body, 'utf-8', largeMessage, true) as { params: { textDocument: { text: Utf8Text } } }).params.textDocument.text;
    const copied = openedText(escaped);
    assert.notStrictEqual(copied.bytes.buffer, escaped.buffer);
    assert.strictEqual(copied.bytes.byteOffset, 0);
    // One escape (the line break) in a line of 200: the text stays a view of the body, unescaped in place, not a second copy.
    const plain = 'c0042: murah 😀 {#tema1/harga} '.padEnd(199, 'x') + '\n';
    const viewed = Buffer.from(JSON.stringify({ ...message('textDocument/didOpen'), params: { textDocument: { uri: 'file:///k.transcript.md', languageId: 'qda-transcript', version: 3, text: plain.repeat(Math.ceil((2 * largeMessage) / 200)) } } }), 'utf8');
    const view = openedText(viewed);
    assert.strictEqual(view.bytes.buffer, viewed.buffer);
    assert.ok(Buffer.from(view.bytes).toString('utf8') === plain.repeat(Math.ceil((2 * largeMessage) / 200)));
  });

  it('leaves a long key, a lone surrogate and a short string to JSON.parse, with the same result', () => {
    const long = 'x'.repeat(100);
    for (const json of [
      `{"${long}": 1, "b": "short"}`,
      `{"a": "${long}\\ud800${long}"}`,
      `{"a": "${long}\\udc00"}`,
      `{"a": "\\ud83d\\ude00${long}", "b": ["${long}"]}`,
      `{"a": "${long.slice(0, 10)}", "b": "${long.slice(0, 12)}"}`,
      // A key named __proto__ is an own property of what JSON.parse makes, and stays one.
      `{"__proto__": "${long}\\n", "b": 1}`,
      // A duplicate key overwrites the long string: JSON.parse keeps the last.
      `{"t": "${long}\\n", "t": "x"}`,
    ]) {
      assert.deepStrictEqual(decodeJsonMessage(Buffer.from(json), 'utf-8', 0), JSON.parse(json), json);
    }
  });

  it('decodes around the long string where it can (its bytes are then rewritten), and leaves them as they were where it hands over to JSON.parse', () => {
    const long = 'kata '.repeat(40);
    const rewritten = (json: string) => {
      const body = Buffer.from(json, 'utf8');
      const before = Buffer.from(body);
      assert.deepStrictEqual(decodeJsonMessage(body, 'utf-8', 0), JSON.parse(json), json);
      return !body.equals(before);
    };
    // Escapes in the long string: unescaped in place.
    assert.strictEqual(rewritten(JSON.stringify({ jsonrpc: '2.0', params: { text: `${long}\n"😀"\\` } })), true);
    assert.strictEqual(rewritten(JSON.stringify([1, [2, [`${long}\t`]]])), true);
    assert.strictEqual(rewritten(JSON.stringify(`${long}\r\n`)), true);
    // A lone surrogate, a long key, a string less than half the message: JSON.parse, bytes untouched.
    assert.strictEqual(rewritten(JSON.stringify({ text: `${long}\ud800\n` })), false);
    assert.strictEqual(rewritten(`{"${long}\\n": 1}`), false);
    assert.strictEqual(rewritten(JSON.stringify({ a: `${long}\n`, b: `${long}${long}`.split('') })), false);
  });

  it('reads a message nested deeper than a recursive walk could go', () => {
    const depth = 100_000;
    const json = `${'['.repeat(depth)}"${'x'.repeat(10 * depth)}\\n"${']'.repeat(depth)}`;
    let expected: unknown = JSON.parse(json);
    let decoded = decodeJsonMessage(Buffer.from(json), 'utf-8', 0);
    for (let level = 0; level < depth; level++) {
      assert.ok(Array.isArray(decoded) && Array.isArray(expected) && decoded.length === 1);
      [decoded, expected] = [(decoded as unknown[])[0], (expected as unknown[])[0]];
    }
    assert.strictEqual(decoded, expected);
  });

  it('refuses a raw control character in a long string as JSON.parse does, each of the 32, anywhere', () => {
    const long = 'kata 😀 '.repeat(30);
    for (let code = 0; code < 0x20; code++) {
      const c = String.fromCharCode(code);
      for (const json of [`{"t": "${c}${long}"}`, `{"t": "${long}${c}"}`, `{"t": "${long}\\n${c}${long}"}`, `["${long.slice(0, 7)}${c}${long}", 1]`]) {
        assert.throws(() => JSON.parse(json), SyntaxError, JSON.stringify(json));
        assert.throws(() => decodeJsonMessage(Buffer.from(json), 'utf-8', 0), SyntaxError, JSON.stringify(json));
      }
    }
    // White space between tokens is no string's character.
    assert.deepStrictEqual(decodeJsonMessage(Buffer.from(`{\r\n\t"t":\n"${long}"\n}`), 'utf-8', 0), { t: long });
  });

  it('finds a byte below 0x20 in any range of any buffer, as a look at each byte does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.nat(), fc.nat(), fc.nat(7), (bytes, a, b, shift) => {
        // Cut out of a larger buffer at every alignment, as a body from Node's pool may be.
        const backing = new Uint8Array(bytes.length + 8);
        backing.set(bytes, shift);
        const body = backing.subarray(shift, shift + bytes.length);
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1);
        const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1));
        assert.strictEqual(holdsControlCharacter(body, start, end), body.subarray(start, end).some((byte) => byte < 0x20));
      }),
      { numRuns: 3000 },
    );
    // Bytes next to 0x20 and 0x80, four to a word: the check's edges.
    for (const edge of [0x1f, 0x20, 0x7f, 0x80, 0x9f, 0xa0, 0xff, 0x00]) {
      for (let at = 0; at < 9; at++) {
        const body = new Uint8Array(9).fill(0x61);
        body[at] = edge;
        assert.strictEqual(holdsControlCharacter(body, 0, 9), edge < 0x20, `${edge} at ${at}`);
      }
    }
  });

  it('throws as JSON.parse throws on a message that is not JSON', () => {
    const long = 'y'.repeat(200);
    for (const json of [`{"a": "${long}"`, `{"a": "${long}", }`, `{"a": "${long}\\q"}`, `{"a": "${long}\\u12"}`, `["${long}`]) {
      assert.throws(() => JSON.parse(json), SyntaxError, json);
      assert.throws(() => decodeJsonMessage(Buffer.from(json), 'utf-8', 0), SyntaxError, json);
    }
  });
});
