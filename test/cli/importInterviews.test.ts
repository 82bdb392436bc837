// `qda import FILE... --into FOLDER` for interview transcripts: the files written, what `qda check`
// says of them (counted independently from the written text), and the refusals.
import * as assert from 'assert';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runQda } from '../helpers/cli';

const repo = path.resolve(__dirname, '../../..');
const imports = path.join(repo, 'sample', 'imports');

describe('qda import (interview transcripts)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-import-interviews-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("imports a two-person Zoom interview into the sample: the informant's quotes are the untagged-quote warnings, and no error", async () => {
    const study = path.join(dir, 'study');
    cpSync(path.join(repo, 'sample'), study, { recursive: true });
    const before = await runQda('check', study);
    const into = path.join(study, 'transcripts', 'customers');
    const result = await runQda('import', path.join(imports, 'zoom-dewi-2023-01-20.vtt'), '--into', into, '--interviewer', 'Rina Putri', '--speaker', 'Dewi Fitriani=DF');
    assert.strictEqual(result.code, 0, result.err);
    const written = path.join(into, 'zoom-dewi-2023-01-20.transcript.md');
    assert.strictEqual(
      result.out,
      `Wrote ${written} from ${path.join(imports, 'zoom-dewi-2023-01-20.vtt')} (webvtt): 6 turns, 6 with a timestamp; speakers Rina Putri → RP, Dewi Fitriani → DF (informant DF).`,
    );
    // DF is in the sample's informants.yaml already: it is left as it was.
    assert.strictEqual(readFileSync(path.join(study, 'informants.yaml'), 'utf8'), readFileSync(path.join(repo, 'sample', 'informants.yaml'), 'utf8'));
    const text = readFileSync(written, 'utf8');
    const quoteLines = text.split('\n').flatMap((line, i) => (line.startsWith('DF: ') ? [i + 1] : []));
    assert.deepStrictEqual(quoteLines, [13, 17, 21]);
    const check = await runQda('check', study);
    assert.strictEqual(check.code, 0);
    const ours = check.out.split('\n').filter((line) => line.includes('zoom-dewi-2023-01-20.transcript.md'));
    assert.deepStrictEqual(
      ours.map((line) => line.replace(/^.*transcript\.md:/, '')),
      quoteLines.map((line) => `${line}:1: warning: This quote by 'DF' has no tag block: code it, or mark it reviewed with '{-}'. [untagged-quote]`),
    );
    const summary = (out: string) => /(\d+) errors, (\d+) warnings/.exec(out)!.slice(1).map(Number);
    assert.deepStrictEqual(summary(check.out), [0, summary(before.out)[1] + 3]);
  });

  it('imports several files into a new folder, which gets a codebook.yaml and an informants.yaml with the ids given', async () => {
    const into = path.join(dir, 'pilot');
    const files = ['otter-dewi.txt', 'teams-fajar.vtt', 'whisper-pengiriman.srt'].map((f) => path.join(imports, f));
    const result = await runQda('import', ...files, '--into', into, '--speaker', 'Dewi Fitriani=DF');
    assert.strictEqual(result.code, 0, result.err);
    assert.deepStrictEqual(result.out.split('\n').slice(-5), [
      `Wrote ${path.join(into, 'whisper-pengiriman.transcript.md')} from ${files[2]} (srt): 3 turns, 3 with a timestamp; speakers (no name) → S.`,
      "  note: no speaker named 'Dewi Fitriani' in the file: --speaker ignored",
      `Made ${path.join(into, 'codebook.yaml')} (empty: add the themes and codes).`,
      `Made ${path.join(into, 'informants.yaml')} with DF.`,
      `3 of 3 files imported into ${into}.`,
    ]);
    assert.match(result.out, /teams-fajar\.vtt \(webvtt\): 4 turns, 4 with a timestamp; speakers Putri, Rina \(Universitas Negeri Padang\) → RP, Hasan, Fajar → FH\.\n  note: no speaker named 'Dewi Fitriani' in the file: --speaker ignored/);
    assert.match(readFileSync(path.join(into, 'informants.yaml'), 'utf8'), /\nDF:\n {2}name: "Dewi Fitriani"\n$/);
    const check = await runQda('check', into);
    assert.match(check.out, /^0 errors, \d+ warnings/m);
  });

  it("imports every example in sample/imports/ (each format) into a new project, and qda check finds no error in any", async () => {
    const into = path.join(dir, 'all');
    const files = readdirSync(imports).sort().map((f) => path.join(imports, f));
    assert.strictEqual(files.length, 9);
    const result = await runQda('import', ...files, '--into', into);
    assert.strictEqual(result.code, 0, result.err);
    assert.strictEqual(result.out.split('\n').at(-1), `9 of 9 files imported into ${into}.`);
    const check = await runQda('check', into, '--json');
    const diagnostics = (JSON.parse(check.out) as { files: { path: string; diagnostics: { severity: string; code: string }[] }[] }).files;
    assert.strictEqual(diagnostics.length, 9);
    assert.deepStrictEqual(diagnostics.flatMap((d) => d.diagnostics.filter((x) => x.severity === 'error')), []);
    // What is left to do is coding, and mapping the speakers to informants: nothing else.
    assert.deepStrictEqual([...new Set(diagnostics.flatMap((d) => d.diagnostics.map((x) => x.code)))].sort(), ['unmapped-speaker', 'untagged-quote']);
  });

  it('never overwrites a transcript, and writes nothing for a file it cannot read', async () => {
    const target = path.join(dir, 'zoom-dewi-2023-01-20.transcript.md');
    writeFileSync(target, 'A: my coded work {#a}\n');
    writeFileSync(path.join(dir, 'broken.vtt'), 'WEBVT\n\n00:01.000 --> 00:02.000\nhalo\n');
    const result = await runQda('import', path.join(imports, 'zoom-dewi-2023-01-20.vtt'), path.join(dir, 'broken.vtt'), '--into', dir);
    assert.strictEqual(result.code, 1);
    assert.deepStrictEqual(result.err.split('\n'), [
      `qda: cannot write ${target}: it exists (an imported transcript is never overwritten)`,
      "qda: broken.vtt: not a WebVTT file: it does not start with 'WEBVTT'; nothing written",
    ]);
    assert.strictEqual(readFileSync(target, 'utf8'), 'A: my coded work {#a}\n');
    assert.strictEqual(existsSync(path.join(dir, 'broken.transcript.md')), false);
    assert.strictEqual(result.out, '0 of 2 files imported into ' + dir + '.');
  });

  it('--speaker for a name the file does not hold changes nothing, and says so', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'Rina: halo\nDewi: hai\n');
    const into = path.join(dir, 'p');
    const result = await runQda('import', file, '--into', into, '--speaker', 'Ani=AN');
    assert.strictEqual(result.code, 0, result.err);
    assert.deepStrictEqual(result.out.split('\n'), [
      `Wrote ${path.join(into, 'a.transcript.md')} from ${file} (text): 2 turns, 0 with a timestamp; speakers Rina → R, Dewi → D.`,
      "  note: no speaker named 'Ani' in the file: --speaker ignored",
      `Made ${path.join(into, 'codebook.yaml')} (empty: add the themes and codes).`,
      `Made ${path.join(into, 'informants.yaml')}.`,
    ]);
    assert.doesNotMatch(readFileSync(path.join(into, 'informants.yaml'), 'utf8'), /AN|Ani/);
    // In a project, its informants.yaml is left as it was.
    const before = readFileSync(path.join(into, 'informants.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'b.txt'), 'Rina: lagi\n');
    assert.strictEqual((await runQda('import', path.join(dir, 'b.txt'), '--into', into, '--speaker', 'Ani=AN')).code, 0);
    assert.strictEqual(readFileSync(path.join(into, 'informants.yaml'), 'utf8'), before);
  });

  it('says what is wrong with the call', async () => {
    assert.deepStrictEqual(await runQda('import', 'a.vtt', '--speaker', 'Dewi'), { code: 2, out: '', err: "qda: --speaker needs NAME=ID, an informant id of letters, digits, '_', '.' and '-' (got 'Dewi') (see 'qda import --help')" });
    assert.strictEqual((await runQda('import', 'a.vtt', 'b.vtt', '--media', 'x.ogg')).err, "qda: --media names the recording of one file: import the files one at a time (see 'qda import --help')");
  });
});
