// The parser under the mutation fuzzer: every input it ever broke on (test/fuzz/crashes/), inputs
// built to be as nested as possible, and a short fuzzing run. `npm run fuzz -- --minutes N` runs long.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { adversarialInputs, checkInvariants, crashDir, fuzz } from './fuzzer';

describe('fuzzing the parser', function () {
  this.timeout(60000);

  it('holds every invariant on each input that once broke it', () => {
    const files = readdirSync(crashDir).filter((f) => f.endsWith('.txt'));
    assert.ok(files.length >= 3);
    for (const file of files) assert.strictEqual(checkInvariants(readFileSync(path.join(crashDir, file), 'utf8')), undefined, file);
  });

  // Their speed is the benchmark's (`adversarialParseMs`, bench/run.ts); here, what they give.
  it('parses 1 MB of brackets, braces or nested spans without a stack overflow, holding every invariant', () => {
    const megabyte = 1 << 20;
    const inputs = adversarialInputs();
    for (const [name, text] of Object.entries(inputs)) assert.strictEqual(checkInvariants(text), undefined, name);
    assert.strictEqual(parseTranscript(inputs.nested).codings.length, 10000);
    // Past a thousand, problems are counted in one last problem instead of listed.
    const flood = parseTranscript(inputs.tags).problems;
    assert.strictEqual(flood.length, 1001);
    assert.strictEqual(flood[1000].message, `${megabyte / 2 - 1000} more problems from here on are not shown.`);
  });

  it('finds no failure in a short run of 600 inputs', () => {
    const report = fuzz({ maxInputs: 600, seed: 20261128 });
    assert.strictEqual(report.inputs, 600);
    assert.deepStrictEqual(report.failures.map((f) => `${f.problem} (${f.file})`), []);
  });
});
