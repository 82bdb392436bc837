// Bytes as base64 text and back: how files travel over the language server's JSON messages
// (REFI-QDA export and import). `btoa`/`atob` exist in Node and browsers alike.

/**
 * Base64 of bytes; built in slices of 4 KB, since spreading a large array into one call overflows
 * the stack (and a slice's arguments must fit whatever stack is left where it is called).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x1000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x1000));
  return btoa(binary);
}

/** The bytes of base64 text; throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** An import of a file sent as base64 text (as the editor sends it to the language server), or why it did not arrive whole. */
export function fromBase64<T>(base64: string, fileName: string, importer: (bytes: Uint8Array, fileName: string) => T | { error: string }): T | { error: string } {
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    return { error: `${fileName} did not arrive whole (bad base64)` };
  }
  return importer(bytes, fileName);
}
