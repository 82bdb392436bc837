// The Themes and Informants views' rows, from trees the core makes, read through a small stand-in
// for the `vscode` module (only what the two providers touch): the rows' ids and descriptions.
import * as assert from 'assert';
import Module = require('module');
import { codeTree, type CodeTree } from '../../server/src/core/analyses/codeTree';
import { study } from '../helpers/project';

class EventEmitter<T> {
  private readonly listeners: ((value: T) => void)[] = [];
  readonly event = (listener: (value: T) => void) => (this.listeners.push(listener), { dispose: () => undefined });
  fire(value: T): void {
    for (const listener of this.listeners) listener(value);
  }
}
class TreeItem {
  id?: string;
  description?: string;
  constructor(
    readonly label: string,
    readonly collapsibleState: number,
  ) {}
}
class MarkdownString {
  value = '';
  appendText(text: string): this {
    this.value += text;
    return this;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}
const standIn = {
  EventEmitter,
  TreeItem,
  MarkdownString,
  ThemeIcon: class {},
  ThemeColor: class {},
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  Uri: { parse: (uri: string) => ({ path: new URL(uri).pathname }) },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_, k) => String(args[Number(k)])) },
  commands: { executeCommand: async () => undefined },
};

type Loader = (request: string, ...rest: unknown[]) => unknown;
/** The client's module, loaded with `vscode` as the stand-in. */
function loadClient<T>(path: string): T {
  const modules = Module as unknown as { _load: Loader };
  const load = modules._load;
  modules._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : load.call(this, request, ...rest);
  };
  try {
    return require(path) as T;
  } finally {
    modules._load = load;
  }
}

interface Provider {
  getChildren(element?: unknown): Promise<unknown[]>;
  getTreeItem(element: unknown): TreeItem;
}
type ProviderClass = new (model: unknown, colorIcon?: () => undefined) => Provider;

/** A tree model that shows these trees once `fire` tells its views. */
function modelOf(projects: CodeTree[]) {
  const changed = new EventEmitter<void>();
  return { projects, onDidChange: changed.event, fire: () => changed.fire() };
}

describe('the tree views’ rows', () => {
  // informants.yaml lists A; the transcript maps R to X, whom it does not list: A and X carry t/a.
  const s = study({
    'codebook.yaml': 't:\n  codes:\n    a: {}\n',
    'informants.yaml': 'A: {role: owner}\nB: {role: owner}\n',
    'x.transcript.md': '---\ninterviewer: P\nspeakers: {R: X}\n---\nP: Kenapa?\n\nA: Satu {#t/a}\n\nR: Dua {#t/a}\n',
  });
  const tree = codeTree(s.workspace.projects.values().next().value!, {}, { quotes: false });

  it('Themes: a theme carried by 2 of the 3 informants (one only a transcript names) reads 2/3', async () => {
    const { ThemesProvider } = loadClient<{ ThemesProvider: ProviderClass }>('../../client/src/themesView');
    const model = modelOf([tree]);
    const themes = new ThemesProvider(model, () => undefined);
    model.fire();
    // One project: its themes are the top rows.
    const [theme] = await themes.getChildren();
    assert.strictEqual(themes.getTreeItem(theme).description, '2 codings · 2/3 informants');
  });

  it('Informants: each row’s id is unique across two projects that list the same informants', async () => {
    const { InformantsProvider } = loadClient<{ InformantsProvider: ProviderClass }>('../../client/src/informantsView');
    const other: CodeTree = { ...tree, root: 'file:///studi-lain' };
    const informants = new InformantsProvider(modelOf([tree, other]));
    const ids = (await informants.getChildren()).map((row) => informants.getTreeItem(row).id);
    assert.deepStrictEqual(ids, [`informant:${tree.root}:A`, `informant:${tree.root}:B`, `informant:${tree.root}:X`, 'informant:file:///studi-lain:A', 'informant:file:///studi-lain:B', 'informant:file:///studi-lain:X']);
  });
});
