// A revision of a git repository as a file system, read through git without a checkout: the
// files below a folder of the repository at that revision (`git ls-tree`), their contents read
// in one `git cat-file --batch`. For `qda agree --git`, where each coder is a branch or commit.
import { execFile, spawn } from 'child_process';
import { promisify } from 'util';
import { URI } from 'vscode-uri';
import type { WorkspaceFileSystem } from '../core/project/fileSystem';
import { decodeUtf8 } from './textFile';

const run = promisify(execFile);

export class GitRevisionFileSystem implements WorkspaceFileSystem {
  private constructor(
    /** The repository's top folder. */
    private readonly top: string,
    readonly revision: string,
    /** The folder inside the repository, with a trailing '/', or '' for the top. */
    private readonly prefix: string,
  ) {}

  /** The revision of the repository that holds `folder`; rejects with git's reason where there is none. */
  static async open(folder: string, revision: string): Promise<GitRevisionFileSystem> {
    const git = (...args: string[]) => run('git', ['-C', folder, ...args], { maxBuffer: 1 << 26 }).then((r) => r.stdout);
    let top: string;
    let prefix: string;
    try {
      top = (await git('rev-parse', '--show-toplevel')).trim();
      prefix = (await git('rev-parse', '--show-prefix')).trim();
    } catch {
      throw new Error(`${folder} is not in a git repository`);
    }
    try {
      await git('rev-parse', '--verify', '--quiet', `${revision}^{commit}`);
    } catch {
      throw new Error(`no revision '${revision}' in the repository at ${top}`);
    }
    return new GitRevisionFileSystem(top, revision, prefix);
  }

  /** The URI of the folder this file system was opened on. */
  get rootUri(): string {
    return this.uriOf('');
  }

  private uriOf(relative: string): string {
    return URI.from({ scheme: 'git', path: `/${encodeURIComponent(this.revision)}/${relative}` }).toString();
  }

  async list(folderUri: string): Promise<string[]> {
    const blobs = await this.listing();
    const under = folderUri.endsWith('/') ? folderUri : `${folderUri}/`;
    return blobs.map((b) => this.uriOf(b.relative)).filter((uri) => uri.startsWith(under) || folderUri === this.rootUri);
  }

  async read(uri: string): Promise<string> {
    return decodeUtf8(await this.readBytes(uri), this.nameOf(uri));
  }

  async readBytes(uri: string): Promise<Buffer> {
    const files = await this.load();
    const bytes = files.get(this.relativeOf(uri));
    if (!bytes) throw new Error(`cannot read ${this.nameOf(uri)}: no such file`);
    return bytes;
  }

  private relativeOf(uri: string): string {
    const path = URI.parse(uri).path;
    return path.slice(path.indexOf('/', 1) + 1);
  }

  /** A file as messages name it: its path at the revision. */
  private nameOf(uri: string): string {
    return `${this.relativeOf(uri)} at ${this.revision}`;
  }

  private blobs: Promise<{ hash: string; relative: string }[]> | undefined;

  /** The files below the folder at the revision, by name (`git ls-tree`), listed once. */
  private listing(): Promise<{ hash: string; relative: string }[]> {
    this.blobs ??= run('git', ['-C', this.top, 'ls-tree', '-r', '-z', '--full-tree', this.revision, '--', this.prefix || '.'], { maxBuffer: 1 << 28 }).then((listing) => {
      const blobs: { hash: string; relative: string }[] = [];
      for (const entry of listing.stdout.split('\0')) {
        const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
        if (match && match[2].startsWith(this.prefix)) blobs.push({ hash: match[1], relative: match[2].slice(this.prefix.length) });
      }
      return blobs;
    });
    return this.blobs;
  }

  private contents: Promise<Map<string, Buffer>> | undefined;

  /** Every file below the folder at the revision, read once, on the first read. */
  private load(): Promise<Map<string, Buffer>> {
    this.contents ??= this.listing().then(async (blobs) => {
      const contents = await catFiles(this.top, blobs.map((b) => b.hash));
      return new Map(blobs.map((b, i) => [b.relative, contents[i]]));
    });
    return this.contents;
  }
}

/** The contents of many blobs through one `git cat-file --batch`, in order. */
function catFiles(top: string, hashes: string[]): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', top, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed (${code})`));
      const all = Buffer.concat(chunks);
      const out: Buffer[] = [];
      let at = 0;
      for (let i = 0; i < hashes.length; i++) {
        const eol = all.indexOf(10, at);
        const header = all.subarray(at, eol).toString('latin1').split(' ');
        const size = Number(header[2]);
        out.push(all.subarray(eol + 1, eol + 1 + size));
        at = eol + 1 + size + 1;
      }
      resolve(out);
    });
    child.stdin.end(hashes.map((h) => `${h}\n`).join(''));
  });
}
