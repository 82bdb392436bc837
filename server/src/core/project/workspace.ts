// The workspace: every project (a folder with codebook.yaml) under the open folders, and the
// transcripts that belong to each, kept up to date one file at a time. A transcript belongs to
// the nearest project above it; one outside every project is kept apart and diagnosed.
import { URI, Utils } from 'vscode-uri';
import { emptyCodebook, parseCodebook, type Codebook } from '../model/codebook';
import type { Diagnostic } from '../model/diagnostic';
import { readAhead, readOutcome, textString, type FileChange, type FileText, type ReadOutcome, type WorkspaceFileSystem } from './fileSystem';
import { emptyInformantTable, parseInformants, type InformantTable } from '../model/informants';
import { LiveCodeStats, type CodeStats } from './liveCodeStats';
import { parseMemoFile, type MemoFile } from '../model/memoFile';
import { codebookFileName, fileKind, folderOf, informantsFileName, nearestProjectRoot, type FileKind } from './projectFiles';
import { ProjectIndex, type IndexedDocument } from './projectIndex';
import type { PreparedText } from '../text/preparedText';
import type { FileBytes } from '../text/sourceText';
import type { ParsedTranscript } from '../model/transcript';
import { parseTranscript } from '../model/transcriptParser';

export class Project {
  /** The codebook in use: with a YAML syntax error in the file, the last good one stays. */
  codebook: Codebook = emptyCodebook();
  /** Problems of the codebook file as it is now. */
  codebookProblems: Diagnostic[] = [];
  /** The codebook file's text as it is now (quick fixes edit it). */
  codebookText = '';
  informants: InformantTable = emptyInformantTable();
  hasInformantsFile = false;
  readonly index: ProjectIndex;
  /** The memo files of the project's `memos/` folder (kept by the workspace, which assigns them). */
  readonly memoFiles = new Map<string, MemoFile>();
  /** Counted on first use, then kept up to date by the index; counted again for a new codebook. */
  private liveStats: LiveCodeStats | undefined;
  constructor(readonly root: string) {
    this.index = new ProjectIndex(this.informants);
  }

  get codebookUri(): string {
    return Utils.joinPath(URI.parse(this.root), codebookFileName).toString();
  }

  get informantsUri(): string {
    return Utils.joinPath(URI.parse(this.root), informantsFileName).toString();
  }

  /** A file's path in the project (`transcripts/sr.transcript.md`), as the analyses and exports name it. */
  pathOf(uri: string): string {
    const root = `${this.root}/`;
    return uri.startsWith(root) ? decodeURIComponent(uri.slice(root.length)) : uri;
  }

  /** The project's own files: codebook, informants (if any), transcripts. */
  files(): string[] {
    return [this.codebookUri, ...(this.hasInformantsFile ? [this.informantsUri] : []), ...this.index.documents.keys(), ...this.memoFiles.keys()];
  }

  setCodebookText(text: string): void {
    this.codebookText = text;
    const parsed = parseCodebook(text);
    this.codebookProblems = parsed.problems;
    if (!parsed.hasSyntaxErrors || this.codebook.codes.size === 0) {
      this.codebook = parsed;
      this.liveStats?.dispose();
      this.liveStats = undefined;
    }
  }

  /** Codings of a code and its sub-codes, and the informants who carry them, as the project is now. */
  codeStats(path: string): CodeStats {
    return (this.liveStats ??= new LiveCodeStats(this.index, this.codebook)).stats(path);
  }

  /**
   * Informants of informants.yaml and those the transcripts name that it does not list: what a
   * code's carriers (`codeStats`, which counts both) are a share of.
   */
  informantTotal(): number {
    return this.informants.informants.size + this.index.unlistedInformantsInData;
  }

  setInformantsText(text: string | undefined): void {
    this.hasInformantsFile = text !== undefined;
    const table = text === undefined ? emptyInformantTable() : parseInformants(text);
    if (text !== undefined && table.hasSyntaxErrors && this.informants.informants.size > 0) {
      this.informants = { ...this.informants, problems: table.problems, hasSyntaxErrors: true };
    } else this.informants = table;
    this.index.setInformants(this.informants);
  }
}

/** A file the workspace could not read: reported as a diagnostic on the file. */
export interface UnreadableFile {
  uri: string;
  message: string;
}

export class QdaWorkspace {
  readonly projects = new Map<string, Project>();
  /** Transcripts outside every project. */
  readonly looseDocuments = new Map<string, ParsedTranscript>();
  readonly unreadable = new Map<string, UnreadableFile>();
  /** Every memo file read, in a project or not (yet): each project holds its own (`assignMemos`). */
  private readonly memoFiles = new Map<string, MemoFile>();
  /** Latest text of each informants.yaml, also those without a codebook beside them (yet). */
  private readonly informantTexts = new Map<string, string>();
  private readonly folders = new Set<string>();

  /**
   * With `keepTranscriptTexts: false`, a transcript read from the file system keeps its parse and
   * its length, not its text (`SourceText.release`): for a command that only counts and reports
   * positions (`qda check`, `qda stats`), whose memory is then the index's rather than the corpus's.
   */
  constructor(
    readonly fs: WorkspaceFileSystem,
    private readonly options: {
      keepTranscriptTexts?: boolean;
      /** Called before a transcript read from the file system in its compact form (a long one) is parsed, with its length (the server collects garbage there). */
      beforeLongParse?: (length: number) => void;
    } = {},
  ) {}

  /**
   * Whether a long transcript read from a file that can be read again keeps only its table, its
   * bytes read from the file where needed (`SourceText.keepOnDisk`). Only where the workspace
   * hears of every change to its files (the server, when the editor watches them): a file
   * changed unheard of could no longer be read. Off by default (the command line, a coder's copy).
   */
  keepsLongTextsOnDisk = false;

  /** Where the making of quote filters got to (`primeQuoteFilters`). */
  private primingPass: Iterator<{ index: ProjectIndex; doc: IndexedDocument }> | undefined;

  /** Transcripts in every project (those outside projects not counted). */
  documentCount(): number {
    let count = 0;
    for (const project of this.projects.values()) count += project.index.documents.size;
    return count;
  }

  /**
   * Makes the quote filters of the documents that have none (what the first search for a word
   * would make for every document it reaches: 1.3 s on the 10,000-transcript benchmark), asking
   * `goOn` after each document made whether to go on. A document longer than `maxLength` (UTF-16
   * units) is left to the search that needs it: its filters are made in one go, and a 50 MB one
   * takes 140 ms. Calls until one says `done` make one pass over the documents, each call going on
   * where the last stopped (documents added meanwhile included); the next call starts another.
   * Gives the number made, and whether the pass is over.
   */
  primeQuoteFilters(goOn: () => boolean, maxLength = Number.MAX_SAFE_INTEGER): { made: number; done: boolean } {
    this.primingPass ??= this.everyIndexedDocument();
    let made = 0;
    for (let next = this.primingPass.next(); !next.done; next = this.primingPass.next()) {
      const { index, doc } = next.value;
      if (doc.parsed.source.length > maxLength || !index.primeQuoteFilters(doc)) continue;
      made++;
      if (!goOn()) return { made, done: false };
    }
    this.primingPass = undefined;
    return { made, done: true };
  }

  /** Every document of every project, read live: a document added or set again meanwhile comes later in the same pass; a project removed is left. */
  private *everyIndexedDocument(): Generator<{ index: ProjectIndex; doc: IndexedDocument }> {
    for (const project of this.projects.values()) {
      for (const doc of project.index.documents.values()) {
        if (this.projects.get(project.root) !== project) break;
        yield { index: project.index, doc };
      }
    }
  }

  /** Projects ordered by their root folder's URI. */
  sortedProjects(): Project[] {
    return [...this.projects.values()].sort((a, b) => (a.root < b.root ? -1 : a.root > b.root ? 1 : 0));
  }

  /** The folders added and not removed, in the order they were added. */
  folderUris(): string[] {
    return [...this.folders];
  }

  /** Every file the workspace knows: those of each project, transcripts outside projects, unreadable files. */
  files(): string[] {
    return [...[...this.projects.values()].flatMap((p) => p.files()), ...this.looseDocuments.keys(), ...this.unreadable.keys()];
  }

  /** Loads every project and transcript below a folder; `onTranscript` counts the transcripts as they are indexed. */
  async addFolder(folderUri: string, onTranscript?: (indexed: number, total: number) => void): Promise<void> {
    this.folders.add(folderUri);
    const uris = await this.fs.list(folderUri);
    const ofKind = (kind: FileKind) => uris.filter((uri) => fileKind(uri) === kind);
    // Transcripts are being read (on a reader thread, where the file system has one) while the
    // projects are made first, so that each transcript is indexed once, in its own project.
    const transcriptUris = ofKind('transcript');
    const transcripts = this.readMany(transcriptUris);
    await this.refreshAll(ofKind('codebook'));
    await this.refreshAll(ofKind('informants'));
    await this.refreshAll(ofKind('memo'));
    const total = transcriptUris.length;
    let indexed = 0;
    for await (const result of transcripts) {
      this.applyRead(result);
      onTranscript?.(++indexed, total);
    }
  }

  /** Reads files again, in order; the file system reads the next ones while each is parsed. */
  private async refreshAll(uris: string[]): Promise<void> {
    for await (const result of this.readMany(uris)) this.applyRead(result);
  }

  private readMany(uris: string[]): AsyncIterable<ReadOutcome> {
    return this.fs.readMany?.(uris) ?? readAhead(this.fs, uris);
  }

  /** Forgets every file below a folder that was closed or removed from the workspace. */
  removeFolder(folderUri: string): void {
    this.folders.delete(folderUri);
    const below = (uri: string) => uri.startsWith(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
    const known = [
      ...this.looseDocuments.keys(),
      ...this.unreadable.keys(),
      ...this.informantTexts.keys(),
      ...this.memoFiles.keys(),
      ...[...this.projects.values()].flatMap((p) => [...p.index.documents.keys(), p.codebookUri]),
    ];
    // Transcripts first, then codebooks, so that no transcript is handed on to a vanishing project.
    for (const uri of known.filter(below).sort((a, b) => Number(fileKind(a) === 'codebook') - Number(fileKind(b) === 'codebook'))) this.deleteFile(uri);
  }

  /** Reads a file again from the file system (deleted when it cannot be found). */
  async refresh(uri: string): Promise<void> {
    if (fileKind(uri) === 'other') return;
    this.applyRead(await readOutcome(this.fs, uri));
  }

  private applyRead(result: ReadOutcome): void {
    const uri = result.uri;
    if (result.text !== undefined) {
      if (typeof result.text !== 'string') this.options.beforeLongParse?.(result.text.length);
      try {
        this.setFile(uri, result.text, result.prepared, result.onDisk);
      } catch (error) {
        // One file that fails is reported on itself; the files read with it are still taken.
        this.deleteFile(uri);
        this.unreadable.set(uri, { uri, message: `cannot take ${uri}: ${(error as Error).message}` });
      }
      return;
    }
    this.deleteFile(uri);
    if (!/no such file/.test(result.error)) this.unreadable.set(uri, { uri, message: result.error });
  }

  /**
   * Files changed on disk, in order. Files created or changed one after another are read together,
   * as a folder is (switching a git branch may change hundreds of transcripts at once).
   */
  async applyChanges(changes: FileChange[]): Promise<void> {
    let toRead: string[] = [];
    for (const change of changes) {
      if (change.type !== 'deleted') {
        if (fileKind(change.uri) !== 'other') toRead.push(change.uri);
        continue;
      }
      await this.refreshAll(toRead);
      toRead = [];
      this.deleteFile(change.uri);
    }
    await this.refreshAll(toRead);
  }

  /**
   * A file's new text, from disk or from an editor. With what the reader prepared, a transcript's
   * text may be kept as the bytes it was decoded from once parsed (half the memory). A long one
   * read in its compact form from a file that can be read again (`onDisk`) keeps not even those:
   * the workspace holds the text of the files open in an editor, not of every file it indexed.
   */
  setFile(uri: string, fileText: FileText, prepared?: PreparedText, onDisk?: FileBytes): void {
    this.unreadable.delete(uri);
    const kind = fileKind(uri);
    if (kind === 'transcript') {
      const parsed = parseTranscript(fileText, prepared);
      if ((prepared || typeof fileText !== 'string') && this.options.keepTranscriptTexts === false) parsed.source.release();
      else if (onDisk && typeof fileText !== 'string' && this.keepsLongTextsOnDisk) parsed.source.keepOnDisk(onDisk);
      this.setTranscript(uri, parsed);
      return;
    }
    if (kind === 'other') return;
    const text = textString(fileText);
    switch (kind) {
      case 'codebook': {
        const root = folderOf(uri);
        let project = this.projects.get(root);
        if (!project) {
          project = new Project(root);
          project.setCodebookText(text);
          project.setInformantsText(this.informantTexts.get(project.informantsUri));
          this.projects.set(root, project);
          this.reassignDocuments();
        } else project.setCodebookText(text);
        break;
      }
      case 'informants': {
        this.informantTexts.set(uri, text);
        this.projects.get(folderOf(uri))?.setInformantsText(text);
        break;
      }
      case 'memo':
        this.memoFiles.set(uri, parseMemoFile(uri, text));
        this.assignMemos();
        break;
      default:
        break;
    }
  }

  deleteFile(uri: string): void {
    this.unreadable.delete(uri);
    switch (fileKind(uri)) {
      case 'transcript':
        this.looseDocuments.delete(uri);
        for (const project of this.projects.values()) project.index.removeDocument(uri);
        break;
      case 'codebook': {
        const project = this.projects.get(folderOf(uri));
        if (!project) break;
        this.projects.delete(project.root);
        for (const [documentUri, doc] of project.index.documents) this.looseDocuments.set(documentUri, doc.parsed);
        this.reassignDocuments();
        break;
      }
      case 'informants':
        this.informantTexts.delete(uri);
        this.projects.get(folderOf(uri))?.setInformantsText(undefined);
        break;
      case 'memo':
        if (this.memoFiles.delete(uri)) this.assignMemos();
        break;
      default:
        break;
    }
  }

  /** Each memo file to the project it stands in (memo files are few: all of them, every time). */
  private assignMemos(): void {
    for (const project of this.projects.values()) project.memoFiles.clear();
    for (const [uri, memo] of this.memoFiles) this.projectFor(uri)?.memoFiles.set(uri, memo);
  }

  /** A memo file, wherever it stands. */
  memoFile(uri: string): MemoFile | undefined {
    return this.memoFiles.get(uri);
  }

  /** The project a file belongs to: the nearest folder above it with a codebook.yaml. */
  projectFor(uri: string): Project | undefined {
    const root = nearestProjectRoot(uri, (folder) => this.projects.has(folder));
    return root === undefined ? undefined : this.projects.get(root);
  }

  /** The parse of a transcript, wherever it belongs. */
  transcript(uri: string): ParsedTranscript | undefined {
    return this.projectFor(uri)?.index.documents.get(uri)?.parsed ?? this.looseDocuments.get(uri);
  }

  private setTranscript(uri: string, parsed: ParsedTranscript): void {
    const project = this.projectFor(uri);
    if (project) {
      this.looseDocuments.delete(uri);
      project.index.setDocument(uri, parsed);
    } else {
      this.looseDocuments.set(uri, parsed);
    }
  }

  /** Projects appeared or vanished: move each transcript to its nearest project, without parsing it again. */
  private reassignDocuments(): void {
    const all: [string, ParsedTranscript][] = [...this.looseDocuments.entries()];
    this.looseDocuments.clear();
    for (const project of this.projects.values()) {
      for (const [uri, doc] of [...project.index.documents.entries()]) {
        if (this.projectFor(uri) !== project) {
          project.index.removeDocument(uri);
          all.push([uri, doc.parsed]);
        }
      }
    }
    for (const [uri, parsed] of all) this.setTranscript(uri, parsed);
    this.assignMemos();
  }
}
