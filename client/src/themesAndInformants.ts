// The Themes and Informants views, fed by the server's tree (the shared TreeModel) and its change
// notifications; both name the active filter in their title, and "Refresh" fetches the tree again.
import * as vscode from 'vscode';
import { InformantsProvider, showMoreInformants } from './informantsView';
import { ThemesProvider, type ThemeElement } from './themesView';
import type { CodeTree, TreeModel } from './treeModel';

/** Registers both views and starts the first fetch; returns the Themes view, which navigation reveals quotes in. */
export function registerThemesAndInformants(
  context: vscode.ExtensionContext,
  model: TreeModel,
  colorIcon: (color: string) => vscode.Uri | undefined,
): { themes: ThemesProvider; themesView: vscode.TreeView<ThemeElement> } {
  const themes = new ThemesProvider(model, colorIcon);
  const themesView = vscode.window.createTreeView('qda.themes', { treeDataProvider: themes, showCollapseAll: true });
  const informantsView = vscode.window.createTreeView('qda.informants', { treeDataProvider: new InformantsProvider(model), showCollapseAll: true });
  model.onDidChange(() => {
    const description = model.describeFilter();
    themesView.description = description;
    informantsView.description = description;
  });
  context.subscriptions.push(
    model,
    themesView,
    informantsView,
    vscode.commands.registerCommand('qda.refreshViews', () => model.refresh()),
    vscode.commands.registerCommand(showMoreInformants, (tree?: CodeTree) => model.moreInformants(tree)),
  );
  void model.refresh();
  return { themes, themesView };
}
