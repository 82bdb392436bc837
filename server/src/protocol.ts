// The custom requests and notifications between the VS Code client (and the tests) and the
// language server, each defined once with its parameters and its result. The server registers
// handlers for these objects and the client sends them: a renamed field or method fails to
// compile on both sides instead of failing at run time. No `qda/…` method string is written
// anywhere else.
//
// Only types are imported from the core and the language service: this module adds nothing of
// them to the client's bundle.
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-types';
import type { BranchesOf, CodeTree, ProjectStats, QuoteBranch, QuoteLeaf, TreeBranch } from './core/analyses/codeTree';
import type { TreeFilter } from './core/analyses/treeFilter';
import type { AgreementUnit } from './core/analyses/agreement';
import type { AnalysisFilter } from './core/analyses/analysisScope';
import type { ConsistencyReport } from './core/analyses/consistency';
import type { Cooccurrence, Within } from './core/analyses/cooccurrence';
import type { CellCoding, Matrix, MatrixCount } from './core/analyses/matrix';
import type { ImportedCodebook } from './core/exchange/refiImport';
import type { SegmentResult } from './core/analyses/segments';
import type { TriangulationRow } from './core/analyses/triangulation';
import type { CoderSource } from './node/coders';
import type { ComparisonReport } from './node/compareCoding';
import type { Position, Range } from './core/text/text';
import type { CodeChoice, DocumentInfo } from './languageService/documentInfo';
import type { CodebookChange } from './languageService/restructureCodes';
import type { CodingStripes } from './languageService/codingStripes';
import type { RecordingTimeline } from './languageService/recordingTimeline';
import type { ImportedProject } from './core/exchange/refiProjectImport';
import type { InterviewImportOptions, ImportedInterviewFile } from './core/exchange/interviewImport';
import type { MemoEntry } from './core/analyses/memos';
import type { CodedQuote, Direction, QuoteKind } from './languageService/quoteNavigation';
import type { QuoteSuggestions } from './core/analyses/suggestions';
import type { SuggestionQualityTable } from './languageService/suggestionActions';
import type { ReplacedTranscriptText } from './languageService/replaceTranscriptText';
import type { GitMergeStatus } from './node/gitMergeSetup';

export type { BranchesOf, CodeBranch, CodeNode, CodeTree, InformantBranch, InformantSummary, NotCodedBranch, ProjectStats, QuoteBranch, QuoteLeaf, TreeBranch, UntaggedBranch } from './core/analyses/codeTree';
export type { TreeFilter } from './core/analyses/treeFilter';
export type { AgreementReport, AgreementUnit, Disagreement, Measure, PairMeasure } from './core/analyses/agreement';
export type { AnalysisFilter } from './core/analyses/analysisScope';
export type { ConflictedFile } from './core/analyses/mergeConflicts';
export type { ConsistencyReport } from './core/analyses/consistency';
export type { Cooccurrence, Within } from './core/analyses/cooccurrence';
export type { CellCoding, Matrix, MatrixAxis, MatrixCount } from './core/analyses/matrix';
export type { SegmentResult } from './core/analyses/segments';
export type { TriangulationRow } from './core/analyses/triangulation';
export type { CoderSource } from './node/coders';
export type { ComparisonReport } from './node/compareCoding';
export type { Position, Range } from './core/text/text';
export type { CodeChoice, DocumentInfo } from './languageService/documentInfo';
export type { CodebookChange } from './languageService/restructureCodes';
export type { CodingStripe, CodingStripes } from './languageService/codingStripes';
export type { RecordingTimeline, TimedTurn } from './languageService/recordingTimeline';
export type { ImportedProject, ImportedProjectFile } from './core/exchange/refiProjectImport';
export type { InterviewImportOptions, ImportedInterviewFile } from './core/exchange/interviewImport';
export type { MemoEntry } from './core/analyses/memos';
export type { CodedQuote, Direction, QuoteKind } from './languageService/quoteNavigation';
export type { CodeSuggestion, Passage, QuoteSuggestions } from './core/analyses/suggestions';
export type { CodeQuality } from './core/analyses/suggestionQuality';
export type { SuggestionQualityTable } from './languageService/suggestionActions';
export type { ReplacedTranscriptText } from './languageService/replaceTranscriptText';
export type { GitMergeStatus } from './node/gitMergeSetup';
export type { NotPlacedCoding } from './core/model/transcriptMerge';
export type { SpeakerLabel } from './core/exchange/interviewImport';

// ---- the Themes and Informants views -------------------------------------------------------------

export interface TreeParams {
  filter?: TreeFilter;
  /** The full tree, quotes included (the command line's `qda tree`); the views ask for the outline. */
  quotes?: boolean;
  /** How many informants the outline lists of each project, by root folder URI, rounded up to pages of 500: 500 unless more are asked for (the Informants view's "More informants…"). */
  informants?: Record<string, number>;
}

/** Every project's outline: themes → codes with counts, informants, untagged quotes. */
export const treeRequest = new RequestType<TreeParams | undefined, { projects: CodeTree[] }, void>('qda/tree');

export interface TreeBranchesParams {
  /** The project, by its root folder's URI. */
  root: string;
  filter?: TreeFilter;
  of: BranchesOf;
}

/** The next level of a code, an informant, the untagged quotes or a theme's "not coded"; empty for a project that is gone. */
export const treeBranchesRequest = new RequestType<TreeBranchesParams, TreeBranch[], void>('qda/treeBranches');

export interface TreeQuotesParams {
  root: string;
  filter?: TreeFilter;
  branch: QuoteBranch;
}

/** The quotes of one branch of the tree; empty for a project that is gone. */
export const treeQuotesRequest = new RequestType<TreeQuotesParams, QuoteLeaf[], void>('qda/treeQuotes');

/** Sent (debounced) after any change that may change the trees' counts. */
export const didChangeTreeNotification = new NotificationType<Record<string, never>>('qda/didChangeTree');

// ---- counts ---------------------------------------------------------------------------------------

/** `qda stats` for every project: counts per informant and per code. */
export const statsRequest = new RequestType0<{ projects: ProjectStats[] }, void>('qda/stats');

// ---- one document ----------------------------------------------------------------------------------

export interface DocumentParams {
  uri: string;
}

/** The codebook's codes for the "Code selection…" pick. */
export const codesRequest = new RequestType<DocumentParams, CodeChoice[], void>('qda/codes');

/** Coding progress (status bar) and each tag's colour (decorations); null outside a project. */
export const documentInfoRequest = new RequestType<DocumentParams, DocumentInfo | null, void>('qda/documentInfo');

export interface CodeSelectionParams {
  uri: string;
  /** The selection; an empty one codes the turn under the cursor. */
  range: Range;
  codes: string[];
}

/** The edit that codes a selection; an error whose message says why a selection cannot be coded. */
export const codeSelectionRequest = new RequestType<CodeSelectionParams, WorkspaceEdit, void>('qda/codeSelection');

// ---- moving between quotes --------------------------------------------------------------------------

export interface NextQuoteParams {
  uri: string;
  position: Position;
  direction: Direction;
  kind: QuoteKind;
}

/** The next (or previous) coded or untagged quote in the same file; null at the end. */
export const nextQuoteRequest = new RequestType<NextQuoteParams, Location | null, void>('qda/nextQuote');

export interface NextSameCodeParams {
  uri: string;
  position: Position;
  direction: Direction;
}

/** The next (or previous) coding of the code at the cursor, across the project's files, wrapping around. */
export const nextSameCodeRequest = new RequestType<NextSameCodeParams, (Location & { code: string }) | null, void>('qda/nextSameCode');

export interface PositionParams {
  uri: string;
  position: Position;
}

/** The codes applying at a position (to reveal them in the Themes view). */
export const codesAtRequest = new RequestType<PositionParams, { code: string; range: Range }[], void>('qda/codesAt');

export interface QuotesOfCodeParams {
  /** A file of the project (the first project when it belongs to none). */
  uri: string;
  path: string;
}

/** Every coding of a code and its sub-codes, for "Show quotes for code…". */
export const quotesOfCodeRequest = new RequestType<QuotesOfCodeParams, CodedQuote[], void>('qda/quotesOfCode');

// ---- display: matrices, co-occurrence, triangulation (the Analysis view) -------------------------

export interface MatrixParams {
  /** The project, by its root folder's URI. */
  root: string;
  rows: 'codes' | 'informants';
  /** `codes`, `informants`, or an informant or document attribute (`role`, `source`, `informant.KEY`, `document.KEY`). */
  columns: string;
  count: MatrixCount;
  filter?: AnalysisFilter;
}

/** A matrix of one project; null for a project that is gone. */
export const matrixRequest = new RequestType<MatrixParams, Matrix | null, void>('qda/matrix');

export interface CooccurrenceParams {
  root: string;
  within?: Within;
  filter?: AnalysisFilter;
}

/** Code by code: the quotes holding both; null for a project that is gone. */
export const cooccurrenceRequest = new RequestType<CooccurrenceParams, Cooccurrence | null, void>('qda/cooccurrence');

/** The kinds of evidence each code stands on; empty for a project that is gone. */
export const triangulationRequest = new RequestType<{ root: string; filter?: AnalysisFilter }, TriangulationRow[], void>('qda/triangulation');

export interface SegmentsParams {
  root: string;
  /** An expression of codes: `trust AND price`, `engagement AND NOT price`. */
  expression: string;
  overlap?: boolean;
  text?: string;
  filter?: AnalysisFilter;
}

/** The codings of the quotes matching an expression; an error says what is wrong with the expression. */
export const segmentsRequest = new RequestType<SegmentsParams, SegmentResult[], void>('qda/segments');

/** The codings behind one cell of a matrix. */
export const matrixCellRequest = new RequestType<MatrixParams & { row: string; column: string }, CellCoding[], void>('qda/matrixCell');

/** The quotes behind one cell of the co-occurrence matrix. */
export const cooccurrenceCellRequest = new RequestType<CooccurrenceParams & { row: string; column: string }, CellCoding[], void>('qda/cooccurrenceCell');

/** The study report as one self-contained HTML page. */
export const reportRequest = new RequestType<{ root: string; title?: string }, string, void>('qda/report');

/** The project in the REFI-QDA standard: a `.qdpx` (zip) or a `.qdc` (XML), base64-encoded. */
export const refiExportRequest = new RequestType<{ root: string; kind: 'qdpx' | 'qdc'; name: string }, string, void>('qda/refiExport');

/** A REFI-QDA file's codebook (`.qdc`, or a `.qdpx`'s), sent as base64, as codebook.yaml text; refused with the reason. */
export const refiImportRequest = new RequestType<{ base64: string; fileName: string }, ImportedCodebook, void>('qda/refiImport');

/** A whole REFI-QDA project (`.qdpx`, base64) as the files of a new project folder; refused with the reason. */
export const refiProjectImportRequest = new RequestType<{ base64: string; fileName: string }, ImportedProject, void>('qda/refiProjectImport');

/** The attributes a matrix's columns can take: the informants' and the documents'. */
export const matrixChoicesRequest = new RequestType<{ root: string }, { informantAttributes: string[]; documentAttributes: string[] } | null, void>('qda/matrixChoices');

// ---- inter-coder agreement ("Compare coding with…") ------------------------------------------------

export interface ProjectParams {
  /** The project, by its root folder's URI. */
  root: string;
}

/** Folders beside the project that hold a copy of it, and the branches and tags of its repository. */
export const coderCandidatesRequest = new RequestType<ProjectParams, { folders: string[]; revisions: string[] }, void>('qda/coderCandidates');

export interface CompareCodingParams extends ProjectParams {
  /** The other coder: a folder, or a revision of the repository (its folder is the project's). */
  source: CoderSource;
  unit: AgreementUnit;
}

/** The project as the editor has it against the other coder's copy; an error says why it could not be loaded. */
export const compareCodingRequest = new RequestType<CompareCodingParams, ComparisonReport, void>('qda/compareCoding');

export interface CoderFileParams extends ProjectParams {
  /** The transcript's path in the project. */
  path: string;
}

/** The other coder's text of a transcript (of the last comparison), for the diff editor; null where there is none. */
export const otherCoderTextRequest = new RequestType<CoderFileParams, string | null, void>('qda/otherCoderText');

export interface AdoptCodingParams extends CoderFileParams {
  /** The quote's turn, as the disagreement gives it. */
  turn: number;
}

/** The edit that gives one's own quote the other coder's coding; an error says why it cannot. */
export const adoptCodingRequest = new RequestType<AdoptCodingParams, WorkspaceEdit, void>('qda/adoptCoding');

// ---- the server itself ------------------------------------------------------------------------------

export interface ServerStatus {
  documents: number;
  projects: number;
  /**
   * The quote filters (for searches of words) of every document up to a million characters are
   * made, and no edit since has forgotten any (they are made again a second after edits pause).
   */
  quoteFiltersMade?: boolean;
  /** Open documents kept as UTF-8 bytes rather than strings (long ones: lsp/openDocument.ts). */
  openDocumentsKeptAsBytes?: number;
  /** The process's peak and current resident memory, in MiB (not known in a browser worker). */
  peakRssMB?: number;
  rssMB?: number;
}

/** What the server holds and its memory (the benchmark reads it). */
export const serverStatusRequest = new RequestType0<ServerStatus, void>('qda/serverStatus');

/** Compares the live index with one rebuilt from the files (tests and `qda.debug.checkIndexConsistency`). */
export const checkIndexRequest = new RequestType0<ConsistencyReport, void>('qda/checkIndex');

// ---- the files, where the server cannot read them (a browser worker) -----------------------------
// Sent by the server to the client, which reads through the editor's file system (`workspace.fs`):
// local folders in vscode.dev, the repository in github.dev.

export interface ListFilesParams {
  /** A folder's URI. */
  folder: string;
}

/** The URIs of the project files below a folder (transcripts, codebooks, informants), sorted. */
export const listFilesRequest = new RequestType<ListFilesParams, string[], void>('qda/listFiles');

export interface ReadFilesParams {
  uris: string[];
}

/** One file read by the client: its text (UTF-8, a BOM removed), or why it could not be read. */
export type FileRead = { text: string } | { error: string };

/** The texts of some files, in the order asked. */
export const readFilesRequest = new RequestType<ReadFilesParams, FileRead[], void>('qda/readFiles');

// ---- restructuring the codebook -------------------------------------------------------------------

export interface MergeCodeParams {
  /** The project's root folder URI. */
  root: string;
  /** The code merged away. */
  path: string;
  /** The code that takes its tags. */
  into: string;
}

/** "Merge code into…": the edit and what it did; an error says why it cannot. */
export const mergeCodeRequest = new RequestType<MergeCodeParams, CodebookChange, void>('qda/mergeCode');

export interface MoveCodeParams {
  root: string;
  path: string;
  /** The new parent code or theme; '' for the top level (the code becomes a theme). */
  parent: string;
}

/** "Move code to theme…": the edit and what it did; an error says why it cannot. */
export const moveCodeRequest = new RequestType<MoveCodeParams, CodebookChange, void>('qda/moveCode');

// ---- coding stripes ------------------------------------------------------------------------------

export interface CodingStripesParams {
  uri: string;
}

/** The coding stripes of a transcript (null for any other file). */
export const codingStripesRequest = new RequestType<CodingStripesParams, CodingStripes | null, void>('qda/codingStripes');

// ---- memos ---------------------------------------------------------------------------------------

export interface ProjectMemos {
  root: string;
  memos: MemoEntry[];
}

/** Every memo of every project (the Memos view). */
export const memosRequest = new RequestType0<ProjectMemos[], void>('qda/memos');

export interface CodeAtParams {
  uri: string;
  position: Position;
}

/** The code written at a position (a tag, a codebook key, a `#code` in a memo file), with its project; null elsewhere. */
export const codeAtRequest = new RequestType<CodeAtParams, { code: string; root: string } | null, void>('qda/codeAt');

/** A transcript's recording (`media:`, resolved) and its timed turns, for the player. */
export const recordingTimelineRequest = new RequestType<{ uri: string }, RecordingTimeline | null, void>('qda/recordingTimeline');

/**
 * Transcription files (Zoom, Teams, Whisper, Otter, oTranscribe, Word, text), sent as base64, as
 * transcripts; the client writes them. Each file is imported or says why not.
 */
export const importInterviewsRequest = new RequestType<{ files: { name: string; base64: string }[]; options: InterviewImportOptions }, ImportedInterviewFile[], void>('qda/importInterviews');

// ---- code suggestions (docs/suggestions.md) ------------------------------------------------------

/** Code suggestions for each untagged quote of a transcript, learned from its project; empty for any other file. */
export const suggestionsRequest = new RequestType<{ uri: string }, QuoteSuggestions[], void>('qda/suggestions');

/** How often the suggestions agree with the researcher, code by code (cross-validated); null for a project that is gone. */
export const suggestionQualityRequest = new RequestType<{ root: string; folds?: number }, SuggestionQualityTable | null, void>('qda/suggestionQuality');
// ---- a team on git: branches merged by meaning, a corrected transcript -------------------------------

/**
 * Whether git merges a project's files by meaning: the `.gitattributes` lines it lacks and the state
 * of its `merge.qda.driver`. Null outside a git repository, where git cannot run, or in a browser.
 */
export const gitMergeStatusRequest = new RequestType<ProjectParams, GitMergeStatus | null, void>('qda/gitMergeStatus');

/**
 * "Set up git merging for this project" (`qda git setup` with the extension's own bundled driver):
 * the changes made, one line each (none: everything was set up); an error says why it cannot.
 */
export const gitSetupRequest = new RequestType<ProjectParams, { changes: string[] }, void>('qda/gitSetup');

export interface ReplaceTranscriptTextParams {
  /** The coded transcript. */
  uri: string;
  /** The new transcription: a file of any format the interview import reads, base64-encoded. */
  file: { name: string; base64: string };
  /** The speakers' labels (`speakers`: name → label); the rest is not used. */
  options: InterviewImportOptions;
}

/** "Replace transcript text, keeping codings…": the edit and what it carried; an error says why not (nothing changes). */
export const replaceTranscriptTextRequest = new RequestType<ReplaceTranscriptTextParams, ReplacedTranscriptText, void>('qda/replaceTranscriptText');
