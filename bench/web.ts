// `npm run bench:web [-- --size S|M|L]`: the browser build in VS Code for the Web (served offline by
// @vscode/test-web, the language server in a Worker, the files read through the client) on a
// generated corpus, in headless Chromium. Measures, in one run:
//  - how long after the page starts loading the problems count in the status bar is complete
//    (equal to the core's count on the same files): what a researcher waits for;
//  - completion after `{#` as the researcher sees it: from the key press (Ctrl+Space) to the
//    suggestion list on screen, both stamped by the page's own clock, so Playwright's round trips
//    are not counted; the same in plain text, where the server answers nothing and VS Code lists
//    the file's words (the editor's own share); and the worker bundle alone answering completion
//    on the same files (the server's share).
// Writes bench/results/web-<size>.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { diagnoseWorkspace } from '../server/src/core/project/diagnostics';
import { QdaWorkspace } from '../server/src/core/project/workspace';
import { NodeFileSystem } from '../server/src/node/nodeFileSystem';
import * as protocol from '../server/src/protocol';
import { Workbench } from '../test/helpers/workbench';
import { projectFilesAt } from '../test/helpers/projectFiles';
import { startWorkerBundle } from '../test/helpers/workerHarness';
import { generateProject, sizes, type Size } from './generate';

interface VscodeWebModule {
  installVscodeWeb(): { dataDir: string; launcher: string };
  startVscodeWeb(options: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }>;
}

const repo = path.resolve(__dirname, '../..');
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
/** Where the harness mounts the folder. */
const folder = 'vscode-test-web://mount';
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function runWebBenchmark(size: Size, samples = 30, log: (line: string) => void = console.error) {
  const dir = mkdtempSync(path.join(tmpdir(), `qda-bench-web-${size}-`));
  const web = require(path.join(repo, 'scripts', 'vscodeWeb.js')) as VscodeWebModule;
  const { chromium } = await import('playwright-core');
  let stop = async () => {};
  try {
    log(`generating ${size}: ${sizes[size].transcripts} transcripts…`);
    const project = generateProject(dir, size);
    // The count the status bar must reach, from the core on the same files.
    const core = new QdaWorkspace(new NodeFileSystem());
    await core.addFolder(URI.file(dir).toString());
    const severities = diagnoseWorkspace(core).flatMap((f) => f.diagnostics.map((d) => d.severity));
    const count = (s: string) => severities.filter((x) => x === s).length;
    const [errors, warnings] = [count('error'), count('warning')];
    log(`${project.documents} transcripts, ${(project.bytes / 1e6).toFixed(1)} MB; the problems count should reach ${errors} errors, ${warnings} warnings`);

    const { dataDir, launcher } = web.installVscodeWeb();
    const server = await web.startVscodeWeb({ launcher, dataDir, folder: dir });
    const browser = await chromium.launch({ executablePath: process.env.QDA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    stop = async () => {
      await browser.close();
      await server.stop();
    };
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const workbench = new Workbench(page, (name) => `**/${name}`);
    page.on('console', (message) => {
      if (message.type() === 'error' || /\[qda\]|QDA/.test(message.text())) log(`[page] ${message.text().slice(0, 300)}`);
    });
    const started = Date.now();
    await page.goto(server.url);
    // The status bar abbreviates counts (1K); its accessible label has them whole.
    const problemsLabel = () => page.locator('.statusbar-item[id="status.problems"] a').first().getAttribute('aria-label').catch(() => null);
    const complete = (label: string | null) => !!label && label.includes(`Errors: ${errors}`) && label.includes(`Warnings: ${warnings}`);
    let label: string | null = null;
    let lastLog = 0;
    while (!complete((label = await problemsLabel()))) {
      if (Date.now() - started > 300000) throw new Error(`the problems count did not reach ${errors} errors and ${warnings} warnings: ${label}`);
      if (Date.now() - lastLog > 5000) log(`  ${(lastLog = Date.now()) - started} ms: ${label}`);
      await page.waitForTimeout(50);
    }
    const problemsCompleteMs = Date.now() - started;
    log(`problems count complete ${problemsCompleteMs} ms after the page started loading`);

    // Completion: a transcript open, the cursor after `{#` at the end of its first quote's line.
    const name = 'w0010.transcript.md';
    const text = readFileSync(path.join(dir, 'transcripts', '0', name), 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l, i) => i > 10 && /^[A-Z]+\d*: /.test(l)) + 1;
    await workbench.quickOpen(name);
    await workbench.goTo(line, lines[line - 1].length + 1);
    await page.keyboard.type(' {#');
    await page.waitForTimeout(1000);
    await page.keyboard.press('Escape');
    // In the page (a string: this project's TypeScript has no DOM library): the time from each key
    // press to the suggestion list's rows on screen.
    await page.evaluate(`
      window.qdaShownAt = [];
      window.qdaKeyAt = 0;
      document.addEventListener('keydown', () => (window.qdaKeyAt = performance.now()), true);
      new MutationObserver(() => {
        if (window.qdaKeyAt > 0 && document.querySelector('.suggest-widget.visible .monaco-list-row')) {
          window.qdaShownAt.push(performance.now() - window.qdaKeyAt);
          window.qdaKeyAt = 0;
        }
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    `);
    const measureSuggestions = async (): Promise<number[]> => {
      await page.evaluate('window.qdaShownAt = []');
      for (let i = 0; i < samples; i++) {
        await page.keyboard.press('Control+Space');
        await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
        await page.keyboard.press('Escape');
        await page.waitForTimeout(100);
      }
      return (await page.evaluate('window.qdaShownAt')) as number[];
    };
    const completionMs = await measureSuggestions();
    mkdirSync(path.join(repo, 'artifacts'), { recursive: true });
    await page.screenshot({ path: path.join(repo, 'artifacts', `bench-web-${size}.png`) });
    // The same in plain text of that transcript (the line before), where the server offers nothing
    // and VS Code lists the file's words: the editor's own share of the time above.
    await workbench.goTo(line - 1, 1);
    await page.keyboard.press('End');
    const baselineMs = await measureSuggestions();

    // The worker bundle alone, on the same files, in this process's V8 without Node's globals
    // (test/helpers/workerHarness.ts): the server's share, each request timed from send to answer.
    const files = projectFilesAt(dir, folder);
    const indexStarted = performance.now();
    const worker = await startWorkerBundle(files, [folder]);
    await worker.connection.sendRequest(protocol.statsRequest);
    const workerIndexMs = performance.now() - indexStarted;
    const uri = `${folder}/transcripts/0/${name}`;
    const typed = lines.map((l, i) => (i === line - 1 ? `${l} {#` : l)).join('\n');
    await worker.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'qda-transcript', version: 1, text: typed } });
    const workerCompletionMs: number[] = [];
    for (let i = 0; i < samples + 5; i++) {
      const t = performance.now();
      const answer = (await worker.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: line - 1, character: lines[line - 1].length + 3 } })) as { items: unknown[] } | unknown[] | null;
      if (i >= 5) workerCompletionMs.push(performance.now() - t); // the first few warm the code up, as typing does
      if (!answer || (Array.isArray(answer) ? answer : answer.items).length === 0) throw new Error('the worker offered no completion after {#');
    }
    worker.connection.dispose();
    const result = {
      size,
      transcripts: project.documents,
      megabytes: round(project.bytes / 1e6),
      problemsCompleteMs,
      completionMedianMs: round(percentile(completionMs, 50)),
      completionP95Ms: round(percentile(completionMs, 95)),
      completionSamples: completionMs.length,
      editorOnlyMedianMs: round(percentile(baselineMs, 50)),
      editorOnlyP95Ms: round(percentile(baselineMs, 95)),
      workerIndexMs: round(workerIndexMs),
      workerCompletionMedianMs: round(percentile(workerCompletionMs, 50)),
      workerCompletionP95Ms: round(percentile(workerCompletionMs, 95)),
    };
    return result;
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const size = (args.includes('--size') ? args[args.indexOf('--size') + 1] : 'M') as Size;
  if (!(size in sizes)) throw new Error(`unknown size '${size}': S, M or L`);
  runWebBenchmark(size).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      mkdirSync(path.join(repo, 'bench', 'results'), { recursive: true });
      writeFileSync(path.join(repo, 'bench', 'results', `web-${size}.json`), `${JSON.stringify(result, null, 2)}\n`);
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
