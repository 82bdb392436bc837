// The core reads files only through this interface, so the same core runs in the language
// server, the command line, tests (MemoryFileSystem) and, later, a browser worker.
// Files are named by URI strings (`file:///…`), as LSP names them.

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  uri: string;
  type: FileChangeType;
}

export interface Disposable {
  dispose(): void;
}

export interface WorkspaceFileSystem {
  /** URIs of every file below a folder, recursively (hidden folders and node_modules left out). */
  list(folderUri: string): Promise<string[]>;
  /** The text of a file, decoded as UTF-8 (a leading BOM removed, as editors do). Rejects with an Error whose message says why. */
  read(uri: string): Promise<string>;
  /**
   * The same text with the UTF-8 bytes it was decoded from (a BOM left out), which the core may
   * keep instead of the string once the file is parsed. Optional: `read` is used without it.
   */
  readUtf8?(uri: string): Promise<{ text: string; utf8?: Uint8Array }>;
  /** Calls back on changes below a folder, if the implementation can watch. */
  watch?(folderUri: string, onChange: (changes: FileChange[]) => void): Disposable;
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
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  async readUtf8(uri: string): Promise<{ text: string; utf8: Uint8Array }> {
    const text = await this.read(uri);
    return { text, utf8: new TextEncoder().encode(text) };
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
