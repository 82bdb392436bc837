// What the commands share in reading their arguments: the error for a wrong call (one line, exit 2)
// and a reader of options given as `--name value` or `--name=value`.

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
