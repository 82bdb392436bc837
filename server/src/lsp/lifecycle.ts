// Start-up: what the server offers the editor, what it asks of the client (configuration, file
// watchers, workspace folder events), and loading the open folders.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { projectFileGlobs } from '../core/project/projectFiles';
import type { QdaWorkspace } from '../core/project/workspace';
import type { ServerLog } from './log';

declare const QDA_VERSION: string | undefined;

/** What the client can do for the server, read from `initialize`. */
export interface ClientAbilities {
  configuration: boolean;
  watchedFilesRegistration: boolean;
  workspaceFolderEvents: boolean;
  /** The client shows progress the server starts (window/workDoneProgress/create). */
  workDoneProgress: boolean;
}

export function clientAbilities(params: InitializeParams): ClientAbilities {
  const workspace = params.capabilities.workspace;
  return {
    configuration: !!workspace?.configuration,
    watchedFilesRegistration: !!workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceFolderEvents: !!workspace?.workspaceFolders,
    workDoneProgress: !!params.capabilities.window?.workDoneProgress,
  };
}

/** The folders to load: the workspace folders, else the root. */
export function initialFolders(params: InitializeParams): string[] {
  const folders = (params.workspaceFolders ?? []).map((folder) => folder.uri);
  return folders.length === 0 && params.rootUri ? [params.rootUri] : folders;
}

export function initializeResult(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['#', '/', ' '] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'qda-language-server', version: typeof QDA_VERSION === 'string' ? QDA_VERSION : 'development' },
  };
}

/** Asks the client for configuration changes and for changes to the project's files on disk. */
export function registerWithClient(connection: Connection, abilities: ClientAbilities): void {
  if (abilities.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'qda' });
  if (abilities.watchedFilesRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: Object.values(projectFileGlobs).map((globPattern) => ({ globPattern })),
    });
  }
}

/**
 * Loads every folder, with the editor's progress indicator where the client shows one (a large
 * study read through a browser takes seconds), and says in the log how long it took, and whether
 * a reader thread read it.
 */
export async function loadFolders(
  connection: Connection,
  abilities: ClientAbilities,
  workspace: QdaWorkspace,
  folders: string[],
  log: ServerLog,
  readerThreads: () => number,
): Promise<void> {
  const started = Date.now();
  const threadsBefore = readerThreads();
  const progress = abilities.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('QDA: indexing transcripts', 0, undefined, false);
  let reported = 0;
  for (const folder of folders) {
    await workspace.addFolder(folder, (indexed, total) => {
      // A message every 100 ms at most: each is a round trip to the editor.
      if (Date.now() - reported < 100 && indexed < total) return;
      reported = Date.now();
      progress?.report(Math.floor((100 * indexed) / Math.max(1, total)), `${indexed}/${total}`);
    });
  }
  progress?.done();
  const count = workspace.documentCount();
  const how = readerThreads() > threadsBefore ? ', read on a reader thread' : '';
  log.info(`indexed ${count} transcripts in ${workspace.projects.size} projects in ${Date.now() - started} ms${how}`);
}
