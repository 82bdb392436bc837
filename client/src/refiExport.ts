// "Export project to REFI-QDA…": the server writes the project in the exchange standard, this
// saves it where the researcher chooses (a .qdpx project, or a .qdc codebook only).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { refiExportRequest } from '../../server/src/protocol';
import type { TreeModel } from './treeModel';

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
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting to REFI-QDA…') }, async () => {
    const base64 = await client.sendRequest(refiExportRequest, { root: project.root, kind: choice.format, name });
    await vscode.workspace.fs.writeFile(target, Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
  });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}.', vscode.workspace.asRelativePath(target)));
}
