// The language server: LSP wiring around the core and the language service, nothing more.
// The server is a function of the files: open documents as the editor has them, every other file
// as it is on disk. Edits re-parse one document; codebook edits re-validate their project in the
// background, in chunks, cancelled by newer work.
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allNodes, codeStats, codeTree, projectStats, treeBranches, treeQuotes, type BranchesOf, type QuoteBranch, type TreeFilter } from './core/analysis';
import type { Diagnostic, Severity } from './core/diagnostic';
import { defaultDiagnosticOptions, diagnoseFile, type DiagnosticOptions } from './core/diagnostics';
import type { FileChange, WorkspaceFileSystem } from './core/fileSystem';
import type { Position, Range } from './core/text';
import { fileKind, QdaWorkspace, type Project } from './core/workspace';
import { codeActions, codeSelectionEdit } from './languageService/codeActions';
import { complete } from './languageService/completion';
import { codeChoices, documentInfo } from './languageService/documentInfo';
import { definition, documentHighlights, hover, references } from './languageService/navigation';
import { codesAt, nextCodingOfSameCode, nextQuoteInFile, quotesOfCode, type Direction, type QuoteKind } from './languageService/quoteNavigation';
import { prepareRename, rename } from './languageService/rename';
import { documentSymbols, foldingRanges, selectionRanges, workspaceSymbols } from './languageService/symbols';
import { NodeFileSystem } from './node/nodeFileSystem';

interface Settings {
  diagnostics: DiagnosticOptions;
  /** Debug: after changes, compare the live index with one rebuilt from the files, and log the result. */
  checkIndexConsistency: boolean;
}

const severity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

// Long enough to coalesce a burst of keystrokes, short enough to feel immediate.
const diagnosticDelayMs = 10;
const chunkSize = 50;

export function startServer(connection: Connection): void {
  keepEditGarbageYoung();
  const documents = new TextDocuments(TextDocument);
  const disk = new NodeFileSystem({ onReaderProblem: (message) => log(message) });
  /** Open documents win over the disk. */
  const files: WorkspaceFileSystem = {
    list: (folder) => disk.list(folder),
    read: async (uri) => documents.get(uri)?.getText() ?? disk.read(uri),
    // An open document stays a string: it is read again on every keystroke.
    readUtf8: async (uri) => {
      const open = documents.get(uri);
      return open ? { text: open.getText() } : disk.readUtf8(uri);
    },
    readMany: (uris) => {
      const fromDisk = disk.readMany(uris); // starts reading now
      return (async function* () {
        for await (const result of fromDisk) {
          const open = documents.get(result.uri);
          yield open ? { uri: result.uri, text: open.getText() } : result;
        }
      })();
    },
  };
  const workspace = new QdaWorkspace(files);
  const folders = new Set<string>();
  let settings: Settings = { diagnostics: defaultDiagnosticOptions, checkIndexConsistency: false };
  let hasConfigurationCapability = false;
  let hasWatchedFilesRegistration = false;
  let hasWorkspaceFolderEvents = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const published = new Set<string>();
  const pending = new Map<string, NodeJS.Timeout>();
  let generation = 0;

  // Every change to the workspace runs through one queue, in the order the editor sent it: an
  // asynchronous step (reading a closed file back from disk) must never land after a newer edit.
  // Requests wait for the queue too, so that they answer on every edit sent before them.
  let mutations: Promise<void> = ready;
  function mutate(what: string, run: () => Promise<void> | void): Promise<void> {
    mutations = mutations.then(run).catch((error) => logError(what, error));
    return mutations;
  }

  const log = (message: string) => connection.console.log(`[qda] ${message}`);
  const logError = (what: string, error: unknown) => connection.console.error(`[qda] ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);

  // ---- diagnostics ------------------------------------------------------------------------------

  function toLsp(uri: string, d: Diagnostic): LspDiagnostic {
    return {
      range: d.range,
      severity: severity[d.severity],
      code: d.code,
      source: 'qda',
      message: d.message,
      ...(d.data ? { data: d.data } : {}),
      ...(d.related ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })) } : {}),
    };
  }

  function publish(uri: string): void {
    const diagnostics = diagnoseFile(workspace, uri, settings.diagnostics);
    if (diagnostics.length === 0 && !published.has(uri)) return;
    if (diagnostics.length === 0) published.delete(uri);
    else published.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics: diagnostics.map((d) => toLsp(uri, d)) });
  }

  /** Publishes one file's diagnostics after a pause in typing. */
  function schedule(uri: string, delay = diagnosticDelayMs): void {
    clearTimeout(pending.get(uri));
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        guard('publishing diagnostics', () => publish(uri));
      }, delay),
    );
  }

  /** Every file of the workspace (or of some projects), in chunks; a newer call cancels an older one. */
  async function publishMany(projects?: Project[]): Promise<void> {
    const run = ++generation;
    // Without a list of projects: every file, and those that had diagnostics (cleared when they have nothing left to say).
    const uris = new Set<string>(projects ? projects.flatMap((p) => p.files()) : [...workspace.files(), ...published]);
    const list = [...uris];
    for (let i = 0; i < list.length; i += chunkSize) {
      if (run !== generation) return;
      for (const uri of list.slice(i, i + chunkSize)) guard('publishing diagnostics', () => publish(uri));
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** After a change to one file: what else must be diagnosed again. */
  function afterChange(uri: string, projectsBefore: number): void {
    const kind = fileKind(uri);
    if (workspace.projects.size !== projectsBefore) {
      void publishMany();
    } else if (kind === 'codebook' || kind === 'informants') {
      const project = workspace.projectFor(uri);
      void publishMany(project ? [project] : undefined);
    } else {
      schedule(uri);
      const project = workspace.projectFor(uri);
      if (project) schedule(project.codebookUri, 500); // unused-code hints follow the transcripts
    }
    notifyTreeChanged();
    scheduleConsistencyCheck();
  }

  // ---- the tree view's change notification, and the debug consistency check --------------------

  let treeTimer: NodeJS.Timeout | undefined;
  function notifyTreeChanged(): void {
    clearTimeout(treeTimer);
    treeTimer = setTimeout(() => void connection.sendNotification('qda/didChangeTree', {}), 300);
  }

  let consistencyTimer: NodeJS.Timeout | undefined;
  function scheduleConsistencyCheck(): void {
    if (!settings.checkIndexConsistency) return;
    clearTimeout(consistencyTimer);
    consistencyTimer = setTimeout(() => {
      void checkConsistency().then(
        (result) => (result.consistent ? log(`index consistent with a rebuild (${result.documents} documents)`) : connection.console.error(`[qda] INDEX DIFFERS FROM A REBUILD: ${result.details}`)),
        (error) => logError('consistency check', error),
      );
    }, 1000);
  }

  async function checkConsistency(): Promise<{ consistent: boolean; documents: number; details?: string }> {
    const rebuilt = new QdaWorkspace(files);
    for (const folder of folders) await rebuilt.addFolder(folder);
    const roots = [...new Set([...workspace.projects.keys(), ...rebuilt.projects.keys()])].sort();
    let documents = 0;
    for (const root of roots) {
      const live = workspace.projects.get(root);
      const fresh = JSON.stringify(rebuilt.projects.get(root)?.index.snapshot() ?? null);
      documents += rebuilt.projects.get(root)?.index.documents.size ?? 0;
      if (JSON.stringify(live?.index.snapshot() ?? null) !== fresh) return { consistent: false, documents, details: `project ${root} differs` };
      // The code statistics kept up to date edit by edit, against a count of the index as it is.
      for (const node of live ? allNodes(codeTree(live, {}, { quotes: false }).themes) : []) {
        const stats = codeStats(live!, node.path);
        if (stats.codings !== node.codings || stats.informants !== node.informants) return { consistent: false, documents, details: `code statistics of ${node.path} differ` };
      }
    }
    return { consistent: true, documents };
  }

  // ---- lifecycle ----------------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities;
    hasConfigurationCapability = !!capabilities.workspace?.configuration;
    hasWatchedFilesRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    hasWorkspaceFolderEvents = !!capabilities.workspace?.workspaceFolders;
    for (const folder of params.workspaceFolders ?? []) folders.add(folder.uri);
    if (folders.size === 0 && params.rootUri) folders.add(params.rootUri);
    settings = readSettings(params.initializationOptions, settings);
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
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'qda-language-server', version: typeof QDA_VERSION === 'string' ? QDA_VERSION : 'development' },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (hasConfigurationCapability) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'qda' });
        settings = await fetchSettings();
      }
      if (hasWatchedFilesRegistration) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.transcript.md' }, { globPattern: '**/codebook.yaml' }, { globPattern: '**/informants.yaml' }],
        });
      }
      if (hasWorkspaceFolderEvents) {
        connection.workspace.onDidChangeWorkspaceFolders((event) =>
          mutate('workspace folders', async () => {
            for (const removed of event.removed) {
              folders.delete(removed.uri);
              workspace.removeFolder(removed.uri);
            }
            for (const added of event.added) {
              folders.add(added.uri);
              await workspace.addFolder(added.uri);
            }
            await publishMany();
            notifyTreeChanged();
          }),
        );
      }
      const started = Date.now();
      const readerThreads = disk.readerThreads;
      for (const folder of folders) await workspace.addFolder(folder);
      let count = 0;
      for (const project of workspace.projects.values()) count += project.index.documents.size;
      const how = disk.readerThreads > readerThreads ? ', read on a reader thread' : '';
      log(`indexed ${count} transcripts in ${workspace.projects.size} projects in ${Date.now() - started} ms${how}`);
    } catch (error) {
      logError('loading the workspace', error);
    } finally {
      resolveReady();
    }
    await publishMany();
    notifyTreeChanged();
    collectAfterIndexing();
  });

  async function fetchSettings(): Promise<Settings> {
    try {
      const section = await connection.workspace.getConfiguration('qda');
      return readSettings(section, settings);
    } catch {
      return settings;
    }
  }

  connection.onDidChangeConfiguration(async (change) => {
    settings = hasConfigurationCapability ? await fetchSettings() : readSettings(change.settings?.qda, settings);
    await publishMany();
  });

  // ---- documents and files ------------------------------------------------------------------------

  documents.onDidChangeContent((event) =>
    mutate('a document change', () => {
      const before = workspace.projects.size;
      workspace.setFile(event.document.uri, event.document.getText());
      afterChange(event.document.uri, before);
    }),
  );

  documents.onDidClose((event) =>
    mutate('closing a document', async () => {
      const before = workspace.projects.size;
      // Closed, the file is what is on disk again (or gone, if it never was saved).
      await workspace.refresh(event.document.uri);
      afterChange(event.document.uri, before);
    }),
  );

  connection.onDidChangeWatchedFiles((params) =>
    mutate('file changes', async () => {
      const before = workspace.projects.size;
      const changes: FileChange[] = params.changes
        .filter((c) => fileKind(c.uri) !== 'other')
        // An open document is the editor's: deleted or changed on disk, it stays as the editor has
        // it until it is closed (then the disk decides).
        .filter((c) => !documents.get(c.uri))
        .map((c) => ({ uri: c.uri, type: c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Changed ? 'changed' : 'deleted' }));
      await workspace.applyChanges(changes);
      for (const change of changes) afterChange(change.uri, before);
      for (const change of changes) if (change.type === 'deleted') publish(change.uri);
    }),
  );

  // ---- requests -----------------------------------------------------------------------------------

  connection.onCompletion(async (params, token) => {
    await mutations;
    if (token.isCancellationRequested) return null;
    return guard('completion', () => {
      const parsed = workspace.transcript(params.textDocument.uri);
      return parsed ? complete(parsed, workspace.projectFor(params.textDocument.uri), params.position) : null;
    }) ?? null;
  });

  connection.onHover(async (params) => {
    await mutations;
    return guard('hover', () => hover(workspace, params.textDocument.uri, params.position)) ?? null;
  });

  connection.onDefinition(async (params) => {
    await mutations;
    return guard('definition', () => definition(workspace, params.textDocument.uri, params.position)) ?? null;
  });

  connection.onReferences(async (params, token) => {
    await mutations;
    if (token.isCancellationRequested) return [];
    return guard('references', () => references(workspace, params.textDocument.uri, params.position, params.context.includeDeclaration)) ?? [];
  });

  connection.onDocumentHighlight(async (params) => {
    await mutations;
    return guard('highlights', () => documentHighlights(workspace, params.textDocument.uri, params.position)) ?? [];
  });

  connection.onPrepareRename(async (params) => {
    await mutations;
    const result = guard('rename', () => prepareRename(workspace, params.textDocument.uri, params.position));
    if (!result) return null;
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result.ok;
  });

  connection.onRenameRequest(async (params) => {
    await mutations;
    const result = guard('rename', () => rename(workspace, params.textDocument.uri, params.position, params.newName));
    if (!result) return null;
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result.ok;
  });

  connection.onDocumentSymbol(async (params) => {
    await mutations;
    const parsed = workspace.transcript(params.textDocument.uri);
    return parsed ? (guard('document symbols', () => documentSymbols(parsed)) ?? []) : [];
  });

  connection.onWorkspaceSymbol(async (params, token) => {
    await mutations;
    if (token.isCancellationRequested) return [];
    return guard('workspace symbols', () => workspaceSymbols(workspace, params.query)) ?? [];
  });

  connection.onFoldingRanges(async (params) => {
    await mutations;
    const parsed = workspace.transcript(params.textDocument.uri);
    return parsed ? (guard('folding', () => foldingRanges(parsed)) ?? []) : [];
  });

  connection.onSelectionRanges(async (params) => {
    await mutations;
    const parsed = workspace.transcript(params.textDocument.uri);
    return parsed ? (guard('selection ranges', () => selectionRanges(parsed, params.positions)) ?? []) : [];
  });

  connection.onCodeAction(async (params) => {
    await mutations;
    return guard('code actions', () => codeActions(workspace, params.textDocument.uri, params.range, settings.diagnostics)) ?? [];
  });

  // Custom requests: the client shows these without parsing anything itself.
  // The views ask for the outline (counts), then for the branches and quotes of what they expand.
  connection.onRequest('qda/tree', async (params: { filter?: TreeFilter; quotes?: boolean } | undefined) => {
    await mutations;
    const options = { quotes: params?.quotes ?? false };
    return { projects: guard('tree', () => sortedProjects().map((project) => codeTree(project, params?.filter ?? {}, options))) ?? [] };
  });

  /** A branch of one project's tree: an empty list for a project that is gone. */
  async function branchOf<T>(what: string, root: string, answer: (project: Project) => T[]): Promise<T[]> {
    await mutations;
    return guard(what, () => {
      const project = workspace.projects.get(root);
      return project ? answer(project) : [];
    }) ?? [];
  }

  connection.onRequest('qda/treeBranches', (params: { root: string; filter?: TreeFilter; of: BranchesOf }) =>
    branchOf('tree branches', params.root, (project) => treeBranches(project, params.filter ?? {}, params.of)),
  );

  connection.onRequest('qda/treeQuotes', (params: { root: string; filter?: TreeFilter; branch: QuoteBranch }) =>
    branchOf('tree quotes', params.root, (project) => treeQuotes(project, params.filter ?? {}, params.branch)),
  );

  connection.onRequest('qda/stats', async () => {
    await mutations;
    return { projects: guard('stats', () => sortedProjects().map(projectStats)) ?? [] };
  });

  connection.onRequest('qda/codes', async (params: { uri: string }) => {
    await mutations;
    return guard('codes', () => codeChoices(workspace, params.uri)) ?? [];
  });

  connection.onRequest('qda/documentInfo', async (params: { uri: string }) => {
    await mutations;
    return guard('document info', () => documentInfo(workspace, params.uri)) ?? null;
  });

  connection.onRequest('qda/codeSelection', async (params: { uri: string; range: Range; codes: string[] }) => {
    await mutations;
    const parsed = workspace.transcript(params.uri);
    if (!parsed) throw new ResponseError(ErrorCodes.InvalidParams, 'This file is not a transcript of a QDA project.');
    const result = guard('code selection', () => codeSelectionEdit(parsed, params.uri, params.range, params.codes));
    if (!result) throw new ResponseError(ErrorCodes.InternalError, 'Coding the selection failed; see the QDA output.');
    if ('error' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.error);
    return result.ok;
  });

  connection.onRequest('qda/nextQuote', async (params: { uri: string; position: Position; direction: Direction; kind: QuoteKind }) => {
    await mutations;
    return guard('next quote', () => nextQuoteInFile(workspace, params.uri, params.position, params.direction, params.kind)) ?? null;
  });

  connection.onRequest('qda/nextSameCode', async (params: { uri: string; position: Position; direction: Direction }) => {
    await mutations;
    return guard('next quote with the same code', () => nextCodingOfSameCode(workspace, params.uri, params.position, params.direction)) ?? null;
  });

  connection.onRequest('qda/codesAt', async (params: { uri: string; position: Position }) => {
    await mutations;
    return guard('codes at the cursor', () => codesAt(workspace, params.uri, params.position)) ?? [];
  });

  connection.onRequest('qda/quotesOfCode', async (params: { uri: string; path: string }) => {
    await mutations;
    return guard('quotes of a code', () => quotesOfCode(workspace, params.uri, params.path)) ?? [];
  });

  connection.onRequest('qda/serverStatus', () => {
    let documents = 0;
    for (const project of workspace.projects.values()) documents += project.index.documents.size;
    // maxRSS is in kilobytes.
    return { documents, projects: workspace.projects.size, peakRssMB: process.resourceUsage().maxRSS / 1024, rssMB: process.memoryUsage().rss / 1e6 };
  });

  connection.onRequest('qda/checkIndex', async () => {
    await mutations;
    return checkConsistency();
  });

  function sortedProjects(): Project[] {
    return [...workspace.projects.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  }

  /** Runs a feature; an exception is logged and answered as "nothing", never a crash. */
  function guard<T>(what: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      logError(what, error);
      return undefined;
    }
  }

  documents.listen(connection);
  connection.listen();
}

const untaggedSeverities = ['error', 'warning', 'information', 'hint', 'off'];

function readSettings(section: unknown, current: Settings): Settings {
  const s = (section ?? {}) as { diagnostics?: { untaggedQuote?: unknown }; debug?: { checkIndexConsistency?: unknown } };
  const untagged = s.diagnostics?.untaggedQuote;
  return {
    diagnostics: { untaggedQuote: typeof untagged === 'string' && untaggedSeverities.includes(untagged) ? (untagged as Severity | 'off') : current.diagnostics.untaggedQuote },
    checkIndexConsistency: typeof s.debug?.checkIndexConsistency === 'boolean' ? s.debug.checkIndexConsistency : current.checkIndexConsistency,
  };
}

/**
 * The cold index keeps every parse result, so V8's allocation-site pretenuring learns that the
 * parser's objects live long and from then on allocates them straight in the old generation.
 * While the user types, each keystroke's parse result lives a few milliseconds, but there only a
 * full collection frees it: on the 1,000-transcript benchmark 400 keystrokes grew the server by
 * 85 MB. Without pretenuring the same keystrokes die young (peak 345 against 417 MB), and the
 * cold index is no slower. Set before the first parse, so no allocation site has been tenured.
 */
function keepEditGarbageYoung(): void {
  try {
    setFlagsFromString('--no-allocation-site-pretenuring');
  } catch {
    // Only memory is at stake; never fail to start over it.
  }
}

/**
 * One full collection once the workspace is indexed and its diagnostics are published. The cold
 * index leaves a heap of temporaries, and V8 sets the size at which it next collects from the heap
 * it last found: collecting once here sets it from the index alone. On the 1,000-transcript
 * benchmark this lowered the server's peak by 10–15 MB, for one pause of about 50 ms at start-up.
 * `gc` is reached the way test runners reach it (jest's leak detector), without a command-line flag.
 */
function collectAfterIndexing(): void {
  try {
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
  } catch {
    // Only memory is at stake.
  }
}

declare const QDA_VERSION: string | undefined;

/** For bin/qda-language-server.js, which starts the same server from outside the bundle. */
export const lsp = { createConnection, ProposedFeatures };

// Started as a program (`node dist/server.js --stdio`, or by the VS Code client over IPC).
if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  // A bug must never take the editor's language support down with it.
  process.on('uncaughtException', (error) => connection.console.error(`[qda] uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (error) => connection.console.error(`[qda] unhandled: ${String(error)}`));
  startServer(connection);
}
