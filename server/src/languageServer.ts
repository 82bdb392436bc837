// The language server: LSP wiring around the core and the language service, nothing more. It
// reads as a table of contents: each concern lives in a module of `lsp/`, each request is one
// line naming the feature that answers it, and the custom requests are the typed objects of
// `protocol.ts`, which the client imports too.
//
// The server is a function of the files: open documents as the editor has them, every other file
// as the host reads it. Edits re-parse one document; codebook edits re-validate their project in
// the background, in chunks, cancelled by newer work.
//
// This module runs in two hosts, and imports nothing from either: Node (`server.ts`: the disk,
// reader threads, git) and a browser worker (`serverWorker.ts`: the files come from the client).
// What differs between them is the `ServerHost`.
import { TextDocuments, type Connection } from 'vscode-languageserver';
import { openDocumentConfiguration } from './lsp/openDocument';
import { codeTree, projectStats, treeBranches, treeQuotes } from './core/analyses/codeTree';
import { checkIndexConsistency } from './core/analyses/consistency';
import { cooccurrence, cooccurrenceQuotes } from './core/analyses/cooccurrence';
import { matrix, matrixCellCodings, matrixColumnChoices } from './core/analyses/matrix';
import { refiExportBase64 } from './core/exchange/refiExport';
import { importRefiCodebookBase64 } from './core/exchange/refiImport';
import { buildReport, reportHtml } from './core/analyses/report';
import { triangulation } from './core/analyses/triangulation';
import { querySegments } from './languageService/segmentQuery';
import { projectMemos } from './core/analyses/memos';
import type { ParsedTranscript } from './core/model/transcript';
import { QdaWorkspace, type Project } from './core/project/workspace';
import { codeActions, codeSelection } from './languageService/codeActions';
import { documentSuggestions } from './languageService/suggestionActions';
import { codeAt } from './languageService/cursor';
import { codingStripes } from './languageService/codingStripes';
import { recordingTimeline, timestampCodeLenses } from './languageService/recordingTimeline';
import { importRefiProjectBase64 } from './core/exchange/refiProjectImport';
import { importInterviewFiles, type WordReader } from './core/exchange/interviewImport';
import { complete, completeInMemo } from './languageService/completion';
import { codeChoices, documentInfo } from './languageService/documentInfo';
import { definition, documentHighlights, hover, references } from './languageService/navigation';
import { codesAt, nextCodingOfSameCode, nextQuoteInFile, quotesOfCode } from './languageService/quoteNavigation';
import { prepareRename, rename } from './languageService/rename';
import { mergeCode, moveCode } from './languageService/restructureCodes';
import { documentSymbols, foldingRanges, selectionRanges, workspaceSymbols } from './languageService/symbols';
import { ChangeFollowUp } from './lsp/changeFollowUp';
import { DiagnosticsPublisher } from './lsp/diagnosticsPublisher';
import { syncDocuments, syncFilesOnDisk, syncWorkspaceFolders } from './lsp/documentSync';
import { clientAbilities, initialFolders, initializeResult, loadFolders, registerWithClient, type ClientAbilities } from './lsp/lifecycle';
import { serverLog } from './lsp/log';
import { MutationQueue } from './lsp/mutationQueue';
import { openDocumentsOverDisk, type Disk } from './lsp/openDocuments';
import { QuoteFilterPriming } from './lsp/quoteFilterPriming';
import { Requests } from './lsp/requests';
import { SettingsStore } from './lsp/settings';
import { SuggestionQualityCache } from './lsp/suggestionQualityCache';
import type { CodingComparisons } from './node/compareCoding';
import type { ProjectGitMerging } from './node/gitMergeSetup';
import { replaceTranscriptText } from './languageService/replaceTranscriptText';
import * as protocol from './protocol';

import type { ServerLog } from './lsp/log';
import { type MemoFile } from './core/model/memoFile';

/** What the host gives the server: how it reads files, and what only some hosts can do. */
export interface ServerHost {
  /** The files no editor has open: the disk on Node, the client's file system in a browser. */
  files(log: ServerLog): Disk;
  /** Reader threads started so far, for the start-up log. */
  readerThreads?(): number;
  /** "Compare coding with…": another coder's folder or git revision (Node only). */
  comparisons?(workspace: QdaWorkspace): CodingComparisons;
  /** "Set up git merging for this project": git and the bundled merge driver (Node only). */
  gitMerging?: ProjectGitMerging;
  /** The process's memory, for the status request. */
  memory?(): { peakRssMB: number; rssMB: number };
  /** Reads Word documents for the interview import (Node only: see WordReader). */
  readWord?: WordReader;
  /** Called once the workspace is indexed and its diagnostics are published. */
  afterIndexing?(): void;
  /** Called after an open document changed or closed, with its length (UTF-16 units) before or after, whichever is longer. */
  afterDocumentChange?(length: number): void;
  /** Called before the new text of a long open transcript (kept as bytes) is parsed, its old parse let go, with its length. */
  beforeDocumentParse?(length: number): void;
}

/** The refusal of a feature that needs Node, which the editor shows as the command's message. */
function desktopOnly(what: string): { error: string } {
  return { error: `${what} needs the desktop version of VS Code: it reads other folders and git, which a browser cannot.` };
}

export function startLanguageServer(connection: Connection, host: ServerHost): void {
  const log = serverLog(connection);
  const documents = new TextDocuments(openDocumentConfiguration());
  const disk = host.files(log);
  const workspace = new QdaWorkspace(openDocumentsOverDisk(documents, disk), { beforeLongParse: host.beforeDocumentParse });
  const settings = new SettingsStore(connection);
  const queue = new MutationQueue(log);
  const diagnostics = new DiagnosticsPublisher(connection, workspace, settings, log);
  const priming = new QuoteFilterPriming(workspace, log);
  const followUp = new ChangeFollowUp(connection, workspace, diagnostics, settings, log, priming);
  const requests = new Requests(queue, log);
  const comparisons = host.comparisons?.(workspace);
  const suggestionQuality = new SuggestionQualityCache();
  const sync = { connection, documents, workspace, queue, followUp, diagnostics, priming, afterDocumentChange: host.afterDocumentChange, beforeDocumentParse: host.beforeDocumentParse };

  // ---- lifecycle: capabilities, settings, loading the folders -----------------------------------
  let abilities: ClientAbilities;
  let folders: string[] = [];
  connection.onInitialize((params) => {
    abilities = clientAbilities(params);
    // A long transcript's text is left on disk only where the editor tells of every change to the files.
    workspace.keepsLongTextsOnDisk = abilities.watchedFilesRegistration;
    folders = initialFolders(params);
    settings.initialize(params.initializationOptions, abilities.configuration);
    return initializeResult();
  });
  connection.onInitialized(async () => {
    try {
      registerWithClient(connection, abilities);
      if (abilities.configuration) await settings.pull();
      if (abilities.workspaceFolderEvents) syncWorkspaceFolders(sync);
      await loadFolders(connection, abilities, workspace, folders, log, host.readerThreads ?? (() => 0));
    } catch (error) {
      log.error('loading the workspace', error);
    } finally {
      queue.open();
    }
    try {
      await followUp.everythingChanged();
      host.afterIndexing?.();
    } catch (error) {
      log.error('publishing the diagnostics of the workspace', error);
    }
    priming.start();
  });
  connection.onDidChangeConfiguration(async (change) => {
    await settings.changed(change.settings);
    await diagnostics.publishMany();
  });

  // ---- documents and files ---------------------------------------------------------------------
  syncDocuments(sync);
  syncFilesOnDisk(sync);

  // ---- LSP requests ----------------------------------------------------------------------------
  /** The feature's answer on the parse of a transcript; nothing for any other file. */
  const onTranscript = <R>(uri: string, feature: (parsed: ParsedTranscript) => R) => {
    const parsed = workspace.transcript(uri);
    return parsed ? feature(parsed) : undefined;
  };
  /** The feature's answer on a memo file; nothing for any other file. */
  const onMemo = <R>(uri: string, feature: (memo: MemoFile) => R) => {
    const memo = workspace.memoFile(uri);
    return memo ? feature(memo) : undefined;
  };
  connection.onCompletion(requests.answer('completion', null, (p) => onTranscript(p.textDocument.uri, (t) => complete(t, workspace.projectFor(p.textDocument.uri), p.position)) ?? onMemo(p.textDocument.uri, (m) => completeInMemo(m, workspace.projectFor(p.textDocument.uri), p.position))));
  connection.onHover(requests.answer('hover', null, (p) => hover(workspace, p.textDocument.uri, p.position, { settings: settings.current.suggestions, quality: (project) => suggestionQuality.table(project) })));
  connection.onDefinition(requests.answer('definition', null, (p) => definition(workspace, p.textDocument.uri, p.position)));
  connection.onReferences(requests.answer('references', [], (p) => references(workspace, p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentHighlight(requests.answer('highlights', [], (p) => documentHighlights(workspace, p.textDocument.uri, p.position)));
  connection.onPrepareRename(requests.answerOrRefuse('rename', null, (p) => prepareRename(workspace, p.textDocument.uri, p.position)));
  connection.onRenameRequest(requests.answerOrRefuse('rename', null, (p) => rename(workspace, p.textDocument.uri, p.position, p.newName)));
  connection.onDocumentSymbol(requests.answer('document symbols', [], (p) => onTranscript(p.textDocument.uri, documentSymbols)));
  connection.onWorkspaceSymbol(requests.answer('workspace symbols', [], (p) => workspaceSymbols(workspace, p.query)));
  connection.onFoldingRanges(requests.answer('folding', [], (p) => onTranscript(p.textDocument.uri, foldingRanges)));
  connection.onSelectionRanges(requests.answer('selection ranges', [], (p) => onTranscript(p.textDocument.uri, (t) => selectionRanges(t, p.positions))));
  connection.onCodeAction(requests.answer('code actions', [], (p) => codeActions(workspace, p.textDocument.uri, p.range, settings.current.diagnostics, { settings: settings.current.suggestions, quality: (project) => suggestionQuality.table(project) })));
  connection.onCodeLens(requests.answer('code lenses', [], (p) => onTranscript(p.textDocument.uri, (t) => timestampCodeLenses(t, p.textDocument.uri))));

  // ---- custom requests (protocol.ts): the client shows these without parsing anything ----------
  /** A branch of one project's tree: an empty list for a project that is gone. */
  const inProject = <T>(root: string, branch: (project: Project) => T[]) => {
    const project = workspace.projects.get(root);
    return project ? branch(project) : [];
  };
  connection.onRequest(protocol.treeRequest, requests.answer('tree', { projects: [] }, (p) => ({ projects: workspace.sortedProjects().map((project) => codeTree(project, p?.filter ?? {}, { quotes: p?.quotes ?? false, informants: p?.informants?.[project.root] })) })));
  connection.onRequest(protocol.treeBranchesRequest, requests.answer('tree branches', [], (p) => inProject(p.root, (project) => treeBranches(project, p.filter ?? {}, p.of))));
  connection.onRequest(protocol.treeQuotesRequest, requests.answer('tree quotes', [], (p) => inProject(p.root, (project) => treeQuotes(project, p.filter ?? {}, p.branch))));
  connection.onRequest(protocol.statsRequest, requests.answer0('stats', { projects: [] }, () => ({ projects: workspace.sortedProjects().map(projectStats) })));
  connection.onRequest(protocol.codesRequest, requests.answer('codes', [], (p) => codeChoices(workspace, p.uri)));
  connection.onRequest(protocol.documentInfoRequest, requests.answer('document info', null, (p) => documentInfo(workspace, p.uri)));
  connection.onRequest(protocol.codeSelectionRequest, requests.answerOrRefuse('Coding the selection', 'fail', (p) => codeSelection(workspace, p.uri, p.range, p.codes)));
  connection.onRequest(protocol.nextQuoteRequest, requests.answer('next quote', null, (p) => nextQuoteInFile(workspace, p.uri, p.position, p.direction, p.kind)));
  connection.onRequest(protocol.nextSameCodeRequest, requests.answer('next quote with the same code', null, (p) => nextCodingOfSameCode(workspace, p.uri, p.position, p.direction)));
  connection.onRequest(protocol.codesAtRequest, requests.answer('codes at the cursor', [], (p) => codesAt(workspace, p.uri, p.position)));
  connection.onRequest(protocol.quotesOfCodeRequest, requests.answer('quotes of a code', [], (p) => quotesOfCode(workspace, p.uri, p.path)));
  const ofProject = <T>(root: string, analysis: (project: Project) => T) => {
    const project = workspace.projects.get(root);
    return project ? analysis(project) : null;
  };
  connection.onRequest(protocol.matrixRequest, requests.answer('matrix', null, (p) => ofProject(p.root, (project) => matrix(project, p))));
  connection.onRequest(protocol.cooccurrenceRequest, requests.answer('co-occurrence', null, (p) => ofProject(p.root, (project) => cooccurrence(project, p))));
  connection.onRequest(protocol.triangulationRequest, requests.answer('triangulation', [], (p) => ofProject(p.root, (project) => triangulation(project, p.filter))));
  connection.onRequest(protocol.segmentsRequest, requests.answerOrRefuse('segments', [], (p) => ofProject(p.root, (project) => querySegments(project, p))));
  connection.onRequest(protocol.matrixCellRequest, requests.answer('matrix cell', [], (p) => ofProject(p.root, (project) => matrixCellCodings(project, p, p.row, p.column))));
  connection.onRequest(protocol.cooccurrenceCellRequest, requests.answer('co-occurrence cell', [], (p) => ofProject(p.root, (project) => cooccurrenceQuotes(project, p.row, p.column, p))));
  connection.onRequest(protocol.reportRequest, requests.answer('report', '', (p) => ofProject(p.root, (project) => reportHtml(buildReport(project, { title: p.title })))));
  connection.onRequest(protocol.refiExportRequest, requests.answer('REFI-QDA export', '', (p) => ofProject(p.root, (project) => refiExportBase64(project, p.kind, p.name))));
  connection.onRequest(protocol.refiProjectImportRequest, requests.answerOrRefuse('REFI-QDA project import', 'fail', (p) => importRefiProjectBase64(p.base64, p.fileName)));
  connection.onRequest(protocol.refiImportRequest, requests.answerOrRefuse('REFI-QDA import', 'fail', (p) => importRefiCodebookBase64(p.base64, p.fileName)));
  connection.onRequest(protocol.matrixChoicesRequest, requests.answer('matrix choices', null, (p) => ofProject(p.root, matrixColumnChoices)));
  connection.onRequest(protocol.coderCandidatesRequest, (p) => comparisons?.candidates(p.root).catch(() => ({ folders: [], revisions: [] })) ?? { folders: [], revisions: [] });
  connection.onRequest(protocol.compareCodingRequest, requests.answerOrRefuse('Comparing the coding', 'fail', (p) => comparisons?.compare(p.root, p.source, p.unit) ?? desktopOnly('Comparing the coding with another coder')));
  connection.onRequest(protocol.otherCoderTextRequest, requests.answer('the other coder\'s text', null, (p) => comparisons?.otherText(p.root, p.path)));
  connection.onRequest(protocol.adoptCodingRequest, requests.answerOrRefuse('Adopting the other coding', 'fail', (p) => comparisons?.adopt(p.root, p.path, p.turn) ?? desktopOnly('Adopting the other coding')));
  connection.onRequest(protocol.codingStripesRequest, requests.answer('coding stripes', null, (p) => onTranscript(p.uri, (t) => codingStripes(t, workspace.projectFor(p.uri)))));
  connection.onRequest(protocol.recordingTimelineRequest, requests.answer('recording timeline', null, (p) => onTranscript(p.uri, (t) => recordingTimeline(t, p.uri))));
  connection.onRequest(protocol.importInterviewsRequest, requests.answerOrRefuse('Importing the interviews', 'fail', async (p) => ({ ok: await importInterviewFiles(p.files, p.options, host.readWord) })));
  connection.onRequest(protocol.memosRequest, requests.answer0('memos', [], () => workspace.sortedProjects().map((project) => ({ root: project.root, memos: projectMemos(project) }))));
  connection.onRequest(protocol.codeAtRequest, requests.answer('code at the cursor', null, (p) => codeAt(workspace, p.uri, p.position)));
  connection.onRequest(protocol.mergeCodeRequest, requests.answerOrRefuse('Merging the code', 'fail', (p) => mergeCode(workspace, p.root, p.path, p.into, new Date().toISOString().slice(0, 10))));
  connection.onRequest(protocol.moveCodeRequest, requests.answerOrRefuse('Moving the code', 'fail', (p) => moveCode(workspace, p.root, p.path, p.parent)));
  connection.onRequest(protocol.suggestionsRequest, requests.answer('suggestions', [], (p) => documentSuggestions(workspace, p.uri)));
  connection.onRequest(protocol.suggestionQualityRequest, requests.answer('suggestion quality', null, (p) => ofProject(p.root, (project) => suggestionQuality.fresh(project, p.folds))));
  connection.onRequest(protocol.gitMergeStatusRequest, (p) => host.gitMerging?.status(p.root).catch((error) => (log.error('git merging', error), null)) ?? null);
  connection.onRequest(protocol.gitSetupRequest, requests.answerOrRefuse('Setting up git merging', 'fail', (p) => host.gitMerging?.setUp(p.root) ?? desktopOnly('Setting up git merging')));
  connection.onRequest(protocol.replaceTranscriptTextRequest, requests.answerOrRefuse('Replacing the transcript text', 'fail', (p) => replaceTranscriptText(workspace, p.uri, p.file, p.options, new Date().toISOString().slice(0, 10), host.readWord)));
  connection.onRequest(protocol.serverStatusRequest, () => ({ documents: workspace.documentCount(), projects: workspace.projects.size, quoteFiltersMade: priming.done, openDocumentsKeptAsBytes: documents.all().filter((d) => d.keptAsBytes).length, ...host.memory?.() }));
  connection.onRequest(protocol.checkIndexRequest, async () => (await queue.settled(), checkIndexConsistency(workspace)));

  documents.listen(connection);
  connection.listen();
}
