// `qda report [folder] --out FILE.html|.md|.docx`: the study report (core/analyses/report.ts).
import * as path from 'path';
import { buildReport, reportHtml, reportMarkdown } from '../core/analyses/report';
import { reportDocx } from '../core/exchange/reportDocx';
import type { QdaWorkspace } from '../core/project/workspace';
import { outputKinds, writeOutput } from '../node/safeWriter';
import { ArgumentReader, oneProject, UsageError as ReportUsageError } from './usage';

export const reportUsage = `Usage: qda report [folder] --out FILE.html|FILE.md|FILE.docx [--exemplars N|all] [--title TITLE] [--force]

Writes the study report: the codebook with each code's definition and counts, the informants,
the codings by role and by source, co-occurrence, triangulation, and exemplar quotes for each
code (those whose memo starts with "exemplar" first, then the first others; 3 per code unless
--exemplars says otherwise). HTML is one self-contained page that prints; .docx opens in Word. An earlier report of the same
name is replaced only with --force; a file of the project (a transcript, a memo) never is.
`;


export interface ReportOptions {
  folder: string;
  out: string;
  exemplars: number | 'all';
  title?: string;
  force: boolean;
}

export function parseReportArguments(args: string[]): ReportOptions {
  const positional: string[] = [];
  let out: string | undefined;
  let exemplars: number | 'all' = 3;
  let title: string | undefined;
  let force = false;
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    const value = () => reader.value();
    if (reader.name === '--out') out = value();
    else if (reader.name === '--title') title = value();
    else if (arg === '--force') force = true;
    else if (reader.name === '--exemplars') {
      const n = value();
      if (n !== 'all' && !/^\d+$/.test(n)) throw new ReportUsageError(`--exemplars takes a number or all, not '${n}'`);
      exemplars = n === 'all' ? 'all' : Number(n);
    } else if (arg.startsWith('-')) throw new ReportUsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (!out) throw new ReportUsageError('report needs --out FILE.html, FILE.md or FILE.docx');
  if (!/\.(html?|md|docx)$/i.test(out)) throw new ReportUsageError(`--out must end in .html, .md or .docx, not '${path.basename(out)}'`);
  if (positional.length > 1) throw new ReportUsageError(`one folder at a time (got '${positional.slice(1).join("', '")}' too)`);
  return { folder: positional[0] ?? '.', out, exemplars, title, force };
}

export async function writeReport(workspace: QdaWorkspace, options: ReportOptions, output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const project = oneProject(workspace, options.folder, output.err);
  if (!project) return 2;
  const report = buildReport(project, { exemplars: options.exemplars, title: options.title ?? `Coding report: ${path.basename(path.resolve(options.folder))}` });
  const kind = path.extname(options.out).toLowerCase();
  const content = kind === '.docx' ? await reportDocx(report) : kind === '.md' ? reportMarkdown(report) : reportHtml(report);
  try {
    await writeOutput(options.out, content, outputKinds.report, { force: options.force });
  } catch (error) {
    output.err(`qda: ${(error as Error).message}`);
    return 2;
  }
  output.out(`Wrote ${options.out}: ${report.summary}`);
  return 0;
}
