// Finding a project on disk: the command line and the coders' copies ask whether a folder holds a
// codebook.yaml, and which folder at or above a path does.
import { promises as fs } from 'fs';
import * as path from 'path';
import { codebookFileName } from '../core/project/projectFiles';

export async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The nearest folder at or above `folder` that holds a codebook.yaml: the project it lies in. */
export async function projectRootAtOrAbove(folder: string): Promise<string | undefined> {
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (await isFile(path.join(dir, codebookFileName))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
