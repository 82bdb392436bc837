// What the commands share in reading their arguments: the error for a wrong call (one line, exit 2)
// and a reader of options given as `--name value` or `--name=value`.
import type { Project, QdaWorkspace } from '../core/project/workspace';

/** A command called wrongly: the message says what is wrong. */
export class UsageError extends Error {}

/** Where a command writes: its lines of output and its lines of errors. */
export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleOutput: CommandOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

/**
 * A command run as a program of its own (a bundle git or the launcher starts): `-h`/`--help`
 * prints its usage (exit 0); a wrong call prints one line pointing to `qda HELP --help` (exit 2).
 */
export async function runCommand(args: string[], usage: string, helpName: string, run: (args: string[], output: CommandOutput) => Promise<number>, output: CommandOutput = consoleOutput): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    output.out(usage.trimEnd());
    return 0;
  }
  try {
    return await run(args, output);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`qda: ${error.message} (see 'qda ${helpName} --help')`);
    return 2;
  }
}

/** Reads a command's arguments in order. */
export class ArgumentReader {
  private at = -1;

  constructor(private readonly args: string[]) {}

  /** The next argument, or undefined after the last. */
  next(): string | undefined {
    return this.args[++this.at];
  }

  /** The current argument's option name: `--out` of `--out=x`. */
  get name(): string {
    const arg = this.args[this.at];
    return arg.startsWith('--') && arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
  }

  /** The current option's value: after its `=`, else the next argument. */
  value(): string {
    const arg = this.args[this.at];
    if (arg.startsWith('--') && arg.includes('=')) return arg.slice(arg.indexOf('=') + 1);
    const value = this.args[this.at + 1];
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    this.at++;
    return value;
  }
}

/** The one project a command works on; with none or several, says so (the caller exits 2). */
export function oneProject(workspace: QdaWorkspace, folder: string, err: (line: string) => void): Project | undefined {
  const projects = workspace.sortedProjects();
  if (projects.length === 1) return projects[0];
  err(`qda: ${folder} holds ${projects.length} projects; name the folder of one`);
  return undefined;
}

/** Whether a code given on the command line is in the codebook; says so when not (the caller exits 2). */
export function knownCode(project: Project, code: string | undefined, err: (line: string) => void): boolean {
  if (code === undefined || project.codebook.codes.has(code)) return true;
  err(`qda: '${code}' is not in codebook.yaml`);
  return false;
}
