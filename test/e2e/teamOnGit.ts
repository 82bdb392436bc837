// End-to-end, in the code-server suite of vscode.test.ts: a team on git branches, in a window of its
// own on a git repository of the sample: the offer and the command that set up git merging, a merge
// typed in the integrated terminal, a conflict in the Problems and Themes views, and a transcript's
// text replaced by a new transcription with its codings kept.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { main as qda } from '../../server/src/cli/qda';
import { waitUntil } from '../helpers/waitUntil';
import { StepScreenshots, Workbench } from '../helpers/workbench';

const repo = path.resolve(__dirname, '../../..');
const SR = 'transcripts/customers/sr.transcript.md';

/** What the suite has started: its temporary folder, its code-server, its browser and screenshots. */
export interface SuiteContext {
  dir(): string;
  server(): { url: string };
  browser(): Browser;
  screenshots(): StepScreenshots;
}

export function teamOnGitTests(suite: SuiteContext): void {
describe('a team on git branches', () => {
  let team: string;
  let teamPage: Page;
  let teamBench: Workbench;
  const A2 = 'transcripts/customers/a2.transcript.md';
  const teamFile = (relative: string) => readFileSync(path.join(team, relative), 'utf8');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: team, encoding: 'utf8' }).trim();
  const edit = (relative: string, from: string, to: string) => {
    const before = teamFile(relative);
    assert.ok(before.includes(from), `${from} in ${relative}`);
    writeFileSync(path.join(team, relative), before.replace(from, to));
  };
  const qdaOut = async (...args: string[]) => {
    const out: string[] = [];
    await qda(args, { out: (l) => out.push(l), err: () => undefined });
    return out.join('\n');
  };

  before(async function () {
    this.timeout(120000);
    // The sample as committed on main; each coder's branch starts there (blind coding).
    team = path.join(suite.dir(), 'team');
    cpSync(path.join(repo, 'sample'), team, { recursive: true });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Coder');
    git('config', 'user.email', 'coder@example.org');
    git('add', '-A');
    git('commit', '-qm', 'the study');
    // Coder A codes A2's last answer and corrects a word of SR's; coder B codes the same answer
    // otherwise and adds #price elsewhere (the scenario); coder D corrects SR's word otherwise.
    git('checkout', '-qb', 'coder-a');
    edit(A2, 'A: Baju Padang Murah, pasti.\n', 'A: [Baju Padang Murah, pasti.]{#engagement/enthusiasm}\n');
    edit(SR, 'Saya tidak perlu transfer dulu.', 'Saya tidak perlu kirim uang dulu.');
    git('commit', '-qam', 'coder A');
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'coder-b');
    edit(A2, 'A: Baju Padang Murah, pasti.\n', 'A: Baju Padang Murah, [pasti.]{#trust}\n');
    edit(A2, '{#engagement/attention}', '{#engagement/attention #price}');
    git('commit', '-qam', 'coder B');
    git('checkout', '-q', 'main');
    git('checkout', '-qb', 'coder-d');
    edit(SR, 'Saya tidak perlu transfer dulu.', 'Saya tidak perlu bayar dulu.');
    git('commit', '-qam', 'coder D');
    git('checkout', '-q', 'coder-a');
    // A window of its own on the repository, in the suite's code-server.
    const url = new URL(suite.server().url);
    url.searchParams.set('folder', team);
    teamPage = await suite.browser().newPage({ viewport: { width: 1400, height: 1100 } });
    teamBench = new Workbench(teamPage);
    await teamPage.goto(url.toString());
    await teamPage.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // The sample's 14 untagged-quote warnings, less the answer coder A coded.
    await teamBench.waitForText(teamBench.problemsItem(), /^0\D+13$/, 60000);
  });

  afterEach(async function () {
    await suite.screenshots().take(teamPage, `team: ${this.currentTest?.title}`);
  });

  after(async () => {
    await teamPage?.close();
  });

  /** The integrated terminal, focused (made by the first call). */
  const focusTerminal = async (command: string) => {
    await teamBench.runCommand(command);
    const terminal = teamPage.locator('.terminal-wrapper .xterm-helper-textarea').first();
    await terminal.waitFor({ state: 'attached' });
    await waitUntil(() => terminal.evaluate((e) => e === (e as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement), Boolean, { what: 'the terminal focused' });
  };

  it('offers to set up git merging once, and sets it up from the command palette with the bundled driver', async () => {
    // The offer: the project is in a git repository without the driver. A toast that hid itself
    // meanwhile (VS Code hides them after a while) is in the notification centre.
    const offerText = 'is in a git repository, but git merges its transcripts line by line';
    try {
      await teamPage.locator('.notifications-toasts .notification-list-item', { hasText: offerText }).first().waitFor({ timeout: 30000 });
    } catch {
      await teamBench.runCommand('Notifications: Show Notifications');
    }
    const offer = teamPage.locator('.notification-list-item', { hasText: offerText }).first();
    await offer.locator('.monaco-button', { hasText: 'Not now' }).click();
    await offer.waitFor({ state: 'detached' });
    await teamBench.runCommand('QDA: Set up git merging for this project');
    await teamPage.locator('.notifications-toasts', { hasText: 'git now merges team by meaning' }).first().waitFor({ timeout: 30000 });
    assert.strictEqual(teamFile('.gitattributes'), '*.transcript.md merge=qda\ncodebook.yaml merge=qda\ninformants.yaml merge=qda\n');
    // The driver: code-server's Node and the installed extension's own dist/qda-merge.js, absolute.
    const driver = git('config', '--get', 'merge.qda.driver');
    const match = /^(\S+) (\S+\/dist\/qda-merge\.js) %O %A %B %P$/.exec(driver);
    assert.ok(match, driver);
    assert.ok(match[2].startsWith(path.join(suite.dir(), 'profile', 'extensions')), driver);
    assert.ok(existsSync(match[1]) && existsSync(match[2]), driver);
    assert.strictEqual(git('check-attr', 'merge', '--', A2), `${A2}: merge: qda`);
  });

  it('merges a coder’s branch in the terminal: the union of codings, and the Themes counts of `qda stats`', async () => {
    await focusTerminal('Terminal: Create New Terminal');
    await teamPage.keyboard.type('git merge --no-edit coder-b');
    await teamPage.keyboard.press('Enter');
    // Merged when HEAD is a commit with two parents.
    await waitUntil(() => git('log', '-1', '--format=%P').split(' ').length, (parents) => parents === 2, { timeout: 60000, what: 'the merge commit' });
    const a2 = teamFile(A2);
    assert.match(a2, /^A: \[Baju Padang Murah, \[pasti\.\]\{#trust\}\]\{#engagement\/enthusiasm\}$/m);
    assert.match(a2, /\{#engagement\/attention #price\}/);
    const stats = JSON.parse(await qdaOut('stats', team, '--json')) as { codings: number; codes: Record<string, { codings: number; informants: number }> };
    // The sample's 90 codings, A's, B's and B's #price.
    assert.strictEqual(stats.codings, 93);
    await teamPage.locator('.activitybar a[aria-label^="QDA"]').first().click();
    const themes = teamPage.locator('.pane', { hasText: 'Themes' }).first();
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    for (const theme of ['trust', 'networks', 'convenience', 'price', 'engagement']) {
      const { codings, informants } = stats.codes[theme];
      await teamBench.waitForText(teamBench.row(themes, theme), new RegExp(`${codings} codings · ${informants}/15 informants`), 30000);
    }
    assert.match(await teamBench.waitForText(teamBench.problemsItem(), /13/), /^0\D+13$/);
  });

  it('stops at a word corrected two ways: the conflict in the Problems view and in the Themes view', async () => {
    await focusTerminal('Terminal: Focus Terminal');
    await teamPage.keyboard.type('git merge --no-edit coder-d');
    await teamPage.keyboard.press('Enter');
    await waitUntil(() => existsSync(path.join(team, '.git', 'MERGE_HEAD')) && teamFile(SR).includes('<<<<<<< ours'), Boolean, { timeout: 60000, what: "git's conflict in sr.transcript.md" });
    const check = await qdaOut('check', team);
    assert.match(check, /transcripts\/customers\/sr\.transcript\.md:\d+:1: error: A merge conflict .* \[merge-conflict\]/);
    await teamBench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const problem = teamPage.locator('.markers-panel .monaco-list-row', { hasText: 'merge-conflict' }).first();
    await problem.waitFor({ timeout: 30000 });
    assert.match(await problem.innerText(), /A merge conflict \(lines \d+–\d+\)/);
    await teamBench.waitForText(teamBench.problemsItem(), /^1\D/);
    // The Themes view lists the file above the themes, and opens it at the conflict.
    const themes = teamPage.locator('.pane', { hasText: 'Themes' }).first();
    const conflicts = teamBench.row(themes, 'Merge conflicts');
    await teamBench.waitForText(conflicts, /1 file/, 30000);
    const conflicted = teamBench.row(themes, 'sr\\.transcript\\.md');
    const lines = teamFile(SR).split('\n');
    const line = lines.findIndex((l) => l.startsWith('<<<<<<<')) + 1;
    const marker = lines[line - 1];
    assert.match(await conflicted.innerText(), new RegExp(`1 conflict, line ${line}`));
    await conflicted.click();
    await teamPage.locator('.tab.active[aria-label*="sr.transcript.md"]').waitFor();
    // The conflict's first line selected: its `<<<<<<< ours` marker.
    await teamBench.waitForText(teamBench.selectionItem(), new RegExp(`^Ln ${line}, Col ${marker.length + 1} \\(${marker.length} selected\\)$`));
  });

  it('replaces a transcript’s text with a new transcription, keeping its codings, as `qda import --onto` does', async () => {
    const words = path.join(suite.dir(), 'a2-new.txt');
    const lines = ['P: Kenapa kamu memilih Baju Padang Murah?', 'A: Modelnya selalu baru, jadi saya tidak pernah ketinggalan tren.', 'P: Bagaimana pengalaman bertanya ke penjualnya?'];
    lines.push('A: Pemiliknya sopan sekali, balasannya pakai "Kak" dan selalu bilang terima kasih. Itu yang bikin saya nyaman belanja di sana.');
    lines.push('P: Kalau harus pilih satu toko untuk belanja baju, yang mana?', 'A: Baju Padang Murah, pasti.', 'P: Apa kamu pernah merekomendasikannya ke teman?', 'A: Tidak.');
    writeFileSync(words, lines.join('\n') + '\n');
    // The command line on a copy of the same files: what the editor must write.
    const cli = path.join(suite.dir(), 'team-by-cli');
    cpSync(team, cli, { recursive: true, filter: (source) => !source.includes(`${path.sep}.git`) });
    const printed = await qdaOut('import', words, '--onto', path.join(cli, A2));
    const summary = printed.split('\n')[0].replace(/\(.*memos\//, '(memos/');
    assert.match(summary, /^Carried \d+ of \d+ codings; [1-9]\d* not placed \(memos\/not-placed\/a2\.md\)\.$/);
    await teamBench.quickOpen('a2.transcript.md');
    await teamBench.runCommand('QDA: Replace transcript text, keeping codings…');
    await teamBench.chooseInFileDialog(words, 'Replace the text with this');
    await teamPage.locator('.notifications-toasts', { hasText: summary }).first().waitFor({ timeout: 30000 });
    // One edit, not saved yet: the transcript and the new memo, which VS Code opens a moment after.
    await teamBench.waitForUnsavedEditors(2);
    await teamBench.runCommand('File: Save All');
    const memo = 'memos/not-placed/a2.md';
    await waitUntil(() => existsSync(path.join(team, memo)) && teamFile(A2) === readFileSync(path.join(cli, A2), 'utf8'), Boolean, { what: 'the transcript saved as the command line writes it' });
    assert.strictEqual(teamFile(memo), readFileSync(path.join(cli, memo), 'utf8'));
  });
});
}
