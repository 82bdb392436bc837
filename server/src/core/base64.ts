// Bytes as base64 text and back: how files travel over the language server's JSON messages
// (REFI-QDA export and import). `btoa`/`atob` exist in Node and browsers alike.

/** Base64 of bytes; built in slices, since spreading a large array into one call overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 text; throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
