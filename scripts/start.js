// `npm start`: builds the extension and opens the sample study in a real VS Code. With a `code`
// command on the PATH, an Extension Development Host; otherwise code-server (installed once into
// a cache folder), bound to 127.0.0.1, with the extension installed. It prints the URL and runs
// until Ctrl+C.
'use strict';
const { spawn, spawnSync } = require('child_process');
const os = require('os');
const path = require('path');
const { installCodeServer, packageExtension, prepareProfile, startCodeServer, repo } = require('./codeServer');

async function main() {
  const sample = path.join(repo, 'sample');
  const code = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).stdout.trim();
  if (code && !process.env.QDA_USE_CODE_SERVER) {
    spawnSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
    console.log(`Starting VS Code with the extension from ${repo} on ${sample}`);
    spawn(code, ['--extensionDevelopmentPath', repo, sample], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  console.log('Packaging the extension…');
  const vsix = packageExtension();
  console.log('Preparing code-server (installed once into the cache)…');
  const entry = installCodeServer();
  const cache = process.env.QDA_CACHE || path.join(os.homedir(), '.cache', 'qda-workbench');
  const profile = prepareProfile(entry, path.join(cache, 'start-profile'), vsix);
  const port = Number(process.env.PORT) || 8080;
  let server;
  try {
    server = await startCodeServer({ entry, ...profile, folder: sample, port });
  } catch (error) {
    if (!process.env.PORT) server = await startCodeServer({ entry, ...profile, folder: sample }); // 8080 taken: any free port
    else throw error;
  }
  console.log('');
  console.log(`The sample study is open at ${server.url}`);
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (status) => {
    console.error(`code-server stopped (${status}).`);
    process.exit(1);
  });
}

main().catch((error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
