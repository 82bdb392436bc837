// The server's reader of messages from the client on standard input. The library's reader keeps
// every chunk of a message until the last has come and then copies them into one buffer, so a
// 50 MB `didOpen` is held twice before it is decoded, and the chunks, small allocations, stay in
// the process's memory afterwards. This one reads a message's headers, makes its body's buffer
// at once from its Content-Length and copies each chunk in as it comes; a chunk then lives only
// until it is copied. Bodies are decoded by jsonMessageDecoder.ts, one after another, in order.
import type { Readable } from 'stream';
import { AbstractMessageReader, type DataCallback, type Disposable, type Message } from 'vscode-languageserver/node';
import { decodeJsonMessage, largeMessage } from './jsonMessageDecoder';
import { keptAsBytesFrom, roomFor } from '../lsp/openDocument';

const headersEnd = Buffer.from('\r\n\r\n', 'ascii');
/** Headers are a line or two; more than this without their end is not a client speaking LSP. */
const maxHeaderBytes = 8192;
/**
 * The longest body read: VS Code sends an open document of up to 50 MB of text, which JSON's
 * escapes can at most make six times longer. A longer one is passed over, not allocated.
 */
export const maxBodyBytes = 1 << 30;

export class StdioMessageReader extends AbstractMessageReader {
  /** Bytes of headers not yet ended. */
  private header: Buffer = Buffer.alloc(0);
  /** The body being filled, and how much of it has come. */
  private body: Buffer | undefined;
  private filled = 0;
  /** Bytes still to pass over of a body too long to read. */
  private skipping = 0;

  constructor(
    private readonly input: Readable,
    private readonly maxBody = maxBodyBytes,
  ) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.read(chunk, callback);
    const onError = (error: Error) => this.fireError(new InputFailed(error.message));
    // A pipe ends and then closes; a file or /dev/null given as standard input only ends.
    let closed = false;
    const onClose = () => {
      if (closed) return;
      closed = true;
      this.fireClose();
    };
    this.input.on('data', onData);
    this.input.on('error', onError);
    this.input.on('end', onClose);
    this.input.on('close', onClose);
    return {
      dispose: () => {
        this.input.off('data', onData);
        this.input.off('error', onError);
        this.input.off('end', onClose);
        this.input.off('close', onClose);
      },
    };
  }

  private read(chunk: Buffer, callback: DataCallback): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skipping > 0) {
        const skipped = Math.min(this.skipping, chunk.length - at);
        this.skipping -= skipped;
        at += skipped;
        continue;
      }
      if (this.body) {
        const copied = chunk.copy(this.body, this.filled, at, Math.min(chunk.length, at + this.body.length - this.filled));
        this.filled += copied;
        at += copied;
        if (this.filled === this.body.length) this.deliver(callback);
        continue;
      }
      // Headers: the rest of this chunk after any left from the chunk before.
      const data = this.header.length > 0 ? Buffer.concat([this.header, chunk.subarray(at)]) : chunk.subarray(at);
      const end = data.indexOf(headersEnd);
      if (end < 0) {
        if (data.length > maxHeaderBytes) return this.fail(`no end of headers in ${data.length} bytes`);
        this.header = Buffer.from(data);
        return;
      }
      const length = contentLength(data.toString('ascii', 0, end));
      if (typeof length === 'string') return this.fail(length);
      // What this chunk holds after the headers (the bytes carried over from before come first in `data`).
      at += end + headersEnd.length - this.header.length;
      this.header = Buffer.alloc(0);
      try {
        if (length > this.maxBody) throw new RangeError();
        // A long body is most likely a document opened, whose text stays in this buffer
        // (jsonMessageDecoder.ts): with room past it, the document takes changes in place.
        this.body = length >= keptAsBytesFrom ? Buffer.allocUnsafeSlow(length + roomFor(length)).subarray(0, length) : Buffer.allocUnsafe(length);
      } catch {
        // Passed over, so the stream stays in step: this message is lost, the next is read.
        this.skipping = length;
        const why = length > this.maxBody ? `more than the ${this.maxBody} the server reads` : 'more than the memory left';
        this.fireError(new Error(`a message of ${length} bytes, ${why}, was passed over`));
        continue;
      }
      this.filled = 0;
      if (length === 0) this.deliver(callback);
    }
  }

  private deliver(callback: DataCallback): void {
    const body = this.body!;
    this.body = undefined;
    let message: Message;
    try {
      message = decodeJsonMessage(body, 'utf-8', largeMessage, true) as Message;
    } catch (error) {
      // A body that is not JSON: this message is lost, the stream is still in step.
      this.fireError(error);
      return;
    }
    // As the library's reader does, a message its handler cannot take is the reader's error (a
    // `$/cancelRequest` without params throws there); the rest of the chunk is still read.
    try {
      callback(message);
    } catch (error) {
      this.fireError(error);
    }
  }

  private fail(why: string): void {
    this.header = Buffer.alloc(0);
    this.body = undefined;
    this.fireError(new StreamOutOfStep(why));
  }
}

/**
 * Headers that cannot be read: where the next message starts is unknown, so nothing more can be
 * read. Other errors of the reader (a body that is not JSON, a message its handler throws on)
 * lose one message and leave the stream in step.
 */
export class StreamOutOfStep extends Error {}

/** Standard input itself failed (its stream's error): what is lost is unknown; its close follows. */
export class InputFailed extends Error {}

/** The Content-Length of a message's headers, or why there is none. */
function contentLength(headers: string): number | string {
  let length: number | string = 'Header must provide a Content-Length property.';
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) return `Message header must separate key and value using ':' (${line})`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    length = /^\d+$/.test(value) ? Number(value) : `Content-Length value must be a number. Got ${value}`;
  }
  return length;
}
