// The data behind the Themes and Informants views: the server's `qda/tree` outline (counts) for
// the current filter, fetched again when the server says the workspace changed or the filter
// changes; the next level of a code, an informant or the untagged quotes (`qda/treeBranches`)
// and the quotes of a branch (`qda/treeQuotes`) when the view expands them.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

// One definition of the requests and the data the server sends: the protocol's (its types are
// the core's own, imported as types only, so the client still runs no core code).
import {
  treeBranchesRequest,
  treeQuotesRequest,
  treeRequest,
  type BranchesOf,
  type CodeBranch,
  type CodeTree,
  type InformantBranch,
  type NotCodedBranch,
  type QuoteBranch,
  type QuoteLeaf,
  type Range,
  type TreeBranch,
  type TreeFilter,
  type UntaggedBranch,
} from '../../server/src/protocol';
export type { BranchesOf, CodeBranch, CodeNode, CodeTree, InformantBranch, InformantSummary, Position, QuoteBranch, QuoteLeaf, Range, TreeFilter } from '../../server/src/protocol';

export class TreeModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  projects: CodeTree[] = [];
  /** Every attribute value of every informant, unfiltered, for the attribute filter. */
  attributeValues = new Map<string, Set<string>>();
  filter: TreeFilter = {};
  /** The filter of the outline shown: its branches list their quotes under the same filter. */
  private shownFilter: TreeFilter = {};
  private timer: NodeJS.Timeout | undefined;
  private request = 0;
  /** How many informants of each project (by root) the Informants view has been asked to list, once "More informants…" is used. */
  private informantsWanted: Record<string, number> = {};

  constructor(private readonly client: LanguageClient) {}

  /** Fetches again after a short pause, so that a burst of edits makes one request. */
  refreshSoon(delay = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const id = ++this.request;
    const filter = this.filter;
    try {
      const { projects } = await this.client.sendRequest(treeRequest, { filter, informants: { ...this.informantsWanted } });
      if (id !== this.request) return; // a newer request is on its way
      this.projects = projects;
      this.shownFilter = filter;
      this.attributeValues = new Map();
      for (const project of projects) {
        for (const [key, values] of Object.entries(project.attributeValues)) {
          const known = this.attributeValues.get(key) ?? new Set<string>();
          for (const value of values) known.add(value);
          this.attributeValues.set(key, known);
        }
      }
      this.changed.fire();
    } catch {
      // The server restarts or stops: keep what is shown.
    }
  }

  /** The informants who carry a code (exactly that code), with their counts. */
  async informantsOfCode(tree: CodeTree, path: string): Promise<InformantBranch[]> {
    return (await this.branches(tree, { kind: 'code', path })) as InformantBranch[];
  }

  /** The codes an informant carries, with their counts. */
  async codesOfInformant(tree: CodeTree, id: string): Promise<CodeBranch[]> {
    return (await this.branches(tree, { kind: 'informant', id })) as CodeBranch[];
  }

  /** The informants who have untagged quotes, with their counts. */
  async untaggedByInformant(tree: CodeTree): Promise<UntaggedBranch[]> {
    return (await this.branches(tree, { kind: 'untagged' })) as UntaggedBranch[];
  }

  /** The informants with no coding of a theme, asked for when its "not coded" group is expanded. */
  async notCodedOfTheme(tree: CodeTree, path: string): Promise<NotCodedBranch[]> {
    return (await this.branches(tree, { kind: 'notCoded', path })) as NotCodedBranch[];
  }

  /**
   * A page more of a project's informants: a new outline that lists them, so that the list and
   * its counts come from one state of the study. The count asked for stays across the refreshes
   * that edits bring, until the filter changes.
   */
  moreInformants(tree: CodeTree | undefined): Promise<void> {
    // Not while a new filter's outline is on its way: the row clicked lists the old filter's informants.
    if (!tree || this.filter !== this.shownFilter) return Promise.resolve();
    // One more than the row's outline lists, which the server rounds up to the next page: a second
    // click on the same row, before the view shows the answer, asks for the same.
    this.informantsWanted[tree.root] = Math.max(this.informantsWanted[tree.root] ?? 0, tree.informants.length + 1);
    return this.refresh();
  }

  private async branches(tree: CodeTree, of: BranchesOf): Promise<TreeBranch[]> {
    try {
      return await this.client.sendRequest(treeBranchesRequest, { root: tree.root, filter: this.shownFilter, of });
    } catch {
      return [];
    }
  }

  /** The quotes of one branch of a project's outline. */
  async quotes(tree: CodeTree, branch: QuoteBranch): Promise<QuoteLeaf[]> {
    try {
      return await this.client.sendRequest(treeQuotesRequest, { root: tree.root, filter: this.shownFilter, branch });
    } catch {
      return [];
    }
  }

  setFilter(filter: TreeFilter): void {
    this.filter = filter;
    this.informantsWanted = {};
    void vscode.commands.executeCommand('setContext', 'qda.filterActive', !isEmpty(filter));
    void this.refresh();
  }

  /** A short description of the filter, for the views' titles. */
  describeFilter(): string | undefined {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(this.filter.attributes ?? {})) parts.push(`${key} = ${value}`);
    if (this.filter.sources?.length) parts.push(this.filter.sources.join(', '));
    if (this.filter.text) parts.push(`"${this.filter.text}"`);
    return parts.length ? parts.join(' · ') : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.changed.dispose();
  }
}

export function isEmpty(filter: TreeFilter): boolean {
  return Object.keys(filter.attributes ?? {}).length === 0 && !filter.sources?.length && !filter.text;
}

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
