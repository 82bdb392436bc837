// What the commands share in reading their arguments: the error for a wrong call (one line, exit 2)
// and a reader of options given as `--name value` or `--name=value`.
import type { Project, QdaWorkspace } from '../core/project/workspace';

/** A command called wrongly: the message says what is wrong. */
export class UsageError extends Error {}

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
