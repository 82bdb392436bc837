// What follows a change to the workspace: which files are diagnosed again, the views told that
// their counts may have changed, the quote filters the change forgot made again once changes
// pause, and (a debug setting) the index compared with a rebuild.
import type { Connection } from 'vscode-languageserver';
import { checkIndexConsistency } from '../core/analyses/consistency';
import { type QdaWorkspace } from '../core/project/workspace';
import { didChangeTreeNotification } from '../protocol';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { ServerLog } from './log';
import type { QuoteFilterPriming } from './quoteFilterPriming';
import type { SettingsStore } from './settings';
import { fileKind } from '../core/project/projectFiles';

/** The views fetch their outline again once edits pause this long. */
const treeChangeDelayMs = 300;
/** A codebook's unused-code hints follow its transcripts' edits, a little later. */
const codebookDelayMs = 500;
const consistencyDelayMs = 1000;

export class ChangeFollowUp {
  private treeTimer: ReturnType<typeof setTimeout> | undefined;
  private consistencyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: QdaWorkspace,
    private readonly diagnostics: DiagnosticsPublisher,
    private readonly settings: SettingsStore,
    private readonly log: ServerLog,
    private readonly priming: QuoteFilterPriming,
  ) {}

  /** After a change to one file; `projectsBefore` is the number of projects before it. */
  fileChanged(uri: string, projectsBefore: number): void {
    const kind = fileKind(uri);
    if (this.workspace.projects.size !== projectsBefore) {
      void this.diagnostics.publishMany();
    } else if (kind === 'codebook' || kind === 'informants') {
      const project = this.workspace.projectFor(uri);
      void this.diagnostics.publishMany(project ? [project] : undefined);
    } else {
      this.diagnostics.schedule(uri);
      const project = this.workspace.projectFor(uri);
      if (project) this.diagnostics.schedule(project.codebookUri, codebookDelayMs);
    }
    this.treeChanged();
    this.priming.afterChange();
    this.scheduleConsistencyCheck();
  }

  /** After the workspace was loaded, or folders were added or removed: every file, every view. */
  async everythingChanged(): Promise<void> {
    await this.diagnostics.publishMany();
    this.treeChanged();
  }

  treeChanged(): void {
    clearTimeout(this.treeTimer);
    this.treeTimer = setTimeout(() => void this.connection.sendNotification(didChangeTreeNotification, {}), treeChangeDelayMs);
  }

  private scheduleConsistencyCheck(): void {
    if (!this.settings.current.checkIndexConsistency) return;
    clearTimeout(this.consistencyTimer);
    this.consistencyTimer = setTimeout(() => {
      checkIndexConsistency(this.workspace).then(
        (result) => (result.consistent ? this.log.info(`index consistent with a rebuild (${result.documents} documents)`) : this.log.alert(`INDEX DIFFERS FROM A REBUILD: ${result.details}`)),
        (error) => this.log.error('consistency check', error),
      );
    }, consistencyDelayMs);
  }
}
