// Waiting for a condition rather than for a fixed time: for what Playwright cannot wait for
// itself (a file's content, a count of elements, a media element's time, text in a webview).

/**
 * Reads `read()` until `done` accepts what it gives, then returns that value; reads again every
 * `interval` ms, and throws after `timeout` ms naming `what` and the last value read.
 */
export async function waitUntil<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  { timeout = 15000, interval = 100, what = 'the condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
