// `npm run bench:web [-- --size S|M|L]`: the browser build in VS Code for the Web (served offline by
// @vscode/test-web, the language server in a Worker, the files read through the client) on a
// generated corpus, in headless Chromium. Measures, in one run:
//  - how long after the page starts loading the problems count in the status bar is complete
//    (equal to the core's count on the same files): what a researcher waits for;
//  - completion after `{#` as the researcher sees it: from the key press (Ctrl+Space) to the
//    suggestion list on screen, both stamped by the page's own clock, so Playwright's round trips
//    are not counted.
// Writes bench/results/web-<size>.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { diagnoseWorkspace } from '../server/src/core/diagnostics';
import { QdaWorkspace } from '../server/src/core/workspace';
import { NodeFileSystem } from '../server/src/node/nodeFileSystem';
import { Workbench } from '../test/helpers/workbench';
import { generateProject, sizes, type Size } from './generate';

interface VscodeWebModule {
  installVscodeWeb(): { dataDir: string; launcher: string };
  startVscodeWeb(options: Record<string, unknown>): Promise<{ url: string; stop(): Promise<void> }>;
}

const repo = path.resolve(__dirname, '../..');
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];
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
    const started = Date.now();
    await page.goto(server.url);
    const expected = new RegExp(`^${errors}\\D+${warnings}(\\D+\\d+)?$`);
    await workbench.waitForText(workbench.problemsItem(), expected, 120000);
    const problemsCompleteMs = Date.now() - started;
    log(`problems count complete ${problemsCompleteMs} ms after the page started loading`);

    // Completion: a transcript open, the cursor after `{#` at the end of its first quote's line.
    const name = 'w0100.transcript.md';
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
    for (let i = 0; i < samples; i++) {
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget.visible .monaco-list-row').first().waitFor();
      await page.keyboard.press('Escape');
      await page.waitForTimeout(100);
    }
    const completionMs = (await page.evaluate('window.qdaShownAt')) as number[];
    await page.screenshot({ path: path.join(repo, 'bench', 'results', `web-${size}.png`) });
    const result = {
      size,
      transcripts: project.documents,
      megabytes: round(project.bytes / 1e6),
      problemsCompleteMs,
      completionMedianMs: round(percentile(completionMs, 50)),
      completionP95Ms: round(percentile(completionMs, 95)),
      completionSamples: completionMs.length,
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
