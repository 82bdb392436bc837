// The code suggestions' figures of the benchmark (bench/run.ts reports them with the rest), and
// `node out/bench/suggestRun.js --size S|M|L`: those figures alone, for a size where the whole
// benchmark takes long. Targets on L (issue 27): one quote ≤ 20 ms (p95), `qda suggest
// --evaluate` ≤ 60 s, training from scratch ≤ 5 s.
import { spawnSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { SuggestionModel } from '../server/src/core/analyses/suggestions';
import { FeatureExtractor } from '../server/src/core/analyses/textFeatures';
import { diagnoseWorkspace } from '../server/src/core/project/diagnostics';
import { QdaWorkspace, type Project } from '../server/src/core/project/workspace';
import { NodeFileSystem } from '../server/src/node/nodeFileSystem';
import * as protocol from '../server/src/protocol';
import { TestClient } from '../test/helpers/lspClient';
import { generateProject, sizes, type Size } from './generate';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const qdaBin = path.resolve(__dirname, '../../bin/qda.js');

/** Training from scratch in the core: every coded segment read (a fresh word cache each time), the scorer made. */
export function suggestTrainTimes(project: Project, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    new SuggestionModel(project, undefined, new FeatureExtractor(), false).scorer();
    times.push(now() - start);
  }
  return times;
}

/** `qda suggest DIR --evaluate`, from start to exit. */
export function suggestEvaluateTimes(dir: string, runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = now();
    const run = spawnSync(process.execPath, [qdaBin, 'suggest', dir, '--evaluate'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    times.push(now() - start);
    if (run.status !== 0 || !run.stdout.includes('macroKappa')) throw new Error(`qda suggest --evaluate failed: ${run.stderr.slice(0, 500)}`);
  }
  return times;
}

/**
 * Suggestions for one untagged quote in the server: a transcript of one quote (words of an
 * informant's answer in the corpus), opened (the model follows it), then `qda/suggestions`. The
 * warm-up requests train the model and make its scorer.
 */
export async function suggestRequestTimes(client: TestClient, dir: string, answer: string, samples: number): Promise<number[]> {
  const uri = URI.file(path.join(dir, 'transcripts', 'one-quote.transcript.md')).toString();
  await client.open(uri, `---\ninformant: I1\ninterviewer: P\n---\nP: Kenapa?\n\nI1: ${answer}\n`);
  const ask = async () => {
    const start = now();
    const result = await client.request(protocol.suggestionsRequest, { uri });
    if (result.length !== 1 || result[0].codes.length === 0) throw new Error(`qda/suggestions gave ${JSON.stringify(result).slice(0, 200)}`);
    return now() - start;
  };
  for (let i = 0; i < 5; i++) await ask();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) times.push(await ask());
  await client.close(uri);
  return times;
}

/** The first line of an untagged answer of a generated transcript, for the one-quote transcript. */
export function untaggedAnswer(text: string): string {
  return text.split('\n').find((l) => /^I\d+: /.test(l) && !l.includes('{'))?.replace(/^I\d+: /, '') ?? 'harga murah kualitas foto asli';
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function transcriptsIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? transcriptsIn(full) : full.endsWith('.transcript.md') ? [full] : [];
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = (args[args.indexOf('--size') + 1] ?? 'S') as Size;
  if (!(size in sizes)) throw new Error('usage: node out/bench/suggestRun.js --size S|M|L');
  const dir = mkdtempSync(path.join(tmpdir(), `qda-suggest-${size}-`));
  try {
    const project = generateProject(dir, size);
    const workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    const train = suggestTrainTimes(workspace.sortedProjects()[0], 3);
    const evaluate = suggestEvaluateTimes(dir, 1);
    const published = diagnoseWorkspace(workspace).length;
    const client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    let request: number[];
    try {
      await client.waitFor('diagnostics of every file', () => client.diagnostics.size >= published, 600000);
      const answer = untaggedAnswer(readFileSync(transcriptsIn(dir).sort()[1], 'utf8'));
      request = await suggestRequestTimes(client, dir, answer, 200);
    } finally {
      await client.stop();
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    console.log(JSON.stringify({ size, corpusMB: round(project.bytes / 1e6), documents: project.documents, suggestP95Ms: round(percentile(request, 95)), suggestP50Ms: round(percentile(request, 50)), suggestEvaluateMs: round(evaluate[0]), suggestTrainMs: round(percentile(train, 50)), samples: { suggest: request.length, suggestEvaluate: evaluate.length, suggestTrain: train.length } }, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
