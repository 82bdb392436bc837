// End-to-end in the browser: the extension's browser build (dist/web: the client, and the language
// server in a Worker) in VS Code for the Web 1.91, served offline by @vscode/test-web and driven in
// headless Chromium. The sample is the workspace, read through the editor's file system as in
// vscode.dev or github.dev. Screenshots of every step go to artifacts/e2e-web/.
//
// The harness keeps saved files in the browser's memory (its folder on disk is only read), so what
// the editor saved is checked in the editor, and the expected numbers come from the core on a copy
// of the sample with the same edits.
import * as assert from 'assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { main as qda } from '../../server/src/cli/qda';
import { waitUntil } from '../helpers/waitUntil';
import { lineAndColumn, launchChromium, StepScreenshots, Workbench, ctrl } from '../helpers/workbench';

interface VscodeWebModule {
  installVscodeWeb(): { dataDir: string; launcher: string };
  startVscodeWeb(options: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void>; output(): string }>;
}

const repo = path.resolve(__dirname, '../../..');
const artifacts = path.join(repo, 'artifacts', 'e2e-web');
const SR = 'transcripts/customers/sr.transcript.md';

/** What the command line prints as JSON for a folder. */
async function qdaJson<T>(...args: string[]): Promise<T> {
  const out: string[] = [];
  await qda([...args, '--json'], { out: (l) => out.push(l), err: () => undefined });
  return JSON.parse(out.join('\n')) as T;
}

describe('the extension in VS Code for the Web (browser build, server in a worker)', function () {
  this.timeout(180000);
  let dir: string;
  let browser: Browser | undefined;
  let page: Page;
  let workbench: Workbench;
  let server: { url: string; stop(): Promise<void>; output(): string } | undefined;
  let screenshots: StepScreenshots;
  /** The folder the harness serves, never written. */
  const served = () => path.join(dir, 'served');
  /** A copy with the edits the test makes in the editor, for the core's expected numbers. */
  const edited = () => path.join(dir, 'edited');
  const original = (relative: string) => readFileSync(path.join(served(), relative), 'utf8');
  const editCopy = (relative: string, edit: (text: string) => string) => writeFileSync(path.join(edited(), relative), edit(readFileSync(path.join(edited(), relative), 'utf8')));
  /** The page's workers that loaded the server bundle (VS Code starts an extension's workers from a blob that loads it). */
  const languageServerWorkers = async () => {
    const loaded = await Promise.all(
      page.workers().map((worker) =>
        worker.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/dist/web/server.js'))).catch(() => false),
      ),
    );
    return loaded.filter(Boolean).length;
  };

  before(async function () {
    this.timeout(600000); // the first run installs VS Code for the Web into the cache
    if (!existsSync(path.join(repo, 'dist', 'web', 'server.js'))) throw new Error('dist/web is missing: run npm run build first');
    const web = require(path.join(repo, 'scripts', 'vscodeWeb.js')) as VscodeWebModule;
    screenshots = new StepScreenshots(artifacts);
    dir = mkdtempSync(path.join(tmpdir(), 'qda-e2e-web-'));
    cpSync(path.join(repo, 'sample'), served(), { recursive: true });
    cpSync(path.join(repo, 'sample'), edited(), { recursive: true });
    const { dataDir, launcher } = web.installVscodeWeb();
    server = await web.startVscodeWeb({ launcher, dataDir, folder: served() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    workbench = new Workbench(page, (name) => `**/${name}`);
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  });

  afterEach(async function () {
    await screenshots.take(page, this.currentTest?.title);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the language server in a worker, and the problems count is `qda check`’s', async () => {
    const check = await qdaJson<{ files: { diagnostics: { severity: string }[] }[] }>('check', served());
    const severities = check.files.flatMap((f) => f.diagnostics.map((d) => d.severity));
    const errors = severities.filter((s) => s === 'error').length;
    const warnings = severities.filter((s) => s === 'warning').length;
    assert.deepStrictEqual([errors, warnings], [0, 14]); // the sample's 14 untagged quotes, counted with grep in the core's tests
    assert.match(await workbench.waitForText(workbench.problemsItem(), new RegExp(`^${errors}\\D+${warnings}$`), 60000), new RegExp(`^${errors}\\D+${warnings}$`));
    assert.strictEqual(await languageServerWorkers(), 1, page.workers().map((w) => w.url()).join(', '));
  });

  it('completes a code after `{#`, and the problem count goes down', async () => {
    await workbench.quickOpen('sr.transcript.md');
    await workbench.waitForText(page.locator('.statusbar-item', { hasText: 'quotes coded' }), /4\/5 quotes coded/);
    const words = 'sejak semester tiga.';
    const at = lineAndColumn(original(SR), words);
    await workbench.goTo(at.line, at.column + words.length);
    await page.keyboard.type(' {#fast');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'convenience/fast-response' });
    await suggestion.first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await workbench.save();
    editCopy(SR, (text) => text.replace(words, `${words} {#convenience/fast-response}`));
    assert.strictEqual(await matchesInEditor(`${words} {#convenience/fast-response}`), '1 of 1'); // the find widget: lines wrap on screen
    assert.match(await workbench.waitForText(workbench.problemsItem(), /^0\D+13$/), /^0\D+13$/);
    await workbench.waitForText(page.locator('.statusbar-item', { hasText: 'quotes coded' }), /5\/5 quotes coded/);
  });

  it('shows a code’s definition and counts on hover, and moves to the next coded quote', async () => {
    const stats = await qdaJson<{ codes: Record<string, { codings: number; informants: number }> }>('stats', edited());
    const { codings, informants } = stats.codes['trust/quality-assurance'];
    const at = lineAndColumn(original(SR), '#trust/quality-assurance');
    await workbench.goTo(at.line, at.column + 3);
    await page.keyboard.press(`${ctrl}+K`);
    await page.keyboard.press(`${ctrl}+I`);
    const hover = page.locator('.monaco-hover:visible');
    await workbench.waitForText(hover, /Jaminan kualitas/);
    await workbench.waitForText(hover, new RegExp(`${codings} codings · ${informants}/15 informants`));
    await page.keyboard.press('Escape');
    const first = lineAndColumn(original(SR), 'Barangnya tidak pernah menipu');
    const second = lineAndColumn(original(SR), '[Saya buka sorotan testimoni');
    await workbench.goTo(first.line, 10);
    await page.keyboard.press('Alt+]');
    await workbench.waitForText(workbench.selectionItem(), new RegExp(`^Ln ${second.line}, Col 5$`));
  });

  it('codes a selection with Code selection…', async () => {
    const words = 'Saya tidak perlu transfer dulu.';
    const at = lineAndColumn(original(SR), words);
    await workbench.goTo(at.line, at.column);
    await workbench.selectRight(words.length);
    await workbench.waitForText(workbench.selectionItem(), new RegExp(`\\(${words.length} selected\\)`));
    await page.keyboard.press('Control+Alt+C');
    await page.locator('.quick-input-widget .quick-input-box input').fill('cash-on');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'convenience/cash-on-delivery' }).first().click();
    // The server's edit arrives a moment after the pick: counted once it is in the editor.
    assert.strictEqual(await matchesInEditorUntil(`[${words}]{#convenience/cash-on-delivery}`, (count) => count === '1 of 1'), '1 of 1');
    await workbench.save();
    editCopy(SR, (text) => text.replace(words, `[${words}]{#convenience/cash-on-delivery}`));
  });

  it('shows the five themes in the Themes view with the counts of `qda stats`', async () => {
    await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    const before = await qdaJson<{ codes: Record<string, { codings: number }> }>('stats', served());
    const stats = await qdaJson<{ codes: Record<string, { codings: number; informants: number }> }>('stats', edited());
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    for (const theme of ['trust', 'networks', 'convenience', 'price', 'engagement']) {
      const { codings, informants } = stats.codes[theme];
      await workbench.waitForText(workbench.row(themes, theme), new RegExp(`${codings} codings · ${informants}/15 informants`));
    }
    assert.strictEqual(stats.codes.convenience.codings, before.codes.convenience.codings + 2); // the two just added
  });

  it('selects the coded text of a quote clicked in the Themes view', async () => {
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    await workbench.row(themes, 'trust').click();
    await workbench.showChild(themes, 'trust', 'quality-assurance');
    await workbench.row(themes, 'quality-assurance').click();
    await workbench.showChild(themes, 'quality-assurance', 'SR');
    await workbench.row(themes, 'SR').click();
    await themes.locator('.monaco-list-row', { hasText: 'Barangnya tidak pernah menipu' }).first().click();
    const coded = 'Barangnya tidak pernah menipu. Yang datang sama dengan yang di foto, bahannya juga sesuai deskripsi.';
    const at = lineAndColumn(original(SR), coded);
    await page.locator('.tab.active[aria-label*="sr.transcript.md"]').waitFor();
    const expected = `Ln ${at.line}, Col ${at.column + coded.length} (${coded.length} selected)`;
    assert.strictEqual(await workbench.waitForText(workbench.selectionItem(), new RegExp(`^${expected.replace(/[()]/g, '\\$&')}$`)), expected);
  });

  it('renames a code with F2, and every file that uses it changes', async () => {
    // The files that use the code, and how often, counted on disk without the core.
    const uses = new Map<string, number>();
    for (const f of readdirSync(path.join(served(), 'transcripts'), { recursive: true }).map(String)) {
      const count = f.endsWith('.md') ? original(`transcripts/${f}`).split('#price/low-prices').length - 1 : 0;
      if (count > 0) uses.set(f, count);
    }
    assert.strictEqual(uses.size, 6); // grep -rl '#price/low-prices' sample/transcripts
    await workbench.quickOpen('sr.transcript.md');
    const at = lineAndColumn(original(SR), '#price/low-prices');
    await workbench.goTo(at.line, at.column + 8); // on "low-prices"
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input');
    await input.waitFor();
    await input.fill('harga-murah');
    await page.keyboard.press('Enter');
    // The server's edit changes every file at once: Save All once it shows in this one.
    await matchesInEditorUntil('#price/harga-murah', (found) => found !== 'No results');
    await workbench.runCommand('File: Save All');
    // Each file, opened again from the (browser's) file system: the find widget counts the old and new tags.
    for (const [file, count] of uses) {
      await workbench.quickOpen(path.basename(file));
      assert.strictEqual(await matchesInEditorUntil('#price/low-prices', (found) => found === 'No results'), 'No results', file);
      assert.match(await matchesInEditor('#price/harga-murah'), new RegExp(`^\\d+ of ${count}$`), file);
    }
    // The codebook, opened from the Explorer (this harness's Quick Open finds no file at the root).
    await page.locator('.activitybar a[aria-label^="Explorer"]').first().click();
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'codebook.yaml' }).first().click();
    await page.locator('.tab.active[aria-label*="codebook.yaml"]').waitFor();
    // The entry is renamed and keeps its old path, so a coder's branch that still writes it merges onto it.
    assert.strictEqual(await matchesInEditor('low-prices:'), 'No results');
    assert.match(await matchesInEditor('harga-murah:'), /^1 of 1$/);
    assert.match(await matchesInEditor('formerly: [price/low-prices]'), /^1 of 1$/);
    await page.keyboard.press('Escape');
    await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    // The server, which reads the saved files through the client, counts the renamed code as the core does.
    for (const f of uses.keys()) editCopy(`transcripts/${f}`, (text) => text.replaceAll('#price/low-prices', '#price/harga-murah'));
    editCopy('codebook.yaml', (text) => text.replace(/^( {4})low-prices:$/m, '$1harga-murah:\n$1  formerly: [price/low-prices]'));
    const stats = await qdaJson<{ codes: Record<string, { codings: number; informants: number }> }>('stats', edited());
    const { codings, informants } = stats.codes['price/harga-murah'];
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    // Collapsed, every theme is on screen (the tree only renders visible rows).
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    await workbench.row(themes, 'price').click();
    await workbench.showChild(themes, 'price', 'harga-murah');
    await workbench.waitForText(workbench.row(themes, 'harga-murah'), new RegExp(`${codings} codings · ${informants}/15 informants`));
    assert.strictEqual(codings, [...uses.values()].reduce((a, b) => a + b));
    assert.match(await workbench.waitForText(workbench.problemsItem(), /^0\D+13$/), /^0\D+13$/);
  });

  it('says that Compare coding with… needs the desktop version', async () => {
    await workbench.runCommand('QDA: Compare coding with…');
    await workbench.waitForText(page.locator('.notifications-toasts'), /needs the desktop version of VS Code/);
  });

  /** The find widget's count for `text` in the active editor ("1 of 2", "No results"). */
  async function matchesInEditor(text: string): Promise<string> {
    await page.keyboard.press(`${ctrl}+F`);
    const find = page.locator('.find-widget.visible');
    await find.locator('textarea, input').first().fill(text);
    // The count shown may still be that of the text before until the widget announces this text's
    // (to screen readers, "1 of 2 found for '…'", in the workbench's live region).
    // With no result VS Code may announce it otherwise: after a short wait the count is read as it
    // is, and matchesInEditorUntil counts again until the count is the one expected.
    await page.locator('.monaco-alert', { hasText: `for '${text}'` }).first().waitFor({ state: 'attached', timeout: 5000 }).catch(() => undefined);
    const count = await workbench.waitForText(find.locator('.matchesCount'), /of|No results/);
    await page.keyboard.press('Escape');
    return count;
  }

  /** The find widget's count for `text`, counted again until `expected` accepts it: for an edit on its way to the editor. */
  function matchesInEditorUntil(text: string, expected: (count: string) => boolean): Promise<string> {
    return waitUntil(() => matchesInEditor(text), expected, { what: `the count of ${text} in the editor` });
  }
});
