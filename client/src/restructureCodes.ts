// "Merge code into…" and "Move code to theme…": from a code in the Themes view, or from the
// command palette (pick the code first). The server computes one workspace edit (codebook.yaml and
// every tag; for a merge, a memo keeping the merged code's definition), or says why it cannot;
// this applies it, undoable like any edit, and says what it did.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { codesRequest, mergeCodeRequest, moveCodeRequest, type CodeChoice, type CodebookChange } from '../../server/src/protocol';
import type { ThemeElement } from './themesView';
import type { TreeModel } from './treeModel';
import { codebookFileName } from '../../server/src/core/project/projectFiles';

type Picked = { root: string; path: string };

/** Both commands, on a code of the Themes view or from the palette. */
export function registerRestructureCodes(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.mergeCode', (element?: ThemeElement) => mergeCodeInto(client, model, element)),
    vscode.commands.registerCommand('qda.moveCode', (element?: ThemeElement) => moveCodeTo(client, model, element)),
  );
}

async function mergeCodeInto(client: LanguageClient, model: TreeModel, element?: ThemeElement): Promise<void> {
  const code = await codeToChange(client, model, element, vscode.l10n.t('The code to merge into another'));
  if (!code) return;
  const targets = (await codesOf(client, code.root)).filter((c) => c.path !== code.path);
  const into = await pick(targets, vscode.l10n.t('Merge {0} into…', code.path));
  if (into === undefined) return;
  await apply(client, () => client.sendRequest(mergeCodeRequest, { root: code.root, path: code.path, into }));
}

async function moveCodeTo(client: LanguageClient, model: TreeModel, element?: ThemeElement): Promise<void> {
  const code = await codeToChange(client, model, element, vscode.l10n.t('The code to move'));
  if (!code) return;
  const parent = code.path.includes('/') ? code.path.slice(0, code.path.lastIndexOf('/')) : '';
  const targets = (await codesOf(client, code.root)).filter((c) => c.path !== parent && c.path !== code.path && !c.path.startsWith(`${code.path}/`));
  const top: CodeChoice[] = parent === '' ? [] : [{ path: '', label: vscode.l10n.t('(top level: the code becomes a theme)'), depth: 0 }];
  const target = await pick([...top, ...targets], vscode.l10n.t('Move {0} under…', code.path));
  if (target === undefined) return;
  await apply(client, () => client.sendRequest(moveCodeRequest, { root: code.root, path: code.path, parent: target }));
}

/** The code clicked in the Themes view, else one picked from a project's codebook. */
async function codeToChange(client: LanguageClient, model: TreeModel, element: ThemeElement | undefined, placeHolder: string): Promise<Picked | undefined> {
  if (element?.kind === 'code') return { root: element.tree.root, path: element.node.path };
  if (model.projects.length === 0) await model.refresh();
  const project =
    model.projects.length <= 1
      ? model.projects[0]
      : (await vscode.window.showQuickPick(model.projects.map((p) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(p.root)), project: p }))))?.project;
  if (!project) {
    if (model.projects.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('No codebook.yaml with codes was found.'));
    return undefined;
  }
  const path = await pick(await codesOf(client, project.root), placeHolder);
  return path ? { root: project.root, path } : undefined;
}

function codesOf(client: LanguageClient, root: string): Promise<CodeChoice[]> {
  return client.sendRequest(codesRequest, { uri: vscode.Uri.joinPath(vscode.Uri.parse(root), codebookFileName).toString() });
}

async function pick(codes: CodeChoice[], placeHolder: string): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    codes.map((c) => ({ label: c.path === '' ? (c.label ?? '') : `${'  '.repeat(c.depth)}${c.path}`, description: c.path === '' ? undefined : c.label, path: c.path })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.path;
}

async function apply(client: LanguageClient, ask: () => Promise<CodebookChange>): Promise<void> {
  let change: CodebookChange;
  try {
    change = await ask();
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(change.edit);
  if (edit && (await vscode.workspace.applyEdit(edit))) void vscode.window.showInformationMessage(change.message);
  else void vscode.window.showErrorMessage(vscode.l10n.t('The edit could not be applied; nothing was changed.'));
}
