// Whether git merges a project's files by meaning, and setting it up: the `.gitattributes` lines
// that send transcripts, codebook.yaml and informants.yaml to the `qda` merge driver, and the
// repository's own `merge.qda.driver` (git runs drivers from a shell, from anywhere: absolute
// paths). Shared by `qda git setup` (its driver: the `qda` that ran it) and the editor's command
// "Set up git merging for this project" (its driver: the extension's bundled dist/qda-merge.js),
// which the language server on Node runs.
import { execFile } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { URI } from 'vscode-uri';
import type { Refusable } from '../languageService/refusable';
import { codebookFileName, informantsFileName, transcriptSuffix } from '../core/project/projectFiles';
import { isFile } from './projectRoot';
import { replaceProjectFile } from './safeWriter';

const run = promisify(execFile);

export const attributeLines = [`*${transcriptSuffix} merge=qda`, `${codebookFileName} merge=qda`, `${informantsFileName} merge=qda`];
/** A file each line of `attributeLines` is for, which `git check-attr` is asked about. */
const attributeProbes = [`probe${transcriptSuffix}`, codebookFileName, informantsFileName];
export const driverName = 'QDA Workbench: transcripts, codebook.yaml and informants.yaml merged by meaning';

/** A path as git's shell (sh, also git for Windows') reads it. */
export function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The words of a command line as `shellQuote` writes them: bare words, '…' quoting, and \' between quotes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const match of command.matchAll(/(?:[^\s'\\]+|'[^']*'|\\.)+/g)) words.push(match[0].replace(/'([^']*)'|\\(.)/g, (_, quoted: string | undefined, escaped: string | undefined) => quoted ?? escaped ?? ''));
  return words;
}

/**
 * The command that runs this process's JavaScript runtime on `script`, for git's shell: its
 * absolute path; VS Code's own runtime (Electron, which the desktop's extension host and language
 * server run in) runs as Node only with ELECTRON_RUN_AS_NODE set.
 */
export function nodeCommand(script: string, args: string[] = []): string {
  const electron = process.versions.electron !== undefined;
  return [...(electron ? ['ELECTRON_RUN_AS_NODE=1'] : []), shellQuote(process.execPath), shellQuote(script), ...args].join(' ');
}

/** git's placeholders for a driver: base, ours (the result goes there), theirs, the path in the repository. */
export const driverPlaceholders = '%O %A %B %P';

export interface GitMergeState {
  /** The repository's top folder. */
  repository: string;
  /** Lines of `attributeLines` git does not apply to the project's files yet. */
  missingAttributes: string[];
  /** `merge.qda.driver` of the repository: not set, set, or naming a program or script that is gone (an editor or qda moved or updated). */
  driver: 'missing' | 'set' | 'stale';
  /** The driver's command, where set. */
  driverCommand?: string;
}

/** What git uses for the project in `folder`; undefined outside a git repository (or where git cannot run). */
export async function gitMergeState(folder: string): Promise<GitMergeState | undefined> {
  let repository: string;
  try {
    repository = (await run('git', ['-C', folder, 'rev-parse', '--show-toplevel'])).stdout.trim();
  } catch {
    return undefined;
  }
  const missingAttributes = await missingAttributeLines(folder);
  const driverCommand = await configValue(repository, 'merge.qda.driver');
  const driver = driverCommand === undefined ? 'missing' : isStale(driverCommand) ? 'stale' : 'set';
  return { repository, missingAttributes, driver, ...(driverCommand !== undefined ? { driverCommand } : {}) };
}

/** Whether git would not run the merge at all: no attributes, or no driver that can run. */
export function needsSetup(state: GitMergeState): boolean {
  return state.missingAttributes.length > 0 || state.driver !== 'set';
}

/** A driver naming an absolute path that no longer exists cannot run. */
function isStale(command: string): boolean {
  return shellWords(command).some((word) => path.isAbsolute(word) && !existsSync(word));
}

/** The lines whose file git does not send to the qda driver (the attributes may come from any .gitattributes above). */
async function missingAttributeLines(folder: string): Promise<string[]> {
  const { stdout } = await run('git', ['-C', folder, 'check-attr', 'merge', '--', ...attributeProbes]);
  const driverOf = new Map(stdout.split('\n').filter(Boolean).map((line) => [line.slice(0, line.indexOf(': merge: ')), line.slice(line.indexOf(': merge: ') + ': merge: '.length)]));
  return attributeLines.filter((_, i) => driverOf.get(attributeProbes[i]) !== 'qda');
}

async function configValue(repository: string, key: string): Promise<string | undefined> {
  return run('git', ['-C', repository, 'config', '--local', '--get', key]).then(
    (r) => r.stdout.replace(/\n$/, ''),
    () => undefined,
  );
}

/** One change `setUpGitMerge` made. */
export type GitMergeChange = { kind: 'attributes'; file: string; added: string[] } | { kind: 'config'; key: string; from?: string; to: string };

/**
 * Adds the missing `.gitattributes` lines in `folder` (the project's) and sets the repository's
 * driver to `driver` (a command ending in git's placeholders); changes only what differs.
 * Undefined outside a git repository.
 */
export async function setUpGitMerge(folder: string, driver: string): Promise<GitMergeChange[] | undefined> {
  const state = await gitMergeState(folder);
  if (!state) return undefined;
  const changes: GitMergeChange[] = [];
  if (state.missingAttributes.length > 0) {
    const attributes = path.join(folder, '.gitattributes');
    const existing = (await isFile(attributes)) ? await fs.readFile(attributes, 'utf8') : undefined;
    // A line written in this file that git does not apply (another rule overrides it) is not written twice.
    const present = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim().replace(/\s+/g, ' ')));
    const missing = state.missingAttributes.filter((line) => !present.has(line));
    if (missing.length > 0) {
      const eol = existing?.includes('\r\n') ? '\r\n' : '\n';
      const prefix = existing === undefined || existing === '' || existing.endsWith('\n') ? '' : eol;
      await replaceProjectFile(attributes, `${existing ?? ''}${prefix}${missing.join(eol)}${eol}`);
      changes.push({ kind: 'attributes', file: attributes, added: missing });
    }
  }
  for (const [key, value] of [
    ['merge.qda.name', driverName],
    ['merge.qda.driver', driver],
  ]) {
    const current = await configValue(state.repository, key);
    if (current === value) continue;
    await run('git', ['-C', state.repository, 'config', '--local', key, value]);
    changes.push({ kind: 'config', key, ...(current !== undefined ? { from: current } : {}), to: value });
  }
  return changes;
}

/** A change as one line, its file named relative to `folder`. */
export function describeGitMergeChange(change: GitMergeChange, folder: string): string {
  if (change.kind === 'attributes') return `${path.relative(folder, change.file) || '.gitattributes'}: added ${change.added.map((m) => `'${m}'`).join(', ')}`;
  return `git config ${change.key}: ${change.from === undefined ? 'set to' : `changed from ${JSON.stringify(change.from)} to`} ${JSON.stringify(change.to)}`;
}

/** What the editor is told about a project: git's state, and whether the setup would change anything. */
export interface GitMergeStatus extends GitMergeState {
  needsSetup: boolean;
}

/**
 * The editor's "Set up git merging for this project", run by the language server on Node for a
 * project by its root URI; the driver is `script` (the extension's dist/qda-merge.js) run by this
 * process's runtime.
 */
export class ProjectGitMerging {
  constructor(private readonly script: string) {}

  async status(root: string): Promise<GitMergeStatus | null> {
    const folder = folderOf(root);
    const state = folder === undefined ? undefined : await gitMergeState(folder);
    return state ? { ...state, needsSetup: needsSetup(state) } : null;
  }

  async setUp(root: string): Promise<Refusable<{ changes: string[] }>> {
    const folder = folderOf(root);
    if (folder === undefined) return { error: 'Git merging can be set up for a project on this computer\'s disk only.' };
    const changes = await setUpGitMerge(folder, nodeCommand(this.script, [driverPlaceholders]));
    if (!changes) return { error: `${folder} is not in a git repository (run 'git init' there first), or git is not installed.` };
    return { ok: { changes: changes.map((change) => describeGitMergeChange(change, folder)) } };
  }
}

function folderOf(root: string): string | undefined {
  const uri = URI.parse(root);
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}
