// The files of a server that has no disk (a browser worker): the client lists and reads them
// through the editor's file system and sends them over. Large studies come in batches, the next
// batches asked for while the workspace parses the one before, as the reader thread does on Node.
import type { Connection } from 'vscode-languageserver';
import type { ReadOutcome, TextRead } from '../core/project/fileSystem';
import { listFilesRequest, readFilesRequest, type FileRead } from '../protocol';
import type { Disk } from './openDocuments';

/** Files per request: large enough that messages are few, small enough that parsing starts early. */
const batchSize = 25;
/** Batches asked for before the first is taken: the client reads while the server parses. */
const batchesAhead = 3;

export class ClientFileSystem implements Disk {
  constructor(private readonly connection: Connection) {}

  list(folderUri: string): Promise<string[]> {
    return this.connection.sendRequest(listFilesRequest, { folder: folderUri });
  }

  async read(uri: string): Promise<string> {
    const [result] = await this.connection.sendRequest(readFilesRequest, { uris: [uri] });
    if (!result) throw new Error(`The editor did not send ${uri}`);
    if ('error' in result) throw new Error(result.error);
    return result.text;
  }

  async readPrepared(uri: string): Promise<TextRead> {
    return { text: await this.read(uri) };
  }

  readMany(uris: string[]): AsyncIterable<ReadOutcome> {
    const batches: string[][] = [];
    for (let i = 0; i < uris.length; i += batchSize) batches.push(uris.slice(i, i + batchSize));
    const ask = (batch: string[]): Promise<FileRead[]> =>
      this.connection.sendRequest(readFilesRequest, { uris: batch }).then(
        (reads) => reads,
        (error: Error) => batch.map(() => ({ error: `The editor could not send the file: ${error.message}` })),
      );
    // Asked for at once, as the interface promises: reading starts before anything is taken.
    const pending: (Promise<FileRead[]> | undefined)[] = batches.map((batch, i) => (i < batchesAhead ? ask(batch) : undefined));
    return (async function* () {
      for (let b = 0; b < batches.length; b++) {
        const reads = await pending[b]!;
        pending[b] = undefined;
        if (b + batchesAhead < batches.length) pending[b + batchesAhead] = ask(batches[b + batchesAhead]);
        for (let i = 0; i < batches[b].length; i++) {
          const read = reads[i] ?? { error: 'The editor did not send the file' };
          yield 'error' in read ? { uri: batches[b][i], error: read.error } : { uri: batches[b][i], text: read.text };
        }
      }
    })();
  }
}

/**
 * Local files from the host's disk, every other scheme from the client: on the desktop a virtual
 * workspace (a GitHub repository opened without cloning it) has no files on disk either.
 */
export function diskOrClient(disk: Disk, client: Disk): Disk {
  const isLocal = (uri: string) => uri.startsWith('file:');
  const of = (uri: string) => (isLocal(uri) ? disk : client);
  return {
    list: (folder) => of(folder).list(folder),
    read: (uri) => of(uri).read(uri),
    readPrepared: (uri) => of(uri).readPrepared(uri),
    readMany: (uris) => {
      const local = uris.filter(isLocal);
      if (local.length === uris.length) return disk.readMany(uris);
      if (local.length === 0) return client.readMany(uris);
      // Both kinds (a workspace of a local and a virtual folder): each read where it lives, yielded in the order asked.
      const fromDisk = disk.readMany(local)[Symbol.asyncIterator]();
      const fromClient = client.readMany(uris.filter((uri) => !isLocal(uri)))[Symbol.asyncIterator]();
      return (async function* () {
        for (const uri of uris) {
          const next = await (isLocal(uri) ? fromDisk : fromClient).next();
          if (!next.done) yield next.value;
        }
      })();
    },
  };
}
