// Starting a real VS Code (code-server) with the extension installed: used by `npm start` and by
// the end-to-end tests. code-server itself is installed once, into a cache outside the clone, by
// scripts/install-code-server.sh.
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const repo = path.resolve(__dirname, '..');

/** Installs code-server if needed; returns the path of its entry script. */
function installCodeServer() {
  const out = execFileSync('bash', [path.join(__dirname, 'install-code-server.sh')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const entry = out.trim().split('\n').pop();
  if (!entry || !fs.existsSync(entry)) throw new Error(`code-server was not installed (install-code-server.sh printed ${JSON.stringify(out)})`);
  return entry;
}

/** A profile (user data and extensions folders) with the given settings and the .vsix installed. */
function prepareProfile(entry, dir, vsix, settings = {}) {
  const extensionsDir = path.join(dir, 'extensions');
  const userDataDir = path.join(dir, 'user-data');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const all = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    ...settings,
  };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(all, null, 2));
  const output = execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!/successfully installed/.test(output)) throw new Error(`installing ${vsix} into code-server failed:\n${output}`);
  return { extensionsDir, userDataDir };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(url) {
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
 * Starts `node <args>` and waits until `readyUrl` answers 200 (or the process exits, or the time
 * runs out: then it fails with what the process printed). Returns the child, its output so far,
 * and stop(), which ends it (SIGTERM, then SIGKILL after 5 s).
 */
async function startServerProcess(name, args, readyUrl, { log = () => {}, timeoutMs = 90000 } = {}) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (data) => {
    output += data;
    log(String(data));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it answered:\n${output}`);
    if ((await get(readyUrl)) === 200) break;
    if (Date.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer on ${readyUrl} within ${timeoutMs / 1000} s:\n${output}`);
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
  return { child, stop, output: () => output };
}

/**
 * Starts code-server on 127.0.0.1 and waits until it answers. Returns the URL that opens `folder`,
 * the child process, and stop().
 */
async function startCodeServer({ entry, extensionsDir, userDataDir, folder, port, log = () => {}, timeoutMs = 90000 }) {
  port = port || (await freePort());
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--extensions-dir', extensionsDir,
    '--user-data-dir', userDataDir,
    folder,
  ];
  const base = `http://127.0.0.1:${port}`;
  const { child, stop, output } = await startServerProcess('code-server', args, `${base}/healthz`, { log, timeoutMs });
  return { url: `${base}/?folder=${encodeURIComponent(folder)}`, base, port, child, stop, output };
}

/** Builds the .vsix (esbuild bundles, vsce) and returns its path. */
function packageExtension() {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  const vsix = path.join(repo, 'qda-workbench.vsix');
  if (!fs.existsSync(vsix)) throw new Error('npm run package did not produce qda-workbench.vsix');
  return vsix;
}

module.exports = { installCodeServer, prepareProfile, startCodeServer, startServerProcess, packageExtension, freePort, repo };
