// The core reads files only through this interface, so the same core runs in the language
// server, the command line, tests (MemoryFileSystem) and, later, a browser worker.
// Files are named by URI strings (`file:///…`), as LSP names them.
import type { CompactUtf8 } from '../text/compactUtf8';
import type { FileBytes } from '../text/sourceText';
import { PreparedText } from '../text/preparedText';
import { bomLength } from '../text/text';

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  uri: string;
  type: FileChangeType;
}

/**
 * A file's text: a string, or, for a long text with characters beyond Latin-1, its compact form
 * only (UTF-8 bytes and the table of its non-ASCII characters), which a transcript is parsed from
 * without ever being one string (`parseCompactTranscript`): that string would be 100 MB for 50 MB.
 */
export type FileText = string | CompactUtf8;

const compactDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The string of a file's text (a compact one decoded: for the files that are not transcripts). */
export function textString(text: FileText): string {
  return typeof text === 'string' ? text : compactDecoder.decode(text.utf8);
}

/** A file's text, with what the reader prepared for the parser and for keeping it compactly. */
export interface TextRead {
  text: FileText;
  prepared?: PreparedText;
  /** Where a long text's bytes can be read again, so that the workspace need not keep them (`SourceText.keepOnDisk`). */
  onDisk?: FileBytes;
  error?: undefined;
}

/** One file of `readMany`: its text, or why it could not be read. */
export type ReadOutcome = { uri: string } & (TextRead | { text?: undefined; prepared?: undefined; onDisk?: undefined; error: string });

export interface Disposable {
  dispose(): void;
}

export interface WorkspaceFileSystem {
  /** URIs of every file below a folder, recursively (hidden folders and node_modules left out). */
  list(folderUri: string): Promise<string[]>;
  /** The text of a file, decoded as UTF-8 (a leading BOM removed, as editors do). Rejects with an Error whose message says why. */
  read(uri: string): Promise<string>;
  /**
   * The same text with what the reader prepared (the UTF-8 bytes it was decoded from, which the
   * core may keep instead of the string once the file is parsed). Optional: `read` is used without it.
   */
  readPrepared?(uri: string): Promise<TextRead>;
  /** The bytes of a file as they are (no decoding). Optional: where a caller compares files before decoding them. */
  readBytes?(uri: string): Promise<Uint8Array>;
  /**
   * Reads many files, yielding each in the order given, while the caller works on the ones
   * before. Reading may start as soon as it is called, before anything is taken, so a caller can
   * do other work meanwhile. Optional: `readAhead` over `readPrepared` or `read` is used without it.
   */
  readMany?(uris: string[]): AsyncIterable<ReadOutcome>;
  /** Calls back on changes below a folder, if the implementation can watch. */
  watch?(folderUri: string, onChange: (changes: FileChange[]) => void): Disposable;
}

/** Reads one file; never rejects: the outcome says why a file could not be read. */
export async function readOutcome(fs: WorkspaceFileSystem, uri: string): Promise<ReadOutcome> {
  try {
    return { uri, ...(fs.readPrepared ? await fs.readPrepared(uri) : { text: await fs.read(uri) }) };
  } catch (error) {
    return { uri, error: (error as Error).message };
  }
}

/** Reads files in order, `ahead` of the one the caller is working on, so the disk works meanwhile. */
export async function* readAhead(fs: WorkspaceFileSystem, uris: string[], ahead = 16): AsyncIterable<ReadOutcome> {
  const read = (uri: string) => readOutcome(fs, uri);
  const reads: (Promise<ReadOutcome> | undefined)[] = [];
  for (let i = 0; i < Math.min(ahead, uris.length); i++) reads[i] = read(uris[i]);
  for (let i = 0; i < uris.length; i++) {
    const result = await reads[i]!;
    reads[i] = undefined;
    if (i + ahead < uris.length) reads[i + ahead] = read(uris[i + ahead]);
    yield result;
  }
}

/** A file system held in memory: for tests, and for hosts without a disk. */
export class MemoryFileSystem implements WorkspaceFileSystem {
  private readonly files = new Map<string, string>();
  private readonly watchers = new Set<{ folder: string; onChange: (changes: FileChange[]) => void }>();

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.files.set(uri, text);
  }

  async list(folderUri: string): Promise<string[]> {
    const prefix = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return [...this.files.keys()].filter((uri) => uri.startsWith(prefix)).sort();
  }

  async read(uri: string): Promise<string> {
    const text = this.files.get(uri);
    if (text === undefined) throw new Error(`File not found: ${uri}`);
    return text.slice(bomLength(text));
  }

  async readPrepared(uri: string): Promise<TextRead> {
    const text = await this.read(uri);
    return { text, prepared: PreparedText.fromUtf8(new TextEncoder().encode(text)) };
  }

  watch(folderUri: string, onChange: (changes: FileChange[]) => void): Disposable {
    const watcher = { folder: folderUri.endsWith('/') ? folderUri : `${folderUri}/`, onChange };
    this.watchers.add(watcher);
    return { dispose: () => this.watchers.delete(watcher) };
  }

  write(uri: string, text: string): void {
    const type: FileChangeType = this.files.has(uri) ? 'changed' : 'created';
    this.files.set(uri, text);
    this.notify({ uri, type });
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.notify({ uri, type: 'deleted' });
  }

  private notify(change: FileChange): void {
    for (const watcher of this.watchers) if (change.uri.startsWith(watcher.folder)) watcher.onChange([change]);
  }
}
