// The Informants view: every informant of informants.yaml (those with nothing coded too) →
// the codes they carry → the quotes. A study of more than 500 informants (a comment dump's
// commenters) is listed 500 at a time, the next ones under "More informants…".
import * as vscode from 'vscode';
import { countCodings, quoteItem } from './themesView';
import type { CodeTree, InformantSummary, QuoteLeaf, TreeModel } from './treeModel';

type InformantElement =
  | { kind: 'informant'; informant: InformantSummary; tree: CodeTree }
  /** The row after a project's informants listed so far when it has more: it lists the next page. */
  | { kind: 'more'; tree: CodeTree }
  | { kind: 'code'; code: string; codings: number; informant: string; tree: CodeTree }
  | { kind: 'quote'; leaf: QuoteLeaf };

/** Run by the "More informants…" row: not in the command palette, it needs the row's project. */
export const showMoreInformants = 'qda.informants.showMore';

export class InformantsProvider implements vscode.TreeDataProvider<InformantElement> {
  private readonly changed = new vscode.EventEmitter<InformantElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: TreeModel) {
    model.onDidChange(() => this.changed.fire(undefined));
  }

  async getChildren(element?: InformantElement): Promise<InformantElement[]> {
    if (!element) {
      return this.model.projects.flatMap((tree): InformantElement[] => [
        ...tree.informants.map((informant) => ({ kind: 'informant' as const, informant, tree })),
        ...(tree.informants.length < tree.informantCount ? [{ kind: 'more' as const, tree }] : []),
      ]);
    }
    if (element.kind === 'informant') {
      // The codes and quotes come from the server as the informant and its codes are expanded.
      const { informant, tree } = element;
      const codes = await this.model.codesOfInformant(tree, informant.id);
      return codes.map((c) => ({ kind: 'code' as const, code: c.code, codings: c.codings, informant: informant.id, tree }));
    }
    if (element.kind === 'code') {
      const leaves = await this.model.quotes(element.tree, { kind: 'codings', code: element.code, informant: element.informant });
      return leaves.map((leaf) => ({ kind: 'quote' as const, leaf }));
    }
    return [];
  }

  getTreeItem(element: InformantElement): vscode.TreeItem {
    switch (element.kind) {
      case 'informant': {
        const informant = element.informant;
        const item = new vscode.TreeItem(
          informant.id,
          informant.codings > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
        );
        item.id = `informant:${element.tree.root}:${informant.id}`;
        item.description = Object.values(informant.attributes).join(' · ');
        const tooltip = new vscode.MarkdownString();
        for (const [key, value] of Object.entries(informant.attributes)) tooltip.appendText(`${key}: ${value}`).appendMarkdown('  \n');
        tooltip.appendMarkdown('\n').appendText(vscode.l10n.t('{0} quotes, {1} coded, {2} codings', informant.quotes, informant.coded, informant.codings));
        if (!informant.listed) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Not in informants.yaml'));
        item.tooltip = tooltip;
        item.iconPath = new vscode.ThemeIcon('person', informant.codings === 0 ? new vscode.ThemeColor('disabledForeground') : undefined);
        return item;
      }
      case 'more': {
        const { tree } = element;
        const item = new vscode.TreeItem(vscode.l10n.t('More informants…'), vscode.TreeItemCollapsibleState.None);
        item.id = `more:${tree.root}:${tree.informants.length}`;
        item.description = vscode.l10n.t('{0} of {1} shown', tree.informants.length, tree.informantCount);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: showMoreInformants, title: vscode.l10n.t('Show more informants'), arguments: [tree] };
        return item;
      }
      case 'code': {
        const item = new vscode.TreeItem(element.code, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = countCodings(element.codings);
        item.iconPath = new vscode.ThemeIcon('tag');
        return item;
      }
      case 'quote':
        return quoteItem(element.leaf);
    }
  }
}
