// `npm run bench [-- --size S|M|L] [-- --samples N]`: measures the core and the language server on
// a generated corpus, in one run, and writes a table and bench/results/<size>.json.
// Every figure comes with its number of samples; warm-up runs are left out.
import { spawnSync } from 'child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { diagnoseWorkspace } from '../server/src/core/project/diagnostics';
import { formatClock, formatTimestamp } from '../server/src/core/model/timestamp';
import { parseTranscript } from '../server/src/core/model/transcriptParser';
import { adversarialInputs } from '../test/fuzz/fuzzer';
import { TestClient } from '../test/helpers/lspClient';
import { runBigFileAlone, type BigFileResult } from './bigFile';
import { coldIndexPairs, filesBelow } from './coldIndex';
import { generateProject, random, sizes, type Size } from './generate';
import { gitMergeBench, mergeFileBench } from './mergeRun';
import { qdaBin, timeCommand } from './timeCommand';
import { suggestEvaluateTimes, suggestRequestTimes, suggestTrainTimes, untaggedAnswer } from './suggestRun';
import * as protocol from '../server/src/protocol';

export interface BenchResult {
  size: Size;
  corpusMB: number;
  documents: number;
  parseMBps: number;
  /** Median of the cold index runs; `indexFirstMs` is the first of them. */
  indexMs: number;
  indexFirstMs: number;
  baselineMs: number;
  indexToBaseline: number;
  lspReadyMs: number;
  completionP50Ms: number;
  completionP95Ms: number;
  completionP99Ms: number;
  /** Completion asked right after a keystroke in the same transcript, as while typing a code. */
  completionAfterEditP50Ms: number;
  completionAfterEditP95Ms: number;
  keystrokeDiagnosticsP50Ms: number;
  keystrokeDiagnosticsP95Ms: number;
  referencesMs: number;
  renameMs: number;
  /** From all diagnostics published until the server has made every document's quote filters in the background. */
  quoteFiltersMs: number;
  /** Then the server's first search for a word: one no quote holds, so every document's filter is read. */
  firstWordSearchMs: number;
  workspaceSymbolsMs: number;
  /** Over every sample of every query of `symbolQueries`. */
  workspaceSymbolsP95Ms: number;
  treeMs: number;
  /** Expanding a branch: the informants of the most-used code, then their largest list of quotes. */
  treeBranchMs: number;
  /** Expanding the untagged quotes: their informants, then the informant with the most. */
  treeUntaggedMs: number;
  peakRssMB: number;
  /** The slowest parse of the fuzzer's adversarial 1 MB inputs (deep brackets, braces, tags; median of 3 each): linear, not quadratic. */
  adversarialParseMs: number;
  /** The Analysis view's requests: the matrix of codes by role, and the co-occurrence of every code by quote. */
  matrixMs: number;
  /** `qda/codingStripes` of an open transcript of 5,000 lines (median). */
  stripes5000LinesMs: number;
  /** `qda/recordingTimeline`, and the Code Lenses, of that transcript with a timestamp on each of its `timedTurns` turns (medians). */
  timeline5000LinesMs: number;
  codeLenses5000LinesMs: number;
  timedTurns: number;
  /**
   * `qda merge-file BASE OURS THEIRS` of that 5,000-line transcript with `mergeFileChanged` codings
   * changed on each side (half of the turns changed on both), from start to exit (median); and the
   * core function alone (`mergeTranscripts`, median).
   */
  mergeFileMs: number;
  mergeFileCoreMs: number;
  mergeFileChanged: number;
  /**
   * `git merge` of two coders' branches that each changed all 1,000 transcripts of L, with the
   * driver of `qda git setup`, from start to exit (once); and the files it left with conflicts.
   * Only with `--size L --git-merge`.
   */
  gitMergeL1000Ms?: number;
  gitMergeConflicts?: number;
  /** `qda import` of the corpus exported as Zoom WebVTT files (`importZoomMB`), one command for all, from start to exit. */
  importZoomMs: number;
  importZoomMB: number;
  cooccurrenceMs: number;
  /** A two-code AND query of the Analysis view: the two most-used codes in one quote. */
  segmentsQueryMs: number;
  /** `qda report --out FILE.html` on the corpus, from start to exit. */
  reportMs: number;
  /** `qda export --qdpx` on the corpus (REFI-QDA), from start to exit. */
  exportQdpxMs: number;
  /** `qda import` of that export's codebook, from start to exit. */
  importCodebookMs?: number;
  /** `qda import` of that export as a whole project (every transcript and coding), from start to exit. */
  importQdpxMs?: number;
  /** Why those two were not measured: the import refuses an export above its size cap (XL's). */
  importRefused?: string;
  /** `qda agree` (the command, from start to exit) on two copies of the corpus differing in a tenth of the quotes. */
  agreeCharacterMs: number;
  agreeQuoteMs: number;
  /** Quotes whose coding the second copy changed, of all quotes. */
  agreeChangedQuotes: number;
  /** Code suggestions for a transcript of one untagged quote, `qda/suggestions` in the server (p95). */
  suggestP95Ms: number;
  /** `qda suggest --evaluate` (5-fold cross-validation of every coded segment), from start to exit. */
  suggestEvaluateMs: number;
  /** Training the suggestions' model from scratch in the core: every coded segment read, the scorer made (median). */
  suggestTrainMs: number;
  /** `qda check` and `qda stats` on the corpus, from start to exit (medians), beside the baseline, and their processes' peak resident memory. */
  checkMs: number;
  checkToBaseline: number;
  checkPeakRssMB: number;
  statsMs: number;
  statsToBaseline: number;
  statsPeakRssMB: number;
  samples: Record<string, number>;
}

/** A run of L or XL also measures one big file (`bigFile.ts`). */
export type BenchRun = BenchResult & Partial<Omit<BigFileResult, 'samples'>>;

const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values: number[]): number {
  return percentile(values, 50);
}


/** Cold index and baseline pairs. */
const indexRuns = 5;

/** Workspace symbol queries: a code's name, and short words that match hundreds of quotes (on L, every one fills the list of 500). */
const symbolQueries = ['kode-1', 'tema', 'a', 'e', 'k', 'sa', 'ka', 'ng', 'toko', 'murah', 'teman', 'xyz'];

async function timeRepeated(samples: number, warmup: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = now();
    await run();
    times.push(now() - start);
  }
  return times;
}

export async function runBenchmark(size: Size, options: { samples?: number; log?: (line: string) => void; gitMerge?: boolean } = {}): Promise<BenchResult> {
  const log = options.log ?? (() => undefined);
  const requestSamples = options.samples ?? 200;
  const dir = mkdtempSync(path.join(tmpdir(), `qda-bench-${size}-`));
  try {
    log(`generating ${size}: ${sizes[size].transcripts} transcripts of ${sizes[size].words} words…`);
    const project = generateProject(dir, size);
    const corpusMB = project.bytes / 1e6;
    const transcripts = filesBelow(dir).filter((f) => f.endsWith('.transcript.md'));

    // Parse throughput of the core, one thread, texts already in memory.
    const texts = transcripts.map((f) => readFileSync(f, 'utf8'));
    for (const text of texts.slice(0, 5)) parseTranscript(text); // warm-up
    const parseStart = now();
    for (const text of texts) parseTranscript(text);
    const parseMs = now() - parseStart;

    // Cold index against a baseline that only reads every file and counts its lines: five pairs,
    // each index built from nothing, and the medians, since one run on this machine varies by 20%.
    // The ratio is the median of each pair's ratio: the two runs of a pair are back to back, so
    // the machine's speed, which drifts, is nearly the same for both.
    // The first index also runs the YAML library and the index code for the first time: reported too.
    // let: the index is let go below, once it has been used.
    let { baselines, indexes, lines: lineCount, workspace } = await coldIndexPairs(dir, indexRuns);
    const indexMs = median(indexes);
    const baselineMs = median(baselines);
    if (lineCount === 0) throw new Error('empty corpus');
    const expectedPublished = diagnoseWorkspace(workspace!).length;

    // Code suggestions: the model trained from scratch in the core (a fresh word cache each time),
    // on the index just built, before it is let go.
    log('suggestions…');
    const suggestTrain = suggestTrainTimes(workspace!.sortedProjects()[0], suggestRuns(size));
    workspace = undefined;

    // The command line on the whole corpus: `qda check` (exit 1: the corpus has errors) and `qda stats`.
    log('qda check, qda stats…');
    const check = timeCommand(['check', dir], [0, 1], commandRuns(size));
    const stats = timeCommand(['stats', dir], [0], commandRuns(size));

    // The suggestions' cross-validation on the command line, from start to exit.
    const suggestEvaluate = suggestEvaluateTimes(dir, suggestRuns(size));

    // Inter-coder agreement: `qda agree` on the corpus and a second coder's copy of it.
    log('comparing two coders…');
    const second = `${dir}-coder2`;
    const changedQuotes = secondCoder(dir, second, transcripts, project.codes);
    const agree = (unit: string) => {
      const times: number[] = [];
      for (let i = 0; i < agreeRuns(size); i++) {
        const start = now();
        const run = spawnSync(process.execPath, [qdaBin, 'agree', dir, second, '--unit', unit, '--json'], { maxBuffer: 1 << 30, encoding: 'utf8' });
        times.push(now() - start);
        if (run.status !== 0) throw new Error(`qda agree failed: ${run.stderr}`);
        const report = JSON.parse(run.stdout) as { documents: string[]; disagreements: unknown[] };
        if (report.documents.length !== transcripts.length || report.disagreements.length === 0) throw new Error('qda agree compared less than the whole corpus');
      }
      return times;
    };
    const reportTimes: number[] = [];
    for (let i = 0; i < commandRuns(size); i++) {
      const start = now();
      const run = spawnSync(process.execPath, [qdaBin, 'report', dir, '--out', `${second}-report.html`, '--force'], { encoding: 'utf8' });
      reportTimes.push(now() - start);
      if (run.status !== 0) throw new Error(`qda report failed: ${run.stderr}`);
    }
    rmSync(`${second}-report.html`, { force: true });
    const exportTimes: number[] = [];
    for (let i = 0; i < commandRuns(size); i++) {
      const start = now();
      const run = spawnSync(process.execPath, [qdaBin, 'export', dir, '--qdpx', `${second}.qdpx`, '--force'], { encoding: 'utf8' });
      exportTimes.push(now() - start);
      if (run.status !== 0) throw new Error(`qda export failed: ${run.stderr}`);
    }
    // Importing reads the codebook back from that .qdpx: the whole project.qde is parsed.
    const importTimes: number[] = [];
    const importFolder = `${second}-import`;
    mkdirSync(importFolder, { recursive: true });
    // The import refuses an archive whose project.qde is above its cap (XL's export is): then
    // neither import is measured, and the result says why.
    let importRefused: string | undefined;
    for (let i = 0; i < commandRuns(size) && !importRefused; i++) {
      const start = now();
      const run = spawnSync(process.execPath, [qdaBin, 'import', `${second}.qdpx`, '--codebook-only', '--into', importFolder, '--force'], { encoding: 'utf8' });
      if (run.status !== 0 && /larger than .*; refused/.test(run.stderr)) importRefused = run.stderr.trim().replace(/^qda: .*?: /, '');
      else importTimes.push(now() - start);
      if (run.status !== 0 && !importRefused) throw new Error(`qda import failed: ${run.stderr}`);
    }
    rmSync(importFolder, { recursive: true, force: true });
    // The whole project back from that export: codebook, informants and every transcript with its codings.
    const importProjectTimes: number[] = [];
    const projectFolder = `${second}-project`;
    for (let i = 0; i < commandRuns(size) && !importRefused; i++) {
      rmSync(projectFolder, { recursive: true, force: true });
      const start = now();
      const run = spawnSync(process.execPath, [qdaBin, 'import', `${second}.qdpx`, '--into', projectFolder], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      importProjectTimes.push(now() - start);
      if (run.status !== 0 || !run.stdout.includes(`${transcripts.length} transcripts`)) throw new Error(`qda import of the .qdpx failed: ${run.stderr.slice(0, 500)}`);
    }
    rmSync(projectFolder, { recursive: true, force: true });
    rmSync(`${second}.qdpx`, { force: true });
    // Interviews in: the corpus as Zoom would export it (a cue per line of a turn, "Label: words",
    // lines after a turn's first as cues with no name), imported all at once, from start to exit.
    const zoomFolder = `${second}-zoom`;
    const zoomInto = `${second}-zoom-imported`;
    mkdirSync(zoomFolder, { recursive: true });
    let zoomBytes = 0;
    for (const [n, file] of transcripts.entries()) {
      const vtt = zoomExport(readFileSync(file, 'utf8'));
      zoomBytes += Buffer.byteLength(vtt);
      writeFileSync(path.join(zoomFolder, `interview-${n}.vtt`), vtt);
    }
    const zoomFiles = transcripts.map((_, n) => path.join(zoomFolder, `interview-${n}.vtt`));
    const importInterviewTimes: number[] = [];
    for (let i = 0; i < commandRuns(size); i++) {
      rmSync(zoomInto, { recursive: true, force: true });
      const start = now();
      const run = spawnSync(process.execPath, [qdaBin, 'import', ...zoomFiles, '--into', zoomInto], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      importInterviewTimes.push(now() - start);
      if (run.status !== 0 || !run.stdout.includes(`${transcripts.length} of ${transcripts.length} files imported`)) throw new Error(`qda import of the Zoom files failed: ${run.stderr.slice(0, 500)}`);
    }
    rmSync(zoomFolder, { recursive: true, force: true });
    rmSync(zoomInto, { recursive: true, force: true });
    let agreeCharacter: number[];
    let agreeQuote: number[];
    try {
      agreeCharacter = agree('character');
      agreeQuote = agree('quote');
    } finally {
      rmSync(second, { recursive: true, force: true });
    }

    // The language server, spawned on stdio as an editor would.
    log('starting the language server…');
    const readyStart = now();
    const client = await TestClient.start({ folders: [URI.file(dir).toString()] });
    await client.waitFor('diagnostics of every file', () => client.diagnostics.size >= expectedPublished, 600000);
    const lspReadyMs = now() - readyStart;

    try {
      // The quote filters are made in the background after start-up; a researcher's first search
      // for a word comes after that (before them, it made every filter it needed itself).
      const filtersStart = now();
      while (!(await client.request(protocol.serverStatusRequest)).quoteFiltersMade) {
        if (now() - filtersStart > 600_000) throw new Error('the server did not say its quote filters were made within 10 minutes');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const quoteFiltersMs = now() - filtersStart;
      const firstSearchStart = now();
      await client.request('workspace/symbol', { query: 'qqzz' });
      const firstWordSearchMs = now() - firstSearchStart;
      // Completion inside a tag block: `{#tema1/` typed at the end of a turn of one transcript.
      const target = URI.file(transcripts[0]).toString();
      const text = texts[0];
      await client.open(target, text);
      const lines = text.split('\n');
      const line = lines.findIndex((l, i) => i > 8 && l.startsWith('I0: '));
      const insertAt = { line, character: lines[line].length };
      await client.change(target, [{ range: { start: insertAt, end: insertAt }, text: ' {#tema1/' }]);
      const completionPosition = { line, character: insertAt.character + ' {#tema1/'.length };
      const completion = await timeRepeated(requestSamples, 20, () => client.request('textDocument/completion', { textDocument: { uri: target }, position: completionPosition }));
      // While typing: a keystroke (a space before the tag block), then completion at the code at
      // once. The server applies the edit first, so the time includes re-reading the transcript.
      let shift = 0;
      const completionAfterEdit = await timeRepeated(requestSamples, 10, async () => {
        await client.change(target, [{ range: { start: insertAt, end: insertAt }, text: ' ' }]);
        shift++;
        await client.request('textDocument/completion', { textDocument: { uri: target }, position: { line, character: completionPosition.character + shift } });
      });
      await client.change(target, [{ range: { start: insertAt, end: { line, character: completionPosition.character + shift } }, text: '' }]);

      // Keystroke to diagnostics: type into the transcript, one character at a time.
      log('typing…');
      const keystroke: number[] = [];
      let column = insertAt.character;
      const typed = ' kata baru yang diketik';
      for (let i = 0; i < requestSamples + 10; i++) {
        const ch = typed[i % typed.length];
        const before = client.diagnostics.get(target);
        const start = now();
        await client.change(target, [{ range: { start: { line, character: column }, end: { line, character: column } }, text: ch }]);
        column++;
        await client.waitFor('diagnostics after a keystroke', () => client.diagnostics.get(target) !== before, 10000);
        if (i >= 10) keystroke.push(now() - start);
        await new Promise((r) => setTimeout(r, 5));
      }

      // References and rename of the most-used code, from its codebook key.
      const usage = new Map<string, number>();
      for (const t of texts) for (const m of t.matchAll(/#([\w/-]+)/g)) usage.set(m[1], (usage.get(m[1]) ?? 0) + 1);
      const top = [...usage.entries()].filter(([c]) => project.codes.includes(c)).sort((a, b) => b[1] - a[1])[0][0];
      const codebookUri = URI.file(path.join(dir, 'codebook.yaml')).toString();
      const codebookLines = readFileSync(path.join(dir, 'codebook.yaml'), 'utf8').split('\n');
      const segments = top.split('/');
      let keyLine = codebookLines.findIndex((l) => l === `${segments[0]}:`);
      for (const segment of segments.slice(1)) keyLine = codebookLines.findIndex((l, i) => i > keyLine && l.trim() === `${segment}:`);
      const keyPosition = { line: keyLine, character: codebookLines[keyLine].indexOf(segments.at(-1)!) + 1 };
      const refSamples = Math.max(3, Math.floor(requestSamples / 20));
      const references = await timeRepeated(refSamples, 2, () =>
        client.request('textDocument/references', { textDocument: { uri: codebookUri }, position: keyPosition, context: { includeDeclaration: true } }),
      );
      const rename = await timeRepeated(refSamples, 2, () => client.request('textDocument/rename', { textDocument: { uri: codebookUri }, position: keyPosition, newName: 'baru' }));
      // Short queries as a researcher types them: a code's name, and words that land in hundreds of quotes.
      const symbols: number[] = [];
      for (const query of symbolQueries) symbols.push(...(await timeRepeated(3, 1, () => client.request('workspace/symbol', { query }))));
      const tree = await timeRepeated(refSamples, 2, () => client.request(protocol.treeRequest, {}));
      // What a view asks for as the researcher expands: the informants of the most-used code, and
      // the quotes of the informant who carries it most; the same for the untagged quotes.
      const root = URI.file(dir).toString();
      const branch = await timeRepeated(refSamples, 2, async () => {
        const informants = (await client.request(protocol.treeBranchesRequest, { root, of: { kind: 'code', path: top } })) as protocol.InformantBranch[];
        const most = informants.reduce((a, b) => (b.codings > a.codings ? b : a));
        return client.request(protocol.treeQuotesRequest, { root, branch: { kind: 'codings', code: top, informant: most.id ?? null } });
      });
      const untagged = await timeRepeated(refSamples, 2, async () => {
        const informants = (await client.request(protocol.treeBranchesRequest, { root, of: { kind: 'untagged' } })) as protocol.UntaggedBranch[];
        const most = informants.reduce((a, b) => (b.quotes > a.quotes ? b : a));
        return client.request(protocol.treeQuotesRequest, { root, branch: { kind: 'untagged', informant: most.id ?? null } });
      });
      const matrixTimes = await timeRepeated(refSamples, 2, () => client.request(protocol.matrixRequest, { root, rows: 'codes', columns: 'role', count: 'codings' }));
      const cooccurrenceTimes = await timeRepeated(refSamples, 2, () => client.request(protocol.cooccurrenceRequest, { root }));
      const partner = [...usage.entries()].filter(([c]) => project.codes.includes(c) && c !== top && c.split('/')[0] !== top.split('/')[0]).sort((a, b) => b[1] - a[1])[0][0];
      const segmentsTimes = await timeRepeated(refSamples, 2, () => client.request(protocol.segmentsRequest, { root, expression: `${top} AND ${partner}` }));
      // Coding stripes of a long transcript: the generated transcripts' turns, one after another, to 5,000 lines.
      const longUri = URI.file(path.join(dir, 'transcripts', 'long-5000.transcript.md')).toString();
      const longLines = readFileSync(transcripts[0], 'utf8').split('\n');
      for (let i = 1; longLines.length < 5000; i++) longLines.push(...readFileSync(transcripts[i % transcripts.length], 'utf8').split('\n').slice(8));
      await client.open(longUri, longLines.slice(0, 5000).join('\n'));
      const stripesTimes = await timeRepeated(refSamples, 2, () => client.request(protocol.codingStripesRequest, { uri: longUri }));
      await client.close(longUri);
      // The player's timeline of the same transcript with a timestamp on every turn, and its Code Lenses.
      const timedUri = URI.file(path.join(dir, 'transcripts', 'long-5000-timed.transcript.md')).toString();
      let seconds = 0;
      // The first transcript's front matter (its 8 first lines) gives way to one naming the recording.
      const timed = ['---', 'media: long.ogg', '---', ...longLines.slice(8, 8 + 4997).map((line) => line.replace(/^([\p{L}\p{Nd}_.-]+): /u, (_, label: string) => `${label}: ${formatTimestamp((seconds += 7))} `))];
      await client.open(timedUri, timed.join('\n'));
      const timelineTimes = await timeRepeated(refSamples, 2, () => client.request(protocol.recordingTimelineRequest, { uri: timedUri }));
      const timedTurns = (await client.request(protocol.recordingTimelineRequest, { uri: timedUri }))?.turns.length ?? 0;
      const lensTimes = await timeRepeated(refSamples, 2, () => client.request('textDocument/codeLens', { textDocument: { uri: timedUri } }));
      await client.close(timedUri);
      const merge = mergeFileBench(longLines.slice(0, 5000).join('\n') + '\n', dir, refSamples);
      // Suggestions for one untagged quote, in the server (suggestRun.ts).
      const suggestTimes = await suggestRequestTimes(client, dir, untaggedAnswer(texts[1]), requestSamples);
      if (options.gitMerge) log(`git merge of two coders' branches, each changing all ${transcripts.length} transcripts…`);
      const gitMerge = options.gitMerge ? gitMergeBench(dir, transcripts) : undefined;
      const peakRssMB = await client.request(protocol.serverStatusRequest).then((s) => s.peakRssMB ?? Number.NaN);

      const adversarialParseMs = Math.max(...Object.values(adversarialInputs()).map((text) => median([0, 1, 2, 3].map(() => {
        const started = now();
        parseTranscript(text);
        return now() - started;
      }).slice(1))));

      return {
        size,
        corpusMB: round(corpusMB),
        documents: transcripts.length,
        parseMBps: round(corpusMB / (parseMs / 1000)),
        indexMs: round(indexMs),
        indexFirstMs: round(indexes[0]),
        baselineMs: round(baselineMs),
        indexToBaseline: round(median(indexes.map((index, run) => index / baselines[run]))),
        lspReadyMs: round(lspReadyMs),
        completionP50Ms: round(percentile(completion, 50)),
        completionP95Ms: round(percentile(completion, 95)),
        completionP99Ms: round(percentile(completion, 99)),
        completionAfterEditP50Ms: round(percentile(completionAfterEdit, 50)),
        completionAfterEditP95Ms: round(percentile(completionAfterEdit, 95)),
        keystrokeDiagnosticsP50Ms: round(percentile(keystroke, 50)),
        keystrokeDiagnosticsP95Ms: round(percentile(keystroke, 95)),
        referencesMs: round(median(references)),
        renameMs: round(median(rename)),
        quoteFiltersMs: round(quoteFiltersMs),
        firstWordSearchMs: round(firstWordSearchMs),
        workspaceSymbolsMs: round(median(symbols)),
        workspaceSymbolsP95Ms: round(percentile(symbols, 95)),
        treeMs: round(median(tree)),
        treeBranchMs: round(median(branch)),
        treeUntaggedMs: round(median(untagged)),
        peakRssMB: round(peakRssMB),
        adversarialParseMs: round(adversarialParseMs),
        matrixMs: round(median(matrixTimes)),
        stripes5000LinesMs: round(median(stripesTimes)),
        timeline5000LinesMs: round(median(timelineTimes)),
        codeLenses5000LinesMs: round(median(lensTimes)),
        timedTurns,
        mergeFileMs: round(median(merge.cli)),
        mergeFileCoreMs: round(median(merge.core)),
        mergeFileChanged: merge.changed,
        ...(gitMerge ? { gitMergeL1000Ms: round(gitMerge.ms), gitMergeConflicts: gitMerge.conflicts } : {}),
        importZoomMs: round(median(importInterviewTimes)),
        importZoomMB: round(zoomBytes / 1e6),
        cooccurrenceMs: round(median(cooccurrenceTimes)),
        segmentsQueryMs: round(median(segmentsTimes)),
        reportMs: round(median(reportTimes)),
        exportQdpxMs: round(median(exportTimes)),
        importCodebookMs: importRefused ? undefined : round(median(importTimes)),
        importQdpxMs: importRefused ? undefined : round(median(importProjectTimes)),
        importRefused,
        agreeCharacterMs: round(median(agreeCharacter)),
        agreeQuoteMs: round(median(agreeQuote)),
        agreeChangedQuotes: round(changedQuotes),
        suggestP95Ms: round(percentile(suggestTimes, 95)),
        suggestEvaluateMs: round(median(suggestEvaluate)),
        suggestTrainMs: round(median(suggestTrain)),
        checkMs: round(median(check.times)),
        checkToBaseline: round(median(check.times) / baselineMs),
        checkPeakRssMB: round(check.peakRssMB),
        statsMs: round(median(stats.times)),
        statsToBaseline: round(median(stats.times) / baselineMs),
        statsPeakRssMB: round(stats.peakRssMB),
        samples: {
          parse: transcripts.length,
          index: indexes.length,
          baseline: baselines.length,
          lspReady: 1,
          completion: completion.length,
          completionAfterEdit: completionAfterEdit.length,
          keystrokeDiagnostics: keystroke.length,
          references: references.length,
          rename: rename.length,
          workspaceSymbols: symbols.length,
          tree: tree.length,
          treeBranch: branch.length,
          treeUntagged: untagged.length,
          matrix: matrixTimes.length,
          stripes: stripesTimes.length,
          timeline: timelineTimes.length,
          codeLenses: lensTimes.length,
          mergeFile: merge.cli.length,
          mergeFileCore: merge.core.length,
          ...(gitMerge ? { gitMerge: 1 } : {}),
          importZoom: importInterviewTimes.length,
          cooccurrence: cooccurrenceTimes.length,
          segmentsQuery: segmentsTimes.length,
          report: reportTimes.length,
          exportQdpx: exportTimes.length,
          importCodebook: importTimes.length,
          importQdpx: importProjectTimes.length,
          agreeCharacter: agreeCharacter.length,
          agreeQuote: agreeQuote.length,
          suggest: suggestTimes.length,
          suggestEvaluate: suggestEvaluate.length,
          suggestTrain: suggestTrain.length,
          check: check.times.length,
          stats: stats.times.length,
        },
      };
    } finally {
      await client.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of the suggestions' training and of `qda suggest --evaluate` (tens of seconds on L); one on XL. */
const suggestRuns = (size: Size) => (size === 'XL' ? 1 : 3);
/**
 * Runs of each whole command timed (check, stats, report, export, imports): a few seconds each
 * on L, three; on XL, where each takes ten times as long, one (the whole run stays under 25
 * minutes on this machine).
 */
const commandRuns = (size: Size) => (size === 'XL' ? 1 : 3);
/** Runs of each `qda agree`, a whole command each (two corpora read, compared, printed): a second on L, near its target, so more of them; one on XL. */
const agreeRuns = (size: Size) => (size === 'XL' ? 1 : 5);
/**
 * A second coder's copy of the corpus: the same text, with the codes of a tenth of the quotes'
 * tag blocks changed to another code (only the markup changes). Returns the share of quotes changed.
 */
export function secondCoder(dir: string, copy: string, transcripts: string[], codes: string[]): number {
  cpSync(dir, copy, { recursive: true });
  const rnd = random(7);
  let quotes = 0;
  let changed = 0;
  for (const file of transcripts) {
    const target = path.join(copy, path.relative(dir, file));
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      // A quote: a turn of anyone but the interviewer, up to the next blank line.
      if (!/^[^\s:]+: /.test(lines[i]) || lines[i].startsWith('P: ')) continue;
      quotes++;
      let end = i;
      while (end + 1 < lines.length && lines[end + 1] !== '') end++;
      const tagged = lines.slice(i, end + 1).findIndex((line) => line.includes('{#'));
      if (rnd() < 0.1 && tagged >= 0) {
        lines[i + tagged] = lines[i + tagged].replace(/\{#[^\s}|]+/, () => `{#${codes[Math.floor(rnd() * codes.length)]}`);
        changed++;
      }
      i = end;
    }
    writeFileSync(target, lines.join('\n'));
  }
  return changed / quotes;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function formatTable(r: BenchResult): string {
  const rows: [string, string, string][] = [
    ['corpus', `${r.corpusMB} MB, ${r.documents} transcripts`, ''],
    ['parse throughput (core, 1 thread)', `${r.parseMBps} MB/s`, `${r.samples.parse} documents`],
    ['cold index (core, median)', `${r.indexMs} ms`, String(r.samples.index)],
    ['cold index, first run', `${r.indexFirstMs} ms`, '1'],
    ['baseline: read every file, count lines (median)', `${r.baselineMs} ms`, String(r.samples.baseline)],
    ['index / baseline (median of the pairs)', `${r.indexToBaseline}×`, String(r.samples.index)],
    ['LSP: initialize → all diagnostics', `${r.lspReadyMs} ms`, '1'],
    ['completion p50 / p95 / p99', `${r.completionP50Ms} / ${r.completionP95Ms} / ${r.completionP99Ms} ms`, `${r.samples.completion}`],
    ['completion right after a keystroke p50 / p95', `${r.completionAfterEditP50Ms} / ${r.completionAfterEditP95Ms} ms`, `${r.samples.completionAfterEdit}`],
    ['keystroke → diagnostics p50 / p95', `${r.keystrokeDiagnosticsP50Ms} / ${r.keystrokeDiagnosticsP95Ms} ms`, `${r.samples.keystrokeDiagnostics}`],
    ['references of the most-used code (median)', `${r.referencesMs} ms`, `${r.samples.references}`],
    ['rename of the most-used code (median)', `${r.renameMs} ms`, `${r.samples.rename}`],
    ['quote filters made in the background after start-up', `${r.quoteFiltersMs} ms`, '1'],
    ['then the first search for a word', `${r.firstWordSearchMs} ms`, '1'],
    ['workspace symbols (median)', `${r.workspaceSymbolsMs} ms`, `${r.samples.workspaceSymbols}`],
    ['workspace symbols (p95)', `${r.workspaceSymbolsP95Ms} ms`, `${r.samples.workspaceSymbols}`],
    ['tree request: outline of the views (median)', `${r.treeMs} ms`, `${r.samples.tree}`],
    ['expand a code, then an informant (median)', `${r.treeBranchMs} ms`, `${r.samples.treeBranch}`],
    ['expand the untagged quotes, then an informant (median)', `${r.treeUntaggedMs} ms`, `${r.samples.treeUntagged}`],
    ['matrix: codes by role, codings (median)', `${r.matrixMs} ms`, `${r.samples.matrix}`],
    ['coding stripes, 5,000 lines (median)', `${r.stripes5000LinesMs} ms`, `${r.samples.stripes}`],
    [`recording timeline, 5,000 lines, ${r.timedTurns} timed turns (median)`, `${r.timeline5000LinesMs} ms`, `${r.samples.timeline}`],
    ['Code Lenses of that transcript (median)', `${r.codeLenses5000LinesMs} ms`, `${r.samples.codeLenses}`],
    [`qda merge-file of that transcript, ${r.mergeFileChanged} codings changed each side (start to exit, median)`, `${r.mergeFileMs} ms`, `${r.samples.mergeFile}`],
    ['the same merge, core function only (median)', `${r.mergeFileCoreMs} ms`, `${r.samples.mergeFileCore}`],
    ...(r.gitMergeL1000Ms !== undefined
      ? [[`git merge of two coders' branches changing all ${r.documents} transcripts (${r.gitMergeConflicts} left with conflicts)`, `${r.gitMergeL1000Ms} ms`, '1'] as [string, string, string]]
      : []),
    [`qda import of the corpus as Zoom .vtt (${r.importZoomMB} MB, median)`, `${r.importZoomMs} ms`, `${r.samples.importZoom}`],
    ['co-occurrence of every code by quote (median)', `${r.cooccurrenceMs} ms`, `${r.samples.cooccurrence}`],
    ['segment query: two codes AND (median)', `${r.segmentsQueryMs} ms`, `${r.samples.segmentsQuery}`],
    ['qda report, HTML (median)', `${r.reportMs} ms`, `${r.samples.report}`],
    ['qda export --qdpx, REFI-QDA (median)', `${r.exportQdpxMs} ms`, `${r.samples.exportQdpx}`],
    ['qda import of that .qdpx\'s codebook (median)', r.importRefused ? `refused: ${r.importRefused}` : `${r.importCodebookMs} ms`, `${r.samples.importCodebook}`],
    ['qda import of that .qdpx as a project (median)', r.importRefused ? 'refused, as above' : `${r.importQdpxMs} ms`, `${r.samples.importQdpx}`],
    ['server peak RSS', `${r.peakRssMB} MB`, ''],
    ['slowest adversarial 1 MB parse (fuzzer\'s inputs, median of 3)', `${r.adversarialParseMs} ms`, '3'],
    [`qda agree by character (${Math.round(r.agreeChangedQuotes * 100)} % of quotes recoded, median)`, `${r.agreeCharacterMs} ms`, `${r.samples.agreeCharacter}`],
    ['qda agree by quote (median)', `${r.agreeQuoteMs} ms`, `${r.samples.agreeQuote}`],
    ['suggestions for one quote, qda/suggestions (p95)', `${r.suggestP95Ms} ms`, `${r.samples.suggest}`],
    ['qda suggest --evaluate, 5 folds (median)', `${r.suggestEvaluateMs} ms`, `${r.samples.suggestEvaluate}`],
    ['suggestions: training from scratch in the core (median)', `${r.suggestTrainMs} ms`, `${r.samples.suggestTrain}`],
    ['qda check (median) / ÷ baseline / peak RSS', `${r.checkMs} ms / ${r.checkToBaseline}× / ${r.checkPeakRssMB} MB`, `${r.samples.check}`],
    ['qda stats (median) / ÷ baseline / peak RSS', `${r.statsMs} ms / ${r.statsToBaseline}× / ${r.statsPeakRssMB} MB`, `${r.samples.stats}`],
  ];
  const big = r as BenchRun;
  if (big.bigFileMB !== undefined) {
    rows.push(
      [`big file (${big.bigFileMB} MB, 200,000 comments): cold index / baseline (median)`, `${big.bigFileIndexMs} / ${big.bigFileBaselineMs} ms`, `${r.samples.bigFileIndex}`],
      ['big file: index / baseline (median of the pairs)', `${big.bigFileIndexToBaseline}×`, `${r.samples.bigFileIndex}`],
      ['big file: LSP initialize → diagnostics / didOpen → diagnostics', `${big.bigFileReadyMs} / ${big.bigFileOpenMs} ms`, '1'],
      ['big file: completion p50 / p95', `${big.bigFileCompletionP50Ms} / ${big.bigFileCompletionP95Ms} ms`, `${r.samples.bigFileCompletion}`],
      ['big file: tree request (median)', `${big.bigFileTreeMs} ms`, `${r.samples.bigFileTree}`],
      ['big file: server peak RSS', `${big.bigFilePeakRssMB} MB`, ''],
      [`big file: qda import of a text file of one line (${big.bigFileImportMB} MB), median / peak RSS`, `${big.bigFileImportMs} ms / ${big.bigFileImportPeakRssMB} MB`, `${r.samples.bigFileImport}`],
    );
  }
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  return [`size ${r.size}`, ...rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c ? `n=${c}` : ''}`.trimEnd())].join('\n');
}

/** How much worse than the committed figure a figure may be before `--compare` flags it. */
export const regressionShare = 0.15;

/** Which way is better for a figure, by its name; undefined for what is not a speed or a size (counts, the corpus). */
function betterWhen(key: string): 'lower' | 'higher' | undefined {
  if (key.endsWith('MBps')) return 'higher';
  if (key === 'corpusMB' || key === 'importZoomMB' || key === 'bigFileMB' || key === 'bigFileImportMB' || key === 'timedTurns') return undefined;
  if (key.endsWith('Ms') || key.endsWith('MB') || key.endsWith('ToBaseline')) return 'lower';
  return undefined;
}

export interface ComparedFigure {
  key: string;
  now: number;
  before: number;
  /** How much worse now is, as a share of before (negative: better). */
  worse: number;
  flagged: boolean;
  /**
   * For a time, how much worse it is once the machine's own change of speed is taken out: the
   * figure divided by how much longer the raw read of the same files took than in the committed
   * run (the corpus's raw read for the corpus, the big file's for the big file). A machine that is
   * slower today makes every time worse; a regression in the code stays worse against the read.
   */
  worseAgainstRawRead?: number;
}

/** The raw read a time figure is measured beside: the big file's for the big file's figures, the corpus's for the rest. */
function rawReadKey(key: string): 'bigFileBaselineMs' | 'baselineMs' | undefined {
  if (!(key.endsWith('Ms') || key.endsWith('MBps')) || key === 'baselineMs' || key === 'bigFileBaselineMs') return undefined;
  return key.startsWith('bigFile') ? 'bigFileBaselineMs' : 'baselineMs';
}

/** How much longer the raw read took now than before (1.27: 27 % longer), or undefined where either run lacks it. */
function rawReadChange(now: Partial<BenchRun>, before: Partial<BenchRun>, key: 'bigFileBaselineMs' | 'baselineMs'): number | undefined {
  const a = now[key];
  const b = before[key];
  return typeof a === 'number' && typeof b === 'number' && a > 0 && b > 0 ? a / b : undefined;
}

/** Each speed and size figure of a run beside the committed one; `flagged` where it is more than 15 % worse. */
export function compareResults(now: BenchRun, before: Partial<BenchRun>): ComparedFigure[] {
  const figures: ComparedFigure[] = [];
  for (const [key, value] of Object.entries(now)) {
    const direction = betterWhen(key);
    const old = (before as Record<string, unknown>)[key];
    if (!direction || typeof value !== 'number' || typeof old !== 'number' || old <= 0) continue;
    const worse = direction === 'lower' ? (value - old) / old : (old - value) / old;
    const figure: ComparedFigure = { key, now: value, before: old, worse, flagged: worse > regressionShare };
    const readKey = rawReadKey(key);
    const machine = readKey && rawReadChange(now, before, readKey);
    if (machine) {
      // A throughput rises as the machine speeds up, a time falls.
      const scaled = direction === 'lower' ? value / machine : value * machine;
      figure.worseAgainstRawRead = direction === 'lower' ? (scaled - old) / old : (old - scaled) / old;
    }
    figures.push(figure);
  }
  return figures;
}

/** The lines under the table: what is flagged, and where the raw read itself changed, what is worse against it. */
export function summariseComparison(figures: ComparedFigure[], now: Partial<BenchRun>, before: Partial<BenchRun>): string[] {
  const flagged = figures.filter((f) => f.flagged);
  const lines = [flagged.length === 0 ? 'no figure is more than 15 % worse.' : `${flagged.length} figures more than 15 % worse: ${flagged.map((f) => f.key).join(', ')}`];
  const machine = rawReadChange(now, before, 'baselineMs');
  if (machine !== undefined && Math.abs(machine - 1) > regressionShare) {
    const againstRead = figures.filter((f) => f.worseAgainstRawRead !== undefined && f.worseAgainstRawRead > regressionShare);
    lines.push(
      `the raw read of the same files took ${Math.round(Math.abs(machine - 1) * 100)} % ${machine > 1 ? 'longer' : 'less'} than in the committed run (${now.baselineMs} against ${before.baselineMs} ms): the machine is ${machine > 1 ? 'slower' : 'faster'} now. ` +
        (againstRead.length === 0 ? 'Against the raw read, no time is more than 15 % worse.' : `Against the raw read, ${againstRead.length} times are more than 15 % worse: ${againstRead.map((f) => f.key).join(', ')}`),
    );
  }
  return lines;
}

export function formatComparison(figures: ComparedFigure[]): string {
  const w = Math.max(...figures.map((f) => f.key.length));
  return figures
    .map((f) => {
      const share = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)} %`;
      const line = `${f.key.padEnd(w)}  ${String(f.now).padStart(10)}  was ${String(f.before).padStart(10)}  ${share(f.worse).padStart(6)}${f.flagged ? '  WORSE' : '       '}`;
      return f.worseAgainstRawRead === undefined ? line.trimEnd() : `${line}  ${share(f.worseAgainstRawRead).padStart(6)} against the raw read`;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const size = (args.includes('--size') ? args[args.indexOf('--size') + 1] : 'S') as Size;
  const usage = 'usage: npm run bench [-- --size S|M|L|XL] [--samples N] [--compare] [--git-merge (with --size L)]';
  if (args.some((arg, k) => arg.startsWith('--') && !['--size', '--samples', '--compare', '--git-merge'].includes(arg) && args[k - 1] !== '--samples')) throw new Error(usage);
  if (!(size in sizes)) throw new Error(`unknown size '${size}': S, M, L or XL`);
  // git runs the driver once per file, one after another: minutes on L, so only when asked, and only on L (the figure is L's).
  const gitMerge = args.includes('--git-merge');
  if (gitMerge && size !== 'L') throw new Error('--git-merge measures a merge of L (1,000 transcripts): use it with --size L');
  const samples = args.includes('--samples') ? Number(args[args.indexOf('--samples') + 1]) : undefined;
  const out = path.resolve(__dirname, '../../bench/results');
  const committedFile = path.join(out, `${size}.json`);
  const log = (line: string) => console.error(line);
  const result: BenchRun = await runBenchmark(size, { samples, log, gitMerge });
  // The big file on L and XL (the same file: its figures do not depend on the corpus), in a process of its own.
  if (size === 'L' || size === 'XL') {
    const { samples: bigSamples, ...big } = runBigFileAlone();
    Object.assign(result, big);
    Object.assign(result.samples, bigSamples);
  }
  console.log(formatTable(result));
  if (args.includes('--compare')) {
    // A comparison run leaves the committed figures as they are.
    const committed = JSON.parse(readFileSync(committedFile, 'utf8')) as Partial<BenchRun>;
    const figures = compareResults(result, committed);
    console.log(`\nbeside bench/results/${size}.json (WORSE: more than ${regressionShare * 100} % worse):\n${formatComparison(figures)}`);
    console.log(`\n${summariseComparison(figures, result, committed).join('\n')}`);
    if (figures.some((f) => f.flagged)) process.exitCode = 1;
    return;
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(committedFile, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten: bench/results/${size}.json`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`bench: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}

/** A transcript as Zoom's WebVTT would hold it: a numbered cue per line of a turn, the first with "Label: ". */
function zoomExport(transcript: string): string {
  const cues: string[] = [];
  let at = 0;
  let inTurn = false;
  for (const line of transcript.split('\n')) {
    const turn = /^([\p{L}\p{Nd}_.-]+): (.*)$/u.exec(line);
    const words = turn ? `${turn[1]}: ${turn[2]}` : inTurn && line.trim() ? line.trim() : undefined;
    inTurn = turn ? true : line.trim() === '' ? false : inTurn;
    if (!words) continue;
    cues.push(`${cues.length + 1}\n${formatClock(at)}.000 --> ${formatClock((at += 4))}.000\n${words.replace(/&/g, '&amp;').replace(/</g, '&lt;')}\n`);
  }
  return `WEBVTT\n\n${cues.join('\n')}`;
}
