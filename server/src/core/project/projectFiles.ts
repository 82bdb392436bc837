// Which files make a project, said once: the kinds of file the core reads, how a file's name
// tells its kind, the globs an editor watches for them, and the folders never searched. The
// workspace, the language server's file watchers, the client's file listing (in a browser) and
// the command line all take them from here.
import { URI, Utils } from 'vscode-uri';
import { codebookFileName, informantsFileName } from '../model/fileNames';

export { codebookFileName, informantsFileName };
/** A transcript's name ends so (`sr.transcript.md`), in any folder of the project. */
export const transcriptSuffix = '.transcript.md';
/** Analytic memos are Markdown files in this folder of the project, at any depth. */
export const memoFolderName = 'memos';

export type ProjectFileKind = 'transcript' | 'codebook' | 'informants' | 'memo';
export type FileKind = ProjectFileKind | 'other';

/** The globs of each kind of project file, for file watchers and document selectors. */
export const projectFileGlobs: Readonly<Record<ProjectFileKind, string>> = {
  transcript: `**/*${transcriptSuffix}`,
  codebook: `**/${codebookFileName}`,
  informants: `**/${informantsFileName}`,
  memo: `**/${memoFolderName}/**/*.md`,
};

/** A file of a project's `memos/` folder: Markdown, not a transcript. */
export function isMemoFile(uri: string): boolean {
  return /\/memos\/(?:[^/]+\/)*[^/]+\.md$/.test(uri) && !uri.endsWith(transcriptSuffix);
}

export function fileKind(uri: string): FileKind {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  if (name === codebookFileName) return 'codebook';
  if (name === informantsFileName) return 'informants';
  if (name.endsWith(transcriptSuffix) && name.length > transcriptSuffix.length) return 'transcript';
  if (isMemoFile(uri)) return 'memo';
  return 'other';
}

/** Folders never searched for project files: hidden ones (`.git`) and installed packages. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

export function folderOf(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

/** The nearest folder above a file that holds a project (`isProject`): the project the file belongs to. */
export function nearestProjectRoot(uri: string, isProject: (folder: string) => boolean): string | undefined {
  for (let folder = folderOf(uri); ; ) {
    if (isProject(folder)) return folder;
    const parent = folderOf(folder);
    if (parent === folder || parent.length >= folder.length) return undefined;
    folder = parent;
  }
}
