// The parser under the mutation fuzzer: every input it ever broke on (test/fuzz/crashes/), inputs
// built to be as nested as possible, and a short fuzzing run. `npm run fuzz -- --minutes N` runs long.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseTranscript } from '../../server/src/core/transcriptParser';
import { checkInvariants, crashDir, fuzz } from './fuzzer';

describe('fuzzing the parser', function () {
  this.timeout(60000);

  it('holds every invariant on each input that once broke it', () => {
    const files = readdirSync(crashDir).filter((f) => f.endsWith('.txt'));
    assert.ok(files.length >= 3);
    for (const file of files) assert.strictEqual(checkInvariants(readFileSync(path.join(crashDir, file), 'utf8')), undefined, file);
  });

  it('parses 1 MB of brackets, braces or nested spans in linear time, without a stack overflow', () => {
    const megabyte = 1 << 20;
    const nested = `A: ${'['.repeat(10000)}x${']{#a}'.repeat(10000)}`;
    const inputs = {
      brackets: `A: ${'['.repeat(megabyte)}`,
      closing: `A: ${']{#a'.repeat(megabyte / 4)}`,
      braces: `A: ${'{'.repeat(megabyte)}`,
      tags: `A: ${'{#'.repeat(megabyte / 2)}`,
      nested,
    };
    for (const [name, text] of Object.entries(inputs)) {
      assert.strictEqual(checkInvariants(text), undefined, name);
      // "Well under a second" for each (measured here at 0.1-0.25 s).
      const started = process.hrtime.bigint();
      parseTranscript(text);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`);
    }
    assert.strictEqual(parseTranscript(nested).codings.length, 10000);
    // Past a thousand, problems are counted in one last problem instead of listed.
    const flood = parseTranscript(inputs.tags).problems;
    assert.strictEqual(flood.length, 1001);
    assert.strictEqual(flood[1000].message, `${megabyte / 2 - 1000} more problems from here on are not shown.`);
  });

  it('finds no failure in a short run', () => {
    const report = fuzz({ milliseconds: 8000, seed: 20261128 });
    assert.ok(report.inputs > 500, `only ${report.inputs} inputs`);
    assert.deepStrictEqual(report.failures.map((f) => `${f.problem} (${f.file})`), []);
  });
});
