// One big file: a social-media comment dump of 200,000 one-line comments (about 50 MB) in one
// transcript, measured as the corpus is: the cold index against reading the file, the server
// from start to diagnostics, opening the file in the editor, completion in it and the tree; and
// `qda import` of a 50 MB text file of one line, as an interview.
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { diagnoseWorkspace } from '../server/src/core/project/diagnostics';
import * as protocol from '../server/src/protocol';
import { TestClient } from '../test/helpers/lspClient';
import { generateCommentDump, generateOneLineText } from './generate';
import { coldIndexPairs } from './coldIndex';
import { timeCommand } from './timeCommand';

export interface BigFileResult {
  /** The comment dump's size. */
  bigFileMB: number;
  /** Cold index of its project (`QdaWorkspace.addFolder`), and right before each, reading its files and counting lines (medians of `bigFileRuns`). */
  bigFileIndexMs: number;
  bigFileBaselineMs: number;
  /** The median of the pairs' ratios. */
  bigFileIndexToBaseline: number;
  /** The server spawned on its project: from `initialize` until its diagnostics are published. */
  bigFileReadyMs: number;
  /** `didOpen` of the whole file, as an editor opens it, until its diagnostics are published again. */
  bigFileOpenMs: number;
  /** Completion inside `{#tema1/` at the end of a comment in the middle of the open file. */
  bigFileCompletionP50Ms: number;
  bigFileCompletionP95Ms: number;
  /** `qda/tree`, the outline of the Themes and Informants views (median). */
  bigFileTreeMs: number;
  bigFilePeakRssMB: number;
  /** `qda import FILE.txt --into FOLDER` of a text file of one line (`generateOneLineText`): its size, the whole command (median), its peak resident memory. */
  bigFileImportMB: number;
  bigFileImportMs: number;
  bigFileImportPeakRssMB: number;
  samples: Record<string, number>;
}

/** Cold index and baseline pairs of the big file (each under a second on this machine), as many as the corpus's (bench/run.ts). */
const bigFileRuns = 5;
const completionSamples = 50;
const treeSamples = 5;
/** Imports of the one-line file (about 2 s each). */
const importRuns = 3;

/** The benchmark's big file is the default; a smoke test runs the same on a small one. */
export interface BigFileOptions {
  comments?: number;
  commenters?: number;
  /** The one-line text file to import. */
  importBytes?: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

function median(values: number[]): number {
  return percentile(values, 50);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}


export async function runBigFile(log: (line: string) => void = () => undefined, options: BigFileOptions = {}): Promise<BigFileResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'qda-bench-big-'));
  const importDir = mkdtempSync(path.join(tmpdir(), 'qda-bench-import-'));
  let client: TestClient | undefined;
  try {
    log(`importing a text file of one line (${options.importBytes ?? '50,000,000'} bytes) as an interview…`);
    const oneLine = generateOneLineText(path.join(importDir, 'one-line.txt'), options.importBytes);
    const imports = timeCommand((run) => ['import', oneLine.file, '--into', path.join(importDir, `into-${run}`)], [0], importRuns);
    rmSync(importDir, { recursive: true, force: true });

    log(`generating a comment dump of ${options.comments ?? '200,000'} comments in one transcript…`);
    const dump = generateCommentDump(dir, options.comments, options.commenters);
    const folder = URI.file(dir).toString();

    // let: the index is let go below, once it has been used.
    let { baselines, indexes, lines, workspace } = await coldIndexPairs(dir, bigFileRuns);
    if (lines === 0) throw new Error('empty comment dump');
    const expectedPublished = diagnoseWorkspace(workspace!).length;
    workspace = undefined;

    log('starting the language server on the comment dump…');
    const readyStart = now();
    client = await TestClient.start({ folders: [folder] });
    const server = client;
    await server.waitFor('diagnostics of every file', () => server.diagnostics.size >= expectedPublished, 600000);
    const readyMs = now() - readyStart;

    const uri = URI.file(dump.file).toString();
    const text = readFileSync(dump.file, 'utf8');
    let before = server.diagnostics.get(uri);
    const openStart = now();
    await server.open(uri, text);
    await server.waitFor('diagnostics of the opened file', () => server.diagnostics.get(uri) !== before, 600000);
    const openMs = now() - openStart;

    // A code typed at the end of a comment in the middle of the file, then completion at it.
    const fileLines = text.split('\n');
    const line = fileLines.findIndex((l, i) => i >= fileLines.length / 2 && /^c\d+: /.test(l));
    const end = { line, character: fileLines[line].length };
    before = server.diagnostics.get(uri);
    await server.change(uri, [{ range: { start: end, end }, text: ' {#tema1/' }]);
    await server.waitFor('diagnostics after the edit', () => server.diagnostics.get(uri) !== before, 600000);
    const position = { line, character: end.character + ' {#tema1/'.length };
    const completion: number[] = [];
    for (let i = 0; i < completionSamples + 5; i++) {
      const start = now();
      await server.request('textDocument/completion', { textDocument: { uri }, position });
      if (i >= 5) completion.push(now() - start);
    }
    const tree: number[] = [];
    for (let i = 0; i < treeSamples + 1; i++) {
      const start = now();
      await server.request(protocol.treeRequest, {});
      if (i >= 1) tree.push(now() - start);
    }
    const peakRssMB = await server.request(protocol.serverStatusRequest).then((s) => s.peakRssMB ?? Number.NaN);
    return {
      bigFileMB: round(dump.bytes / 1e6),
      bigFileIndexMs: round(median(indexes)),
      bigFileBaselineMs: round(median(baselines)),
      bigFileIndexToBaseline: round(median(indexes.map((index, run) => index / baselines[run]))),
      bigFileReadyMs: round(readyMs),
      bigFileOpenMs: round(openMs),
      bigFileCompletionP50Ms: round(percentile(completion, 50)),
      bigFileCompletionP95Ms: round(percentile(completion, 95)),
      bigFileTreeMs: round(median(tree)),
      bigFilePeakRssMB: round(peakRssMB),
      bigFileImportMB: round(oneLine.bytes / 1e6),
      bigFileImportMs: round(median(imports.times)),
      bigFileImportPeakRssMB: round(imports.peakRssMB),
      samples: { bigFileIndex: indexes.length, bigFileCompletion: completion.length, bigFileTree: tree.length, bigFileImport: imports.times.length },
    };
  } finally {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(importDir, { recursive: true, force: true });
  }
}

/**
 * The big file's figures from a process of its own, as a server that opens that project starts
 * with nothing else in memory: in the benchmark's process after a corpus (L, XL) the cold index
 * and the client's side of each request ran beside that corpus's leftovers (the same code gave a
 * tree of 148 ms there and 89 ms alone, an index 3.1 and 2.6 times the raw read).
 */
export function runBigFileAlone(): BigFileResult {
  const run = spawnSync(process.execPath, [__filename], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`the big file's benchmark failed (exit ${run.status})`);
  return JSON.parse(run.stdout) as BigFileResult;
}

if (require.main === module) {
  runBigFile((line) => console.error(line)).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (error) => {
      console.error(`bench (big file): ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
