// Filters shared by the Themes and Informants views: by informant attribute (role = owner), by
// source (interview, observation, documentation), by text. The server applies them.
import * as vscode from 'vscode';
import type { TreeModel } from './treeModel';

const sources = ['interview', 'observation', 'documentation'];

export function registerFilters(model: TreeModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('qda.filter.byAttribute', async () => {
      const items: (vscode.QuickPickItem & { key?: string; value?: string })[] = [];
      for (const [key, values] of [...model.attributeValues.entries()].sort(([a], [b]) => a.localeCompare(b))) {
        items.push({ label: key, kind: vscode.QuickPickItemKind.Separator });
        for (const value of [...values].sort()) {
          const active = model.filter.attributes?.[key] === value;
          items.push({ label: `${key} = ${value}`, description: active ? vscode.l10n.t('active') : undefined, key, value });
        }
      }
      if (items.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('The informants have no attributes to filter by.'));
        return;
      }
      const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Show only informants with this attribute') });
      if (!picked?.key) return;
      const attributes = { ...(model.filter.attributes ?? {}) };
      if (attributes[picked.key] === picked.value) delete attributes[picked.key];
      else attributes[picked.key] = picked.value!;
      model.setFilter({ ...model.filter, attributes });
    }),

    vscode.commands.registerCommand('qda.filter.bySource', async () => {
      const current = new Set(model.filter.sources ?? []);
      const picked = await vscode.window.showQuickPick(
        sources.map((s) => ({ label: s, picked: current.has(s) })),
        { canPickMany: true, placeHolder: vscode.l10n.t('Show only these sources (none: all)') },
      );
      if (picked) model.setFilter({ ...model.filter, sources: picked.map((p) => p.label) });
    }),

    vscode.commands.registerCommand('qda.filter.byText', () => {
      // The views follow the text as it is typed.
      const input = vscode.window.createInputBox();
      input.placeholder = vscode.l10n.t('Show only quotes, memos or codes containing…');
      input.value = model.filter.text ?? '';
      let timer: NodeJS.Timeout | undefined;
      input.onDidChangeValue((value) => {
        clearTimeout(timer);
        timer = setTimeout(() => model.setFilter({ ...model.filter, text: value }), 200);
      });
      input.onDidAccept(() => {
        clearTimeout(timer);
        model.setFilter({ ...model.filter, text: input.value });
        input.hide();
      });
      input.onDidHide(() => input.dispose());
      input.show();
    }),

    vscode.commands.registerCommand('qda.filter.clear', () => model.setFilter({})),
  ];
}
