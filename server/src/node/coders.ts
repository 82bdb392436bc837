// Loading a coder's copy of a project for inter-coder agreement: from a folder on disk, or from a
// revision of the git repository that holds a folder. Shared by `qda agree` and the language
// server's "Compare coding with…".
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { URI } from 'vscode-uri';
import type { Coder } from '../core/analyses/agreement';
import type { WorkspaceFileSystem } from '../core/project/fileSystem';
import { QdaWorkspace, type Project } from '../core/project/workspace';
import { GitRevisionFileSystem } from './gitFileSystem';
import { NodeFileSystem } from './nodeFileSystem';
import { isFile } from './projectRoot';
import { codebookFileName, isSkippedFolder } from '../core/project/projectFiles';

const run = promisify(execFile);

/** Where a coder's copy is: a folder holding the project, or a revision of a repository. */
export type CoderSource = { kind: 'folder'; path: string; name?: string } | { kind: 'git'; folder: string; revision: string };

/** The coder's project, loaded; rejects with a one-line reason. */
export async function loadCoder(source: CoderSource): Promise<Coder> {
  const { files, rootUri, name } = await openCoderFiles(source);
  const workspace = new QdaWorkspace(files);
  await workspace.addFolder(rootUri);
  return { name, project: projectOf(workspace, rootUri, name) };
}

/** The file system of a coder's copy and the URI of its folder; rejects with a one-line reason. */
export async function openCoderFiles(source: CoderSource): Promise<{ files: WorkspaceFileSystem; rootUri: string; name: string }> {
  if (source.kind === 'git') {
    const files = await GitRevisionFileSystem.open(path.resolve(source.folder), source.revision);
    return { files, rootUri: files.rootUri.replace(/\/$/, ''), name: source.revision };
  }
  const absolute = path.resolve(source.path);
  try {
    if (!(await fs.stat(absolute)).isDirectory()) throw new Error();
  } catch {
    throw new Error(`no such folder: ${source.path}`);
  }
  const files = new NodeFileSystem();
  return { files, rootUri: URI.file(absolute).toString(), name: source.name ?? source.path.replace(/[\\/]+$/, '') };
}

/** The project whose folder was named, or the one project below it. */
function projectOf(workspace: QdaWorkspace, root: string, name: string): Project {
  const exact = workspace.projects.get(root);
  if (exact) return exact;
  const all = workspace.sortedProjects();
  if (all.length === 1) return all[0];
  if (all.length === 0) throw new Error(`no ${codebookFileName} in ${name} or below it`);
  throw new Error(`${name} holds ${all.length} projects; name the folder of the one to compare`);
}

/** Copies of a project a coder may compare with: project folders beside it and below its parent, and the repository's branches and tags. */
export async function coderCandidates(projectFolder: string): Promise<{ folders: string[]; revisions: string[] }> {
  const parent = path.dirname(projectFolder);
  const folders: string[] = [];
  const entries = await fs.readdir(parent, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const folder = path.join(parent, entry.name);
    if (!entry.isDirectory() || isSkippedFolder(entry.name) || folder === projectFolder) continue;
    if (await isFile(path.join(folder, codebookFileName))) folders.push(folder);
  }
  let revisions: string[] = [];
  try {
    const { stdout } = await run('git', ['-C', projectFolder, 'for-each-ref', '--format=%(refname:short)', '--sort=-committerdate', 'refs/heads', 'refs/tags', 'refs/remotes'], { maxBuffer: 1 << 22 });
    revisions = stdout.split('\n').filter((r) => r !== '' && !r.endsWith('/HEAD'));
  } catch {
    // Not in a git repository (or no git): folders only.
  }
  return { folders, revisions };
}
