// `qda suggest`: the JSON shapes of the issue, the figures of --evaluate recomputed here from its
// own segment list, and --as-coder's copy, read by `qda agree`, with its refusals.
import * as assert from 'assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runQda } from '../helpers/cli';

const repo = path.resolve(__dirname, '../../..');
const sample = path.join(repo, 'sample');

interface Evaluation {
  folds: number;
  segments: { path: string; line: number; text: string; fold: number; actual: string[]; predicted: string[] }[];
  codes: Record<string, { support: number; precision: number | null; recall: number | null; kappa: number | null }>;
  overall: { macroKappa: number | null; microF1: number | null; top3Recall: number | null };
}

describe('qda suggest', function () {
  this.timeout(60000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-suggest-'));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--evaluate gives per code the precision, recall and kappa that its own segment list gives', async () => {
    const run = await runQda('suggest', sample, '--evaluate', '--json');
    assert.deepStrictEqual([run.code, run.err], [0, '']);
    const report = JSON.parse(run.out) as Evaluation;
    assert.deepStrictEqual(Object.keys(report), ['folds', 'segments', 'codes', 'overall']);
    assert.deepStrictEqual(Object.keys(report.segments[0]), ['path', 'line', 'text', 'fold', 'actual', 'predicted']);
    assert.deepStrictEqual(Object.keys(report.overall), ['macroKappa', 'microF1', 'top3Recall']);
    assert.strictEqual(report.folds, 5);
    // The sample's 90 codings lie on 67 distinct extents (`qda stats`: 90 codings; nested and multi-code spans share extents).
    assert.strictEqual(report.segments.length, 67);
    assert.deepStrictEqual(new Set(report.segments.map((s) => s.fold)), new Set([0, 1, 2, 3, 4]));
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    const macro: number[] = [];
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const [code, figures] of Object.entries(report.codes)) {
      // A second reading: counts of the 2×2 table, then kappa from its own formula.
      const n: number = report.segments.length;
      const a = report.segments.filter((s) => s.actual.includes(code) && s.predicted.includes(code)).length;
      const b = report.segments.filter((s) => s.actual.includes(code) && !s.predicted.includes(code)).length;
      const c = report.segments.filter((s) => !s.actual.includes(code) && s.predicted.includes(code)).length;
      const po: number = (n - b - c) / n;
      const pResearcher: number = (a + b) / n;
      const pSuggester: number = (a + c) / n;
      const pe: number = pResearcher * pSuggester + (1 - pResearcher) * (1 - pSuggester);
      assert.deepStrictEqual(figures, { support: a + b, precision: a + c === 0 ? null : r3(a / (a + c)), recall: r3(a / (a + b)), kappa: pe === 1 ? null : r3((po - pe) / (1 - pe)) }, code);
      if (a + b >= 5) macro.push((po - pe) / (1 - pe));
      tp += a;
      fp += c;
      fn += b;
    }
    assert.strictEqual(report.overall.macroKappa, r3(macro.reduce((x, y) => x + y, 0) / macro.length));
    assert.strictEqual(report.overall.microF1, r3((2 * tp) / (2 * tp + fp + fn)));
    // Every code the sample uses is listed, and no other.
    assert.deepStrictEqual(Object.keys(report.codes).sort(), [...new Set(report.segments.flatMap((s) => s.actual))].sort());
    const three = JSON.parse((await runQda('suggest', sample, '--evaluate', '--folds', '3', '--json')).out) as Evaluation;
    assert.deepStrictEqual([three.folds, new Set(three.segments.map((s) => s.fold)).size], [3, 3]);
  });

  it('lists the untagged quotes with their best codes and the passages behind them, in the issue\'s JSON', async () => {
    const run = await runQda('suggest', sample, '--json');
    assert.strictEqual(run.code, 0);
    const { suggestions } = JSON.parse(run.out) as { suggestions: { path: string; line: number; informant: string; text: string; codes: { code: string; score: number; because: { path: string; line: number; text: string }[] }[] }[] };
    // `qda stats sample`: 14 untagged quotes.
    assert.strictEqual(suggestions.length, 14);
    assert.deepStrictEqual(Object.keys(suggestions[0]), ['path', 'line', 'informant', 'text', 'codes']);
    assert.deepStrictEqual(Object.keys(suggestions[0].codes[0]), ['code', 'score', 'because']);
    assert.deepStrictEqual(Object.keys(suggestions[0].codes[0].because[0]), ['path', 'line', 'text']);
    assert.deepStrictEqual(suggestions[0], { ...suggestions[0], path: 'transcripts/customers/a2.transcript.md', line: 24, informant: 'A2', text: 'Baju Padang Murah, pasti.' });
    // Only one transcript's quotes when it is named.
    const file = path.join(sample, 'transcripts/customers/am.transcript.md');
    const one = JSON.parse((await runQda('suggest', sample, file, '--json')).out) as { suggestions: { path: string }[] };
    assert.deepStrictEqual([...new Set(one.suggestions.map((s) => s.path))], ['transcripts/customers/am.transcript.md']);
    assert.deepStrictEqual(await runQda('suggest', sample, path.join(dir, 'x.transcript.md')), { code: 2, out: '', err: `qda: ${path.join(dir, 'x.transcript.md')} is not a transcript of the project in ${sample}` });
  });

  it('--as-coder writes a copy that qda agree compares quote by quote, every transcript alike in its words', async () => {
    const copy = path.join(dir, 'machine');
    const run = await runQda('suggest', sample, '--as-coder', copy);
    assert.deepStrictEqual([run.code, run.err], [0, '']);
    assert.match(run.out, /^Wrote 15 transcripts to .*machine, each coded by a model trained without it: \d+ of 60 quotes given codes, the others \{-\}\.\nCompare: qda agree /);
    assert.deepStrictEqual(readdirSync(copy).sort(), ['codebook.yaml', 'informants.yaml', 'transcripts']);
    const agree = await runQda('agree', sample, copy, '--unit', 'quote', '--json');
    const report = JSON.parse(agree.out) as { documents: string[]; skipped: unknown[]; codes: Record<string, { units: number }> };
    assert.deepStrictEqual([report.documents.length, report.skipped], [15, []]);
    // Every quote the researcher reviewed is compared (46 of the sample's 60: 14 are untagged).
    assert.strictEqual(report.codes.trust.units, 46);
  });

  it('--as-coder refuses, in one line, a folder inside the project, in a project, or not empty', async () => {
    const project = path.join(dir, 'project');
    cpSync(sample, project, { recursive: true });
    const inside = path.join(project, 'machine');
    assert.deepStrictEqual(await runQda('suggest', project, '--as-coder', inside), { code: 2, out: '', err: `qda: ${inside} is inside the project ${project}: choose a folder outside it` });
    const other = path.join(dir, 'other');
    mkdirSync(path.join(other, 'sub'), { recursive: true });
    writeFileSync(path.join(other, 'codebook.yaml'), 'a: {}\n');
    assert.deepStrictEqual(await runQda('suggest', project, '--as-coder', path.join(other, 'sub')), { code: 2, out: '', err: `qda: ${path.join(other, 'sub')} is in an existing project (a codebook.yaml at or above it): choose a new folder` });
    const full = path.join(dir, 'full');
    mkdirSync(full);
    writeFileSync(path.join(full, 'notes.txt'), 'mine');
    assert.deepStrictEqual(await runQda('suggest', project, '--as-coder', full), { code: 2, out: '', err: `qda: ${full} is not empty: choose a new or empty folder` });
    assert.ok(!existsSync(inside));
    assert.deepStrictEqual(readdirSync(full), ['notes.txt']);
    assert.deepStrictEqual(await runQda('suggest', project, '--as-coder', full, '--evaluate'), { code: 2, out: '', err: "qda: --as-coder codes the whole project: no --evaluate or FILE with it (see 'qda suggest --help')" });
    assert.deepStrictEqual(await runQda('suggest', project, '--evaluate', '--folds', '1'), { code: 2, out: '', err: "qda: --folds takes a whole number from 2 to 100, not '1' (see 'qda suggest --help')" });
  });
});
