// Runs the `qda` command line in this process, as the tests call it.
import { main } from '../../server/src/cli/qda';

/** The exit code, and what the command printed on each stream (lines joined). */
export async function runQda(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
