// ClientFileSystem asks the client for files in batches, ahead of the parser, and yields them in
// the order asked; diskOrClient reads `file:` URIs from the disk and the rest from the client.
import * as assert from 'assert';
import type { Connection } from 'vscode-languageserver';
import type { ReadOutcome } from '../../server/src/core/project/fileSystem';
import { ClientFileSystem, diskOrClient } from '../../server/src/lsp/clientFileSystem';
import type { Disk } from '../../server/src/lsp/openDocuments';
import type { FileRead, ReadFilesParams } from '../../server/src/protocol';

/** A connection whose client holds `files`, and records each batch the server asks for. */
function fakeConnection(files: Record<string, string>, batches: string[][], fail?: (batch: number) => boolean): Connection {
  return {
    sendRequest: async (type: { method: string }, params: ReadFilesParams | { folder: string }) => {
      if (type.method === 'qda/listFiles') return Object.keys(files).filter((uri) => uri.startsWith((params as { folder: string }).folder));
      const { uris } = params as ReadFilesParams;
      batches.push(uris);
      if (fail?.(batches.length)) throw new Error('the client went away');
      return uris.map((uri): FileRead => (uri in files ? { text: files[uri] } : { error: `${uri}: not found` }));
    },
  } as unknown as Connection;
}

async function all(reads: AsyncIterable<ReadOutcome>): Promise<ReadOutcome[]> {
  const out: ReadOutcome[] = [];
  for await (const read of reads) out.push(read);
  return out;
}

describe('ClientFileSystem', () => {
  const uris = Array.from({ length: 60 }, (_, i) => `vscode-vfs://github/o/r/t${String(i).padStart(2, '0')}.transcript.md`);
  const files = Object.fromEntries(uris.map((uri, i) => [uri, `text ${i}`]));

  it('reads 60 files in batches of 25, 25 and 10, in order, asking for three batches before the first is taken', async () => {
    const batches: string[][] = [];
    const reads = new ClientFileSystem(fakeConnection(files, batches)).readMany(uris);
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.deepStrictEqual(batches.map((b) => b.length), [25, 25, 10]);
    const out = await all(reads);
    assert.deepStrictEqual(out.map((r) => r.uri), uris);
    assert.deepStrictEqual(out.map((r) => r.text), uris.map((_, i) => `text ${i}`));
  });

  it('reports a missing file and a failed batch file by file, and goes on', async () => {
    const batches: string[][] = [];
    const asked = [...uris.slice(0, 30), 'vscode-vfs://github/o/r/gone.transcript.md'];
    const out = await all(new ClientFileSystem(fakeConnection(files, batches, (n) => n === 1)).readMany(asked));
    assert.strictEqual(out.length, 31);
    assert.ok(out.slice(0, 25).every((r) => r.error === 'The editor could not send the file: the client went away'));
    assert.deepStrictEqual(out.slice(25, 30).map((r) => r.text), ['text 25', 'text 26', 'text 27', 'text 28', 'text 29']);
    assert.strictEqual(out[30].error, 'vscode-vfs://github/o/r/gone.transcript.md: not found');
    await assert.rejects(new ClientFileSystem(fakeConnection(files, [])).read('vscode-vfs://github/o/r/gone.transcript.md'), /not found/);
  });
});

describe('diskOrClient', () => {
  const fake = (name: string, log: string[]): Disk => ({
    list: async (folder) => [`${folder}/${name}`],
    read: async (uri) => `${name}:${uri}`,
    readPrepared: async (uri) => ({ text: `${name}:${uri}` }),
    readMany: (uris) => {
      log.push(`${name} readMany ${uris.length}`);
      return (async function* () {
        for (const uri of uris) yield { uri, text: `${name}:${uri}` };
      })();
    },
  });

  it('reads file: URIs from the disk and the others from the client, yielding them in the order asked', async () => {
    const log: string[] = [];
    const files = diskOrClient(fake('disk', log), fake('client', log));
    assert.deepStrictEqual(await files.list('file:///a'), ['file:///a/disk']);
    assert.deepStrictEqual(await files.list('vscode-vfs://github/o/r'), ['vscode-vfs://github/o/r/client']);
    assert.strictEqual(await files.read('vscode-test-web://mount/x'), 'client:vscode-test-web://mount/x');
    const asked = ['file:///a/1', 'vscode-vfs://h/2', 'vscode-vfs://h/3', 'file:///a/4'];
    const out = await all(files.readMany(asked));
    assert.deepStrictEqual(out.map((r) => r.text), ['disk:file:///a/1', 'client:vscode-vfs://h/2', 'client:vscode-vfs://h/3', 'disk:file:///a/4']);
    // One batch from each side, not a read per file.
    assert.deepStrictEqual(log, ['disk readMany 2', 'client readMany 2']);
  });
});
