// The one way the command line writes files. A file is written whole to a temporary file in its
// target folder, flushed, then renamed over the target: a crash or a kill at any point leaves the
// old file or the new one, never part of one. A file the project reads (a transcript, the
// codebook, informants, a memo) is never replaced by an output, an output only replaces a file of
// its own kind (its extension must match), and only when asked (`--force`). A whole new folder
// (a project imported from REFI-QDA) is built in a staging folder beside its target and renamed
// into place; a staging folder or temporary file left by a killed process is removed by the next
// write into the same folder, and one of this process is removed on Ctrl+C (SIGINT) or SIGTERM.
import { randomBytes } from 'crypto';
import { promises as fs, rmSync } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { fileKind } from '../core/project/projectFiles';

/** What a command writes, and the extensions a file of that kind may have. */
export interface OutputKind {
  /** For messages: "a report", "a REFI-QDA project". */
  name: string;
  extensions: readonly string[];
}

export const outputKinds = {
  report: { name: 'a report', extensions: ['.html', '.htm', '.md', '.docx'] },
  qdpx: { name: 'a REFI-QDA project', extensions: ['.qdpx'] },
  qdc: { name: 'a REFI-QDA codebook', extensions: ['.qdc'] },
} as const satisfies Record<string, OutputKind>;

/** A write that could not be done: one line that says why; nothing was changed. */
export class WriteRefused extends Error {}

/** Names of this module's temporary files and staging folders: `.<name>.qda-<pid>-<random>.tmp|staging`. */
const leftoverPattern = /^\..+\.qda-(\d+)-[0-9a-f]{8}\.(tmp|staging)$/;

function temporaryName(target: string, suffix: 'tmp' | 'staging'): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.qda-${process.pid}-${randomBytes(4).toString('hex')}.${suffix}`);
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the temporary files and staging folders that processes no longer running left in `folder`. Returns their names. */
export async function removeLeftovers(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of entries) {
    const match = leftoverPattern.exec(name);
    if (!match || isAlive(Number(match[1]))) continue;
    await fs.rm(path.join(folder, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

/** Paths to remove if this process is interrupted, and the handlers that do it. */
const pending = new Set<string>();
let handlersInstalled = false;
/** The exit code once a signal came; file operations then finish, and no new one starts. */
let interruptedWith: number | undefined;
/** File operations started and not yet finished: one still running when a signal comes could make a file after the clean-up. */
let inFlight = 0;

function finishInterrupt(): void {
  for (const left of pending) rmSync(left, { recursive: true, force: true });
  process.stderr.write('qda: interrupted; nothing was written\n');
  process.exit(interruptedWith);
}

function removeOnInterrupt(file: string): void {
  pending.add(file);
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      interruptedWith = code;
      if (inFlight === 0) finishInterrupt();
      // Otherwise the last operation to finish cleans up; a stuck one is not waited for long.
      else setTimeout(finishInterrupt, 2000);
    });
  }
}

/** Runs one file operation: none starts after a signal, and the last to end after one cleans up and exits. */
async function operation<T>(run: () => Promise<T>): Promise<T> {
  if (interruptedWith !== undefined) throw new WriteRefused('interrupted');
  inFlight++;
  try {
    return await run();
  } finally {
    inFlight--;
    if (interruptedWith !== undefined && inFlight === 0) finishInterrupt();
  }
}

function readsInProject(target: string): boolean {
  return fileKind(URI.file(path.resolve(target)).toString()) !== 'other';
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/** Writes `content` to a temporary file beside `target`, flushed to disk; returns its path. */
async function writeTemporary(target: string, content: string | Uint8Array): Promise<string> {
  const folder = path.dirname(target);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new WriteRefused(`cannot write ${target}: no such folder`);
  await removeLeftovers(folder);
  const temporary = temporaryName(target, 'tmp');
  removeOnInterrupt(temporary);
  try {
    await operation(async () => {
      const handle = await fs.open(temporary, 'wx');
      try {
        await handle.writeFile(content);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
  } catch (error) {
    await fs.rm(temporary, { force: true });
    pending.delete(temporary);
    throw new WriteRefused(`cannot write ${target}: ${(error as Error).message}`);
  }
  return temporary;
}

/** Writes `content` whole beside `target`, then renames it over `target`. */
async function writeAndRename(target: string, content: string | Uint8Array): Promise<void> {
  const temporary = await writeTemporary(target, content);
  try {
    // The file keeps its mode (git's temporary files for a merge driver, an executable bit).
    const mode = await fs.stat(target).then((stat) => stat.mode & 0o7777, () => undefined);
    if (mode !== undefined) await fs.chmod(temporary, mode);
    await operation(() => fs.rename(temporary, target));
  } finally {
    await fs.rm(temporary, { force: true });
    pending.delete(temporary);
  }
}

/**
 * Writes a command's output (a report, an export): refused over a file the project reads, over a
 * file of another kind, and over an earlier output unless `force`.
 */
export async function writeOutput(target: string, content: string | Uint8Array, kind: OutputKind, options: { force?: boolean } = {}): Promise<void> {
  const extension = path.extname(target).toLowerCase();
  if (readsInProject(target)) throw new WriteRefused(`refused to write ${kind.name} over ${target}: the project reads that file`);
  if (!kind.extensions.includes(extension)) throw new WriteRefused(`refused to write ${kind.name} to ${target}: its name must end in ${kind.extensions.join(', ')}`);
  const stat = await fs.lstat(target).catch(() => undefined);
  if (stat && !stat.isFile()) throw new WriteRefused(`refused to write ${kind.name} over ${target}: it is not a file`);
  if (stat && !options.force) throw new WriteRefused(`${target} exists: --force replaces it`);
  await writeAndRename(target, content);
}

/**
 * Writes a file that must not exist yet (a transcript an import makes). The finished file is
 * linked into place, which fails if the name was taken meanwhile: nothing is ever overwritten.
 */
export async function writeNewFile(target: string, content: string | Uint8Array): Promise<void> {
  if (await exists(target)) throw new WriteRefused(`${target} exists: not replaced`);
  const temporary = await writeTemporary(target, content);
  try {
    await operation(() => fs.link(temporary, target));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new WriteRefused(`${target} exists: not replaced`);
    // A file system without hard links: the name was free a moment ago.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP') {
      if (await exists(target)) throw new WriteRefused(`${target} exists: not replaced`);
      await operation(() => fs.rename(temporary, target));
    } else throw new WriteRefused(`cannot write ${target}: ${(error as Error).message}`);
  } finally {
    await fs.rm(temporary, { force: true });
    pending.delete(temporary);
  }
}

/**
 * Replaces a file the project reads, when the command's whole purpose is to change it (the
 * interview import adds speakers to informants.yaml): written whole, then renamed, so a reader
 * sees the old text or the new, never a part.
 */
export async function replaceProjectFile(target: string, content: string | Uint8Array): Promise<void> {
  await writeAndRename(target, content);
}

/**
 * A new folder built beside its target and moved into place whole: until `commit`, the target
 * does not exist (or stays the empty folder it was); an interrupted build leaves nothing there.
 */
export class StagingFolder {
  private constructor(
    readonly target: string,
    readonly path: string,
  ) {}

  /** `target` must not exist, or be an empty folder (which the commit replaces). */
  static async create(target: string): Promise<StagingFolder> {
    const resolved = path.resolve(target);
    const parent = path.dirname(resolved);
    await fs.mkdir(parent, { recursive: true }).catch((error: Error) => {
      throw new WriteRefused(`cannot write ${target}: ${error.message}`);
    });
    await removeLeftovers(parent);
    const staging = temporaryName(resolved, 'staging');
    removeOnInterrupt(staging);
    await operation(() => fs.mkdir(staging));
    return new StagingFolder(resolved, staging);
  }

  /** Writes a file at a relative path (`/`-separated) inside the staging folder; never outside it. */
  async write(relative: string, content: string | Uint8Array): Promise<void> {
    const destination = path.join(this.path, ...relative.split('/'));
    if (!destination.startsWith(this.path + path.sep)) throw new WriteRefused(`refused to write ${relative} outside the folder`);
    await operation(async () => {
      await fs.mkdir(path.dirname(destination), { recursive: true });
      await fs.writeFile(destination, content, { flag: 'wx' });
    });
  }

  /** Moves the finished folder into place. */
  async commit(): Promise<void> {
    const existing = await fs.readdir(this.target).catch(() => undefined);
    if (existing && existing.length > 0) throw new WriteRefused(`cannot write ${this.target}: it is not empty`);
    await operation(async () => {
      if (existing) await fs.rmdir(this.target);
      await fs.rename(this.path, this.target);
      pending.delete(this.path);
    });
  }

  async discard(): Promise<void> {
    await fs.rm(this.path, { recursive: true, force: true });
    pending.delete(this.path);
  }
}
