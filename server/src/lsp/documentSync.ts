// Keeping the workspace in step with the editor: open documents as they are typed and closed,
// files changed on disk, workspace folders added and removed. Every change goes through the
// mutation queue and is followed up (diagnostics, views).
import { FileChangeType, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { FileChange } from '../core/project/fileSystem';
import { type QdaWorkspace } from '../core/project/workspace';
import type { ChangeFollowUp } from './changeFollowUp';
import type { OpenDocument } from './openDocument';
import type { DiagnosticsPublisher } from './diagnosticsPublisher';
import type { MutationQueue } from './mutationQueue';
import type { QuoteFilterPriming } from './quoteFilterPriming';
import { fileKind } from '../core/project/projectFiles';

export interface SyncContext {
  connection: Connection;
  documents: TextDocuments<OpenDocument>;
  workspace: QdaWorkspace;
  queue: MutationQueue;
  followUp: ChangeFollowUp;
  diagnostics: DiagnosticsPublisher;
  priming: QuoteFilterPriming;
  /** The host's own follow-up of a change to an open document (ServerHost). */
  afterDocumentChange?(length: number): void;
  /** The host's own step before a long open transcript's new text is parsed, its old parse let go (ServerHost). */
  beforeDocumentParse?(length: number): void;
}

const changeTypes: Record<number, FileChange['type']> = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' };

/** Whether the open document holds the text the workspace has parsed, and now shares its bytes (a function, so the parse is not kept on the caller's stack). */
function sharesParsedText(workspace: QdaWorkspace, document: OpenDocument): boolean {
  const parsed = workspace.transcript(document.uri);
  return parsed !== undefined && document.sharesTextWith(parsed.source);
}

export function syncDocuments({ documents, workspace, queue, followUp, afterDocumentChange, beforeDocumentParse }: SyncContext): void {
  /**
   * Each open document's length at its last change, taken as the change comes (queued changes
   * all read the latest text): a change that empties a long document leaves the most garbage.
   */
  const lengths = new Map<string, number>();
  /**
   * Each open document's change that is queued and not yet applied, with the longest text since
   * the last one applied. A change that comes while one is queued is applied with it (it reads the
   * latest text): typing during a 400 ms parse of a 50 MB transcript, or during the cold index,
   * parsed the same text once per keystroke.
   */
  const pending = new Map<string, { longest: number }>();
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    // As held: the change itself is applied when the parse reads the text (openDocument.ts).
    const length = event.document.heldLength;
    const longer = Math.max(length, lengths.get(uri) ?? 0);
    lengths.set(uri, length);
    const queued = pending.get(uri);
    if (queued) {
      queued.longest = Math.max(queued.longest, longer);
      return;
    }
    const change = { longest: longer };
    pending.set(uri, change);
    const document = event.document;
    void queue.run('a document change', () => {
      if (pending.get(uri) === change) pending.delete(uri);
      const before = workspace.projects.size;
      // Opened as it is on disk (as VS Code opens a file), a long document is parsed already.
      if (!sharesParsedText(workspace, document)) {
        // A long transcript's old parse is let go before its new text is made and parsed (and
        // collected, where the host collects before a long parse): the old parse, its bytes and
        // the new text were all in memory at once, 100 MB more at a keystroke in 50 MB. Its
        // bytes were the document's: let go, they take the change in place (`read`).
        if (document.keptAsBytes && fileKind(uri) === 'transcript') {
          workspace.deleteFile(uri);
          const { text } = document.read(true);
          beforeDocumentParse?.(text.length);
          workspace.setFile(uri, text);
        } else workspace.setFile(uri, document.read(true).text);
      }
      followUp.fileChanged(uri, before);
      afterDocumentChange?.(change.longest);
    });
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const longer = Math.max(event.document.heldLength, lengths.get(uri) ?? 0);
    lengths.delete(uri);
    // The change queued still applies the closed document's last text; one after a reopening is new.
    pending.delete(uri);
    void queue.run('closing a document', async () => {
      const before = workspace.projects.size;
      // Closed, the file is what is on disk again (or gone, if it never was saved).
      await workspace.refresh(uri);
      followUp.fileChanged(uri, before);
      afterDocumentChange?.(longer);
    });
  });
}

export function syncFilesOnDisk({ connection, documents, workspace, queue, followUp, diagnostics }: SyncContext): void {
  connection.onDidChangeWatchedFiles((params) =>
    queue.run('file changes', async () => {
      const before = workspace.projects.size;
      const changes: FileChange[] = params.changes
        .filter((c) => fileKind(c.uri) !== 'other')
        // An open document is the editor's: deleted or changed on disk, it stays as the editor has
        // it until it is closed (then the disk decides).
        .filter((c) => !documents.get(c.uri))
        .map((c) => ({ uri: c.uri, type: changeTypes[c.type] ?? 'deleted' }));
      await workspace.applyChanges(changes);
      for (const change of changes) followUp.fileChanged(change.uri, before);
      for (const change of changes) if (change.type === 'deleted') void diagnostics.publish(change.uri);
    }),
  );
}

/** Workspace folders added and removed while the server runs (where the client reports them). */
export function syncWorkspaceFolders({ connection, workspace, queue, followUp, priming }: SyncContext): void {
  connection.workspace.onDidChangeWorkspaceFolders((event) =>
    queue.run('workspace folders', async () => {
      for (const removed of event.removed) workspace.removeFolder(removed.uri);
      for (const added of event.added) await workspace.addFolder(added.uri);
      await followUp.everythingChanged();
      priming.start();
    }),
  );
}
