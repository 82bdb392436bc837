// The workspace file system on a real disk (Node.js): this file, its reader thread (readerThread.ts,
// readerWorker.ts, textFile.ts) and the command line are the only code that touches `fs`.
import { promises as fs, watch as fsWatch } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { readAhead, readOutcome, textString, type Disposable, type FileChange, type ReadOutcome, type TextRead, type WorkspaceFileSystem } from '../core/project/fileSystem';
import { isSkippedFolder } from '../core/project/projectFiles';
import { PreparedText } from '../core/text/preparedText';
import { ReaderThread } from './readerThread';
import { compactTextFile, decodeTextFileRuns, FileBytesOnDisk, fileStamp, sameStamp, unreadable, utf8BomLength, type FileStamp } from './textFile';

/** Below this many files, starting a reader thread (about 30 ms) costs more than it saves. */
const readerThreadFrom = 64;
/** Files the reader thread may read ahead of the main thread: enough to never wait, few enough to hold little memory. */
const readerAhead = 32;

export interface NodeFileSystemOptions {
  /** `readMany` uses a reader thread from this many files on (default 64). */
  readerThreadFrom?: number;
  /** How many files the reader thread may read ahead of the main thread (default 32). */
  readerAhead?: number;
  /** The reader thread's script (tests give another to see the main thread take over). */
  readerScript?: string;
  /** Told when a reader thread fails; the main thread then reads the remaining files itself. */
  onReaderProblem?: (message: string) => void;
  /**
   * Whether the reader thread makes each text's compact form, which the workspace keeps instead
   * of the text (default true). Without it a workspace that keeps no text (`qda check`) saves the
   * reader that work and a copy of every file's bytes.
   */
  compactTexts?: boolean;
}

export class NodeFileSystem implements WorkspaceFileSystem {
  /** Reader threads started so far (the server says in its log whether one read a folder). */
  readerThreads = 0;

  constructor(private readonly options: NodeFileSystemOptions = {}) {}

  async list(folderUri: string): Promise<string[]> {
    const result: string[] = [];
    const visited = new Set<string>();
    const visit = async (dir: string): Promise<void> => {
      // Following symbolic links to folders is useful, but a link loop must not recurse forever.
      let real: string;
      try {
        real = await fs.realpath(dir);
      } catch {
        return;
      }
      if (visited.has(real)) return;
      visited.add(real);
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (isSkippedFolder(entry.name)) continue;
        const full = path.join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          try {
            const stat = await fs.stat(full);
            isDirectory = stat.isDirectory();
            isFile = stat.isFile();
          } catch {
            continue; // a dangling link
          }
        }
        if (isDirectory) await visit(full);
        else if (isFile) result.push(URI.file(full).toString());
      }
    };
    await visit(URI.parse(folderUri).fsPath);
    return result;
  }

  async read(uri: string): Promise<string> {
    return textString((await this.readPrepared(uri)).text);
  }

  async readBytes(uri: string): Promise<Buffer> {
    const file = URI.parse(uri).fsPath;
    try {
      return await fs.readFile(file);
    } catch (error) {
      throw unreadable(file, error);
    }
  }

  async readPrepared(uri: string): Promise<TextRead> {
    const file = URI.parse(uri).fsPath;
    const { bytes, stamp } = await readStamped(file);
    // A long text beyond Latin-1 is kept as its bytes and never decoded whole (compactTextFile),
    // and once parsed not even as those: they are read again from the file where needed.
    const compact = compactTextFile(bytes, file);
    if (compact) {
      const onDisk = stamp ? new FileBytesOnDisk(file, stamp, utf8BomLength(bytes)) : undefined;
      return { text: compact.compact, prepared: PreparedText.fromReader(compact.compact, compact.scan), onDisk };
    }
    // Decoded as the reader thread decodes: the runs of non-ASCII characters it finds spare two
    // searches of the whole text (for the compact form's table and for astral characters).
    const decoded = decodeTextFileRuns(bytes, file);
    return { text: decoded.text, prepared: PreparedText.fromDecoded(decoded.text, decoded.utf8, decoded.nonAsciiRuns!) };
  }

  /**
   * Many files: on a reader thread, so that reading and decoding take the main thread no time.
   * The thread starts at once, before the results are asked for.
   */
  readMany(uris: string[]): AsyncIterable<ReadOutcome> {
    const threadFrom = this.options.readerThreadFrom ?? readerThreadFrom;
    const files = uris.map((uri) => URI.parse(uri).fsPath);
    const reader = uris.length >= threadFrom ? ReaderThread.start(files, this.options.readerAhead ?? readerAhead, this.options.readerScript, this.options.onReaderProblem, this.options.compactTexts ?? true) : undefined;
    if (!reader) return readAhead(this, uris);
    this.readerThreads++;
    return this.takeFrom(reader, uris);
  }

  private async *takeFrom(reader: ReaderThread, uris: string[]): AsyncIterable<ReadOutcome> {
    try {
      for (let i = 0; i < uris.length; i++) {
        const result = await reader.take(i);
        // A thread that failed leaves the rest to this one.
        if (!result) yield await readOutcome(this, uris[i]);
        else if (result.text === undefined) yield { uri: uris[i], error: result.error };
        else {
          const read: ReadOutcome = { uri: uris[i], text: result.text, prepared: result.scan && PreparedText.fromReader(result.compact, result.scan) };
          if (result.stamp) read.onDisk = new FileBytesOnDisk(URI.parse(uris[i]).fsPath, result.stamp, result.textStart ?? 0);
          yield read;
        }
      }
    } finally {
      reader.stop();
    }
  }

  watch(folderUri: string, onChange: (changes: FileChange[]) => void): Disposable {
    const folder = URI.parse(folderUri).fsPath;
    const watcher = fsWatch(folder, { recursive: true }, (_event, fileName) => {
      if (!fileName) return;
      const full = path.join(folder, fileName.toString());
      fs.stat(full).then(
        () => onChange([{ uri: URI.file(full).toString(), type: 'changed' }]),
        () => onChange([{ uri: URI.file(full).toString(), type: 'deleted' }]),
      );
    });
    watcher.on('error', () => watcher.close());
    return { dispose: () => watcher.close() };
  }
}

/**
 * A file's bytes with its stamp as it was read: taken from the open file before and after the
 * read (the file read, not whatever the path names by then), undefined where it changed meanwhile.
 */
async function readStamped(file: string): Promise<{ bytes: Buffer; stamp: FileStamp | undefined }> {
  try {
    const handle = await fs.open(file, 'r');
    try {
      const before = fileStamp(await handle.stat({ bigint: true }));
      const bytes = await handle.readFile();
      const after = fileStamp(await handle.stat({ bigint: true }));
      return { bytes, stamp: sameStamp(before, after) && before.size === BigInt(bytes.length) ? before : undefined };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(file, error);
  }
}
