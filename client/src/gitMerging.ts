// "Set up git merging for this project": what `qda git setup` does, with the extension's own
// bundled merge driver (the language server on Node writes the .gitattributes lines and the
// repository's merge.qda.driver). Offered once when a project in a git repository lacks it: a
// team's coders each work on a branch, and without the driver git merges transcripts line by line.
// Desktop only: it needs Node and git, which the browser has not.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { gitMergeStatusRequest, gitSetupRequest } from '../../server/src/protocol';
import type { TreeModel } from './treeModel';

/** The projects (root URIs) for which "Not now" was answered, in this workspace. */
const notNowKey = 'qda.gitMerging.notNow';
/** "Do not ask again", for every workspace. */
const neverKey = 'qda.gitMerging.neverAsk';

export function registerGitMerging(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel, canSetUpGitMerging: boolean): void {
  void vscode.commands.executeCommand('setContext', 'qda.canSetUpGitMerging', canSetUpGitMerging);
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.gitSetup', async (root?: string) => {
      if (!canSetUpGitMerging) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Setting up git merging needs the desktop version of VS Code: it runs git, which the browser cannot.'));
        return;
      }
      const project = typeof root === 'string' ? root : await pickProject(model);
      if (project) await setUp(client, project);
    }),
  );
  if (!canSetUpGitMerging) return;
  // Each project asked about once a session, as soon as the tree knows it.
  const asked = new Set<string>();
  context.subscriptions.push(
    model.onDidChange(() => {
      for (const { root } of model.projects) {
        if (asked.has(root)) continue;
        asked.add(root);
        void offer(context, client, root);
      }
    }),
  );
}

async function setUp(client: LanguageClient, root: string): Promise<void> {
  const name = projectName(root);
  try {
    const { changes } = await client.sendRequest(gitSetupRequest, { root });
    if (changes.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to change: git already merges {0} by meaning.', name));
      return;
    }
    void vscode.window.showInformationMessage(
      vscode.l10n.t('git now merges {0} by meaning: {1}. Commit .gitattributes, so that every clone has it; each coder sets up git merging once in their own clone.', name, changes.join('; ')),
    );
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
  }
}

/** Asks once whether to set up a project in a git repository that lacks it. */
async function offer(context: vscode.ExtensionContext, client: LanguageClient, root: string): Promise<void> {
  if (context.globalState.get<boolean>(neverKey)) return;
  const notNow = context.workspaceState.get<string[]>(notNowKey, []);
  if (notNow.includes(root)) return;
  const status = await client.sendRequest(gitMergeStatusRequest, { root }).catch(() => null);
  if (!status?.needsSetup) return;
  const name = projectName(root);
  const setUpNow = vscode.l10n.t('Set up');
  const later = vscode.l10n.t('Not now');
  const never = vscode.l10n.t('Do not ask again');
  const message =
    status.driver === 'stale'
      ? vscode.l10n.t('The git merge driver of {0} points to a program that is gone (QDA Workbench was updated or moved). Set it up again, so that the branches of its coders keep merging by meaning?', name)
      : vscode.l10n.t('{0} is in a git repository, but git merges its transcripts line by line. Set up git merging, so that the branches of its coders merge by meaning?', name);
  const answer = await vscode.window.showInformationMessage(message, setUpNow, later, never);
  if (answer === setUpNow) await setUp(client, root);
  else if (answer === never) await context.globalState.update(neverKey, true);
  // Not now, or closed: not asked again in this workspace (the command stays in the palette).
  else await context.workspaceState.update(notNowKey, [...notNow, root]);
}

async function pickProject(model: TreeModel): Promise<string | undefined> {
  if (model.projects.length === 0) await model.refresh();
  const roots = model.projects.map((p) => p.root);
  if (roots.length <= 1) {
    if (roots.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with a codebook.yaml to set up git merging for it.'));
    return roots[0];
  }
  const picked = await vscode.window.showQuickPick(
    roots.map((root) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(root)), root })),
    { placeHolder: vscode.l10n.t('The project to set up git merging for') },
  );
  return picked?.root;
}

/** The project's folder name, as the researcher knows it. */
function projectName(root: string): string {
  return vscode.Uri.parse(root).path.split('/').filter(Boolean).pop() ?? root;
}
