// Bundles the command line, the language server and the VS Code client with esbuild.
// Type checking is tsc's job (`npm run typecheck`, and the test build); esbuild only bundles.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'fs';
import noNodeBuiltins from './noNodeBuiltins.js';
import { renderIcon } from './renderIcon.mjs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { QDA_VERSION: JSON.stringify(version) },
};

await esbuild.build({ ...common, entryPoints: { qda: 'server/src/cli/qda.ts', server: 'server/src/server.ts', readerWorker: 'server/src/node/readerWorker.ts', 'qda-agree': 'server/src/cli/agree.ts' } });
// The merge driver git starts once for each file it merges (a thousand in a large merge): minified
// always, since reading half the source is part of every start.
await esbuild.build({ ...common, minify: true, entryPoints: { 'qda-merge': 'server/src/cli/mergeFileProgram.ts' } });

if (existsSync('client/src/extension.ts')) {
  // `vscode` is provided by the editor at run time.
  await esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts' }, external: ['vscode'] });
}

// VS Code for the Web: the client and the language server bundled for the browser (`browser` in
// package.json; the server runs in a Worker). The `browser` export conditions pick
// vscode-languageclient/browser and vscode-languageserver/browser. Neither bundle may import a
// Node built-in: one would fail at run time in the browser, so it fails the build here.
const web = { ...common, platform: 'browser', target: 'es2022', outdir: 'dist/web', conditions: ['browser'], plugins: [noNodeBuiltins] };
await esbuild.build({ ...web, format: 'iife', entryPoints: { server: 'server/src/serverWorker.ts' } });
if (existsSync('client/src/extensionWeb.ts')) {
  await esbuild.build({ ...web, format: 'cjs', entryPoints: { extension: 'client/src/extensionWeb.ts' }, external: ['vscode'] });
}

// The pages of the Analysis view and of the recording player run in webviews: bundled for the browser, one file each, no module loader.
await esbuild.build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: { analysisView: 'client/webview/analysis.ts', recordingPlayerView: 'client/webview/recordingPlayer.ts' } });

// The extension's icon (package.json's `icon`), drawn as an SVG in the repository.
renderIcon();
