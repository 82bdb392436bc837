// A project folder on disk as a client would serve it from another file system: its project files
// (transcripts, codebook, informants, memo files) by their URI under `folderUri`.
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { fileKind } from '../../server/src/core/project/projectFiles';

export function projectFilesAt(dir: string, folderUri: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const relative of readdirSync(dir, { recursive: true }).map(String)) {
    const uri = `${folderUri}/${relative.split(path.sep).join('/')}`;
    if (fileKind(uri) !== 'other') files[uri] = readFileSync(path.join(dir, relative), 'utf8');
  }
  return files;
}
