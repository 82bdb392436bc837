// The client's side of `qda/listFiles` and `qda/readFiles`: a language server in a browser worker
// has no disk, so the client lists and reads the project's files through the editor's file system
// (`vscode.workspace.fs`), which is the local folder in vscode.dev and the repository in github.dev.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { listFilesRequest, readFilesRequest, type FileRead } from '../../server/src/protocol';
import { fileKind, isSkippedFolder } from '../../server/src/core/project/projectFiles';


/** The project files below a folder, depth first, each folder's entries in name order. */
export async function listProjectFiles(folder: vscode.Uri): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: vscode.Uri): Promise<void> => {
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(dir);
    } catch {
      return; // unreadable: nothing to index there
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      if (isSkippedFolder(name)) continue;
      const uri = vscode.Uri.joinPath(dir, name);
      // A symbolic link is followed when it leads to a file; a linked folder could loop.
      if (type & vscode.FileType.Directory && !(type & vscode.FileType.SymbolicLink)) await visit(uri);
      else if (type & vscode.FileType.File && fileKind(uri.toString()) !== 'other') found.push(uri.toString());
    }
  };
  await visit(folder);
  return found;
}

/** Reads files as UTF-8, a leading BOM removed (TextDecoder's default), as the Node reader does. */
export async function readProjectFiles(uris: string[]): Promise<FileRead[]> {
  const decoder = new TextDecoder('utf-8');
  return Promise.all(
    uris.map((uri) =>
      vscode.workspace.fs.readFile(vscode.Uri.parse(uri)).then(
        (bytes): FileRead => ({ text: decoder.decode(bytes) }),
        (error: Error): FileRead => ({ error: `${vscode.Uri.parse(uri).path.split('/').pop()}: ${error.message}` }),
      ),
    ),
  );
}

/** Answers the server's requests for files. */
export function serveWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(listFilesRequest, (params) => listProjectFiles(vscode.Uri.parse(params.folder))),
    client.onRequest(readFilesRequest, (params) => readProjectFiles(params.uris)),
  ];
}
