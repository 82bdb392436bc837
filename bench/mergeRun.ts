// The benchmark's merges of two coders' work: `qda merge-file` on one long transcript (and the
// core's merge alone), and `git merge` of two branches that each changed every transcript with
// the driver that `qda git setup` installs.
import { spawnSync } from 'child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as path from 'path';
import { mergeTranscripts } from '../server/src/core/model/transcriptMerge';
import { qdaBin as defaultQdaBin } from './timeCommand';

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * The merge of two coders' versions of a long transcript: each side codes 500 turns (a turn's own
 * tag block on one side, a span on its first word on the other), half of them the same turns.
 */
export function mergeFileBench(base: string, dir: string, samples: number, qdaBin = defaultQdaBin): { cli: number[]; core: number[]; changed: number } {
  const lines = base.split('\n');
  const turns = untaggedTurnLines(lines);
  const changed = Math.min(500, Math.floor(turns.length / 1.5));
  const { ours, theirs } = twoCoders(lines, turns.slice(0, changed), turns.slice(Math.floor(changed / 2), Math.floor(changed / 2) + changed));
  const files = ['base', 'ours', 'theirs'].map((name) => path.join(dir, `merge-${name}.transcript.md`));
  const cli: number[] = [];
  for (let i = 0; i < samples + 1; i++) {
    writeFileSync(files[0], base);
    writeFileSync(files[1], ours);
    writeFileSync(files[2], theirs);
    const start = now();
    const run = spawnSync(process.execPath, [qdaBin, 'merge-file', ...files, 'long.transcript.md'], { encoding: 'utf8' });
    const elapsed = now() - start;
    if (run.status !== 0) throw new Error(`qda merge-file failed: ${run.stderr}`);
    if (i > 0) cli.push(elapsed);
  }
  const core: number[] = [];
  for (let i = 0; i < samples + 1; i++) {
    const start = now();
    const merged = mergeTranscripts(base, ours, theirs);
    const elapsed = now() - start;
    if (merged.conflicts !== 0) throw new Error('the benchmark merge has conflicts');
    if (i > 0) core.push(elapsed);
  }
  return { cli, core, changed };
}

/** The lines of a transcript's turns that carry no markup, after its front matter (whose `key: value` lines look like turns). */
function untaggedTurnLines(lines: string[]): number[] {
  const body = lines[0] === '---' ? lines.indexOf('---', 1) + 1 : 0;
  return lines.map((line, i) => (i >= body && /^[\p{L}\p{Nd}_.-]+: \S/u.test(line) && !line.includes('{') ? i : -1)).filter((i) => i >= 0);
}

/** Two coders' versions of a transcript: ours codes the given turns with a turn's own tag block, theirs with a span on their first word. */
function twoCoders(lines: string[], oursTurns: number[], theirsTurns: number[]): { ours: string; theirs: string } {
  const a = new Set(oursTurns);
  const b = new Set(theirsTurns);
  return {
    ours: lines.map((line, i) => (a.has(i) ? `${line} {#merge-ours}` : line)).join('\n'),
    theirs: lines.map((line, i) => (b.has(i) ? line.replace(/^([\p{L}\p{Nd}_.-]+: )([\p{L}\p{N}]+)/u, '$1[$2]{#merge-theirs}') : line)).join('\n'),
  };
}

/**
 * `git merge` of two coders' branches that each changed every transcript of the corpus (a few
 * turns coded on each side, some the same turns), with the project's merge driver set up by
 * `qda git setup`: from start to exit, once (git runs the driver once per transcript, one after
 * another). Opt-in (`--size L --git-merge`): it takes minutes. The driver's notes go to git's output, which is not kept.
 */
export function gitMergeBench(dir: string, transcripts: string[], qda = defaultQdaBin): { ms: number; files: number; conflicts: number } {
  const repo = `${dir}-git`;
  cpSync(dir, repo, { recursive: true });
  try {
    const git = (...args: string[]) => {
      const run = spawnSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
      if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${run.stderr}${run.stdout}`.slice(0, 2000));
      return run.stdout;
    };
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Bench');
    git('config', 'user.email', 'bench@example.org');
    const setup = spawnSync(process.execPath, [qda, 'git', 'setup'], { cwd: repo, encoding: 'utf8' });
    if (setup.status !== 0) throw new Error(`qda git setup failed: ${setup.stderr}`);
    git('add', '-A');
    git('commit', '-qm', 'the corpus');
    const coded = new Map<string, { ours: string; theirs: string }>();
    for (const file of transcripts) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const turns = untaggedTurnLines(lines);
      coded.set(path.relative(dir, file), twoCoders(lines, turns.slice(0, 6), turns.slice(3, 9)));
    }
    for (const side of ['ours', 'theirs'] as const) {
      git('checkout', '-q', '-b', side === 'ours' ? 'coder-a' : 'coder-b', 'main');
      for (const [relative, versions] of coded) writeFileSync(path.join(repo, relative), versions[side]);
      git('commit', '-qam', side);
    }
    git('checkout', '-q', 'coder-a');
    const start = now();
    const merge = spawnSync('git', ['merge', '--no-edit', '--no-commit', 'coder-b'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
    const ms = now() - start;
    // 1: conflicts left, in the few generated transcripts whose markup the merge cannot rewrite (merged line by line).
    if (merge.status !== 0 && merge.status !== 1) throw new Error(`git merge failed: ${merge.stdout.slice(-2000)}${merge.stderr.slice(-2000)}`);
    const merged = git('diff', '--name-only', 'HEAD', '--', '*.transcript.md').split('\n').filter(Boolean).length;
    if (merged !== transcripts.length) throw new Error(`git merge changed ${merged} of ${transcripts.length} transcripts`);
    const conflicts = git('diff', '--name-only', '--diff-filter=U').split('\n').filter(Boolean).length;
    return { ms, files: merged, conflicts };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
