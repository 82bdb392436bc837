// A smoke run of the benchmark on the S corpus: it must run and give sane figures. Speed is
// measured by `npm run bench`, never asserted here.
import * as assert from 'assert';
import { gitMergeBench } from '../../bench/mergeRun';
import { compareResults, formatComparison, formatTable, runBenchmark, summariseComparison, type BenchResult, type BenchRun } from '../../bench/run';
import { runBigFile } from '../../bench/bigFile';
import { generateProject, random } from '../../bench/generate';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

describe('benchmark (smoke run on S)', function () {
  this.timeout(120000);
  /** The end-to-end run's result, whose table the big file's test prints its rows in (run alone, it makes its own). */
  let resultOfS: BenchResult | undefined;

  it('generates the same corpus for the same seed', () => {
    const a = random(7);
    const b = random(7);
    assert.deepStrictEqual([a(), a(), a()], [b(), b(), b()]);
    const one = mkdtempSync(path.join(tmpdir(), 'qda-gen-'));
    const two = mkdtempSync(path.join(tmpdir(), 'qda-gen-'));
    try {
      const x = generateProject(one, 'S', 3);
      const y = generateProject(two, 'S', 3);
      assert.strictEqual(x.bytes, y.bytes);
      const file = 'transcripts/4/w0004.transcript.md';
      assert.strictEqual(readFileSync(path.join(one, file), 'utf8'), readFileSync(path.join(two, file), 'utf8'));
    } finally {
      rmSync(one, { recursive: true, force: true });
      rmSync(two, { recursive: true, force: true });
    }
  });

  it('compares a run with the committed figures: times and sizes more than 15 % worse are flagged, counts are not compared', () => {
    const before = { size: 'S', documents: 15, corpusMB: 1, indexMs: 100, parseMBps: 50, peakRssMB: 200, indexToBaseline: 2, samples: {} } as Partial<BenchResult>;
    const now = { ...before, documents: 30, corpusMB: 2, indexMs: 116, parseMBps: 42, peakRssMB: 230, indexToBaseline: 2.2 } as BenchResult;
    const figures = compareResults(now, before);
    assert.deepStrictEqual(
      figures.map((f) => [f.key, f.flagged, Math.round(f.worse * 100)]),
      [['indexMs', true, 16], ['parseMBps', true, 16], ['peakRssMB', false, 15], ['indexToBaseline', false, 10]],
    );
    assert.match(formatComparison(figures), /^indexMs +116 +was +100 +\+16 % +WORSE$/m);
    // Better is never flagged, and a figure the committed file lacks is left out.
    assert.deepStrictEqual(compareResults({ ...now, indexMs: 50, reportMs: 9 } as BenchResult, before).filter((f) => f.flagged).map((f) => f.key), ['parseMBps']);
  });

  it('compares times against the raw read too, so that a slower machine is told from slower code', () => {
    // The raw read took 30 % longer: the machine is slower. The index moved with it (140 / 1.3 =
    // 107.7 ms, +8 %), the report did not (20 / 1.3 = 15.4 ms, +54 %), the throughput neither
    // (40 MB/s × 1.3 = 52, better than 50). The big file has a raw read of its own, unchanged.
    const before = { size: 'L', baselineMs: 100, indexMs: 100, reportMs: 10, parseMBps: 50, peakRssMB: 200, bigFileBaselineMs: 200, bigFileTreeMs: 100, samples: {} } as Partial<BenchRun>;
    const now = { ...before, baselineMs: 130, indexMs: 140, reportMs: 20, parseMBps: 40, peakRssMB: 200, bigFileTreeMs: 120 } as BenchRun;
    const figures = compareResults(now, before);
    assert.deepStrictEqual(
      figures.map((f) => [f.key, f.flagged, Math.round(f.worse * 100), f.worseAgainstRawRead === undefined ? undefined : Math.round(f.worseAgainstRawRead * 100)]),
      [
        ['baselineMs', true, 30, undefined],
        ['indexMs', true, 40, 8],
        ['reportMs', true, 100, 54],
        ['parseMBps', true, 20, -4],
        ['peakRssMB', false, 0, undefined],
        ['bigFileBaselineMs', false, 0, undefined],
        ['bigFileTreeMs', true, 20, 20],
      ],
    );
    assert.match(formatComparison(figures), /^indexMs +140 +was +100 +\+40 % +WORSE +\+8 % against the raw read$/m);
    assert.deepStrictEqual(summariseComparison(figures, now, before), [
      '5 figures more than 15 % worse: baselineMs, indexMs, reportMs, parseMBps, bigFileTreeMs',
      'the raw read of the same files took 30 % longer than in the committed run (130 against 100 ms): the machine is slower now. Against the raw read, 2 times are more than 15 % worse: reportMs, bigFileTreeMs',
    ]);
    // The same machine: no line about it.
    assert.strictEqual(summariseComparison(compareResults({ ...now, baselineMs: 105 }, before), { ...now, baselineMs: 105 }, before).length, 1);
  });

  it("merges two coders' branches that changed every transcript with git and the qda driver (the L figure's code, on S)", () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qda-gitmerge-'));
    try {
      generateProject(dir, 'S');
      const transcripts = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.transcript.md')).map((f) => path.join(dir, f));
      assert.strictEqual(transcripts.length, 15);
      const result = gitMergeBench(dir, transcripts);
      assert.strictEqual(result.files, 15);
      assert.ok(result.ms > 0 && result.conflicts >= 0 && result.conflicts < 15, JSON.stringify(result));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs end to end and reports every figure with its samples', async () => {
    const result: BenchResult = await runBenchmark('S', { samples: 20 });
    resultOfS = result;
    assert.strictEqual(result.documents, 15);
    assert.ok(result.corpusMB > 0.5 && result.corpusMB < 2, `corpus ${result.corpusMB} MB`);
    const positive = [
      'parseMBps', 'indexMs', 'baselineMs', 'lspReadyMs', 'completionP50Ms', 'completionP95Ms', 'completionP99Ms', 'completionAfterEditP50Ms', 'completionAfterEditP95Ms',
      'keystrokeDiagnosticsP50Ms', 'keystrokeDiagnosticsP95Ms', 'referencesMs', 'renameMs', 'workspaceSymbolsMs', 'treeMs', 'treeBranchMs', 'treeUntaggedMs', 'peakRssMB', 'adversarialParseMs', 'matrixMs', 'cooccurrenceMs', 'segmentsQueryMs', 'reportMs', 'exportQdpxMs', 'importCodebookMs', 'mergeFileMs', 'mergeFileCoreMs', 'agreeCharacterMs', 'agreeQuoteMs', 'agreeChangedQuotes', 'suggestP95Ms', 'suggestEvaluateMs', 'suggestTrainMs', 'checkMs', 'checkToBaseline', 'checkPeakRssMB', 'statsMs', 'statsToBaseline', 'statsPeakRssMB',
    ] as const;
    for (const key of positive) assert.ok(Number.isFinite(result[key]) && result[key]! > 0, `${key} = ${result[key]}`);
    assert.strictEqual(result.importRefused, undefined);
    assert.ok(result.completionP50Ms <= result.completionP95Ms && result.completionP95Ms <= result.completionP99Ms);
    assert.deepStrictEqual(
      [result.samples.completion, result.samples.keystrokeDiagnostics, result.samples.parse],
      [20, 20, 15],
    );
    assert.match(formatTable(result), /^size S\ncorpus +\d/);
  });

  it('runs the big file\'s section (after the end-to-end run) on a small comment dump and a small one-line import, every figure with its samples', async () => {
    const { samples, ...big } = await runBigFile(undefined, { comments: 2000, commenters: 200, importBytes: 200_000 });
    const positive = [
      'bigFileMB', 'bigFileIndexMs', 'bigFileBaselineMs', 'bigFileIndexToBaseline', 'bigFileReadyMs', 'bigFileOpenMs', 'bigFileCompletionP50Ms', 'bigFileCompletionP95Ms',
      'bigFileTreeMs', 'bigFilePeakRssMB', 'bigFileImportMB', 'bigFileImportMs', 'bigFileImportPeakRssMB',
    ] as const;
    assert.deepStrictEqual(Object.keys(big).sort(), [...positive].sort());
    for (const key of positive) assert.ok(Number.isFinite(big[key]) && big[key] > 0, `${key} = ${big[key]}`);
    assert.deepStrictEqual(samples, { bigFileIndex: 5, bigFileCompletion: 50, bigFileTree: 5, bigFileImport: 3 });
    assert.strictEqual(big.bigFileImportMB, 0.2);
    // The table's rows of the big file, as an L run prints them after the corpus's.
    const ofS = resultOfS ?? (await runBenchmark('S', { samples: 5 }));
    const run = { ...ofS, ...big, samples: { ...ofS.samples, ...samples } } as BenchRun;
    assert.match(formatTable(run), /^big file: qda import of a text file of one line \(0\.2 MB\), median \/ peak RSS +[\d.]+ ms \/ [\d.]+ MB +n=3$/m);
  });
});
