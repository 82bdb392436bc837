// `qda suggest`: code suggestions for the untagged quotes, learned from the study's own coding;
// `--evaluate`, how often they agree with the researcher (cross-validated); `--as-coder DIR`, a
// copy of the project coded by the suggester, for `qda agree` (docs/suggestions.md).
import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { machineCodedTranscripts } from '../core/analyses/machineCoder';
import { evaluateSuggestions, minSupport, type SuggestionQuality } from '../core/analyses/suggestionQuality';
import { suggestCodes } from '../core/analyses/suggestions';
import type { Project, QdaWorkspace } from '../core/project/workspace';
import { excerpt } from '../core/text/excerpt';
import { transcriptSuffix } from '../core/project/projectFiles';
import { projectRootAtOrAbove } from '../node/projectRoot';
import { StagingFolder } from '../node/safeWriter';
import { ArgumentReader, oneProject, UsageError } from './usage';

export const suggestUsage = `Usage: qda suggest [folder] [FILE…] [--json]
       qda suggest [folder] --evaluate [--folds K] [--json]
       qda suggest [folder] --as-coder DIR

Suggests codes for each untagged quote, learned from the study's own coded passages and its
codebook: the best codes with a score (cosine similarity, 0 to 1) and the coded passages most like
the quote. Nothing leaves the machine.

  FILE…          Only these transcripts' quotes.
  --evaluate     Cross-validates the suggester against the researcher's coding: each coded
                 segment predicted by a model trained without its fold. Per code: support,
                 precision, recall, Cohen's kappa; overall: mean kappa of codes with support ≥ ${minSupport},
                 micro F1, top-3 recall.
  --folds K      Folds of the cross-validation (default 5).
  --as-coder DIR Writes a copy of the project to DIR (a new or empty folder outside the project)
                 in which every quote is coded by a model trained without its transcript; then
                 'qda agree FOLDER DIR --unit quote' compares the machine with the researcher.
  --json         Print JSON.
`;

export interface SuggestOptions {
  folder: string;
  files: string[];
  json: boolean;
  evaluate: boolean;
  folds: number;
  asCoder?: string;
}

export function parseSuggestArguments(args: string[]): SuggestOptions {
  const options: SuggestOptions = { folder: '.', files: [], json: false, evaluate: false, folds: 5 };
  const positional: string[] = [];
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (arg === '--json') options.json = true;
    else if (arg === '--evaluate') options.evaluate = true;
    else if (reader.name === '--folds') {
      const value = reader.value();
      const folds = Number(value);
      if (!Number.isInteger(folds) || folds < 2 || folds > 100) throw new UsageError(`--folds takes a whole number from 2 to 100, not '${value}'`);
      options.folds = folds;
    } else if (reader.name === '--as-coder') options.asCoder = reader.value();
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  // The first argument is the folder when it is not a transcript.
  if (positional.length > 0 && !positional[0].endsWith(transcriptSuffix)) options.folder = positional.shift()!;
  options.files = positional;
  if (options.asCoder !== undefined && (options.evaluate || options.files.length > 0)) throw new UsageError('--as-coder codes the whole project: no --evaluate or FILE with it');
  if (options.evaluate && options.files.length > 0) throw new UsageError('--evaluate measures the whole project: no FILE with it');
  return options;
}

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function runSuggest(workspace: QdaWorkspace, options: SuggestOptions, output: Output): Promise<number> {
  const project = oneProject(workspace, options.folder, output.err);
  if (!project) return 2;
  if (options.asCoder !== undefined) return writeMachineCoder(project, options, output);
  if (options.evaluate) {
    const quality = evaluateSuggestions(project, { folds: options.folds });
    if (options.json) output.out(JSON.stringify(quality, null, 2));
    else printQuality(quality, output);
    return 0;
  }
  let quotes = project.index.untaggedQuotes();
  if (options.files.length > 0) {
    const uris = new Set<string>();
    for (const file of options.files) {
      const uri = URI.file(path.resolve(file)).toString();
      if (!project.index.documents.has(uri)) {
        output.err(`qda: ${file} is not a transcript of the project in ${options.folder}`);
        return 2;
      }
      uris.add(uri);
    }
    quotes = quotes.filter((q) => uris.has(q.uri));
  }
  const suggestions = suggestCodes(project, quotes);
  if (options.json) {
    output.out(JSON.stringify({ suggestions }, null, 2));
    return 0;
  }
  if (suggestions.length === 0) output.out('No untagged quotes.');
  for (const s of suggestions) {
    output.out(`${s.path}:${s.line}: ${s.informant ?? '(no informant)'}: "${excerpt(s.text, 70)}"`);
    if (s.codes.length === 0) output.out('    (no suggestion: no coded passage shares its words)');
    for (const c of s.codes) {
      output.out(`    ${c.code}  ${c.score.toFixed(3)}`);
      for (const b of c.because) output.out(`        like ${b.path}:${b.line}: "${excerpt(b.text, 60)}"`);
    }
  }
  return 0;
}

function printQuality(quality: SuggestionQuality, output: Output): void {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const rows = Object.entries(quality.codes).map(([code, q]) => [code, String(q.support), f(q.precision), f(q.recall), f(q.kappa)]);
  const header = ['code', 'support', 'precision', 'recall', 'kappa'];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => [...r[c]].length)));
  output.out(`Suggestions against the researcher's coding: ${quality.segments.length} coded segments, ${quality.folds}-fold cross-validation.`);
  output.out('');
  for (const row of [header, ...rows]) output.out(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  output.out('');
  const o = quality.overall;
  output.out(`macroKappa ${f(o.macroKappa)} (mean over codes with support ≥ ${minSupport}), microF1 ${f(o.microF1)}, top3Recall ${f(o.top3Recall)}`);
  output.out("Kappa is Cohen's, researcher against suggester, over every segment (the code present or absent); — where not defined.");
}

// ---- --as-coder ---------------------------------------------------------------------------------

async function writeMachineCoder(project: Project, options: SuggestOptions, output: Output): Promise<number> {
  const root = URI.parse(project.root).fsPath;
  const target = path.resolve(options.asCoder!);
  const refusal = await refuseTarget(root, target);
  if (refusal) {
    output.err(`qda: ${refusal}`);
    return 2;
  }
  const transcripts = machineCodedTranscripts(project);
  const skipped = transcripts.filter((t) => t.text === undefined);
  // The copy is built in a staging folder beside DIR and moved into place whole (the shared safe writer).
  let staging: StagingFolder | undefined;
  try {
    staging = await StagingFolder.create(target);
    for (const file of [project.codebookUri, ...(project.hasInformantsFile ? [project.informantsUri] : [])]) {
      const source = URI.parse(file).fsPath;
      await staging.write(path.relative(root, source).split(path.sep).join('/'), await fs.readFile(source));
    }
    for (const t of transcripts) if (t.text !== undefined) await staging.write(t.path, t.text);
    await staging.commit();
  } catch (error) {
    await staging?.discard();
    output.err(`qda: cannot write ${options.asCoder}: ${(error as Error).message}`);
    return 2;
  }
  const written = transcripts.length - skipped.length;
  const quotes = transcripts.reduce((n, t) => n + (t.text === undefined ? 0 : t.quotes), 0);
  const coded = transcripts.reduce((n, t) => n + (t.text === undefined ? 0 : t.coded), 0);
  output.out(`Wrote ${written} ${written === 1 ? 'transcript' : 'transcripts'} to ${options.asCoder}, each coded by a model trained without it: ${coded} of ${quotes} quotes given codes, the others {-}.`);
  for (const s of skipped) output.out(`  left out ${s.path}: ${s.reason}`);
  output.out(`Compare: qda agree ${options.folder} ${options.asCoder} --unit quote`);
  return 0;
}

/** Why DIR cannot take the copy, or undefined: it must lie outside the project, be no project, and be new or empty. */
async function refuseTarget(root: string, target: string): Promise<string | undefined> {
  const relative = path.relative(root, target);
  if (relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative))) return `${target} is inside the project ${root}: choose a folder outside it`;
  if ((await projectRootAtOrAbove(target)) !== undefined) return `${target} is in an existing project (a codebook.yaml at or above it): choose a new folder`;
  try {
    const entries = await fs.readdir(target);
    if (entries.length > 0) return `${target} is not empty: choose a new or empty folder`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return `${target} is a file: choose a new or empty folder`;
  }
  return undefined;
}
