// The `qda` command line: check, tree and stats of a project folder, and agreement between
// coders, from the same core as the language server. Exit codes: 0 fine, 1 errors found (check),
// 2 the command could not run.
import { promises as fs } from 'fs';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { codeTree, projectStats, type CodeNode, type CodeTree, type QuoteLeaf } from '../core/analyses/codeTree';
import { excerpt } from '../core/text/excerpt';
import type { Diagnostic, Severity } from '../core/model/diagnostic';
import { defaultDiagnosticOptions, diagnoseWorkspace, isUntaggedQuoteSeverity, untaggedQuoteSeverities, type DiagnosticOptions } from '../core/project/diagnostics';
import { QdaWorkspace } from '../core/project/workspace';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { projectRootAtOrAbove } from '../node/projectRoot';
import { UsageError } from './usage';
import { codebookFileName } from '../core/project/projectFiles';

const usage = `Usage: qda <command> [folder] [options]

Commands:
  check [folder]   Report problems in transcripts, codebook.yaml and informants.yaml.
                   Prints path:line:col: severity: message [code]; exits 1 when there are errors.
  tree [folder]    Themes → codes → informants → quotes, with counts; then every informant.
  stats [folder]   Counts per informant and per code.
  memos [folder] [--code C]   Every memo: tag blocks' and memos/*.md (see 'qda memos --help').
  agree A B [C…]   Agreement between coders' copies of a project, or revisions with --git
                   (see 'qda agree --help').
  matrix [folder]  Codes by informants, role, source… (see 'qda matrix --help').
  cooccur [folder] Code by code: the quotes holding both.
  triangulation [folder]  The kinds of evidence each code stands on.
  segments [folder] EXPR  The codings of the quotes matching "trust AND price".
  suggest [folder] [FILE…]  Codes for the untagged quotes, learned from the study's own coding;
                   --evaluate: how often they agree with the researcher (see 'qda suggest --help').
  report [folder] --out FILE.html|.md|.docx   The study report (see 'qda report --help').
  export [folder] --qdpx OUT.qdpx | --qdc OUT.qdc   REFI-QDA, for NVivo, ATLAS.ti, MAXQDA, QualCoder.
  import FILE... --into DIR             Transcripts from Zoom, Teams, Whisper, Otter, oTranscribe, Word (see 'qda import --help').
  import FILE.qdpx --into NEW_DIR       A REFI-QDA project: codebook, informants, transcripts with their codings.
  import FILE.qdc [--into DIR]          A REFI-QDA codebook as codebook.yaml (also a .qdpx's, with --codebook-only).
  import FILE --onto X.transcript.md     A new transcription of X's interview: X's codings carried onto its words.
  git setup [folder]   Make git merge transcripts, codebook.yaml and informants.yaml by meaning (see 'qda git --help').
  merge-file BASE OURS THEIRS [PATH]   The merge driver git runs; exits 1 when conflicts are left.

The folder (default: the current one) holds a codebook.yaml, or projects below it, or lies
inside a project.

Options:
  --json                       Print JSON instead of text.
  --untagged-quote <severity>  error | warning | information | hint | off (default: warning).
  -h, --help                   Show this help.
  -v, --version                Show the version.
`;

interface Options {
  command: string;
  folder: string;
  json: boolean;
  diagnostics: DiagnosticOptions;
}

interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export async function main(args: string[], output: Output = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  // Each command's module is loaded when it runs: the bundle's libraries (Word, zip, XML) cost
  // the start of every command otherwise.
  if (args[0] === 'agree') return (await import('./agree.js')).agreeMain(args.slice(1), output);
  if (args[0] === 'import') {
    const { importCommand, importUsage } = await import('./import.js');
    if (args.includes('-h') || args.includes('--help')) {
      output.out(importUsage.trimEnd());
      return 0;
    }
    try {
      return await importCommand(args.slice(1), output);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output.err(`qda: ${error.message} (see 'qda import --help')`);
      return 2;
    }
  }
  if (args[0] === 'git' || args[0] === 'merge-file') {
    const { gitSetup, gitUsage, mergeFile } = await import('./gitMerge.js');
    if (args.includes('-h') || args.includes('--help')) {
      output.out(gitUsage.trimEnd());
      return 0;
    }
    try {
      if (args[0] === 'merge-file') return await mergeFile(args.slice(1), output);
      if (args[1] !== 'setup') throw new UsageError(`git takes 'setup' (got '${args[1] ?? ''}')`);
      return await gitSetup(args.slice(2), output);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output.err(`qda: ${error.message} (see 'qda git --help')`);
      return 2;
    }
  }
  if (args[0] === 'export') {
    const { exportUsage, parseExportArguments, writeExport } = await import('./export.js');
    return folderCommand(args, exportUsage, () => parseExportArguments(args.slice(1)), (workspace, options) => writeExport(workspace, options, output), output);
  }
  if (args[0] === 'memos') {
    const { memosUsage, parseMemosArguments, printMemos } = await import('./memos.js');
    return folderCommand(args, memosUsage, () => parseMemosArguments(args.slice(1)), (workspace, options) => printMemos(workspace, options, output), output);
  }
  if (args[0] === 'report') {
    const { parseReportArguments, reportUsage, writeReport } = await import('./report.js');
    return folderCommand(args, reportUsage, () => parseReportArguments(args.slice(1)), (workspace, options) => writeReport(workspace, options, output), output);
  }
  if (args[0] === 'suggest') {
    const { parseSuggestArguments, runSuggest, suggestUsage } = await import('./suggest.js');
    return folderCommand(args, suggestUsage, () => parseSuggestArguments(args.slice(1)), (workspace, options) => runSuggest(workspace, options, output), output);
  }
  if (args[0] === 'matrix' || args[0] === 'cooccur' || args[0] === 'triangulation' || args[0] === 'segments') {
    const command = args[0];
    const { displayUsage, parseDisplayArguments, runDisplay } = await import('./display.js');
    return folderCommand(args, displayUsage, () => parseDisplayArguments(command, args.slice(1)), (workspace, options) => runDisplay(workspace, options, output), output);
  }
  let options: Options;
  try {
    const parsed = parseArguments(args);
    if (parsed === 'help') {
      output.out(usage.trimEnd());
      return 0;
    }
    if (parsed === 'version') {
      output.out(VERSION);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`qda: ${error.message} (see 'qda --help')`);
      return 2;
    }
    throw error;
  }

  // check and stats count and report positions, and never read a transcript's text once it is
  // parsed: the texts are not kept, and the memory is the index's, not the corpus's.
  const loaded = await load(options.folder, options.command !== 'tree');
  if (typeof loaded === 'string') {
    output.err(`qda: ${loaded}`);
    return 2;
  }
  const { workspace, scope } = loaded;
  const inScope = (uri: string) => URI.parse(uri).fsPath.startsWith(scope);
  let code: number;
  switch (options.command) {
    case 'check':
      code = check(workspace, inScope, options, output);
      break;
    case 'tree':
      code = tree(workspace, options, output);
      break;
    default:
      code = stats(workspace, options, output);
      break;
  }
  // `check` reports an unreadable file as an error among the others (exit 1, counted in its
  // summary); for `tree` and `stats` it means counts that leave a file out: the command could not run.
  if (options.command === 'check') return code;
  const unreadable = [...workspace.unreadable.values()].filter((f) => inScope(f.uri));
  for (const file of unreadable) output.err(`qda: ${file.message}`);
  return unreadable.length > 0 ? 2 : code;
}

/**
 * A command that reads one project folder: its help, its arguments (a wrong call is one line and
 * exit 2), the folder loaded, then the command.
 */
async function folderCommand<O extends { folder: string }>(
  args: string[],
  help: string,
  parse: () => O,
  run: (workspace: QdaWorkspace, options: O) => number | Promise<number>,
  output: Output,
): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    output.out(help.trimEnd());
    return 0;
  }
  let options: O;
  try {
    options = parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`qda: ${error.message} (see 'qda ${args[0]} --help')`);
    return 2;
  }
  const loaded = await load(options.folder);
  if (typeof loaded === 'string') {
    output.err(`qda: ${loaded}`);
    return 2;
  }
  return run(loaded.workspace, options);
}

declare const QDA_VERSION: string | undefined;
const VERSION = typeof QDA_VERSION === 'string' ? QDA_VERSION : 'development';

function parseArguments(args: string[]): Options | 'help' | 'version' {
  const positional: string[] = [];
  let json = false;
  let untaggedQuote = defaultDiagnosticOptions.untaggedQuote;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    if (arg === '--json') json = true;
    else if (arg === '--untagged-quote' || arg.startsWith('--untagged-quote=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (!isUntaggedQuoteSeverity(value)) throw new UsageError(`--untagged-quote takes one of ${untaggedQuoteSeverities.join(', ')}`);
      untaggedQuote = value;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length === 0) throw new UsageError('missing command: check, tree, stats, memos, agree, matrix, cooccur, triangulation, segments, suggest, report, export or import');
  const [command, folder = '.', ...rest] = positional;
  if (!['check', 'tree', 'stats'].includes(command)) throw new UsageError(`unknown command '${command}'`);
  if (rest.length > 0) throw new UsageError(`one folder at a time (got '${rest.join("', '")}' too)`);
  return { command, folder, json, diagnostics: { untaggedQuote } };
}

/** Loads every project below the folder, or the project the folder lies in; `countsOnly`: without keeping the transcripts' texts. */
async function load(folder: string, countsOnly = false): Promise<{ workspace: QdaWorkspace; scope: string } | string> {
  const absolute = path.resolve(folder);
  try {
    const stat = await fs.stat(absolute);
    if (!stat.isDirectory()) return `not a folder: ${folder}`;
  } catch {
    return `no such folder: ${folder}`;
  }
  const newWorkspace = () => new QdaWorkspace(new NodeFileSystem({ compactTexts: !countsOnly }), { keepTranscriptTexts: !countsOnly });
  const workspace = newWorkspace();
  await workspace.addFolder(URI.file(absolute).toString());
  if (workspace.projects.size > 0) return { workspace, scope: absolute };

  // The folder holds no project (it was just read): the one it lies in, if any.
  const root = await projectRootAtOrAbove(absolute);
  if (root !== undefined) {
    const enclosing = newWorkspace();
    await enclosing.addFolder(URI.file(root).toString());
    return { workspace: enclosing, scope: absolute };
  }
  return `no ${codebookFileName} found in ${folder}, below it or above it`;
}

/** A path relative to the current folder when the file is below it, else absolute. */
function displayPath(uri: string): string {
  const absolute = URI.parse(uri).fsPath;
  const relative = path.relative(process.cwd(), absolute);
  if (relative === '') return '.';
  return relative.startsWith('..') ? absolute : relative;
}

// ---- check ------------------------------------------------------------------------------------

function check(workspace: QdaWorkspace, inScope: (uri: string) => boolean, options: Options, output: Output): number {
  const files = diagnoseWorkspace(workspace, options.diagnostics).filter((f) => inScope(f.uri));
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of files) for (const d of file.diagnostics) counts[d.severity]++;
  if (options.json) {
    output.out(
      JSON.stringify(
        {
          files: files.map((file) => ({ path: displayPath(file.uri), uri: file.uri, diagnostics: file.diagnostics.map(jsonDiagnostic) })),
          errors: counts.error,
          warnings: counts.warning,
          information: counts.information,
          hints: counts.hint,
        },
        null,
        2,
      ),
    );
  } else {
    for (const file of files) {
      for (const d of file.diagnostics) {
        output.out(`${displayPath(file.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`);
      }
    }
    const read = [...workspace.projects.values()].reduce((n, p) => n + [...p.index.documents.keys()].filter(inScope).length, 0);
    const unreadable = [...workspace.unreadable.keys()].filter(inScope).length;
    const documents = read + unreadable;
    output.out(
      `${counts.error} ${plural(counts.error, 'error')}, ${counts.warning} ${plural(counts.warning, 'warning')}, ` +
        `${counts.information} information, ${counts.hint} ${plural(counts.hint, 'hint')} in ${documents} ${plural(documents, 'transcript')}` +
        `${unreadable > 0 ? `, ${unreadable} of them unreadable` : ''}.`,
    );
  }
  return counts.error > 0 ? 1 : 0;
}

function jsonDiagnostic(d: Diagnostic) {
  return {
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
  };
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

// ---- tree -------------------------------------------------------------------------------------

function tree(workspace: QdaWorkspace, options: Options, output: Output): number {
  const trees = workspace.sortedProjects().map((project) => codeTree(project));
  if (options.json) {
    output.out(JSON.stringify(trees.length === 1 ? trees[0] : { projects: trees }, null, 2));
    return 0;
  }
  trees.forEach((t, i) => {
    if (i > 0) output.out('');
    printTree(t, output);
  });
  return 0;
}

function printTree(t: CodeTree, output: Output): void {
  // Carriers are counted among every informant, those only the transcripts name too.
  const total = t.informantCount;
  output.out(`Project ${displayPath(t.root)}`);
  output.out('');
  if (t.conflicts.length > 0) {
    output.out(`Merge conflicts to resolve (${count(t.conflicts.length, 'file')}; the codings inside them are not counted)`);
    for (const file of t.conflicts) output.out(`  ${file.path}:${file.range.start.line + 1} (${count(file.conflicts, 'conflict')})`);
    output.out('');
  }
  const printNode = (node: CodeNode, depth: number) => {
    const pad = '  '.repeat(depth);
    const label = node.label ? ` · ${node.label}` : '';
    output.out(`${pad}${depth === 0 ? node.path : node.name}${label} (${count(node.codings, 'coding')} · ${node.informants}/${total} informants)`);
    for (const branch of node.byInformant ?? []) {
      output.out(`${pad}    ${branch.id ?? '(no informant)'} (${count(branch.codings, 'coding')})`);
      for (const quote of branch.quotes ?? []) output.out(`${pad}      ${quoteLine(quote)}`);
    }
    for (const child of node.children) printNode(child, depth + 1);
    if (depth === 0 && node.notCoded?.length) output.out(`${pad}    not coded: ${node.notCoded.join(', ')}`);
  };
  for (const theme of t.themes) printNode(theme, 0);

  output.out('');
  output.out(`Informants (${t.informants.length})`);
  for (const informant of t.informants) {
    const attributes = Object.entries(informant.attributes)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    output.out(
      `  ${informant.id}${attributes ? ` (${attributes})` : ''}${informant.listed ? '' : ' [not in informants.yaml]'}: ` +
        `${count(informant.quotes, 'quote')}, ${informant.coded} coded, ${count(informant.codings, 'coding')}`,
    );
  }
  if (t.unknownCodes.length > 0) {
    output.out('');
    output.out('Unknown codes');
    for (const unknown of t.unknownCodes) {
      output.out(`  ${unknown.code} (${count(unknown.codings, 'coding')})`);
      for (const quote of unknown.quotes ?? []) output.out(`      ${quoteLine(quote)}`);
    }
  }
  if (t.untaggedQuotes > 0) {
    output.out('');
    output.out(`Untagged quotes (${t.untaggedQuotes})`);
    for (const quote of t.untagged ?? []) output.out(`  ${quoteLine(quote)}`);
  }
}

function quoteLine(quote: QuoteLeaf): string {
  return `${displayPath(quote.uri)}:${quote.range.start.line + 1}: "${excerpt(quote.text, 72)}"`;
}

function count(n: number, word: string): string {
  return `${n} ${plural(n, word)}`;
}

// ---- stats ------------------------------------------------------------------------------------

function stats(workspace: QdaWorkspace, options: Options, output: Output): number {
  const all = workspace.sortedProjects().map(projectStats);
  if (options.json) {
    const shown = all.map((s) => ({ ...s, root: displayPath(s.root) }));
    output.out(JSON.stringify(shown.length === 1 ? shown[0] : { projects: shown }, null, 2));
    return 0;
  }
  all.forEach((s, i) => {
    if (i > 0) output.out('');
    output.out(`Project ${displayPath(s.root)}: ${count(s.documents, 'transcript')}, ${count(s.quotes, 'quote')} (${s.codedQuotes} coded, ${s.untagged} untagged), ${count(s.codings, 'coding')} (${s.unknownCodes} of unknown codes)`);
    output.out('');
    output.out(table(['informant', 'quotes', 'coded', 'codings'], Object.entries(s.informants).map(([id, v]) => [id, v.quotes, v.coded, v.codings])));
    output.out('');
    output.out(table(['code', 'codings', 'informants'], Object.entries(s.codes).map(([code, v]) => [code, v.codings, v.informants])));
  });
  return 0;
}

function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, c) => Math.max(...cells.map((row) => [...row[c]].length)));
  return cells
    .map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd())
    .join('\n');
}
