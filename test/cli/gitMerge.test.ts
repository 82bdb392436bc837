// Coders on git branches, merged by meaning: `qda git setup`, then a real `git merge` that runs
// `qda merge-file` as its driver (the bundled command line: `npm run build` first), and `qda check`
// and `qda stats` on the result. Also the re-transcription (`qda import --onto`) and the agreement
// gate (`qda agree --min-kappa`). Each test makes its repository in a temporary folder.
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const repo = path.resolve(__dirname, '../../..');
const qdaBin = path.join(repo, 'bin/qda.js');
const a2 = 'transcripts/customers/a2.transcript.md';

function qda(cwd: string, ...args: string[]): { code: number; out: string; err: string } {
  const result = spawnSync(process.execPath, [qdaBin, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

/** A repository holding the sample study on `main`, with user name and email of its own. */
function sampleRepository(): { dir: string; git: (...args: string[]) => { code: number; out: string }; edit: (file: string, change: (text: string) => string) => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'qda-git-'));
  cpSync(path.join(repo, 'sample'), dir, { recursive: true });
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
  };
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  git('config', 'user.name', 'Coder');
  git('config', 'user.email', 'coder@example.org');
  git('add', '-A');
  git('commit', '-qm', 'the study, uncoded where the coders will code');
  const edit = (file: string, change: (text: string) => string) => {
    const full = path.join(dir, file);
    const before = readFileSync(full, 'utf8');
    const after = change(before);
    assert.notStrictEqual(after, before, `the edit of ${file} changed nothing`);
    writeFileSync(full, after);
  };
  return { dir, git, edit };
}

/** The repository's merges go through `qda merge-file`: `qda git setup`, its .gitattributes committed. */
function mergeWithQda(r: ReturnType<typeof sampleRepository>): void {
  qda(r.dir, 'git', 'setup');
  r.git('add', '.gitattributes');
  r.git('commit', '-qm', 'merge with qda');
}

/** Renames trust/testimonials to trust/reviews as the editor's rename does: the key, `formerly:`, and every tag. */
function renameTestimonialsToReviews(r: ReturnType<typeof sampleRepository>): void {
  r.edit('codebook.yaml', (t) => t.replace('    testimonials:\n', '    reviews:\n      formerly: [trust/testimonials]\n'));
  for (const file of execFileSync('git', ['grep', '-l', 'trust/testimonials', '--', 'transcripts'], { cwd: r.dir, encoding: 'utf8' }).trim().split('\n')) {
    r.edit(file, (t) => t.replaceAll('#trust/testimonials', '#trust/reviews'));
  }
}

/** Coder A and coder B as the issue tells it: the same turn coded two ways, and #price added elsewhere. */
function twoCoders(r: ReturnType<typeof sampleRepository>, turnA: string, turnB: string): void {
  r.git('checkout', '-qb', 'coder-a');
  r.edit(a2, (t) => t.replace('A: Baju Padang Murah, pasti.\n', `${turnA}\n`));
  r.git('commit', '-qam', 'coder A');
  r.git('checkout', '-q', 'main');
  r.git('checkout', '-qb', 'coder-b');
  r.edit(a2, (t) => t.replace('A: Baju Padang Murah, pasti.\n', `${turnB}\n`).replace('{#engagement/attention}', '{#engagement/attention #price}'));
  r.git('commit', '-qam', 'coder B');
  r.git('checkout', '-q', 'coder-a');
}

describe('qda with git (a real repository)', function () {
  this.timeout(60000);
  const made: string[] = [];
  after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('git setup writes .gitattributes and the driver once, and says so; a second run changes nothing', () => {
    const r = sampleRepository();
    made.push(r.dir);
    const first = qda(r.dir, 'git', 'setup');
    assert.strictEqual(first.code, 0, first.err);
    assert.strictEqual(readFileSync(path.join(r.dir, '.gitattributes'), 'utf8'), '*.transcript.md merge=qda\ncodebook.yaml merge=qda\ninformants.yaml merge=qda\n');
    assert.strictEqual(r.git('config', '--get', 'merge.qda.driver').out.trim(), `${process.execPath} ${qdaBin} merge-file %O %A %B %P`);
    assert.match(first.out, /^\.gitattributes: added '\*\.transcript\.md merge=qda', 'codebook\.yaml merge=qda', 'informants\.yaml merge=qda'\ngit config merge\.qda\.name: set to .*\ngit config merge\.qda\.driver: set to .*\n$/);
    const second = qda(r.dir, 'git', 'setup');
    assert.deepStrictEqual([second.code, second.out], [0, 'Nothing to change: git merges . with qda already.\n']);
  });

  it('merges two coders\' branches with the union of their codings, and qda check finds no error (the issue\'s scenario)', () => {
    const r = sampleRepository();
    made.push(r.dir);
    assert.strictEqual(qda(r.dir, 'git', 'setup').code, 0);
    r.git('add', '.gitattributes');
    r.git('commit', '-qm', 'merge with qda');
    twoCoders(r, 'A: [Baju Padang Murah, pasti.]{#engagement/enthusiasm}', 'A: Baju Padang Murah, [pasti.]{#trust}');
    const merge = r.git('merge', '--no-edit', 'coder-b');
    assert.strictEqual(merge.code, 0, merge.out);
    const text = readFileSync(path.join(r.dir, a2), 'utf8');
    assert.match(text, /^A: \[Baju Padang Murah, \[pasti\.\]\{#trust\}\]\{#engagement\/enthusiasm\}$/m);
    assert.match(text, /^A: \[Modelnya selalu baru, jadi saya tidak ketinggalan tren\.\]\{#engagement\/attention #price\}$/m);
    const check = qda(r.dir, 'check', '--untagged-quote', 'off');
    assert.deepStrictEqual([check.code, check.out.trim()], [0, '0 errors, 0 warnings, 0 information, 0 hints in 15 transcripts.']);
    // The sample has 90 codings; the merge adds A's, B's and B's #price: 93, in 60 quotes.
    assert.match(qda(r.dir, 'stats').out, /^Project \.: 15 transcripts, 60 quotes \(45 coded, 13 untagged\), 93 codings/);
  });

  it('stops at a word changed two ways: git exits 1, and qda check exits 1 with merge-conflict', () => {
    const r = sampleRepository();
    made.push(r.dir);
    mergeWithQda(r);
    twoCoders(r, 'A: Baju Padang Murah, pastilah.', 'A: Baju Padang Murah, [pastinya.]{#trust}');
    const merge = r.git('merge', '--no-edit', 'coder-b');
    assert.strictEqual(merge.code, 1, merge.out);
    assert.match(merge.out, /CONFLICT \(content\): Merge conflict in transcripts\/customers\/a2\.transcript\.md/);
    const text = readFileSync(path.join(r.dir, a2), 'utf8');
    assert.match(text, /<<<<<<< ours\nA: Baju Padang Murah, pastilah\.\n\n\|\|\|\|\|\|\| base\nA: Baju Padang Murah, pasti\.\n\n=======\nA: Baju Padang Murah, \[pastinya\.\]\{#trust\}\n\n>>>>>>> theirs\n/);
    // B's #price elsewhere in the file is merged all the same.
    assert.match(text, /\{#engagement\/attention #price\}/);
    const check = qda(r.dir, 'check', '--untagged-quote', 'off');
    assert.strictEqual(check.code, 1);
    assert.match(check.out, /^transcripts\/customers\/a2\.transcript\.md:24:1: error: A merge conflict \(lines 24–33\): .* \[merge-conflict\]$/m);
    // The conflicted quote counts once (ours: untagged), and its codings not at all: 60 quotes, 90 + #price.
    assert.match(qda(r.dir, 'stats').out, /^Project \.: 15 transcripts, 60 quotes \(44 coded, 14 untagged\), 91 codings/);
    // qda tree lists the file above the themes, as the Themes view does.
    assert.match(qda(r.dir, 'tree').out, /^Project \.\n\nMerge conflicts to resolve \(1 file; the codings inside them are not counted\)\n {2}transcripts\/customers\/a2\.transcript\.md:24 \(1 conflict\)\n\ntrust /);
  });

  it('git\'s own markers, without the driver, are the same error', () => {
    const r = sampleRepository();
    made.push(r.dir);
    twoCoders(r, 'A: [Baju Padang Murah, pasti.]{#engagement/enthusiasm}', 'A: Baju Padang Murah, [pasti.]{#trust}');
    const merge = r.git('merge', '--no-edit', 'coder-b');
    assert.strictEqual(merge.code, 1, merge.out);
    const check = qda(r.dir, 'check', '--untagged-quote', 'off');
    assert.strictEqual(check.code, 1);
    assert.match(check.out, /^transcripts\/customers\/a2\.transcript\.md:\d+:1: error: A merge conflict .* \[merge-conflict\]$/m);
    assert.match(qda(r.dir, 'stats').out, /^Project \.: 15 transcripts, 60 quotes/);
  });

  it('merges codebook.yaml by code path and keeps a renamed code\'s tags on the new name', () => {
    const r = sampleRepository();
    made.push(r.dir);
    mergeWithQda(r);
    r.git('checkout', '-qb', 'coder-a');
    // Coder A renames trust/testimonials (as F2 does: the key, formerly, and the tags).
    renameTestimonialsToReviews(r);
    // …and codes a2 too, so that git merges that file with the driver.
    r.edit(a2, (t) => t.replace('{#engagement/attention}', '{#engagement/attention #trust/quality-assurance}'));
    r.git('commit', '-qam', 'rename');
    r.git('checkout', '-q', 'main');
    r.git('checkout', '-qb', 'coder-b');
    // Coder B still writes the old name, and adds a label to another code.
    r.edit(a2, (t) => t.replace('A: Baju Padang Murah, pasti.\n', 'A: Baju Padang Murah, [pasti.]{#trust/testimonials}\n'));
    r.edit('codebook.yaml', (t) => t.replace('      label: Jaminan kualitas\n', '      label: Jaminan mutu\n'));
    r.git('commit', '-qam', 'coder B');
    r.git('checkout', '-q', 'coder-a');
    const merge = r.git('merge', '--no-edit', 'coder-b');
    assert.strictEqual(merge.code, 0, merge.out);
    const codebook = readFileSync(path.join(r.dir, 'codebook.yaml'), 'utf8');
    assert.match(codebook, /label: Jaminan mutu\n/);
    assert.match(codebook, / {4}reviews:\n {6}formerly: \[trust\/testimonials\]\n/);
    assert.match(readFileSync(path.join(r.dir, a2), 'utf8'), /^A: Baju Padang Murah, \[pasti\.\]\{#trust\/reviews\}$/m);
    const check = qda(r.dir, 'check', '--untagged-quote', 'off');
    assert.deepStrictEqual([check.code, check.out.trim()], [0, '0 errors, 0 warnings, 0 information, 0 hints in 15 transcripts.']);
  });

  it('maps our old code paths to the names their branch gave them (git names their commit to the driver)', () => {
    const r = sampleRepository();
    made.push(r.dir);
    mergeWithQda(r);
    r.git('checkout', '-qb', 'coder-b');
    renameTestimonialsToReviews(r);
    r.edit(a2, (t) => t.replace('{#engagement/attention}', '{#engagement/attention #trust/quality-assurance}'));
    r.git('commit', '-qam', 'rename');
    r.git('checkout', '-q', 'main');
    r.git('checkout', '-qb', 'coder-a');
    r.edit(a2, (t) => t.replace('A: Baju Padang Murah, pasti.\n', 'A: Baju Padang Murah, [pasti.]{#trust/testimonials}\n'));
    r.git('commit', '-qam', 'coder A');
    const merge = r.git('merge', '--no-edit', 'coder-b');
    assert.strictEqual(merge.code, 0, merge.out);
    assert.match(readFileSync(path.join(r.dir, a2), 'utf8'), /^A: Baju Padang Murah, \[pasti\.\]\{#trust\/reviews\}$/m);
    assert.strictEqual(qda(r.dir, 'check', '--untagged-quote', 'off').code, 0);
  });

  it('a file only the other branch changed keeps the old name, and qda check says which new name to write', () => {
    const r = sampleRepository();
    made.push(r.dir);
    r.git('checkout', '-qb', 'coder-a');
    renameTestimonialsToReviews(r);
    r.git('commit', '-qam', 'rename');
    r.git('checkout', '-q', 'main');
    r.git('checkout', '-qb', 'coder-b');
    r.edit(a2, (t) => t.replace('A: Baju Padang Murah, pasti.\n', 'A: Baju Padang Murah, [pasti.]{#trust/testimonials}\n'));
    r.git('commit', '-qam', 'coder B');
    r.git('checkout', '-q', 'coder-a');
    assert.strictEqual(r.git('merge', '--no-edit', 'coder-b').code, 0);
    const check = qda(r.dir, 'check', '--untagged-quote', 'off');
    assert.strictEqual(check.code, 1);
    assert.match(check.out, /^transcripts\/customers\/a2\.transcript\.md:24:33: error: The code 'trust\/testimonials' was renamed 'trust\/reviews' \(codebook\.yaml: formerly\): write the new name\. \[renamed-code\]$/m);
  });

  it('merge-file keeps a coding whose words the other side deleted in memos/not-placed/, and says so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qda-merge-file-'));
    made.push(dir);
    writeFileSync(path.join(dir, 'codebook.yaml'), 'trust:\n  description: T.\n');
    const write = (name: string, text: string) => writeFileSync(path.join(dir, name), text);
    write('base', 'A: Satu dua.\n\nA: Tiga empat.\n');
    write('ours', 'A: Satu dua.\n\nA: Lima.\n');
    write('theirs', 'A: Satu dua.\n\nA: Tiga [empat]{#trust}.\n');
    const result = qda(dir, 'merge-file', 'base', 'ours', 'theirs', 'x.transcript.md');
    assert.strictEqual(result.code, 0, result.err);
    assert.strictEqual(result.err, 'qda merge-file x.transcript.md: 0 codings carried, 1 kept in a memo (memos/not-placed/x.md), 0 conflicts.\n');
    assert.strictEqual(readFileSync(path.join(dir, 'ours'), 'utf8'), 'A: Satu dua.\n\nA: Lima.\n');
    assert.match(readFileSync(path.join(dir, 'memos/not-placed/x.md'), 'utf8'), /^- #trust on “empat”: their line 3 \(A\), near line 3 now\.$/m);
  });

  it('import --onto carries a transcript\'s codings onto a new transcription and keeps the rest in a memo', () => {
    const r = sampleRepository();
    made.push(r.dir);
    const lines = ['P: Kenapa kamu memilih Baju Padang Murah?', 'A: Modelnya selalu baru, jadi saya tidak pernah ketinggalan tren.', 'P: Bagaimana pengalaman bertanya ke penjualnya?'];
    lines.push('A: Pemiliknya sopan sekali, balasannya pakai "Kak" dan selalu bilang terima kasih. Itu yang bikin saya nyaman belanja di sana.');
    lines.push('P: Kalau harus pilih satu toko untuk belanja baju, yang mana?', 'A: Baju Padang Murah, pasti.', 'P: Apa kamu pernah merekomendasikannya ke teman?', 'A: Tidak.');
    writeFileSync(path.join(r.dir, 'a2-new.txt'), lines.join('\n') + '\n');
    const result = qda(r.dir, 'import', 'a2-new.txt', '--onto', a2);
    assert.strictEqual(result.code, 0, result.err);
    assert.strictEqual(result.out.split('\n')[0], 'Carried 4 of 6 codings; 2 not placed (memos/not-placed/a2.md).');
    const text = readFileSync(path.join(r.dir, a2), 'utf8');
    assert.ok(text.startsWith('---\ninformant: A2\nsource: interview\ndate: 2022-11-27\n'));
    // The heading stays: the new file has none.
    assert.ok(text.includes('\n---\n# Wawancara dengan A (21 tahun), pelanggan Baju Padang Murah\n\nP: Kenapa kamu memilih Baju Padang Murah?\n'), text);
    assert.match(text, /^A: \[Modelnya selalu baru, jadi saya tidak pernah ketinggalan tren\.\]\{#engagement\/attention\}$/m);
    assert.match(text, /\[Itu yang bikin saya nyaman belanja di sana\.\]\{#networks\/friendly-service #engagement\/enthusiasm\}/);
    assert.ok(existsSync(path.join(r.dir, 'memos/not-placed/a2.md')));
    assert.match(readFileSync(path.join(r.dir, 'memos/not-placed/a2.md'), 'utf8'), /- #networks\/friendship on “Sering\. Teman satu kos saya sekarang juga jadi pelanggan\.”/);
  });

  it('the agreement gate exits 1 and lists the codes below the minimum kappa, 0 when all reach it', () => {
    const below = qda(repo, 'agree', 'sample', 'sample-coder2', '--unit', 'quote', '--min-kappa', '0.7');
    assert.strictEqual(below.code, 1);
    assert.match(below.out, /Agreement gate failed: kappa below 0\.7 for 4 \(codes compared on 10 units or more, and overall\):\n {2}trust\/quality-assurance: kappa 0\.629 on 13 units\n/);
    const above = qda(repo, 'agree', 'sample', 'sample-coder2', '--unit', 'quote', '--min-kappa', '0.5');
    assert.strictEqual(above.code, 0);
    assert.match(above.out, /Agreement gate passed/);
  });
});
