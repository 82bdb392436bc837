// `qda git setup [folder]` and `qda merge-file BASE OURS THEIRS [PATH]`: git merges transcripts,
// codebook.yaml and informants.yaml by meaning (core/model/transcriptMerge.ts, yamlMerge.ts)
// instead of line by line. Setup writes the `.gitattributes` lines and the repository's own merge
// driver (absolute paths to Node and to this `qda`: git runs drivers from anywhere); git then runs
// `merge-file %O %A %B %P` for each such file both branches changed, which writes the result over
// OURS and exits 0, or 1 when conflicts are left (written with git's markers).
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { parseCodebook } from '../core/model/codebook';
import { notPlacedMemo, notPlacedMemoPath } from '../core/model/notPlacedMemo';
import { mergeTranscripts } from '../core/model/transcriptMerge';
import { mergeYaml } from '../core/model/yamlMerge';
import { codebookFileName, informantsFileName } from '../core/project/projectFiles';
import { describeGitMergeChange, driverPlaceholders, nodeCommand, setUpGitMerge } from '../node/gitMergeSetup';
import { isFile, projectRootAtOrAbove } from '../node/projectRoot';
import { consoleOutput, runCommand, UsageError, type CommandOutput } from './usage';
import { replaceProjectFile } from '../node/safeWriter';

export const gitUsage = `Usage: qda git setup [folder]
       qda merge-file BASE OURS THEIRS [PATH]

git setup    Makes git merge the project's files by meaning: adds to the folder's .gitattributes
             '*.transcript.md merge=qda', 'codebook.yaml merge=qda' and 'informants.yaml merge=qda',
             and sets the repository's merge.qda.driver (absolute paths to Node and this qda) and
             merge.qda.name. Changes only what is missing; prints what it changed.
merge-file   The merge driver git runs (%O %A %B %P): merges BASE, OURS and THEIRS into OURS.
             Exits 0 when merged, 1 when conflicts are left (written with git's markers). Codings
             whose words are gone are kept in the project's memos/not-placed/ (PATH finds it).
`;

/** The `qda` launcher this code runs from: bin/qda.js beside the bundle's dist/. */
function launcher(): string {
  return path.resolve(__dirname, '..', 'bin', 'qda.js');
}

export async function gitSetup(args: string[], output: CommandOutput): Promise<number> {
  const positional = args.filter((a) => !a.startsWith('-'));
  const unknown = args.find((a) => a.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option '${unknown}'`);
  if (positional.length > 1) throw new UsageError('one folder at a time');
  const folder = path.resolve(positional[0] ?? '.');
  const changes = await setUpGitMerge(folder, nodeCommand(launcher(), ['merge-file', driverPlaceholders]));
  if (!changes) {
    output.err(`qda: ${positional[0] ?? '.'} is not in a git repository (git init first)`);
    return 2;
  }
  if (changes.length === 0) output.out(`Nothing to change: git merges ${path.relative(process.cwd(), folder) || '.'} with qda already.`);
  for (const change of changes) output.out(describeGitMergeChange(change, process.cwd()));
  return 0;
}

type FileKind = 'transcript' | 'codebook' | 'informants';

/** What a file is, by its name (git's %P); without one, a transcript. */
function kindOf(name: string): FileKind {
  const base = path.basename(name);
  if (base === codebookFileName) return 'codebook';
  if (base === informantsFileName) return 'informants';
  return 'transcript';
}

export async function mergeFile(args: string[], output: CommandOutput): Promise<number> {
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length < 3 || files.length > 4) throw new UsageError('merge-file needs BASE OURS THEIRS, and the file\'s PATH in the repository (git\'s %O %A %B %P)');
  const [basePath, oursPath, theirsPath, pathInRepository] = files;
  let base: string, ours: string, theirs: string;
  try {
    [base, ours, theirs] = await Promise.all([basePath, oursPath, theirsPath].map((f) => fs.readFile(f, 'utf8')));
  } catch (error) {
    output.err(`qda: ${(error as Error).message}`);
    return 2;
  }
  const name = pathInRepository ?? oursPath;
  const kind = kindOf(name);
  if (kind !== 'transcript') {
    const merged = mergeYaml(base, ours, theirs, kind);
    await replaceProjectFile(oursPath, merged.text);
    for (const note of merged.notes) output.err(`qda: ${note}`);
    output.err(`qda merge-file ${name}: ${merged.conflicts === 0 ? 'merged' : `${merged.conflicts} ${merged.conflicts === 1 ? 'conflict' : 'conflicts'} left (git's markers)`}.`);
    return merged.conflicts === 0 ? 0 : 1;
  }
  const root = pathInRepository ? await projectRootAtOrAbove(path.dirname(path.resolve(pathInRepository))) : undefined;
  const renames = root ? await formerPaths(root) : new Map<string, string>();
  const merged = mergeTranscripts(base, ours, theirs, { renames });
  await replaceProjectFile(oursPath, merged.text);
  for (const note of merged.notes) output.err(`qda: ${note}`);
  let memo = '';
  if (merged.notPlaced.length > 0) {
    const where = root ?? process.cwd();
    const transcriptPath = root && pathInRepository ? path.relative(root, path.resolve(pathInRepository)).split(path.sep).join('/') : path.basename(name);
    const relative = notPlacedMemoPath(transcriptPath);
    const file = path.join(where, ...relative.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    const existing = (await isFile(file)) ? await fs.readFile(file, 'utf8') : undefined;
    await replaceProjectFile(file, notPlacedMemo(existing, transcriptPath, 'Merged with git', new Date().toISOString().slice(0, 10), merged.notPlaced));
    memo = ` (${relative})`;
  }
  output.err(
    `qda merge-file ${name}: ${merged.carried} ${merged.carried === 1 ? 'coding' : 'codings'} carried, ${merged.notPlaced.length} kept in a memo${memo}, ` +
      `${merged.conflicts} ${merged.conflicts === 1 ? 'conflict' : 'conflicts'}.`,
  );
  return merged.conflicts === 0 ? 0 : 1;
}

/**
 * Old code paths and the current ones, from the `formerly:` of the project's codebook as it is in
 * the work tree and in the commits being merged: HEAD, and theirs, which git names to its drivers
 * in GITHEAD_<commit> variables (it writes MERGE_HEAD only after the files are merged). git runs
 * this once for each file it merges: the commits' codebooks come from one git process, and only a
 * codebook that names a former path is parsed.
 */
async function formerPaths(root: string): Promise<Map<string, string>> {
  const texts: string[] = [];
  const file = path.join(root, codebookFileName);
  if (await isFile(file)) texts.push(await fs.readFile(file, 'utf8'));
  const theirs = Object.keys(process.env).filter((name) => /^GITHEAD_[0-9a-f]{7,64}$/.test(name)).map((name) => name.slice('GITHEAD_'.length));
  texts.push(...(await committedFiles(root, ['HEAD', 'MERGE_HEAD', ...theirs].map((revision) => `${revision}:./${codebookFileName}`))));
  const renames = new Map<string, string>();
  const read = new Map<string, Map<string, string>>();
  for (const text of texts) {
    if (!text.includes('formerly')) continue;
    // A codebook with conflict markers still names its renames: the markers are left out to read it.
    let found = read.get(text);
    if (!found) read.set(text, (found = parseCodebook(text.replace(/^(?:<{7}|\|{7}|={7}|>{7}).*$/gm, '')).renames));
    for (const [old, now] of found) renames.set(old, now);
  }
  return renames;
}

/** The files named `revision:path` (relative to `cwd`), read by one `git cat-file --batch`, in order; those that do not exist are left out. */
async function committedFiles(cwd: string, names: string[]): Promise<string[]> {
  const output = await new Promise<Buffer>((resolve) => {
    const git = spawn('git', ['-C', cwd, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    git.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    git.on('error', () => resolve(Buffer.alloc(0)));
    git.on('close', () => resolve(Buffer.concat(chunks)));
    git.stdin.on('error', () => undefined);
    git.stdin.end(names.map((name) => `${name}\n`).join(''));
  });
  // Each answer: `<object> blob <size>` and the contents then a line feed, or `<name> missing`.
  const files: string[] = [];
  for (let at = 0; at < output.length; ) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd < 0) break;
    const header = /^\S+ (\w+) (\d+)$/.exec(output.toString('utf8', at, headerEnd));
    if (!header) {
      at = headerEnd + 1;
      continue;
    }
    const size = Number(header[2]);
    if (header[1] === 'blob') files.push(output.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return files;
}

/**
 * `qda merge-file …` (the arguments after `merge-file`), usage errors included. git runs it once
 * for each file both branches changed: the launcher runs it from a bundle of its own
 * (dist/qda-merge.js), which starts in a fraction of the whole command line's time.
 */
export async function mergeFileMain(args: string[], output: CommandOutput = consoleOutput): Promise<number> {
  return runCommand(args, gitUsage, 'git', mergeFile, output);
}
