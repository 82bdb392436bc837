// `qda export [folder] --qdpx OUT.qdpx | --qdc OUT.qdc`: the project for NVivo, ATLAS.ti, MAXQDA
// and QualCoder, in the REFI-QDA exchange standard (core/exchange/refiExport.ts).
import * as path from 'path';
import { refiCodebook, refiProject } from '../core/exchange/refiExport';
import type { QdaWorkspace } from '../core/project/workspace';
import { outputKinds, writeOutput } from '../node/safeWriter';
import { ArgumentReader, oneProject, UsageError } from './usage';

export const exportUsage = `Usage: qda export [folder] --qdpx OUT.qdpx [--user NAME] [--force]
       qda export [folder] --qdc OUT.qdc [--force]

Writes the project in the REFI-QDA exchange standard, which NVivo, ATLAS.ti, MAXQDA and QualCoder
read: --qdpx the whole project (codebook, informants as cases, transcripts with every coding and
memo), --qdc the codebook only. The same project gives the same file (its GUIDs are derived from
the project's name and each element's path), so two exports diff cleanly. An earlier export of the
same name is replaced only with --force; a file of the project never is.
`;

export interface ExportOptions {
  folder: string;
  out: string;
  kind: 'qdpx' | 'qdc';
  user?: string;
  force: boolean;
}

export function parseExportArguments(args: string[]): ExportOptions {
  const positional: string[] = [];
  let out: string | undefined;
  let kind: ExportOptions['kind'] | undefined;
  let user: string | undefined;
  let force = false;
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (reader.name === '--qdpx' || reader.name === '--qdc') {
      kind = reader.name === '--qdpx' ? 'qdpx' : 'qdc';
      out = reader.value();
    } else if (reader.name === '--user') user = reader.value();
    else if (arg === '--force') force = true;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (!out || !kind) throw new UsageError('export needs --qdpx OUT.qdpx or --qdc OUT.qdc');
  if (positional.length > 1) throw new UsageError(`one folder at a time (got '${positional.slice(1).join("', '")}' too)`);
  return { folder: positional[0] ?? '.', out, kind, user, force };
}

export async function writeExport(workspace: QdaWorkspace, options: ExportOptions, output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const project = oneProject(workspace, options.folder, output.err);
  if (!project) return 2;
  const name = path.basename(path.resolve(options.folder));
  const content = options.kind === 'qdpx' ? refiProject(project, { name, user: options.user }) : refiCodebook(project, { name });
  try {
    await writeOutput(options.out, content, outputKinds[options.kind], { force: options.force });
  } catch (error) {
    output.err(`qda: ${(error as Error).message}`);
    return 2;
  }
  const codings = [...project.index.documents.values()].reduce((n, doc) => n + doc.codingCount, 0);
  output.out(`Wrote ${options.out}: ${project.codebook.codes.size} codes${options.kind === 'qdpx' ? `, ${project.index.documents.size} transcripts, ${codings} codings, ${project.informants.informants.size} cases` : ''}.`);
  return 0;
}
