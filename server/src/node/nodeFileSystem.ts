// The workspace file system on a real disk (Node.js). Only this file and the command line touch `fs`.
import { promises as fs, watch as fsWatch } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Disposable, FileChange, WorkspaceFileSystem } from '../core/fileSystem';

const skippedFolders = new Set(['node_modules']);

export class NodeFileSystem implements WorkspaceFileSystem {
  async list(folderUri: string): Promise<string[]> {
    const result: string[] = [];
    const visited = new Set<string>();
    const visit = async (dir: string): Promise<void> => {
      // Following symbolic links to folders is useful, but a link loop must not recurse forever.
      let real: string;
      try {
        real = await fs.realpath(dir);
      } catch {
        return;
      }
      if (visited.has(real)) return;
      visited.add(real);
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) continue;
        const full = path.join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const stat = await fs.stat(full);
            isDirectory = stat.isDirectory();
            isFile = stat.isFile();
          } catch {
            continue; // a dangling link
          }
        }
        if (isDirectory) await visit(full);
        else if (isFile) result.push(URI.file(full).toString());
      }
    };
    await visit(URI.parse(folderUri).fsPath);
    return result;
  }

  async read(uri: string): Promise<string> {
    return (await this.readUtf8(uri)).text;
  }

  async readUtf8(uri: string): Promise<{ text: string; utf8: Uint8Array }> {
    const file = URI.parse(uri).fsPath;
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String((error as Error).message);
      throw new Error(`cannot read ${file}: ${reason}`);
    }
    const text = decodeUtf8(bytes, file);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return { text, utf8: bytes.subarray(bom) };
  }

  watch(folderUri: string, onChange: (changes: FileChange[]) => void): Disposable {
    const folder = URI.parse(folderUri).fsPath;
    const watcher = fsWatch(folder, { recursive: true }, (_event, fileName) => {
      if (!fileName) return;
      const full = path.join(folder, fileName.toString());
      fs.stat(full).then(
        () => onChange([{ uri: URI.file(full).toString(), type: 'changed' }]),
        () => onChange([{ uri: URI.file(full).toString(), type: 'deleted' }]),
      );
    });
    watcher.on('error', () => watcher.close());
    return { dispose: () => watcher.close() };
  }
}

/** Strict UTF-8: a file that is not text is reported, never silently turned into replacement characters. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  if (bytes.includes(0)) throw new Error(`cannot read ${name}: it is a binary file, not UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`cannot read ${name}: it is not valid UTF-8 text`);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
