// `qda memos` on the sample: every memo of a tag block (found again here with a regular expression
// over the transcripts) and the memo file, in text, JSON and Markdown; --code keeps those about a code.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { main as qda } from '../../server/src/cli/qda';

const repo = path.resolve(__dirname, '../../..');
const sample = path.join(repo, 'sample');

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await qda(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('qda memos', () => {
  // Tag blocks with a memo, read without the parser: `{#… | memo}`.
  const tagMemos: { file: string; codes: string[]; text: string }[] = [];
  for (const file of readdirSync(path.join(sample, 'transcripts'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort()) {
    for (const m of readFileSync(path.join(sample, 'transcripts', file), 'utf8').matchAll(/\{(#[^|}]*)\|([^}]*)\}/g)) {
      tagMemos.push({ file: `transcripts/${file}`, codes: [...new Set(m[1].trim().split(/\s+/).map((c) => c.slice(1)))], text: m[2].trim() });
    }
  }

  it('lists the memo of every tag block and every memo file', async () => {
    assert.strictEqual(tagMemos.length, 6);
    const { code, out } = await run('memos', sample, '--json');
    assert.strictEqual(code, 0);
    const memos = JSON.parse(out.join('\n')) as { kind: string; path: string; codes: string[]; text: string; title: string }[];
    assert.deepStrictEqual(
      memos.filter((m) => m.kind === 'quote').map((m) => ({ file: m.path, codes: m.codes, text: m.text })).sort((a, b) => (a.file + a.text < b.file + b.text ? -1 : 1)),
      [...tagMemos].sort((a, b) => (a.file + a.text < b.file + b.text ? -1 : 1)),
    );
    const files = memos.filter((m) => m.kind === 'file');
    assert.deepStrictEqual(files.map((m) => [m.path, m.title, m.codes]), [['memos/trust-before-price.md', 'Trust comes before price', ['trust/quality-assurance', 'networks/friendship', 'engagement/attention']]]);
    const text = await run('memos', sample);
    assert.strictEqual(text.out.at(-1), '7 memos: 6 on quotes, 1 memo file.');
  });

  it('keeps the memos about a code, and prints them as Markdown', async () => {
    const { code, out } = await run('memos', sample, '--code', 'trust', '--md');
    assert.strictEqual(code, 0);
    const expected = tagMemos.filter((m) => m.codes.some((c) => c.startsWith('trust'))).length + 1;
    assert.strictEqual(out.filter((l) => l.startsWith('## ')).length, expected);
    assert.strictEqual(out[0], '# Memos about trust');
    assert.ok(out.includes('## Trust comes before price'));
  });

  it('refuses a code the codebook does not have, and a wrong option', async () => {
    assert.deepStrictEqual(await run('memos', sample, '--code', 'nothing'), { code: 2, out: [], err: ["qda: 'nothing' is not in codebook.yaml"] });
    assert.deepStrictEqual(await run('memos', sample, '--json', '--md'), { code: 2, out: [], err: ["qda: --json and --md: one at a time (see 'qda memos --help')"] });
  });
});
