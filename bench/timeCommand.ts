// A whole `qda` command timed from start to exit, with its own peak resident memory (`VmHWM`,
// written at exit by the preloaded `maxRss.js`): the benchmark's commands and the big file's import.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

export const qdaBin = path.resolve(__dirname, '../../bin/qda.js');
/** Preloaded into a timed command to learn its peak resident memory. */
const maxRssScript = path.join(__dirname, 'maxRss.js');

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Runs `qda ARGS` `runs` times, each from start to exit, with the peak resident memory of the
 * largest. `args` may depend on the run (an import needs a new target folder each time).
 */
export function timeCommand(args: string[] | ((run: number) => string[]), okStatus: number[], runs: number): { times: number[]; peakRssMB: number } {
  const rssFile = path.join(mkdtempSync(path.join(tmpdir(), 'qda-rss-')), 'max-rss');
  const times: number[] = [];
  let peakKiB = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const runArgs = typeof args === 'function' ? args(i) : args;
      const start = now();
      const run = spawnSync(process.execPath, ['--require', maxRssScript, qdaBin, ...runArgs], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, QDA_BENCH_MAX_RSS: rssFile } });
      times.push(now() - start);
      if (run.status === null || !okStatus.includes(run.status)) throw new Error(`qda ${runArgs[0]} failed: ${run.stderr.slice(0, 500)}`);
      peakKiB = Math.max(peakKiB, Number(readFileSync(rssFile, 'utf8')));
    }
  } finally {
    rmSync(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { times, peakRssMB: peakKiB / 1024 };
}
