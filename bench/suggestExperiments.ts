// `node out/bench/suggestExperiments.js [folder…]`: the measurements behind the choices of the
// code suggestions (docs/suggestions.md). On the sample, its second coder's copy and a generated
// study whose codes can be learned (suggestCorpus.ts), it cross-validates, on the same segments
// and folds as `qda suggest --evaluate`: the shipped model with other settings, other features,
// nearest neighbours instead of centroids, and the baseline (suggestBaseline.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { foldOf, qualityOf, type EvaluatedSegment } from '../server/src/core/analyses/suggestionQuality';
import { defaultModelSettings, predictedCodes, SegmentCounts, type CodeScore, type ModelSettings } from '../server/src/core/analyses/suggestionModel';
import { projectSegments, SuggestionModel } from '../server/src/core/analyses/suggestions';
import { FeatureExtractor, type FeatureOptions } from '../server/src/core/analyses/textFeatures';
import type { Project } from '../server/src/core/project/workspace';
import { QdaWorkspace } from '../server/src/core/project/workspace';
import { NodeFileSystem } from '../server/src/node/nodeFileSystem';
import { baselinePredictions, type BaselineOptions } from './suggestBaseline';
import { generateLearnableProject } from './suggestCorpus';

const folds = 5;

export async function loadProject(folder: string): Promise<Project> {
  const workspace = new QdaWorkspace(new NodeFileSystem());
  await workspace.addFolder(URI.file(path.resolve(folder)).toString());
  const project = workspace.sortedProjects()[0];
  if (!project) throw new Error(`no project in ${folder}`);
  return project;
}

type Figures = ReturnType<typeof qualityOf>['overall'];

/** The shipped centroid model, with other settings or features, on the usual folds. */
function centroid(project: Project, settings: Partial<ModelSettings> = {}, features?: FeatureOptions, scorer: 'centroid' | 'knn' = 'centroid'): Figures {
  const model = new SuggestionModel(project, { ...defaultModelSettings, ...settings }, new FeatureExtractor(features), false);
  const segments = projectSegments(project);
  const fold = segments.map((s) => foldOf(s, folds));
  const evaluated: EvaluatedSegment[] = [];
  const top3: string[][] = [];
  for (let k = 0; k < folds; k++) {
    const test = segments.filter((_, i) => fold[i] === k);
    const train = segments.filter((_, i) => fold[i] !== k);
    const without = new SegmentCounts();
    for (const s of test) without.add(model.featuresOf(s));
    const scoring = model.scorerWithout(without);
    const trainVectors = scorer === 'knn' ? train.map((s) => ({ terms: model.extractor.countsOf(s.text), codes: s.codes })).map((t) => ({ ...t, weights: scoring.queryWeights(t.terms) })) : [];
    for (const s of test) {
      const terms = model.extractor.countsOf(s.text);
      let ranked: CodeScore[];
      if (scorer === 'centroid') ranked = scoring.rank(terms);
      else {
        // k nearest training segments, each voting for its codes with its similarity.
        const weights = scoring.queryWeights(terms);
        const near = trainVectors
          .map((t) => {
            let dot = 0;
            for (let i = 0, j = 0; i < terms.features.length && j < t.terms.features.length; ) {
              if (terms.features[i] === t.terms.features[j]) dot += weights[i++] * t.weights[j++];
              else if (terms.features[i] < t.terms.features[j]) i++;
              else j++;
            }
            return { dot, codes: t.codes };
          })
          .sort((a, b) => b.dot - a.dot)
          .slice(0, 10);
        const votes = new Map<string, number>();
        for (const n of near) for (const c of n.codes) votes.set(c, (votes.get(c) ?? 0) + n.dot);
        ranked = [...votes].map(([code, score]) => ({ code, score })).sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
      }
      evaluated.push({ path: s.path, line: s.line, text: s.text, fold: k, actual: s.codes, predicted: predictedCodes(ranked, model.settings) });
      top3.push(ranked.slice(0, 3).map((r) => r.code));
    }
  }
  return qualityOf(evaluated, top3, [...project.codebook.codes.keys()]).overall;
}

function baseline(project: Project, options: BaselineOptions): Figures {
  const segments = projectSegments(project);
  const items = segments.map((s) => ({ text: s.text, codes: s.codes, fold: foldOf(s, folds) }));
  const predictions = baselinePredictions(items, folds, options);
  const evaluated = segments.map((s, i): EvaluatedSegment => ({ path: s.path, line: s.line, text: s.text, fold: items[i].fold, actual: s.codes, predicted: predictions[i].predicted }));
  return qualityOf(evaluated, predictions.map((p) => p.top3), [...project.codebook.codes.keys()]).overall;
}

export function experiments(project: Project, withBaseline = true): [string, Figures][] {
  const rows: [string, Figures][] = [
    ['centroid, shipped settings (4-6, codebook 2, top-1)', centroid(project)],
    ['  relativeCut 0.9 (also codes within 90 % of the best)', centroid(project, { relativeCut: 0.9 })],
    ['  relativeCut 0.8', centroid(project, { relativeCut: 0.8 })],
    ['  also codes scoring ≥ 0.1', centroid(project, { absoluteCut: 0.1 })],
    ['  also codes scoring ≥ 0.15', centroid(project, { absoluteCut: 0.15 })],
    ['  also codes scoring ≥ 0.2', centroid(project, { absoluteCut: 0.2 })],
    ['  the 32 heaviest features of a text only', centroid(project, { queryFeatures: 32 })],
    ['  the 64 heaviest features of a text only', centroid(project, { queryFeatures: 64 })],
    ['  without the codebook', centroid(project, { codebookWeight: 0, excludeWeight: 0 })],
    ['  codebook weight 1', centroid(project, { codebookWeight: 1 })],
    ['  exclude not used', centroid(project, { excludeWeight: 0 })],
    ['  n-grams 3-5', centroid(project, {}, { minGram: 3, maxGram: 5 })],
    ['  n-grams 2-4', centroid(project, {}, { minGram: 2, maxGram: 4 })],
    ['  whole words only', centroid(project, {}, { minGram: 60, maxGram: 60 })],
    ['10 nearest neighbours, same features', centroid(project, {}, undefined, 'knn')],
  ];
  if (!withBaseline) return rows;
  return [
    ...rows,
    ['baseline: TF-IDF + logistic regression, C=1', baseline(project, { c: 1, atLeastOne: false, balanced: false })],
    ['  C=1, at least the most probable code', baseline(project, { c: 1, atLeastOne: true, balanced: false })],
    ['  C=10', baseline(project, { c: 10, atLeastOne: false, balanced: false })],
    ['  C=10, at least the most probable code', baseline(project, { c: 10, atLeastOne: true, balanced: false })],
    ['  C=10, classes balanced', baseline(project, { c: 10, atLeastOne: false, balanced: true })],
    ['  C=100, classes balanced', baseline(project, { c: 100, atLeastOne: false, balanced: true })],
    ['  C=100, balanced, at least the most probable', baseline(project, { c: 100, atLeastOne: true, balanced: true })],
  ];
}

function table(name: string, rows: [string, Figures][], segments: number): string {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const w = Math.max(...rows.map(([n]) => n.length));
  return [`${name} (${segments} segments, ${folds} folds)`, `${'method'.padEnd(w)}  macroKappa  microF1  top3Recall`, ...rows.map(([n, o]) => `${n.padEnd(w)}  ${f(o.macroKappa).padStart(10)}  ${f(o.microF1).padStart(7)}  ${f(o.top3Recall).padStart(10)}`)].join('\n');
}

/** The settings grid the shipped defaults were chosen from: the centroid model only (the baseline is slow). */
export function grid(project: Project): [string, Figures][] {
  const rows: [string, Figures][] = [];
  for (const [minGram, maxGram] of [[3, 5], [4, 6], [3, 6]])
    for (const codebookWeight of [1, 2, 3])
      for (const excludeWeight of [0, 0.5])
        for (const relativeCut of [1, 0.9])
          rows.push([`n-grams ${minGram}-${maxGram}, codebook ${codebookWeight}, exclude ${excludeWeight}, cut ${relativeCut}`, centroid(project, { codebookWeight, excludeWeight, relativeCut }, { minGram, maxGram })]);
  return rows;
}

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '../..');
  const gridOnly = process.argv.includes('--grid');
  // --export FILE: the studies' segments and folds as JSON, for suggest_baseline_sklearn.py.
  const exportTo = process.argv.includes('--export') ? process.argv[process.argv.indexOf('--export') + 1] : undefined;
  const exported: Record<string, unknown> = {};
  const withBaseline = !process.argv.includes('--no-baseline');
  const folders = process.argv.slice(2).filter((a) => !a.startsWith('--') && a !== exportTo);
  const generated = mkdtempSync(path.join(tmpdir(), 'qda-learnable-'));
  try {
    generateLearnableProject(generated);
    const studies: [string, string][] = folders.length > 0 ? folders.map((f) => [f, f]) : [['sample', path.join(repo, 'sample')], ['sample-coder2', path.join(repo, 'sample-coder2')], ['generated learnable study (bench/suggestCorpus.ts)', generated]];
    for (const [name, folder] of studies) {
      const project = await loadProject(folder);
      if (exportTo) {
        exported[name] = { codes: [...project.codebook.codes.keys()], segments: projectSegments(project).map((s) => ({ text: s.text, codes: s.codes, fold: foldOf(s, folds) })) };
        continue;
      }
      console.log(table(name, gridOnly ? grid(project) : experiments(project, withBaseline), projectSegments(project).length));
      console.log('');
    }
    if (exportTo) writeFileSync(exportTo, JSON.stringify(exported));
  } finally {
    rmSync(generated, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
