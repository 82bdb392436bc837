// A mutation fuzzer for the parser: it takes real transcripts (the sample and a generated corpus),
// mutates them (random characters, deleted or duplicated brackets, braces and colons, CRLF/LF
// mixes, truncation, splices) and checks the parser's invariants on every result:
// it never throws; every range lies inside the document; the plain text only removes characters;
// every coding's plain-text offsets select its coded text; and parsing time stays linear.
// A failing input is written to test/fuzz/crashes/ and becomes a regression test.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { codedText } from '../../server/src/core/analyses/codeTree';
import { LineIndex, type Range } from '../../server/src/core/text/text';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { generateProject, random } from '../../bench/generate';

const repo = path.resolve(__dirname, '../../..');
export const crashDir = path.join(repo, 'test', 'fuzz', 'crashes');

/**
 * Checks every invariant on one input; returns a description of the first broken one, or
 * undefined. `timeBudget` adds a linear time limit: for `npm run fuzz` on a quiet machine only,
 * never in a test (tests assert no time; the benchmark measures the adversarial inputs).
 */
export function checkInvariants(text: string, options: { timeBudget?: boolean } = {}): string | undefined {
  let doc;
  const started = process.hrtime.bigint();
  try {
    doc = parseTranscript(text);
  } catch (error) {
    return `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  // Linear time: within 5 µs a character plus 200 ms (room for a cold start or a collection);
  // anything quadratic on these inputs takes far longer.
  if (options.timeBudget && ms > 200 + text.length / 200) return `took ${ms.toFixed(0)} ms for ${text.length} characters`;
  const lines = new LineIndex(text);
  const inside = (r: Range) => rangeInside(r, lines);
  const ranges: Range[] = [];
  for (const t of doc.turns) ranges.push(t.range, t.speakerRange, t.contentRange);
  for (const b of doc.tagBlocks) ranges.push(b.range, ...b.codes.map((c) => c.range), ...(b.memo ? [b.memo.range] : []));
  for (const c of doc.codings) ranges.push(c.codeRange, c.tagRange, c.textRange);
  for (const p of doc.problems) ranges.push(p.range);
  if (doc.frontMatter) ranges.push(doc.frontMatter.range);
  const outside = ranges.find((r) => !inside(r));
  if (outside) return `range outside the document: ${JSON.stringify(outside)}`;
  if (!isSubsequence(doc.plainText, text)) return 'the plain text is not the text with characters removed';
  const points = [...doc.plainText].length;
  for (const coding of doc.codings) {
    if (!(coding.plainStart <= coding.plainEnd && coding.plainEnd <= points)) return `coding offsets out of range: ${coding.plainStart}-${coding.plainEnd}`;
    if (!isSubsequence(codedText(doc, coding), text.slice(coding.textSpan.start, coding.textSpan.end))) return `coding of ${coding.code} does not select its text`;
  }
  // Kept as UTF-8 bytes (as a closed file is), the document reads exactly the same.
  const plain = doc.plainText;
  const coded = doc.codings.map((c) => codedText(doc, c));
  if (doc.source.keepAsUtf8(new TextEncoder().encode(text))) {
    if (doc.plainText !== plain) return 'the plain text changed when the text was kept as UTF-8';
    if (doc.codings.some((c, i) => codedText(doc, c) !== coded[i])) return 'a coded text changed when the text was kept as UTF-8';
    if (doc.turns.some((t) => doc.lines.lineText(t.range.start.line) !== lines.lineText(t.range.start.line))) return 'a line changed when the text was kept as UTF-8';
  }
  return undefined;
}

/** True when a range is ordered and both ends are real positions of the document. */
export function rangeInside(r: Range, lines: LineIndex): boolean {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && lines.lineStart(p.line) + p.character <= lines.lineContentEnd(p.line);
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

/** True when `small` is `big` with characters removed. */
export function isSubsequence(small: string, big: string): boolean {
  let j = 0;
  for (let i = 0; i < big.length && j < small.length; i++) if (big.charCodeAt(i) === small.charCodeAt(j)) j++;
  return j === small.length;
}

/** Real transcripts to start from: the sample, and a small generated corpus. */
export function seeds(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.transcript.md')) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(repo, 'sample'));
  const generated = path.join(repo, 'out', 'fuzz-seeds');
  try {
    statSync(generated);
  } catch {
    generateProject(generated, 'S', 11);
  }
  walk(generated);
  return out.map((t) => t.slice(0, 20000)); // short seeds: more mutations a second
}

const structural = ['[', ']', '{', '}', ':', '#', '|', '-', '\\', '`', '\n', '\r\n', '\r', '---\n', '{#', ']{#', '{-}', '```\n', '\uFEFF', '😀', '\uD800', '\t'];

/** One random mutation of a text. */
export function mutate(text: string, rnd: () => number, other: string): string {
  const at = () => Math.floor(rnd() * (text.length + 1));
  switch (Math.floor(rnd() * 9)) {
    case 0: {
      // Insert random characters, structural ones more often than not.
      const i = at();
      const piece = rnd() < 0.7 ? structural[Math.floor(rnd() * structural.length)] : String.fromCharCode(Math.floor(rnd() * 0x3000));
      return text.slice(0, i) + piece + text.slice(i);
    }
    case 1: {
      // Delete a range.
      const i = at();
      return text.slice(0, i) + text.slice(Math.min(text.length, i + 1 + Math.floor(rnd() * 20)));
    }
    case 2:
    case 3: {
      // Delete or duplicate a bracket, brace or colon.
      const targets: number[] = [];
      for (let i = 0; i < text.length; i++) if ('[]{}:'.includes(text[i])) targets.push(i);
      if (targets.length === 0) return text;
      const i = targets[Math.floor(rnd() * targets.length)];
      return rnd() < 0.5 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + text[i] + text.slice(i);
    }
    case 4:
      // Mix line ends.
      return rnd() < 0.5 ? text.replace(/\n/g, () => (rnd() < 0.3 ? '\r\n' : '\n')) : text.replace(/\r?\n/g, () => (rnd() < 0.2 ? '\r' : '\n'));
    case 5:
      // Truncate.
      return text.slice(0, at());
    case 6: {
      // Splice in a piece of another transcript.
      const i = at();
      const j = Math.floor(rnd() * other.length);
      return text.slice(0, i) + other.slice(j, j + Math.floor(rnd() * 400)) + text.slice(i);
    }
    case 7: {
      // Replace a random character by a random code unit (lone surrogates included).
      if (!text.length) return text;
      const i = Math.floor(rnd() * text.length);
      return text.slice(0, i) + String.fromCharCode(Math.floor(rnd() * 0x10000)) + text.slice(i + 1);
    }
    default: {
      // Repeat a structural character many times.
      const i = at();
      return text.slice(0, i) + structural[Math.floor(rnd() * 6)].repeat(1 + Math.floor(rnd() * 200)) + text.slice(i);
    }
  }
}

/** Inputs of 1 MB built to be as nested as possible: the parser must stay linear on each (the benchmark times them). */
export function adversarialInputs(): Record<string, string> {
  const megabyte = 1 << 20;
  return {
    brackets: `A: ${'['.repeat(megabyte)}`,
    closing: `A: ${']{#a'.repeat(megabyte / 4)}`,
    braces: `A: ${'{'.repeat(megabyte)}`,
    tags: `A: ${'{#'.repeat(megabyte / 2)}`,
    nested: `A: ${'['.repeat(10000)}x${']{#a}'.repeat(10000)}`,
  };
}

export interface FuzzReport {
  inputs: number;
  failures: { input: string; problem: string; file?: string }[];
  seconds: number;
}

/** Runs until `milliseconds` have passed (none: no limit) or `maxInputs` inputs were tried. */
export function fuzz(options: { milliseconds?: number; maxInputs?: number; seed?: number; save?: boolean; timeBudget?: boolean }): FuzzReport {
  const rnd = random(options.seed ?? Date.now());
  const corpus = seeds();
  const started = Date.now();
  const report: FuzzReport = { inputs: 0, failures: [], seconds: 0 };
  while (Date.now() - started < (options.milliseconds ?? Infinity) && report.inputs < (options.maxInputs ?? Infinity)) {
    let text = corpus[Math.floor(rnd() * corpus.length)];
    const other = corpus[Math.floor(rnd() * corpus.length)];
    const rounds = 1 + Math.floor(rnd() * 8);
    for (let i = 0; i < rounds; i++) text = mutate(text, rnd, other);
    report.inputs++;
    const problem = checkInvariants(text, { timeBudget: options.timeBudget });
    if (problem) {
      const failure: FuzzReport['failures'][number] = { input: text, problem };
      if (options.save !== false) {
        mkdirSync(crashDir, { recursive: true });
        failure.file = path.join(crashDir, `crash-${Date.now()}-${report.failures.length}.txt`);
        writeFileSync(failure.file, text);
      }
      report.failures.push(failure);
      if (report.failures.length >= 10) break;
    }
  }
  report.seconds = (Date.now() - started) / 1000;
  return report;
}

// `npm run fuzz -- --minutes N`
if (require.main === module) {
  const args = process.argv.slice(2);
  const minutes = args.includes('--minutes') ? Number(args[args.indexOf('--minutes') + 1]) : 1;
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : Date.now();
  console.log(`fuzzing the parser for ${minutes} minute(s), seed ${seed}…`);
  const report = fuzz({ milliseconds: minutes * 60000, seed, timeBudget: true });
  console.log(`${report.inputs} inputs in ${report.seconds.toFixed(0)} s, ${report.failures.length} failures`);
  for (const f of report.failures) console.log(`- ${f.problem.split('\n')[0]}${f.file ? ` (saved to ${path.relative(repo, f.file)})` : ''}`);
  process.exitCode = report.failures.length ? 1 : 0;
}
