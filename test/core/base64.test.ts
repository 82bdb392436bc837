// Base64, as files travel to and from the language server, checked against Node's own Buffer.
import * as assert from 'assert';
import * as fc from 'fast-check';
import { base64ToBytes, bytesToBase64 } from '../../server/src/core/text/base64';

describe('base64', () => {
  it("encodes as Node's Buffer does and decodes back, across the 4 KiB slices", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000, size: 'max' }), (bytes) => {
        const text = bytesToBase64(bytes);
        assert.strictEqual(text, Buffer.from(bytes).toString('base64'));
        assert.deepStrictEqual(base64ToBytes(text), bytes);
      }),
      { numRuns: 50 },
    );
  });

  it('throws on text that is not base64 (callers turn it into a message)', () => {
    assert.throws(() => base64ToBytes('not base64!'));
  });
});
