// Lets messages that arrived meanwhile (a keystroke, a newer request) be handled before long work
// goes on. Node has setImmediate; a browser worker has not, and there a MessageChannel does the
// same without setTimeout's 4 ms minimum delay after nesting.

export function yieldToEventLoop(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.addEventListener('message', () => {
        channel.port1.close();
        resolve();
      });
      channel.port1.start();
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
