// The Themes view: theme → code → informant → quote, with counts, and the informants who carry
// nothing of a theme in a "not coded" group, so that gaps show at a glance.
import * as vscode from 'vscode';
import { excerpt } from '../../server/src/core/text/excerpt';
import type { ConflictedFile } from '../../server/src/protocol';
import { toRange, type CodeNode, type CodeTree, type QuoteBranch, type QuoteLeaf, type TreeModel } from './treeModel';

export type ThemeElement =
  | { kind: 'project'; tree: CodeTree; parent?: undefined }
  | { kind: 'code'; node: CodeNode; tree: CodeTree; depth: number; parent?: ThemeElement }
  /** An informant's codings of one code, or (with `untagged`) their untagged quotes. */
  | { kind: 'informant'; id?: string; count: number; untagged?: boolean; branch: QuoteBranch; tree: CodeTree; parent: ThemeElement }
  /** A theme's informants who coded nothing of it: counted in the outline, listed when expanded. */
  | { kind: 'notCoded'; count: number; path: string; tree: CodeTree; parent: ThemeElement }
  | { kind: 'absent'; id: string; parent: ThemeElement }
  | { kind: 'quote'; leaf: QuoteLeaf; parent: ThemeElement }
  | { kind: 'group'; label: string; count: number; branch: QuoteBranch; tree: CodeTree; parent?: ThemeElement; icon: string }
  /** Files with a merge conflict left in them, above the themes: their codings inside it are not counted. */
  | { kind: 'conflicts'; files: ConflictedFile[]; parent?: ThemeElement }
  | { kind: 'conflictedFile'; file: ConflictedFile; parent: ThemeElement };

export class ThemesProvider implements vscode.TreeDataProvider<ThemeElement> {
  private readonly changed = new vscode.EventEmitter<ThemeElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ThemeElement[] = [];
  /** The children fetched so far from the server, kept until the tree changes. */
  private readonly fetched = new Map<ThemeElement, Promise<ThemeElement[]>>();

  constructor(
    private readonly model: TreeModel,
    /** A code's icon in its codebook colour, where the host can make one. */
    private readonly colorIcon: (color: string) => vscode.Uri | vscode.ThemeIcon | undefined,
  ) {
    model.onDidChange(() => this.rebuild());
  }

  private rebuild(): void {
    this.fetched.clear();
    const projects = this.model.projects;
    this.roots =
      projects.length === 1 ? this.projectChildren(projects[0], undefined) : projects.map((tree) => ({ kind: 'project', tree }) as ThemeElement);
    this.changed.fire(undefined);
  }

  private projectChildren(tree: CodeTree, parent: ThemeElement | undefined): ThemeElement[] {
    const children: ThemeElement[] = tree.conflicts.length > 0 ? [{ kind: 'conflicts', files: tree.conflicts, parent }] : [];
    children.push(...tree.themes.map((node): ThemeElement => ({ kind: 'code', node, tree, depth: 0, parent })));
    const unknown = tree.unknownCodes.reduce((sum, u) => sum + u.codings, 0);
    if (unknown > 0) {
      children.push({ kind: 'group', label: vscode.l10n.t('Unknown codes'), count: unknown, branch: { kind: 'unknownCodes' }, tree, parent, icon: 'warning' });
    }
    if (tree.untaggedQuotes > 0) {
      const label = vscode.l10n.t('Untagged quotes');
      children.push({ kind: 'group', label, count: tree.untaggedQuotes, branch: { kind: 'untagged' }, tree, parent, icon: 'circle-large-outline' });
    }
    return children;
  }

  getChildren(element?: ThemeElement): ThemeElement[] | Promise<ThemeElement[]> {
    if (!element) return this.roots;
    switch (element.kind) {
      case 'project':
        return this.projectChildren(element.tree, element);
      case 'code':
        return this.codeChildren(element);
      case 'group':
        return element.branch.kind === 'untagged' ? this.untaggedByInformant(element) : this.quotesOf(element);
      case 'informant':
        return this.quotesOf(element);
      case 'notCoded':
        return this.fetchOnce(element, async () =>
          (await this.model.notCodedOfTheme(element.tree, element.path)).map((b): ThemeElement => ({ kind: 'absent', id: b.id, parent: element })),
        );
      case 'conflicts':
        return element.files.map((file) => ({ kind: 'conflictedFile', file, parent: element }));
      default:
        return [];
    }
  }

  /** Children fetched from the server once per element, until the tree changes. */
  private fetchOnce(element: ThemeElement, fetch: () => Promise<ThemeElement[]>): Promise<ThemeElement[]> {
    let children = this.fetched.get(element);
    if (!children) this.fetched.set(element, (children = fetch()));
    return children;
  }

  /** Sub-codes come with the outline; the informants who carry the code come from the server. */
  private codeChildren(element: Extract<ThemeElement, { kind: 'code' }>): Promise<ThemeElement[]> {
    const { node, tree } = element;
    return this.fetchOnce(element, async () => {
      const result: ThemeElement[] = node.children.map((child) => ({ kind: 'code', node: child, tree, depth: element.depth + 1, parent: element }));
      for (const branch of await this.model.informantsOfCode(tree, node.path)) {
        const quotes: QuoteBranch = { kind: 'codings', code: node.path, informant: branch.id ?? null };
        result.push({ kind: 'informant', id: branch.id, count: branch.codings, branch: quotes, tree, parent: element });
      }
      if (node.notCodedCount) result.push({ kind: 'notCoded', count: node.notCodedCount, path: node.path, tree, parent: element });
      return result;
    });
  }

  /** Untagged quotes come by informant: on a large study they are thousands. */
  private untaggedByInformant(element: Extract<ThemeElement, { kind: 'group' }>): Promise<ThemeElement[]> {
    const tree = element.tree;
    return this.fetchOnce(element, async () =>
      (await this.model.untaggedByInformant(tree)).map(
        (b): ThemeElement => ({ kind: 'informant', id: b.id, count: b.quotes, untagged: true, branch: { kind: 'untagged', informant: b.id ?? null }, tree, parent: element }),
      ),
    );
  }

  /** A branch's quotes come from the server when it is first expanded. */
  private quotesOf(element: Extract<ThemeElement, { kind: 'informant' | 'group' }>): Promise<ThemeElement[]> {
    return this.fetchOnce(element, async () => (await this.model.quotes(element.tree, element.branch)).map((leaf): ThemeElement => ({ kind: 'quote', leaf, parent: element })));
  }

  getParent(element: ThemeElement): ThemeElement | undefined {
    return element.parent;
  }

  getTreeItem(element: ThemeElement): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (element.kind) {
      case 'project': {
        const item = new vscode.TreeItem(vscode.Uri.parse(element.tree.root).path.split('/').pop() ?? element.tree.root, C.Expanded);
        item.iconPath = new vscode.ThemeIcon('book');
        return item;
      }
      case 'code': {
        const node = element.node;
        const item = new vscode.TreeItem(element.depth === 0 ? node.path : node.name, element.depth === 0 ? C.Expanded : C.Collapsed);
        item.id = `code:${element.tree.root}:${node.path}`;
        item.description = vscode.l10n.t('{0} codings · {1}/{2} informants', node.codings, node.informants, element.tree.informantCount);
        const tooltip = new vscode.MarkdownString();
        tooltip.appendMarkdown(`**${escape(node.path)}**${node.label ? ` · ${escape(node.label)}` : ''}\n\n`);
        if (node.description) tooltip.appendText(node.description);
        item.tooltip = tooltip;
        item.iconPath = (node.color && this.colorIcon(node.color)) || new vscode.ThemeIcon(element.depth === 0 ? 'symbol-namespace' : 'tag');
        item.contextValue = 'code';
        return item;
      }
      case 'informant': {
        const item = new vscode.TreeItem(element.id ?? vscode.l10n.t('(speaker not mapped)'), C.Collapsed);
        item.description = element.untagged ? countQuotes(element.count) : countCodings(element.count);
        item.iconPath = new vscode.ThemeIcon('person');
        item.contextValue = 'informant';
        return item;
      }
      case 'notCoded': {
        const item = new vscode.TreeItem(vscode.l10n.t('not coded'), C.Collapsed);
        item.description = vscode.l10n.t('{0} informants', element.count);
        item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
        return item;
      }
      case 'absent': {
        const item = new vscode.TreeItem(element.id, C.None);
        item.description = vscode.l10n.t('nothing coded');
        item.iconPath = new vscode.ThemeIcon('person', new vscode.ThemeColor('disabledForeground'));
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(element.label, C.Collapsed);
        item.description = `${element.count}`;
        item.iconPath = new vscode.ThemeIcon(element.icon);
        return item;
      }
      case 'quote':
        return quoteItem(element.leaf);
      case 'conflicts':
        return conflictsItem(element.files);
      case 'conflictedFile':
        return conflictedFileItem(element.file);
    }
  }

  /** The quote element of a coding (uri and range of its text), for "Reveal in Themes view". */
  async findQuote(uri: string, range: vscode.Range, code: string): Promise<ThemeElement | undefined> {
    // Quotes are created as their parents expand: walk down the branches of the code only.
    const visit = async (elements: ThemeElement[]): Promise<ThemeElement | undefined> => {
      for (const element of elements) {
        if (element.kind === 'quote') {
          if (element.leaf.uri === uri && element.leaf.code === code && toRange(element.leaf.range).isEqual(range)) return element;
          continue;
        }
        if (element.kind === 'code' && !(code === element.node.path || code.startsWith(`${element.node.path}/`))) continue;
        if (element.kind === 'informant' && element.branch.kind === 'codings' && element.branch.code !== code) continue;
        if (element.kind === 'group' && element.branch.kind === 'untagged') continue;
        // Informants with nothing coded have no quotes: their group is not asked for.
        if (element.kind === 'conflicts' || element.kind === 'notCoded') continue;
        const found = await visit(await this.getChildren(element));
        if (found) return found;
      }
      return undefined;
    };
    return visit(this.roots);
  }
}

export function quoteItem(leaf: QuoteLeaf): vscode.TreeItem {
  const item = new vscode.TreeItem(excerpt(leaf.text, 80), vscode.TreeItemCollapsibleState.None);
  const file = vscode.Uri.parse(leaf.uri).path.split('/').pop();
  item.description = `${file}:${leaf.range.start.line + 1}`;
  const tooltip = new vscode.MarkdownString();
  tooltip.appendText(leaf.text);
  if (leaf.memo) tooltip.appendMarkdown('\n\n---\n\n').appendText(leaf.memo);
  item.tooltip = tooltip;
  item.iconPath = new vscode.ThemeIcon('quote');
  item.command = { command: 'qda.openQuote', title: vscode.l10n.t('Open quote'), arguments: [leaf.uri, leaf.range] };
  item.contextValue = 'quote';
  return item;
}

/** "Merge conflicts": open, above the themes, as long as a file has one. */
function conflictsItem(files: ConflictedFile[]): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Merge conflicts'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `conflicts:${files.map((f) => f.uri).join(',')}`;
  item.description = files.length === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', files.length);
  item.tooltip = vscode.l10n.t('git left conflict markers in these files. The codings inside a conflict are not counted until you keep one side, or both, and remove the markers (the quick fixes do it where only codings differ).');
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
  return item;
}

/** A conflicted file: opens at its first conflict. */
function conflictedFileItem(file: ConflictedFile): vscode.TreeItem {
  const uri = vscode.Uri.parse(file.uri);
  const item = new vscode.TreeItem(uri.path.split('/').pop() ?? file.path, vscode.TreeItemCollapsibleState.None);
  item.resourceUri = uri;
  item.description = file.conflicts === 1 ? vscode.l10n.t('1 conflict, line {0}', file.range.start.line + 1) : vscode.l10n.t('{0} conflicts, from line {1}', file.conflicts, file.range.start.line + 1);
  item.tooltip = file.path;
  item.iconPath = new vscode.ThemeIcon('git-merge', new vscode.ThemeColor('problemsErrorIcon.foreground'));
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open the conflict'), arguments: [uri, { selection: toRange(file.range) }] };
  return item;
}

function countQuotes(n: number): string {
  return n === 1 ? vscode.l10n.t('1 quote') : vscode.l10n.t('{0} quotes', n);
}

export function countCodings(n: number): string {
  return n === 1 ? vscode.l10n.t('1 coding') : vscode.l10n.t('{0} codings', n);
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, (c) => `\\${c}`);
}
