// The Memos view: every memo of the study, those of tag blocks (on a quote) and the memo files of
// `memos/`, grouped by code or by informant, with a text filter; a click opens the memo where it
// stands. "New memo for this code" (Themes view, a code's hover, the palette) opens the code's memo
// file, `memos/<code>.md`, writing its heading first if it does not exist yet.
import * as vscode from 'vscode';
import type { HoverMiddleware, BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { codeAtRequest, codesRequest, memosRequest, type MemoEntry, type ProjectMemos } from '../../server/src/protocol';
import { openQuote } from './navigation';
import type { ThemeElement } from './themesView';
import type { TreeModel } from './treeModel';
import { codebookFileName } from '../../server/src/core/project/projectFiles';
import { writeNewFile } from './safeWrite';

/** The Memos view, its commands, and "New memo for this code" (Themes view, a code's hover, the palette). */
export function registerMemos(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel): void {
  const memos = new MemosProvider(client);
  const memosView = vscode.window.createTreeView('qda.memos', { treeDataProvider: memos, showCollapseAll: true });
  memos.view = memosView;
  memos.setGrouping('code');
  context.subscriptions.push(
    memosView,
    vscode.commands.registerCommand('qda.openMemo', openMemo),
    vscode.commands.registerCommand('qda.memos.filter', () => memos.askFilter()),
    vscode.commands.registerCommand('qda.memos.byCode', () => memos.setGrouping('code')),
    vscode.commands.registerCommand('qda.memos.byInformant', () => memos.setGrouping('informant')),
    vscode.commands.registerCommand('qda.memos.refresh', () => memos.refresh()),
    vscode.commands.registerCommand('qda.newMemo', (code?: ThemeElement | string, root?: string) => newMemo(client, model, code, root)),
    model.onDidChange(() => void memos.refresh()),
  );
  void memos.refresh();
}

/** A code's hover ends with "New memo for this code" (a command link, trusted for that command only). */
export function newMemoLinkInHover(client: () => LanguageClient): HoverMiddleware['provideHover'] {
  return async (document, position, token, next) => {
    const hover = await next(document, position, token);
    if (!hover || token.isCancellationRequested) return hover;
    const at = await client().sendRequest(codeAtRequest, { uri: document.uri.toString(), position: client().code2ProtocolConverter.asPosition(position) }).catch(() => null);
    if (!at) return hover;
    const link = new vscode.MarkdownString(`[$(note) ${vscode.l10n.t('New memo for this code')}](command:qda.newMemo?${encodeURIComponent(JSON.stringify([at.code, at.root]))})`, true);
    link.isTrusted = { enabledCommands: ['qda.newMemo'] };
    return new vscode.Hover([...hover.contents, link], hover.range);
  };
}

/** "New memo for this code": of a code (its path and project, from a hover link), a Themes view's code, or one picked. */
async function newMemo(client: LanguageClient, model: TreeModel, code?: ThemeElement | string, root?: string): Promise<void> {
  if (typeof code === 'string' && root) return newMemoForCode(root, code);
  if (code && typeof code !== 'string' && code.kind === 'code') return newMemoForCode(code.tree.root, code.node.path);
  if (model.projects.length === 0) await model.refresh();
  const project = model.projects[0];
  if (!project) return;
  const codes = await client.sendRequest(codesRequest, { uri: vscode.Uri.joinPath(vscode.Uri.parse(project.root), codebookFileName).toString() });
  const picked = await vscode.window.showQuickPick(codes.map((c) => ({ label: c.path, description: c.label })), { placeHolder: vscode.l10n.t('The code the memo is about') });
  if (picked) await newMemoForCode(project.root, picked.label);
}

type Grouping = 'code' | 'informant';
export type MemoElement = { kind: 'group'; label: string; memos: MemoEntry[] } | { kind: 'memo'; memo: MemoEntry };

class MemosProvider implements vscode.TreeDataProvider<MemoElement> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private projects: ProjectMemos[] = [];
  grouping: Grouping = 'code';
  filter = '';
  view: vscode.TreeView<MemoElement> | undefined;

  constructor(private readonly client: LanguageClient) {}

  async refresh(): Promise<void> {
    this.projects = await this.client.sendRequest(memosRequest).catch(() => []);
    this.changed.fire();
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    void vscode.commands.executeCommand('setContext', 'qda.memosBy', grouping);
    this.changed.fire();
  }

  async askFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Show the memos containing this text (empty: all)'), value: this.filter });
    if (text === undefined) return;
    this.filter = text.trim();
    if (this.view) this.view.description = this.filter ? `“${this.filter}”` : undefined;
    this.changed.fire();
  }

  getChildren(element?: MemoElement): MemoElement[] {
    if (element) return element.kind === 'group' ? element.memos.map((memo) => ({ kind: 'memo', memo })) : [];
    const needle = this.filter.toLocaleLowerCase();
    const memos = this.projects.flatMap((p) => p.memos).filter((m) => !needle || `${m.title}\n${m.text}`.toLocaleLowerCase().includes(needle));
    const groups = new Map<string, MemoEntry[]>();
    const add = (key: string, memo: MemoEntry) => (groups.get(key) ?? groups.set(key, []).get(key)!).push(memo);
    for (const memo of memos) {
      if (this.grouping === 'code') {
        if (memo.codes.length === 0) add(vscode.l10n.t('(no code)'), memo);
        for (const code of memo.codes) add(code, memo);
      } else add(memo.informant ?? (memo.kind === 'file' ? vscode.l10n.t('(memo files)') : vscode.l10n.t('(no informant)')), memo);
    }
    return [...groups.keys()].sort((a, b) => Number(a.startsWith('(')) - Number(b.startsWith('(')) || a.localeCompare(b)).map((label) => ({ kind: 'group', label, memos: groups.get(label)! }));
  }

  getTreeItem(element: MemoElement): vscode.TreeItem {
    if (element.kind === 'group') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = element.memos.length === 1 ? vscode.l10n.t('1 memo') : vscode.l10n.t('{0} memos', element.memos.length);
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'code' ? 'tag' : 'person');
      return item;
    }
    const memo = element.memo;
    const file = vscode.workspace.asRelativePath(vscode.Uri.parse(memo.uri));
    const item = new vscode.TreeItem(memo.kind === 'file' ? memo.title || file : memo.text, vscode.TreeItemCollapsibleState.None);
    item.description = memo.kind === 'file' ? file : `${memo.title} · ${file}:${memo.range.start.line + 1}`;
    item.tooltip = new vscode.MarkdownString().appendText(memo.kind === 'file' ? memo.text : `${memo.text}\n\n${memo.title}`);
    item.iconPath = new vscode.ThemeIcon(memo.kind === 'file' ? 'note' : 'comment');
    item.command = { command: 'qda.openMemo', title: vscode.l10n.t('Open memo'), arguments: [memo] };
    return item;
  }
}

async function openMemo(memo: MemoEntry): Promise<void> {
  await openQuote(memo.uri, memo.range, { cursorOnly: true });
}

/** Opens the memo file of a code, `memos/<code path>.md`, made with a heading if it is new. */
async function newMemoForCode(root: string, code: string): Promise<void> {
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(root), 'memos', `${code.replaceAll('/', '-')}.md`);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) {
    try {
      await writeNewFile(uri, new TextEncoder().encode(`# Memo on #${code}\n\n`));
    } catch (error) {
      void vscode.window.showErrorMessage((error as Error).message);
      return;
    }
  }
  const editor = await vscode.window.showTextDocument(uri);
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
}
