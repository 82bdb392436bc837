// How the extension writes a file outside the editor's own edits, through the editor's file system
// (a disk, or a repository opened in the browser), as the command line's safe writer does on a
// disk: written whole to a temporary file beside the target, then renamed over it, so that an
// interruption leaves the old file or the new one. An output (a display's CSV, SVG or PNG, a
// report, an export) never replaces a file the project reads or a file of another kind; a new
// file (an imported transcript, a memo) never replaces anything.
import * as vscode from 'vscode';
import { fileKind } from '../../server/src/core/project/projectFiles';

/** A write refused or failed: the message says why, for the researcher; nothing was changed. */
export class WriteRefused extends Error {}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
}

function temporaryBeside(target: vscode.Uri): vscode.Uri {
  const name = target.path.split('/').pop() ?? 'file';
  return vscode.Uri.joinPath(target, '..', `.${name}.qda-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}.tmp`);
}

async function writeThenRename(target: vscode.Uri, bytes: Uint8Array, overwrite: boolean): Promise<void> {
  const temporary = temporaryBeside(target);
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, target, { overwrite });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary, { useTrash: false }).then(undefined, () => undefined);
    if (error instanceof vscode.FileSystemError && error.code === 'FileExists') throw new WriteRefused(vscode.l10n.t('{0} exists: not replaced.', vscode.workspace.asRelativePath(target)));
    throw new WriteRefused(vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(target), (error as Error).message));
  }
}

/**
 * Writes an output the researcher named in a save dialog (which asked before replacing a file):
 * refused over a file the project reads, or when the name does not end in one of `extensions`.
 */
export async function writeOutputFile(target: vscode.Uri, bytes: Uint8Array, extensions: readonly string[]): Promise<void> {
  if (fileKind(target.toString()) !== 'other') throw new WriteRefused(vscode.l10n.t('{0} is a file of the project: an export never replaces it.', vscode.workspace.asRelativePath(target)));
  if (!extensions.some((extension) => target.path.toLowerCase().endsWith(extension))) {
    throw new WriteRefused(vscode.l10n.t('{0} must end in {1}.', vscode.workspace.asRelativePath(target), extensions.join(', ')));
  }
  await writeThenRename(target, bytes, true);
}

/** Writes a file that must not exist yet (an imported transcript, a new memo, a starter file). */
export async function writeNewFile(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  if (await exists(target)) throw new WriteRefused(vscode.l10n.t('{0} exists: not replaced.', vscode.workspace.asRelativePath(target)));
  await writeThenRename(target, bytes, false);
}

/** Replaces a file of the project the researcher chose to replace (a codebook by an imported one), whole or not at all. */
export async function replaceProjectFile(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  await writeThenRename(target, bytes, true);
}

/**
 * Writes a new folder of files (an imported project) whole or not at all: the files go into a
 * staging folder beside `target`, which is then renamed to it. `target` must be absent or an
 * empty folder (the caller checked); on a failure the staging folder is removed and nothing is left.
 */
export async function writeNewFolder(target: vscode.Uri, files: readonly { path: string; bytes: Uint8Array }[], onFile?: (written: number) => void): Promise<void> {
  const staging = temporaryBeside(target);
  try {
    for (const [k, file] of files.entries()) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(staging, ...file.path.split('/')), file.bytes);
      onFile?.(k + 1);
    }
    // An empty folder the researcher made for the project is replaced; anything else is refused by the rename.
    const entries = await vscode.workspace.fs.readDirectory(target).then((e) => e, () => undefined);
    if (entries && entries.length === 0) await vscode.workspace.fs.delete(target, { recursive: false, useTrash: false });
    await vscode.workspace.fs.rename(staging, target, { overwrite: false });
  } catch (error) {
    await vscode.workspace.fs.delete(staging, { recursive: true, useTrash: false }).then(undefined, () => undefined);
    if (error instanceof vscode.FileSystemError && error.code === 'FileExists') throw new WriteRefused(vscode.l10n.t('{0} exists: not replaced.', vscode.workspace.asRelativePath(target)));
    throw new WriteRefused(vscode.l10n.t('Could not write {0}: {1}', vscode.workspace.asRelativePath(target), (error as Error).message));
  }
}
