// The benchmark's cold index against the raw read, shared by the corpus (bench/run.ts) and the
// big file (bench/bigFile.ts): pairs of runs back to back, so that the machine's drifting speed
// is nearly the same for both runs of a pair.
import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { QdaWorkspace } from '../server/src/core/project/workspace';
import { NodeFileSystem } from '../server/src/node/nodeFileSystem';

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Every file below a folder, sorted. */
export function filesBelow(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesBelow(full));
    else out.push(full);
  }
  return out.sort();
}

export interface ColdIndexPairs {
  /** Reading every file and counting its lines, right before each index (ms). */
  baselines: number[];
  /** `QdaWorkspace.addFolder` from nothing (ms). */
  indexes: number[];
  /** Lines counted over all the baselines. */
  lines: number;
  /** The last index built (undefined only for no runs): the caller lets it go when done. */
  workspace: QdaWorkspace | undefined;
}

/**
 * `runs` pairs of a baseline (read every file, count its lines) and a cold index of the folder.
 * The previous index is let go before each pair: a server holds one, not two.
 */
export async function coldIndexPairs(dir: string, runs: number): Promise<ColdIndexPairs> {
  const baselines: number[] = [];
  const indexes: number[] = [];
  let lines = 0;
  let workspace: QdaWorkspace | undefined;
  for (let run = 0; run < runs; run++) {
    workspace = undefined;
    const baselineStart = now();
    for (const file of filesBelow(dir)) {
      const text = readFileSync(file, 'utf8');
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    }
    baselines.push(now() - baselineStart);
    const indexStart = now();
    workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    indexes.push(now() - indexStart);
  }
  return { baselines, indexes, lines, workspace };
}
