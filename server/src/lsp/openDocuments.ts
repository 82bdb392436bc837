// The files as the server sees them: an open document as the editor has it (unsaved edits
// included), every other file as it is on disk.
import type { TextDocuments } from 'vscode-languageserver';
import type { WorkspaceFileSystem } from '../core/project/fileSystem';
import type { OpenDocument } from './openDocument';

/** The disk's side: a file system that reads one file with its bytes, and many at once. */
export type Disk = Required<Pick<WorkspaceFileSystem, 'list' | 'read' | 'readPrepared' | 'readMany'>>;

export function openDocumentsOverDisk(documents: TextDocuments<OpenDocument>, disk: Disk): WorkspaceFileSystem {
  return {
    list: (folder) => disk.list(folder),
    read: async (uri) => documents.get(uri)?.getText() ?? disk.read(uri),
    // A long open document comes with its compact form (openDocument.ts); a short one stays a string.
    readPrepared: async (uri) => documents.get(uri)?.read() ?? disk.readPrepared(uri),
    readMany: (uris) => {
      const fromDisk = disk.readMany(uris); // starts reading now
      return (async function* () {
        for await (const result of fromDisk) {
          const open = documents.get(result.uri);
          yield open ? { uri: result.uri, ...open.read() } : result;
        }
      })();
    },
  };
}
