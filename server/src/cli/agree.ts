// `qda agree`: inter-coder agreement between copies of a project (folders) or revisions of the
// repository (`--git`), as a table, JSON or CSV, with the disagreements on request.
import type { AgreementReport, AgreementUnit, Measure } from '../core/analyses/agreement';
import { toCsv, type CsvCell } from '../core/analyses/csv';
import { excerpt } from '../core/text/excerpt';
import { compareCoderCopies } from '../node/coderCopies';
import type { CoderSource } from '../node/coders';
import { ArgumentReader, consoleOutput, runCommand, UsageError as AgreeUsageError, type CommandOutput } from './usage';

export const agreeUsage = `Usage: qda agree <folder> <folder> [<folder> …] [options]
       qda agree --git <revision> <revision> [<revision> …] [options]

Compares how coders coded the same transcripts: each folder is a copy of the project (the folder
with its codebook.yaml), each revision a branch or commit of the git repository that holds the
current folder (read through git, without a checkout). Transcripts are matched by their path in
the project; one whose plain text differs between coders is reported and left out.

Options:
  --unit character|quote  What is compared (default: character, as NVivo counts).
  --json                  The report as JSON.
  --csv                   The figures per code as CSV (UTF-8 with a byte order mark).
  --disagreements         Also list each quote the coders coded differently.
  --folder <folder>       With --git: the project's folder in the repository (default: the current one).
  --min-kappa <k>         A gate (for CI, before merging a coder's branch): exit 1 when the overall
                          kappa, or that of any code compared on at least --min-units units (default
                          10), is below k; the codes below it are listed.
  --min-units <n>         See --min-kappa.
`;



interface AgreeOptions {
  sources: string[];
  git: boolean;
  folder: string;
  unit: AgreementUnit;
  format: 'table' | 'json' | 'csv';
  disagreements: boolean;
  minKappa?: number;
  minUnits: number;
}

function parseAgreeArguments(args: string[]): AgreeOptions {
  const options: AgreeOptions = { sources: [], git: false, folder: '.', unit: 'character', format: 'table', disagreements: false, minUnits: 10 };
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    const value = () => reader.value();
    if (arg === '--git') options.git = true;
    else if (arg === '--json') options.format = 'json';
    else if (arg === '--csv') options.format = 'csv';
    else if (arg === '--disagreements') options.disagreements = true;
    else if (reader.name === '--unit') {
      const unit = value();
      if (unit !== 'character' && unit !== 'quote') throw new AgreeUsageError(`--unit takes character or quote, not '${unit}'`);
      options.unit = unit;
    } else if (reader.name === '--folder') options.folder = value();
    else if (reader.name === '--min-kappa') {
      const text = value();
      const k = Number(text);
      if (text.trim() === '' || !Number.isFinite(k) || k < -1 || k > 1) throw new AgreeUsageError(`--min-kappa takes a kappa between -1 and 1, not '${text}'`);
      options.minKappa = k;
    } else if (reader.name === '--min-units') {
      const text = value();
      const n = Number(text);
      if (!Number.isInteger(n) || n < 0) throw new AgreeUsageError(`--min-units takes a whole number, not '${text}'`);
      options.minUnits = n;
    }
    else if (arg.startsWith('-')) throw new AgreeUsageError(`unknown option '${arg}'`);
    else options.sources.push(arg);
  }
  if (options.sources.length < 2) throw new AgreeUsageError(`agree needs two coders or more: ${options.git ? 'revisions' : 'folders'} to compare`);
  return options;
}

/**
 * `qda agree …` (the arguments after `agree`), help and usage errors included. The launcher runs
 * it from a bundle of its own (dist/qda-agree.js), which starts in half the time of the whole
 * command line's.
 */
export async function agreeMain(args: string[], output: CommandOutput = consoleOutput): Promise<number> {
  return runCommand(args, agreeUsage, 'agree', agreeCommand, output);
}

/** Runs `qda agree`; the exit code: 0 done, 2 it could not run. */
export async function agreeCommand(args: string[], output: CommandOutput): Promise<number> {
  const options = parseAgreeArguments(args);
  let report: AgreementReport;
  try {
    const sources = options.sources.map((source): CoderSource => (options.git ? { kind: 'git', folder: options.folder, revision: source } : { kind: 'folder', path: source }));
    report = await compareCoderCopies(sources, options.unit);
  } catch (error) {
    output.err(`qda: ${(error as Error).message}`);
    return 2;
  }
  if (options.format === 'json') output.out(JSON.stringify(report, null, 2));
  else if (options.format === 'csv') output.out(agreementCsv(report).replace(/\r\n$/, ''));
  else printAgreement(report, options.disagreements, output);
  return options.minKappa === undefined ? 0 : agreementGate(report, options.minKappa, options.minUnits, options.format === 'table' ? output.out : output.err);
}

/** The gate of --min-kappa: 1 when the overall kappa or a code's (on enough units) is below the minimum, listing them. */
export function agreementGate(report: AgreementReport, minKappa: number, minUnits: number, say: (line: string) => void): number {
  const below: string[] = [];
  if (report.overall.kappa !== null && report.overall.kappa < minKappa) below.push(`overall: kappa ${report.overall.kappa}`);
  for (const [code, m] of Object.entries(report.codes)) {
    if (m.kappa !== null && m.units >= minUnits && m.kappa < minKappa) below.push(`${code}: kappa ${m.kappa} on ${m.units} units`);
  }
  say('');
  if (below.length === 0) {
    say(`Agreement gate passed: kappa at least ${minKappa} overall and for every code compared on ${minUnits} units or more.`);
    return 0;
  }
  say(`Agreement gate failed: kappa below ${minKappa} for ${below.length} (codes compared on ${minUnits} units or more, and overall):`);
  for (const line of below) say(`  ${line}`);
  return 1;
}

// ---- output -------------------------------------------------------------------------------------

const undefinedMark = '—';

function figure(value: number | null, suffix = ''): string {
  return value === null ? undefinedMark : `${value}${suffix}`;
}

function printAgreement(report: AgreementReport, withDisagreements: boolean, output: CommandOutput): void {
  const unitName = report.unit === 'character' ? 'characters' : 'quotes reviewed by both';
  output.out(`Agreement of ${report.coders.join(', ')} by ${report.unit}: ${report.documents.length} ${report.documents.length === 1 ? 'transcript' : 'transcripts'} compared.`);
  output.out('');
  const header = ['code', '% agreement', 'kappa', 'alpha', unitName, ...report.coders.map((c) => `coded by ${c}`)];
  const row = (name: string, m: Measure): string[] => [name, figure(m.percentAgreement), figure(m.kappa), figure(m.alpha), String(m.units), ...m.coded.map(String)];
  const rows = [...Object.entries(report.codes).map(([code, m]) => row(code, m)), row('overall (every code)', report.overall)];
  output.out(textTable(header, rows));
  if (Object.values(report.codes).some((m) => m.kappa === null || m.alpha === null) || report.overall.kappa === null) {
    output.out('');
    output.out(`${undefinedMark} not defined: no units to compare, or every unit has the same value (nobody or everybody used the code), so chance agreement is 1 and kappa and alpha are 0/0.`);
  }
  if (report.coders.length > 2) {
    output.out('');
    output.out('With more than two coders, % agreement and kappa are the means over the pairs (Light\'s kappa); --json lists each pair.');
  }
  if (report.skipped.length > 0) {
    // Transcripts some coder does not have are usual (a second coder codes a part): one line each kind.
    const absent = new Map<string, string[]>();
    const other = report.skipped.filter((s) => {
      if (!s.reason.startsWith('not in ')) return true;
      absent.set(s.reason, [...(absent.get(s.reason) ?? []), s.path]);
      return false;
    });
    output.out('');
    output.out(`Not compared (${report.skipped.length}):`);
    for (const s of other) output.out(`  ${s.path}: ${s.reason}`);
    for (const [reason, paths] of absent) output.out(`  ${paths.length} ${paths.length === 1 ? 'transcript' : 'transcripts'} ${reason}: ${paths.map((p) => p.slice(p.lastIndexOf('/') + 1).replace(/\.transcript\.md$/, '')).join(', ')}`);
  }
  if (withDisagreements) {
    output.out('');
    output.out(`Disagreements (${report.disagreements.length}):`);
    for (const d of report.disagreements) {
      const codes = d.codes.map((list, c) => `${report.coders[c]}: ${list === null ? '(untagged)' : list.length === 0 ? '(none)' : list.join(' ')}`).join(' | ');
      output.out(`  ${d.path}:${d.line}: ${d.speaker}: "${excerpt(d.text, 60)}"`);
      output.out(`      ${codes}`);
    }
  }
}

function textTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => [...r[c]].length)));
  return cells.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd()).join('\n');
}

/** The figures per code as CSV, overall last. */
function agreementCsv(report: AgreementReport): string {
  const header: CsvCell[] = ['code', 'percent_agreement', 'kappa', 'alpha', 'units', ...report.coders.map((c) => `coded_by_${c}`)];
  const row = (name: string, m: Measure): CsvCell[] => [name, m.percentAgreement, m.kappa, m.alpha, m.units, ...m.coded];
  return toCsv([header, ...Object.entries(report.codes).map(([code, m]) => row(code, m)), row('(overall)', report.overall)]);
}
