// Exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder (REFI-QDA). "Export project to REFI-QDA…":
// the server writes the project in the standard, this saves it where the researcher chooses (a
// .qdpx project, or a .qdc codebook only). "Import codebook from REFI-QDA…": below.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { base64ToBytes, bytesToBase64 } from '../../server/src/core/text/base64';
import type { ImportedCodebook } from '../../server/src/core/exchange/refiImport';
import { refiExportRequest, refiImportRequest, refiProjectImportRequest, type ImportedProject } from '../../server/src/protocol';
import type { TreeModel } from './treeModel';
import { codebookFileName } from '../../server/src/core/project/projectFiles';
import { replaceProjectFile, writeNewFile, writeNewFolder, writeOutputFile } from './safeWrite';

export async function exportToRefi(client: LanguageClient, model: TreeModel): Promise<void> {
  if (model.projects.length === 0) await model.refresh();
  const project =
    model.projects.length <= 1
      ? model.projects[0]
      : (await vscode.window.showQuickPick(model.projects.map((p) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(p.root)), project: p })), { placeHolder: vscode.l10n.t('The project to export') }))?.project;
  if (!project) {
    if (model.projects.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with a codebook.yaml to export it.'));
    return;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Whole project (.qdpx)'), description: vscode.l10n.t('codebook, informants, transcripts, codings and memos'), format: 'qdpx' as const },
      { label: vscode.l10n.t('Codebook only (.qdc)'), format: 'qdc' as const },
    ],
    { placeHolder: vscode.l10n.t('Export for NVivo, ATLAS.ti, MAXQDA or QualCoder') },
  );
  if (!choice) return;
  const name = vscode.Uri.parse(project.root).path.split('/').pop() || 'project';
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(vscode.Uri.parse(project.root), `${name}.${choice.format}`), filters: { 'REFI-QDA': [choice.format] } });
  if (!target) return;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting to REFI-QDA…') }, async () => {
      const base64 = await client.sendRequest(refiExportRequest, { root: project.root, kind: choice.format, name });
      await writeOutputFile(target, base64ToBytes(base64), [`.${choice.format}`]);
    });
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)));
}

/**
 * "Import codebook from REFI-QDA…": the codebook of another tool's `.qdc` or `.qdpx` becomes a
 * folder's codebook.yaml. The server converts it; this only reads the file and writes the result.
 */
export async function importFromRefi(client: LanguageClient): Promise<void> {
  const [file] =
    (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'REFI-QDA': ['qdpx', 'qdc'] }, openLabel: vscode.l10n.t('Import codebook') })) ?? [];
  if (!file) return;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder =
    folders.length === 1
      ? folders[0].uri
      : (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, defaultUri: folders[0]?.uri, openLabel: vscode.l10n.t('Start the project here') }))?.[0];
  if (!folder) return;
  const target = vscode.Uri.joinPath(folder, codebookFileName);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} already has a codebook.yaml. Replace it with the imported one?', vscode.workspace.asRelativePath(folder)), { modal: true }, replace);
    if (answer !== replace) return;
  }
  const bytes = await vscode.workspace.fs.readFile(file);
  let imported: ImportedCodebook;
  try {
    imported = await client.sendRequest(refiImportRequest, { base64: bytesToBase64(bytes), fileName: file.path.split('/').pop() ?? 'file' });
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return;
  }
  try {
    // Replaced only as the researcher just agreed to; otherwise a new file.
    if (exists) await replaceProjectFile(target, new TextEncoder().encode(imported.yaml));
    else await writeNewFile(target, new TextEncoder().encode(imported.yaml));
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return;
  }
  await vscode.window.showTextDocument(target);
  const notes = imported.notes.length > 0 ? ` ${imported.notes.join('; ')}` : '';
  void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0} codes into {1}.', imported.codes, vscode.workspace.asRelativePath(target)) + notes);
}

/**
 * "Import a REFI-QDA project…": a `.qdpx` from NVivo, ATLAS.ti, MAXQDA or QualCoder becomes a new
 * project folder (codebook, informants, a transcript per source with its codings). The server
 * converts it; this writes the files into a temporary folder beside the new one, renames it into
 * place, and opens it in a new window.
 */
export async function importRefiProjectFolder(client: LanguageClient): Promise<void> {
  const [file] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'REFI-QDA': ['qdpx'] }, openLabel: vscode.l10n.t('Import project') })) ?? [];
  if (!file) return;
  const [parent] =
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: vscode.l10n.t('Make the project folder in here') })) ?? [];
  if (!parent) return;
  const fileName = file.path.split('/').pop() ?? 'project.qdpx';
  const name = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('The new project folder'),
    value: fileName.replace(/\.qdpx$/i, ''),
    validateInput: (value) => (/^[^\\/:*?"<>|]+$/.test(value.trim()) && value.trim() !== '.' && value.trim() !== '..' ? undefined : vscode.l10n.t('A folder name, without slashes')),
  });
  if (!name) return;
  const target = vscode.Uri.joinPath(parent, name.trim());
  const existing = await vscode.workspace.fs.readDirectory(target).then(
    (entries) => entries,
    () => undefined,
  );
  if (existing && existing.length > 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} is not empty: a project is imported into a new folder.', vscode.workspace.asRelativePath(target)));
    return;
  }
  const done = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', fileName) }, async (progress) => {
    let imported: ImportedProject;
    try {
      imported = await client.sendRequest(refiProjectImportRequest, { base64: bytesToBase64(await vscode.workspace.fs.readFile(file)), fileName });
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return undefined;
    }
    const encoder = new TextEncoder();
    try {
      await writeNewFolder(
        target,
        imported.files.map((entry) => ({ path: entry.path, bytes: encoder.encode(entry.text) })),
        (written) => progress.report({ message: `${written}/${imported.files.length}` }),
      );
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return undefined;
    }
    return imported;
  });
  if (!done) return;
  const summary = vscode.l10n.t('Imported {0}: {1} codes, {2} transcripts, {3} informants; {4} of {5} selections placed as codings.', fileName, done.codes, done.sources, done.informants, done.placed, done.selections);
  if (done.notes.length > 0) {
    const channel = vscode.window.createOutputChannel('QDA import');
    channel.appendLine(summary);
    for (const note of done.notes) channel.appendLine(note);
    channel.show(true);
  }
  void vscode.window.showInformationMessage(summary);
  // The new project opens in a window of its own: the one the researcher works in stays as it is.
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: true });
}
