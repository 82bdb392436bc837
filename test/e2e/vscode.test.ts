// End-to-end: the packaged extension in a real VS Code (code-server 4.100.3, VS Code 1.100),
// driven in headless Chromium as a researcher would use it. Screenshots of every step go to
// artifacts/e2e/, and one of each main view to artifacts/e2e/views/ (for the README:
// scripts/update-readme-images.js). The suite installs and starts what it needs and stops it
// afterwards; when something is missing it fails with a message that says what.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, cpSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { URI } from 'vscode-uri';
import { main as qda } from '../../server/src/cli/qda';
import { treeBranches, treeQuotes } from '../../server/src/core/analyses/codeTree';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { sharedFolder } from '../helpers/shared';
import { waitUntil } from '../helpers/waitUntil';
import { ctrl, lineAndColumn, launchChromium, StepScreenshots, Workbench } from '../helpers/workbench';
import { teamOnGitTests } from './teamOnGit';
import { parse as parseYaml } from 'yaml';

interface CodeServerModule {
  installCodeServer(): string;
  prepareProfile(entry: string, dir: string, vsix: string, settings?: Record<string, unknown>): { extensionsDir: string; userDataDir: string };
  startCodeServer(options: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void>; output(): string }>;
  packageExtension(): string;
}

const repo = path.resolve(__dirname, '../../..');
const artifacts = path.join(repo, 'artifacts', 'e2e');
const isMac = process.platform === 'darwin';
const SR = 'transcripts/customers/sr.transcript.md';

describe('the extension in a real VS Code (code-server)', function () {
  this.timeout(240000);
  let dir: string;
  let browser: Browser | undefined;
  let page: Page;
  let workbench: Workbench;
  let server: { url: string; stop(): Promise<void>; output(): string } | undefined;
  let screenshots: StepScreenshots;
  const sample = () => path.join(dir, 'sample');
  const file = (relative: string) => readFileSync(path.join(sample(), relative), 'utf8');

  before(async function () {
    this.timeout(900000); // the first run installs code-server into the cache
    const codeServer = require(path.join(repo, 'scripts', 'codeServer.js')) as CodeServerModule;
    screenshots = new StepScreenshots(artifacts);
    dir = mkdtempSync(path.join(tmpdir(), 'qda-e2e-'));
    cpSync(path.join(repo, 'sample'), sample(), { recursive: true });
    cpSync(path.join(repo, 'sample-coder2'), path.join(dir, 'sample-coder2'), { recursive: true });
    const vsix = codeServer.packageExtension();
    const entry = codeServer.installCodeServer();
    const profile = codeServer.prepareProfile(entry, path.join(dir, 'profile'), vsix, {
      'editor.quickSuggestionsDelay': 0,
      'editor.hover.delay': 100,
      'files.autoSave': 'off',
      'workbench.editor.enablePreview': false,
    });
    server = await codeServer.startCodeServer({ entry, ...profile, folder: sample() });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1100 } });
    workbench = new Workbench(page);
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // The extension is active once its status bar item or its views answer; wait for the problems count.
    await waitForText(problemsItem(), /14/, 60000);
  });

  afterEach(async function () {
    await screenshots.take(page, this.currentTest?.title);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // ---- helpers ----------------------------------------------------------------------------------

  const problemsItem = () => workbench.problemsItem();
  const selectionItem = () => workbench.selectionItem();

  const waitForText = (locator: ReturnType<Page['locator']>, pattern: RegExp, timeout?: number) => workbench.waitForText(locator, pattern, timeout);
  const quickOpen = (name: string) => workbench.quickOpen(name);
  const goTo = (line: number, column: number) => workbench.goTo(line, column);
  const runCommand = (title: string) => workbench.runCommand(title);
  const row = (pane: ReturnType<Page['locator']>, label: string) => workbench.row(pane, label);
  const showChild = (pane: ReturnType<Page['locator']>, parent: string, child: string) => workbench.showChild(pane, parent, child);
  const save = () => workbench.save();
  /** Answers one of code-server's own file dialogs with a path. */
  const choosePath = (value: string, button: string) => workbench.chooseInFileDialog(value, button);
  const openFromRow = (target: ReturnType<Page['locator']>, opened: ReturnType<Page['locator']>) => workbench.openFromRow(target, opened);
  /** 1-based line and column of the first occurrence of `needle` in a sample file. */
  const find = (relative: string, needle: string) => lineAndColumn(file(relative), needle);

  // ---- what a researcher does ----------------------------------------------------------------------

  it('opens a sample transcript and shows its coding progress, its long turns wrapped', async () => {
    await quickOpen('sr.transcript.md');
    // Wrapped: more lines on screen than numbered lines (a wrapped line's continuation has no number).
    const viewLines = await page.locator('.monaco-editor .view-line').count();
    const numbered = (await page.locator('.monaco-editor .line-numbers').allInnerTexts()).filter((n) => n.trim() !== '').length;
    assert.strictEqual(numbered, file(SR).split('\n').length);
    assert.ok(viewLines > numbered, `${viewLines} lines on screen for ${numbered} lines of text`);
    // Coding stripes in the gutter: the margin's elements drawn with an SVG of bars.
    const stripeIcons = async () =>
      (await page.locator('.monaco-editor .margin *').evaluateAll((nodes) =>
        nodes.map((node) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundImage: string } }).getComputedStyle(node).backgroundImage),
      )).filter((b) => b.includes('data:image/svg+xml'));
    const backgrounds = await waitUntil(stripeIcons, (found) => found.length > 0, { timeout: 10000, what: 'coding stripes' });
    // sr's coded lines: 16, 20, 24, 28 (each quote's first line; the wrapped rest has no margin of its own).
    assert.strictEqual(backgrounds.length, 4, JSON.stringify(backgrounds));
    // Switched off and on again.
    for (const expected of [0, 4]) {
      await runCommand('QDA: Toggle coding stripes');
      await waitUntil(stripeIcons, (found) => found.length === expected, { timeout: 10000, what: `${expected} coding stripes` });
      assert.strictEqual((await stripeIcons()).length, expected);
    }
    await waitForText(page.locator('.statusbar-item', { hasText: 'quotes coded' }), /4\/5 quotes coded/);
    assert.match(await waitForText(problemsItem(), /14/), /0\D+14/);
  });

  it('completes a code after `{#`, and the problem count goes down', async () => {
    const at = find(SR, 'sejak semester tiga.');
    await goTo(at.line, at.column + 'sejak semester tiga.'.length);
    await page.keyboard.type(' {#fast');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'convenience/fast-response' });
    await suggestion.first().waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await save();
    assert.match(file(SR), /sejak semester tiga\. \{#convenience\/fast-response\}\n/);
    assert.match(await waitForText(problemsItem(), /13/), /0\D+13/);
    await waitForText(page.locator('.statusbar-item', { hasText: 'quotes coded' }), /5\/5 quotes coded/);
  });

  it('shows a code’s definition and counts on hover', async () => {
    const at = find(SR, '#trust/quality-assurance');
    await goTo(at.line, at.column + 3);
    await page.keyboard.press(`${ctrl}+K`);
    await page.keyboard.press(`${ctrl}+I`);
    const hover = page.locator('.monaco-hover:visible');
    await waitForText(hover, /Jaminan kualitas/);
    assert.match(await waitForText(hover, /codings/), /10 codings · 8\/15 informants/);
    await waitForText(hover, /New memo for this code/);
    await page.keyboard.press('Escape');
  });

  it('codes a selection with Code selection…', async () => {
    const words = 'Saya tidak perlu transfer dulu.';
    const at = find(SR, words);
    await goTo(at.line, at.column);
    await workbench.selectRight(words.length);
    await waitForText(selectionItem(), new RegExp(`\\(${words.length} selected\\)`));
    await page.keyboard.press(isMac ? 'Meta+Alt+C' : 'Control+Alt+C');
    await page.locator('.quick-input-widget .quick-input-box input').fill('cash-on');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'convenience/cash-on-delivery' }).first().waitFor();
    await page.keyboard.press('Enter');
    await workbench.waitForUnsavedEditor();
    await save();
    assert.ok(file(SR).includes(`[${words}]{#convenience/cash-on-delivery}`), file(SR));
  });

  it('renames a code, and every file that uses it changes', async () => {
    const users = () => readdirSync(path.join(sample(), 'transcripts'), { recursive: true }).filter((f) => String(f).endsWith('.md') && file(`transcripts/${f}`).includes('#price/low-prices'));
    const before = users().length;
    assert.strictEqual(before, 6); // counted with grep -rl
    const at = find(SR, '#price/low-prices');
    await goTo(at.line, at.column + 8); // on "low-prices"
    await page.keyboard.press('F2');
    const input = page.locator('.rename-box input');
    await input.waitFor();
    await input.fill('harga-murah');
    await page.keyboard.press('Enter');
    // The rename changes every file at once: Save All once the open transcript shows the new name.
    await page.locator('.monaco-editor .view-lines', { hasText: 'harga-murah' }).first().waitFor();
    await runCommand('File: Save All');
    await waitUntil(users, (left) => left.length === 0, { what: 'no transcript on disk with #price/low-prices' });
    assert.strictEqual(users().length, 0);
    assert.match(file('codebook.yaml'), /^ {4}harga-murah:$/m);
    const renamed = readdirSync(path.join(sample(), 'transcripts'), { recursive: true }).filter((f) => String(f).endsWith('.md') && file(`transcripts/${f}`).includes('#price/harga-murah'));
    assert.strictEqual(renamed.length, before);
  });

  it('shows every theme with the counts of `qda stats`, and all 15 informants', async () => {
    await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    // The numbers of the command line, on the same files as they are now (after the edits above).
    const out: string[] = [];
    await qda(['stats', sample(), '--json'], { out: (l) => out.push(l), err: () => undefined });
    const stats = JSON.parse(out.join('\n')) as { codes: Record<string, { codings: number; informants: number }> };
    // Collapsed, every theme is on screen (the tree only renders visible rows).
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    for (const theme of ['trust', 'networks', 'convenience', 'price', 'engagement']) {
      const { codings, informants } = stats.codes[theme];
      await waitForText(row(themes, theme), new RegExp(`${codings} codings · ${informants}/15 informants`));
    }
    const informants = page.locator('.pane', { hasText: 'Informants' }).last();
    const labels = await informants.locator('.monaco-list-row .label-name').allInnerTexts();
    assert.deepStrictEqual(labels, ['A', 'EGA', 'YFD', 'N', 'V', 'FA', 'RM', 'SR', 'AY', 'A2', 'Am', 'W', 'RN', 'DF', 'Ri']);
    await row(themes, 'trust').click();
  });

  it('shows why a code is suggested on hover, and accepts a "Code as …" quick fix on an untagged quote: one problem fewer, one coding more in the Themes view', async () => {
    // FA's "Harga kami menengah, tidak paling murah." is untagged. Its best suggestion, from the
    // command line on the files as they are now (the price code may have been renamed above); its
    // code's cross-validated kappa here is 0.52, above the default minKappa (0.4), so it is offered.
    const FA = 'transcripts/owners/fa-auraliq-fashion.transcript.md';
    const words = 'Harga kami menengah, tidak paling murah.';
    const original = file(FA);
    const out: string[] = [];
    await qda(['suggest', sample(), path.join(sample(), FA), '--json'], { out: (l) => out.push(l), err: () => undefined });
    const at = find(FA, words);
    const quote = (JSON.parse(out.join('\n')) as { suggestions: { line: number; codes: { code: string; score: number; because: { path: string; line: number }[] }[] }[] }).suggestions.find((s) => s.line === at.line)!;
    const best = quote.codes[0];
    const like = best.because[0];
    const title = `Code as ${best.code} — ${best.score.toFixed(2)}, like ${path.basename(like.path, '.transcript.md')} line ${like.line}`;
    const [theme, leaf] = best.code.split('/');

    // Before, from the UI: the problems count and the code's codings in the Themes view.
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    if (!(await themes.isVisible())) await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    const collapseAll = async () => {
      await themes.hover();
      await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    };
    await collapseAll();
    await row(themes, theme).click();
    await showChild(themes, theme, leaf);
    const codings = async () => Number(/(\d+) codings/.exec(await waitForText(row(themes, leaf), /\d+ codings/))?.[1]);
    const warnings = async () => Number(/(\d+)\D*$/.exec(await problemsItem().innerText())?.[1]);
    const [problemsBefore, codingsBefore] = [await warnings(), await codings()];

    await quickOpen('fa-auraliq-fashion.transcript.md');
    await goTo(at.line, at.column + 3);
    // The reason, in the hover: the same code and score, its kappa, and the passage it resembles.
    await page.keyboard.press(`${ctrl}+K`);
    await page.keyboard.press(`${ctrl}+I`);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const reason = `Suggested codes .*${escape(best.code)} ${escape(best.score.toFixed(2))} · κ 0\\.\\d\\d, like: .*${escape(path.basename(like.path, '.transcript.md'))} line ${like.line}`;
    await waitForText(page.locator('.monaco-hover:visible'), new RegExp(reason));
    await page.keyboard.press('Escape');
    await page.keyboard.press(`${ctrl}+.`);
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await fix.waitFor({ timeout: 20000 });
    // The widget's rows take no clicks under its pointer guard: chosen with the keyboard, as a user does.
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    for (let moves = 0; (await focused.getAttribute('aria-label').catch(() => null)) !== title && moves < 20; moves++) await page.keyboard.press('ArrowDown');
    assert.strictEqual(await focused.getAttribute('aria-label'), title);
    await page.keyboard.press('Enter');
    await workbench.waitForUnsavedEditor();
    await save();
    assert.strictEqual(file(FA), original.replace(words, `${words} {#${best.code}}`));
    await waitForText(problemsItem(), new RegExp(`^0\\D+${problemsBefore - 1}$`));
    await waitUntil(codings, (n) => n === codingsBefore + 1, { what: `${codingsBefore + 1} codings of ${best.code} in the Themes view` });

    // Undone, so that the tests after this one see the sample as it was.
    await page.keyboard.press(`${ctrl}+Z`);
    await workbench.waitForUnsavedEditor();
    await save();
    assert.strictEqual(file(FA), original);
    await waitForText(problemsItem(), new RegExp(`^0\\D+${problemsBefore}$`));
    await waitUntil(codings, (n) => n === codingsBefore, { what: `${codingsBefore} codings of ${best.code} again` });
    // The Themes view as the test before left it.
    await collapseAll();
    await row(themes, 'trust').click();
  });

  it('reviews the suggestions for a transcript: an accepted one writes its tag block, a dismissed one is not offered again', async () => {
    // FA has two untagged quotes; each has a suggestion offered (kappa at least 0.4, as above).
    const FA = 'transcripts/owners/fa-auraliq-fashion.transcript.md';
    const accepted = 'Harga kami menengah, tidak paling murah.';
    const original = file(FA);
    const out: string[] = [];
    await qda(['suggest', sample(), path.join(sample(), FA), '--json'], { out: (l) => out.push(l), err: () => undefined });
    const quotes = (JSON.parse(out.join('\n')) as { suggestions: { line: number; codes: { code: string }[] }[] }).suggestions;
    const kept = quotes.find((q) => q.line === find(FA, accepted).line)!;
    const dismissed = quotes.find((q) => q !== kept)!;
    const rowOf = (line: number) => page.locator('.quick-input-list .monaco-list-row', { hasText: `line ${line}` }).first();

    await quickOpen('fa-auraliq-fashion.transcript.md');
    await runCommand('QDA: Suggest codes for this transcript');
    await rowOf(dismissed.line).waitFor({ timeout: 20000 });
    assert.match(await rowOf(dismissed.line).innerText(), new RegExp(`Code as ${dismissed.codes[0].code} — `));
    assert.match(await rowOf(kept.line).innerText(), new RegExp(`Code as ${kept.codes[0].code} — `));
    await rowOf(dismissed.line).hover();
    await rowOf(dismissed.line).locator('.action-label[aria-label^="Dismiss"]').click();
    await rowOf(dismissed.line).waitFor({ state: 'detached' });
    await rowOf(kept.line).getByRole('checkbox').first().click();
    await page.locator('.quick-input-widget', { hasText: '1 Selected' }).waitFor();
    // OK, not Enter: Enter on the checkbox just clicked would uncheck it.
    await page.locator('.quick-input-widget').getByRole('button', { name: 'OK' }).click();
    await workbench.waitForUnsavedEditor();
    await save();
    assert.strictEqual(file(FA), original.replace(accepted, `${accepted} {#${kept.codes[0].code}}`));

    // Again: the dismissed quote is not offered, the accepted one is coded now: nothing to review.
    await runCommand('QDA: Suggest codes for this transcript');
    await page.locator('.notifications-toasts .notification-list-item', { hasText: 'No code to suggest' }).first().waitFor({ timeout: 20000 });
    await page.locator('.monaco-editor textarea').first().focus();
    await page.keyboard.press(`${ctrl}+Z`);
    await workbench.waitForUnsavedEditor();
    await save();
    assert.strictEqual(file(FA), original);
  });

  it('shows how good the suggestions are: the per-code table of `qda suggest --evaluate`', async () => {
    const out: string[] = [];
    await qda(['suggest', sample(), '--evaluate', '--json'], { out: (l) => out.push(l), err: () => undefined });
    const evaluation = JSON.parse(out.join('\n')) as { codes: Record<string, { support: number; precision: number | null; recall: number | null; kappa: number | null }>; overall: { macroKappa: number | null; microF1: number | null; top3Recall: number | null } };
    await runCommand('QDA: How good are the suggestions?');
    await page.locator('.tab.active[aria-label*="suggestion-quality"]').waitFor({ timeout: 30000 });
    const view = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));
    const rows = view.locator('table tbody tr');
    await waitUntil(() => rows.count(), (n) => n === Object.keys(evaluation.codes).length, { timeout: 20000, what: 'a row per code' });
    const shown = (await rows.allInnerTexts()).map((r) => r.split('\t').map((cell) => cell.trim()));
    assert.deepStrictEqual(
      shown.map((cells) => cells.slice(0, 5)),
      Object.entries(evaluation.codes).map(([code, q]) => [code, String(q.support), figure(q.precision), figure(q.recall), figure(q.kappa)]),
    );
    const o = evaluation.overall;
    await waitForText(view.locator('body'), new RegExp(`macroKappa ${figure(o.macroKappa)} · microF1 ${figure(o.microF1)} · top3Recall ${figure(o.top3Recall)}`));
    await runCommand('View: Close Editor');
  });

  it('opens the Themes view and selects the coded text of a clicked quote', async () => {
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    await showChild(themes, 'trust', 'quality-assurance');
    await row(themes, 'quality-assurance').click();
    await showChild(themes, 'quality-assurance', 'SR');
    const informant = row(themes, 'SR');
    await informant.click();
    const quote = themes.locator('.monaco-list-row', { hasText: 'Barangnya tidak pernah menipu' }).first();
    // The rename's files, saved just before, refresh the view a moment later: a click then can be lost.
    await openFromRow(quote, selectionItem().filter({ hasText: 'selected' }));
    const coded = 'Barangnya tidak pernah menipu. Yang datang sama dengan yang di foto, bahannya juga sesuai deskripsi.';
    const at = find(SR, coded);
    await page.locator('.tab.active[aria-label*="sr.transcript.md"]').waitFor();
    const status = await waitForText(selectionItem(), /selected/);
    assert.strictEqual(status, `Ln ${at.line}, Col ${at.column + coded.length} (${coded.length} selected)`);
    await screenshots.view(workbench, 'themes', { sideBarWidth: 480, collapse: ['Informants', 'Memos'] });
  });

  it('moves to the next and previous coded quote', async () => {
    const first = find(SR, 'Barangnya tidak pernah menipu');
    const second = find(SR, '[Saya buka sorotan testimoni');
    await goTo(first.line, 10);
    await page.keyboard.press('Alt+]');
    // The cursor moves to the start of the quote's text, selecting nothing.
    await waitForText(selectionItem(), new RegExp(`^Ln ${second.line}, Col 5$`));
    await page.keyboard.press('Alt+[');
    await waitForText(selectionItem(), new RegExp(`^Ln ${first.line}, Col 5$`));
  });

  it('filters both views by role', async () => {
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    await themes.hover();
    await themes.locator('.action-label[aria-label="Filter by informant attribute…"]').first().click();
    await page.locator('.quick-input-widget .quick-input-box input').fill('role = owner');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'role = owner' }).first().waitFor();
    await page.keyboard.press('Enter');
    await waitForText(row(themes, 'trust'), /\/7 informants/);
    const informants = page.locator('.pane', { hasText: 'Informants' }).last();
    const rows = informants.locator('.monaco-list-row');
    await waitUntil(() => rows.count(), (count) => count === 7, { timeout: 10000, what: '7 informants' });
    assert.strictEqual(await rows.count(), 7);
    assert.match(await rows.first().innerText(), /owner/);
  });

  it('expands an informant into codes and quotes, fetched from the server as they open', async () => {
    // The expected branch, from the core on the same files as they are now.
    const workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(sample()).toString());
    const project = workspace.projects.get(URI.file(sample()).toString())!;
    const filter = { attributes: { role: 'owner' } };
    const codes = treeBranches(project, filter, { kind: 'informant', id: 'A' }) as { code: string; codings: number }[];
    const quality = codes.find((c) => c.code === 'trust/quality-assurance')!;
    const quotes = treeQuotes(project, filter, { kind: 'codings', code: quality.code, informant: 'A' });
    assert.ok(quotes.length >= 2);

    const informants = page.locator('.pane', { hasText: 'Informants' }).last();
    await row(informants, 'A').click();
    const code = row(informants, 'trust/quality-assurance');
    await waitForText(code, new RegExp(`${quality.codings} codings`));
    await code.click();
    const leaf = informants.locator('.monaco-list-row', { hasText: excerptOf(quotes[1].text) }).first();
    await leaf.click();
    await page.locator(`.tab.active[aria-label*="${quotes[1].uri.split('/').pop()}"]`).waitFor();
    const status = await waitForText(selectionItem(), /selected/);
    const length = quotes[1].range.end.character - quotes[1].range.start.character;
    assert.strictEqual(status, `Ln ${quotes[1].range.start.line + 1}, Col ${quotes[1].range.end.character + 1} (${length} selected)`);
  });

  it('lists a study of a thousand more informants a page at a time: "More informants…" shows the next 500', async () => {
    const yamlFile = path.join(sample(), 'informants.yaml');
    const original = readFileSync(yamlFile, 'utf8');
    // 1,000 more owners.
    const more = Array.from({ length: 1000 }, (_, i) => `K${String(i).padStart(4, '0')}: {role: owner, age: ${20 + (i % 30)}}\n`).join('');
    const informants = page.locator('.pane', { hasText: 'Informants' }).last();
    const moreRow = row(informants, 'More informants…');
    /** The last row of the view, scrolled to as a researcher would (End in the tree). */
    const lastRow = async () => {
      await informants.locator('.monaco-list').first().focus();
      await page.keyboard.press('End');
    };
    const title = page.locator('.pane-header h3.title', { hasText: /^Informants$/ });
    if (!(await title.isVisible())) await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    await title.waitFor();
    // 1,007 with the role filter of the steps before, 1,015 when this step runs alone.
    const total = /role = owner/.test(await informants.locator('.pane-header').first().innerText()) ? 1007 : 1015;
    try {
      writeFileSync(yamlFile, `${original.trimEnd()}\n${more}`);
      /** The last row's text once it matches, End pressed again until then: the view grows after a click. */
      const lastRowReads = (pattern: RegExp, what: string) =>
        waitUntil(
          async () => {
            await lastRow();
            return (await informants.locator('.monaco-list-row').last().innerText().catch(() => '')).replace(/\s+/g, ' ');
          },
          (text) => pattern.test(text),
          { timeout: 30000, what },
        );
      await lastRowReads(new RegExp(`More informants… ?500 of ${total} shown`), 'the "More informants…" row');
      await moreRow.click();
      await lastRowReads(new RegExp(`More informants… ?1000 of ${total} shown`), 'the second page');
      // The pointer leaves the row first, as a researcher's does to scroll: a second click on the spot of the first is not taken as one.
      await page.mouse.move(20, 500);
      await moreRow.click();
      await lastRowReads(/^K0999 ?owner · 29$/, 'the last informant');
      assert.strictEqual(await moreRow.count(), 0);
      // An edit brings a new outline: it lists as many as were asked for, the informant added last too.
      writeFileSync(yamlFile, `${original.trimEnd()}\n${more}K1000: {role: owner, age: 61}\n`);
      await lastRowReads(/^K1000 ?owner · 61$/, 'the informant added, after the others');
      assert.strictEqual(await moreRow.count(), 0);
    } finally {
      writeFileSync(yamlFile, original);
    }
    await waitUntil(() => informants.locator('.monaco-list-row', { hasText: /^K\d{4}/ }).count(), (count) => count === 0, { timeout: 30000, what: 'the added informants gone' });
  });

  it('groups the untagged quotes by informant in the Themes view', async () => {
    const workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(sample()).toString());
    const project = workspace.projects.get(URI.file(sample()).toString())!;
    const filter = { attributes: { role: 'owner' } };
    const branches = treeBranches(project, filter, { kind: 'untagged' }) as { id?: string; quotes: number }[];
    const total = branches.reduce((sum, b) => sum + b.quotes, 0);
    const first = branches[0];
    const quotes = treeQuotes(project, filter, { kind: 'untagged', informant: first.id ?? null });

    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    const group = row(themes, 'Untagged quotes');
    await waitForText(group, new RegExp(`${total}`));
    await group.click();
    const informant = row(themes, first.id!);
    await waitForText(informant, new RegExp(first.quotes === 1 ? '1 quote' : `${first.quotes} quotes`));
    await informant.click();
    await themes.locator('.monaco-list-row', { hasText: excerptOf(quotes[0].text) }).first().waitFor();
  });

  it('compares the coding with a second coder: the Agreement view lists the least agreed code first', async () => {
    // The figures of the command line, on the same files as they are now (after the edits above).
    const out: string[] = [];
    await qda(['agree', sample(), path.join(dir, 'sample-coder2'), '--json'], { out: (l) => out.push(l), err: () => undefined });
    const report = JSON.parse(out.join('\n')) as { codes: Record<string, { kappa: number | null; percentAgreement: number | null }>; disagreements: { differ: string[]; speaker: string; text: string }[] };
    const lowest = Object.entries(report.codes).sort(([, a], [, b]) => (a.kappa ?? Infinity) - (b.kappa ?? Infinity) || (a.percentAgreement ?? 101) - (b.percentAgreement ?? 101))[0];
    await runCommand('QDA: Compare coding with…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'sample-coder2' }).first().waitFor();
    await page.keyboard.type('sample-coder2');
    await page.keyboard.press('Enter');
    const agreement = page.locator('.pane', { hasText: 'Agreement' }).last();
    const first = agreement.locator('.monaco-list-row').first();
    await waitForText(first, new RegExp(`^${lowest[0].replace(/[/]/g, '\\/')}\\b`), 30000);
    assert.match(await first.innerText(), new RegExp(`κ ${lowest[1].kappa!.toFixed(2)} · ${lowest[1].percentAgreement!.toFixed(1)} %`));
  });

  it('opens a disagreement with both versions side by side', async () => {
    const agreement = page.locator('.pane', { hasText: 'Agreement' }).last();
    const code = agreement.locator('.monaco-list-row').first();
    const name = (await code.locator('.label-name').innerText()).trim();
    const out: string[] = [];
    await qda(['agree', sample(), path.join(dir, 'sample-coder2'), '--json'], { out: (l) => out.push(l), err: () => undefined });
    const first = (JSON.parse(out.join('\n')) as { disagreements: { differ: string[]; speaker: string; text: string; path: string }[] }).disagreements.find((d) => d.differ.includes(name))!;
    await code.click();
    const quote = agreement.locator('.monaco-list-row', { hasText: `${first.speaker}: ${first.text.slice(0, 20)}` }).first();
    await quote.click();
    const fileName = first.path.split('/').pop()!;
    await page.locator(`.tab.active[aria-label*="sample-coder2 ↔ sample: ${fileName}"]`).waitFor({ timeout: 15000 });
    await page.locator('.monaco-diff-editor').first().waitFor();
    // The other coder's version on the left, this project's on the right, both with the quote.
    const sides = page.locator('.monaco-diff-editor .editor.original, .monaco-diff-editor .editor.modified');
    assert.strictEqual(await sides.count(), 2);
    await waitForText(page.locator('.monaco-diff-editor .editor.original .view-lines'), new RegExp(first.text.slice(0, 15)));
    await screenshots.view(workbench, 'agreement', { sideBarWidth: 480, collapse: ['Themes', 'Informants', 'Memos'] });
  });

  it('opens the Analysis view: the matrix by role shows the counts of `qda matrix`', async () => {
    const out: string[] = [];
    await qda(['matrix', sample(), '--rows', 'codes', '--columns', 'role', '--json'], { out: (l) => out.push(l), err: () => undefined });
    const m = JSON.parse(out.join('\n')) as { rows: string[]; columns: string[]; cells: number[][] };
    await runCommand('QDA: Open Analysis');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('select#columns').waitFor({ timeout: 30000 });
    await view.locator('select#columns').selectOption('informant.role');
    const trust = m.rows.indexOf('trust');
    for (const [c, role] of m.columns.entries()) {
      const cell = view.locator(`g.value text[data-row="trust"][data-column="${role}"]`);
      await cell.waitFor({ timeout: 15000 });
      assert.strictEqual((await cell.textContent())?.trim(), String(m.cells[trust][c]), `trust × ${role}`);
    }
    await screenshots.view(workbench, 'analysis');
  });

  it('lists the quotes of a clicked cell and opens one at its coded text', async () => {
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('g.value text[data-row="trust/testimonials"][data-column="owner"]').click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'trust/testimonials × owner' }).waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active[aria-label*=".transcript.md"]').waitFor();
    await waitForText(selectionItem(), /selected/);
  });

  it('exports the matrix as CSV to a file on disk', async () => {
    await runCommand('View: Open Previous Editor');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('button#export-csv').click();
    // The save dialog (code-server's own) proposes matrix.csv in the study's folder: accept it.
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ timeout: 15000 });
    await page.keyboard.press('Enter');
    const csv = path.join(sample(), 'matrix.csv');
    await waitUntil(() => existsSync(csv), Boolean, { what: csv });
    const text = readFileSync(csv, 'utf8');
    assert.match(text, /^\uFEFF,owner,customer,total\r\ntrust,\d+,\d+,\d+\r\n/);
  });

  it('keeps the Analysis view across a reload of the window, with its choices', async () => {
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await view.locator('select#count').selectOption('quotes');
    await view.locator('g.value text[data-row="trust"][data-column="owner"]').waitFor();
    await runCommand('Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.locator('.tab', { hasText: 'QDA Analysis' }).first().click({ timeout: 60000 });
    const restored = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await restored.locator('g.value text[data-row="trust"][data-column="owner"]').waitFor({ timeout: 60000 });
    assert.strictEqual(await restored.locator('select#count').inputValue(), 'quotes');
  });

  it('exports the project to REFI-QDA from the command palette: a .qdpx valid against the standard', async () => {
    await runCommand('QDA: Export project to REFI-QDA…');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Whole project (.qdpx)' }).first().waitFor();
    await page.keyboard.press('Enter');
    // The save dialog (code-server's own) proposes sample.qdpx in the study's folder: accept it.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await waitUntil(() => input.inputValue(), (value) => value.endsWith('sample.qdpx'), { what: 'the save dialog to propose sample.qdpx' });
    await page.keyboard.press('Enter');
    const qdpx = path.join(sample(), 'sample.qdpx');
    await waitUntil(() => existsSync(qdpx), Boolean, { what: qdpx });
    await page.locator('.notifications-toasts', { hasText: 'Saved sample.qdpx.' }).waitFor({ timeout: 15000 });
    // Read back by other tools: unzip lists the project and 15 sources; xmllint validates it.
    const unpacked = mkdtempSync(path.join(tmpdir(), 'qda-e2e-qdpx-'));
    execFileSync('unzip', ['-q', qdpx, '-d', unpacked]);
    assert.deepStrictEqual([readdirSync(unpacked).sort(), readdirSync(path.join(unpacked, 'sources')).length], [['project.qde', 'sources'], 15]);
    execFileSync('xmllint', ['--noout', '--schema', path.join(sharedFolder(), 'refi-qda', 'Project.xsd'), path.join(unpacked, 'project.qde')], { stdio: 'pipe' });
    rmSync(unpacked, { recursive: true, force: true });
  });

  it('lists a tag block’s memo and a memo file in the Memos view, and opens each where it stands', async () => {
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    if (!(await themes.isVisible())) await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    const memos = page.locator('.pane', { hasText: 'Memos' }).last();
    /** The view's text filter, as a researcher types it. */
    const filterMemos = async (text: string) => {
      await memos.hover();
      await memos.locator('.action-label[aria-label="Filter memos by text…"]').first().click();
      await page.locator('.quick-input-widget .quick-input-box input').fill(text);
      await page.keyboard.press('Enter');
    };
    await filterMemos('alasan moral');
    await openFromRow(memos.locator('.monaco-list-row', { hasText: 'alasan moral, bukan hanya strategi' }).first(), page.locator('.tab.active[aria-label*="a-baju-padang-murah.transcript.md"]'));
    const at = lineAndColumn(file('transcripts/owners/a-baju-padang-murah.transcript.md'), 'alasan moral, bukan hanya strategi');
    // The cursor at the memo: its column is where the memo's text starts.
    await waitForText(selectionItem(), new RegExp(`^Ln ${at.line}, Col ${at.column}$`));
    await filterMemos('comes before');
    await openFromRow(memos.locator('.monaco-list-row', { hasText: 'Trust comes before price' }).first(), page.locator('.tab.active[aria-label*="trust-before-price.md"]'));
    // Grouped by informant: the memo file under the memo files.
    await memos.hover();
    await memos.locator('.action-label[aria-label="Group memos by informant"]').first().click();
    await row(memos, '\\(memo files\\)').waitFor();
    await filterMemos('');
    await memos.locator('.monaco-list-row', { hasText: 'alasan moral, bukan hanya strategi' }).first().waitFor();
    await screenshots.view(workbench, 'memos', { sideBarWidth: 480, collapse: ['Themes', 'Informants', 'Agreement'] });
    // New memo for this code: the code's memo file, made with its heading, opened, and listed.
    await runCommand('QDA: New memo for this code');
    await page.locator('.quick-input-widget .quick-input-box input').fill('trust/testimonials');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'trust/testimonials' }).first().click();
    await page.locator('.tab.active[aria-label*="trust-testimonials.md"]').waitFor();
    assert.strictEqual(file('memos/trust-testimonials.md'), '# Memo on #trust/testimonials\n\n');
    await filterMemos('Memo on');
    await memos.locator('.monaco-list-row', { hasText: 'Memo on #trust/testimonials' }).first().waitFor();
    await filterMemos('');
  });

  it('merges a code into another from the Themes view: the transcripts that used it, the codebook and a memo change, and `qda check` finds no error', async () => {
    const transcripts = () => readdirSync(path.join(sample(), 'transcripts'), { recursive: true }).map(String).filter((f) => f.endsWith('.md'));
    const users = () => transcripts().filter((f) => file(`transcripts/${f}`).includes('#price/giveaways'));
    assert.strictEqual(users().length, 1); // grep -rl '#price/giveaways' sample/transcripts
    const used = users()[0];
    const discountsBefore = file(`transcripts/${used}`).split('#price/discounts').length - 1;
    const themes = page.locator('.pane', { hasText: 'Themes' }).first();
    // The QDA side bar may be open already (a click on its icon would close it).
    if (!(await themes.isVisible())) await page.locator('.activitybar a[aria-label^="QDA"]').first().click();
    await themes.hover();
    await themes.locator('.action-label[aria-label="Collapse All"]').first().click();
    await row(themes, 'price').click();
    await showChild(themes, 'price', 'giveaways');
    await row(themes, 'giveaways').click({ button: 'right' });
    // VS Code's menus act on the item under the mouse when Enter is pressed.
    await page.locator('.context-view .action-menu-item', { hasText: 'Merge code into…' }).first().hover();
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget .quick-input-box input').fill('price/discounts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'price/discounts' }).first().click();
    await page.locator('.notifications-toasts', { hasText: "Merged 'price/giveaways' into 'price/discounts'" }).waitFor({ timeout: 15000 });
    // A moment after the edit is applied, VS Code opens its three files (the transcript, the codebook
    // and the new memo), unsaved; a Save All before then leaves them unsaved.
    await workbench.waitForUnsavedEditors(3);
    await runCommand('File: Save All');
    await waitUntil(users, (left) => left.length === 0, { what: 'no transcript on disk with #price/giveaways' });
    assert.deepStrictEqual(users(), []);
    assert.strictEqual(file(`transcripts/${used}`).split('#price/discounts').length - 1, discountsBefore + 1);
    // The entry is gone; the code merged into keeps its old path, so a coder's branch that still writes it merges onto it.
    const codebook = parseYaml(file('codebook.yaml')) as { price: { codes: Record<string, { formerly?: string[] }> } };
    assert.deepStrictEqual([Object.keys(codebook.price.codes).includes('giveaways'), codebook.price.codes.discounts.formerly], [false, ['price/giveaways']]);
    assert.match(file('memos/merged/price-giveaways-into-price-discounts.md'), /^# price\/giveaways merged into #price\/discounts\n/);
    const out: string[] = [];
    await qda(['check', sample()], { out: (l) => out.push(l), err: () => undefined });
    assert.match(out.at(-1) ?? '', /^0 errors, /);
  });

  it("plays RN's recording from a turn: the media element's time is the turn's timestamp, and the turn is highlighted", async () => {
    await quickOpen('rn.transcript.md');
    await page.locator('.tab.active[aria-label*="rn.transcript.md"]').waitFor();
    const rn = file('transcripts/customers/rn.transcript.md');
    const at = lineAndColumn(rn, 'RN: [00:00:15]');
    // The Code Lens above each timed turn.
    await page.locator('.codelens-decoration a', { hasText: '▶ 00:00:15' }).first().waitFor({ timeout: 20000 });
    await goTo(at.line, 20);
    await runCommand('QDA: Play from here');
    // The player's page, inside the webview's frames: its <audio> element.
    const player = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame').locator('audio#player');
    await player.waitFor({ state: 'attached', timeout: 20000 });
    const currentTime = () => player.evaluate((el) => (el as unknown as { currentTime: number }).currentTime);
    const time = await waitUntil(currentTime, (t) => t >= 15, { what: 'the recording at 00:00:15' });
    // Read as it plays: at the timestamp, or a moment after it.
    assert.ok(time >= 15 && time < 18, `currentTime ${time}`);
    assert.strictEqual(await player.evaluate((el) => (el as unknown as { error: unknown }).error), null);
    // The turn heard is highlighted, and the status bar names it.
    await waitForText(page.locator('.statusbar-item', { hasText: '00:00:1' }).first(), new RegExp(`00:00:1[5-9] · RN, line ${at.line}$`));
    // The highlight is a whole-line decoration: an overlay at the turn's line, and at no other.
    // In the page, as a string: the tests are compiled without the DOM's types.
    const highlightedLines = await page.evaluate<string[]>(`[...document.querySelectorAll('.monaco-editor')].flatMap((editor) => {
      const lineAt = new Map([...editor.querySelectorAll('.view-lines .view-line')].map((e) => [e.style.top, e.textContent]));
      return [...editor.querySelectorAll('.view-overlays > div')].filter((d) => d.querySelector('[class*="ced-"]')).map((d) => lineAt.get(d.style.top) ?? '');
    })`);
    // The turn's one line, wrapped on screen: every piece of it highlighted, nothing else.
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    assert.strictEqual(words(highlightedLines.join(' ')), words(rn.split('\n')[at.line - 1]));
    await screenshots.view(workbench, 'player', { hideSideBar: true });
    await runCommand('QDA: Play or pause the recording');
  });

  it('imports a Zoom interview from the command palette: the transcript written is the one `qda import` writes with the same answers', async () => {
    const source = path.join(sample(), 'imports', 'zoom-dewi-2023-01-20.vtt');
    const into = path.join(sample(), 'transcripts', 'customers');
    const warnings = async () => Number(/(\d+)\D*$/.exec(await problemsItem().innerText())?.[1]);
    const before = await warnings();
    await runCommand('QDA: Import interview transcripts (Zoom, Teams, Whisper, Otter, oTranscribe, Word)…');
    // code-server's own file dialogs: each shows the workspace's folder first; a path typed over it, then its button.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await choosePath(source, 'Import');
    await choosePath(`${into}${path.sep}`, 'Put the transcripts here');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Rina Putri' }).first().click({ timeout: 15000 });
    await page.locator('.quick-input-message', { hasText: "Dewi Fitriani" }).or(page.locator('.quick-input-widget', { hasText: 'Dewi Fitriani' })).first().waitFor();
    await input.fill('DF');
    await page.keyboard.press('Enter');
    await page.locator('.tab.active[aria-label*="zoom-dewi-2023-01-20.transcript.md"]').waitFor({ timeout: 15000 });
    // The same file from the command line, into another folder.
    const cli = mkdtempSync(path.join(tmpdir(), 'qda-e2e-import-'));
    await qda(['import', source, '--into', cli, '--interviewer', 'Rina Putri', '--speaker', 'Dewi Fitriani=DF'], { out: () => undefined, err: () => undefined });
    assert.strictEqual(file('transcripts/customers/zoom-dewi-2023-01-20.transcript.md'), readFileSync(path.join(cli, 'zoom-dewi-2023-01-20.transcript.md'), 'utf8'));
    rmSync(cli, { recursive: true, force: true });
    // Ready to code: each of DF's turns is one more untagged-quote warning, and there is no error.
    const quotes = file('transcripts/customers/zoom-dewi-2023-01-20.transcript.md').split('\n').filter((line) => line.startsWith('DF: ')).length;
    assert.strictEqual(quotes, 3);
    assert.match(await waitForText(problemsItem(), new RegExp(`^0\\D+${before + quotes}$`)), /^0\D/);
  });

  it("imports a REFI-QDA project from the command palette into a new folder: the files are those `qda import` writes", async () => {
    const qdpx = path.join(dir, 'study-export.qdpx');
    await qda(['export', sample(), '--qdpx', qdpx], { out: () => undefined, err: () => undefined });
    await runCommand('QDA: Import a REFI-QDA project (NVivo, ATLAS.ti, MAXQDA, QualCoder)…');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await choosePath(qdpx, 'Import project');
    await choosePath(`${dir}${path.sep}`, 'Make the project folder in here');
    await page.locator('.quick-input-widget', { hasText: 'The new project folder' }).waitFor();
    await input.fill('imported-study');
    // When done, the new project opens in a window of its own: a new page of code-server on the folder.
    const opened = page.context().waitForEvent('page', { timeout: 30000 });
    await page.keyboard.press('Enter');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: 'Imported study-export.qdpx:' }).first();
    await toast.waitFor({ timeout: 30000 });
    // The same file through the command line, into another folder: the same counts, and the same files, byte for byte.
    const cli = path.join(dir, 'imported-by-cli');
    const printed: string[] = [];
    await qda(['import', qdpx, '--into', cli], { out: (line) => printed.push(line), err: () => undefined });
    const counts = (text: string) => /: (\d+ codes, \d+ transcripts, \d+ informants; \d+ of \d+ selections placed as codings)\./.exec(text)?.[1];
    assert.strictEqual(counts(await toast.innerText()), counts(printed.join('\n')));
    assert.match(counts(printed.join('\n')) ?? '', /^\d+ codes, 1[56] transcripts, 15 informants; (\d+) of \1 selections placed as codings$/);
    const listing = (root: string) => readdirSync(root, { recursive: true }).map(String).filter((f) => f.endsWith('.md') || f.endsWith('.yaml')).sort();
    assert.ok(listing(cli).length >= 17);
    assert.deepStrictEqual(listing(path.join(dir, 'imported-study')), listing(cli));
    for (const f of listing(cli)) assert.strictEqual(readFileSync(path.join(dir, 'imported-study', f), 'utf8'), readFileSync(path.join(cli, f), 'utf8'), f);
    assert.strictEqual(existsSync(path.join(dir, '.imported-study.importing')), false);
    const window = await opened;
    await window.waitForLoadState();
    assert.strictEqual(new URL(window.url()).searchParams.get('folder'), path.join(dir, 'imported-study'));
    await window.close();
  });

  // ---- a team on git: a window of its own on a copy of the sample in a git repository ---------------

  // A second window, on a git repository of the sample with coders' branches (teamOnGit.ts).
  teamOnGitTests({ dir: () => dir, server: () => server!, browser: () => browser!, screenshots: () => screenshots });
});

/** The first words of a quote, as the tree shows them. */
function excerptOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 40);
}
