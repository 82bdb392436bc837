// `qda memos [folder] [--code C] [--json|--md]`: every memo of the study (core/analyses/memos.ts), those of
// tag blocks (on a quote) and the memo files of `memos/`, with where each stands and what codes
// it is about.
import * as path from 'path';
import { URI } from 'vscode-uri';
import { memosOfCode, projectMemos, type MemoEntry } from '../core/analyses/memos';
import type { QdaWorkspace } from '../core/project/workspace';
import { ArgumentReader, knownCode, oneProject, UsageError } from './usage';

export const memosUsage = `Usage: qda memos [folder] [--code CODE] [--json | --md]

Lists every memo of the study: the memo of each tag block ({#code | memo}), with its quote and
informant, and each Markdown file under memos/, with the codes it writes (#code). --code keeps
the memos about a code or its sub-codes. --md prints a Markdown document; --json the list.
`;

export interface MemosOptions {
  folder: string;
  code?: string;
  format: 'text' | 'json' | 'md';
}

export function parseMemosArguments(args: string[]): MemosOptions {
  const positional: string[] = [];
  let code: string | undefined;
  let format: MemosOptions['format'] = 'text';
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (reader.name === '--code') code = reader.value();
    else if (arg === '--json' || arg === '--md') {
      if (format !== 'text') throw new UsageError('--json and --md: one at a time');
      format = arg === '--json' ? 'json' : 'md';
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length > 1) throw new UsageError(`one folder at a time (got '${positional.slice(1).join("', '")}' too)`);
  return { folder: positional[0] ?? '.', code, format };
}

export function printMemos(workspace: QdaWorkspace, options: MemosOptions, output: { out: (line: string) => void; err: (line: string) => void }): number {
  const project = oneProject(workspace, options.folder, output.err);
  if (!project || !knownCode(project, options.code, output.err)) return 2;
  const all = projectMemos(project);
  const memos = options.code ? memosOfCode(all, options.code) : all;
  const where = (memo: MemoEntry) => `${path.relative(process.cwd(), URI.parse(memo.uri).fsPath)}:${memo.range.start.line + 1}`;
  if (options.format === 'json') {
    output.out(JSON.stringify(memos.map((memo) => ({ ...memo, path: project.pathOf(memo.uri) })), null, 2));
    return 0;
  }
  if (options.format === 'md') {
    output.out(`# Memos${options.code ? ` about ${options.code}` : ''}`);
    for (const memo of memos) {
      output.out('');
      output.out(memo.kind === 'file' ? `## ${memo.title || project.pathOf(memo.uri)}` : `## ${memo.title}`);
      output.out('');
      output.out(`*${project.pathOf(memo.uri)}:${memo.range.start.line + 1}*${memo.informant ? ` · ${memo.informant}` : ''}${memo.codes.length ? ` · ${memo.codes.map((c) => `\`${c}\``).join(', ')}` : ''}`);
      output.out('');
      output.out(memo.kind === 'file' ? memo.text.replace(/^#{1,6}[ \t].*\r?\n/, '').trim() : `> ${memo.text}`);
    }
    return 0;
  }
  for (const memo of memos) {
    const about = memo.codes.length ? ` [${memo.codes.join(', ')}]` : '';
    if (memo.kind === 'quote') output.out(`${where(memo)}: ${memo.informant ?? '-'}${about}: ${memo.text}`);
    else output.out(`${where(memo)}: memo file "${memo.title}"${about}`);
  }
  const files = memos.filter((m) => m.kind === 'file').length;
  output.out(`${memos.length} ${memos.length === 1 ? 'memo' : 'memos'}: ${memos.filter((m) => m.kind === 'quote').length} on quotes, ${files} memo ${files === 1 ? 'file' : 'files'}.`);
  return 0;
}
