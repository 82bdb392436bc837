// The .vsix as `npm run package` builds it: exactly the files the extension needs at run time
// (no sources, maps, tests or samples), an icon the Marketplace accepts, and a package that a real
// VS Code (code-server, installed as the end-to-end tests install it) installs and lists.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { unzipSync } from 'fflate';

interface CodeServerModule {
  installCodeServer(): string;
  packageExtension(): string;
}

const repo = path.resolve(__dirname, '../../..');

// Written out by hand, so that a file added to or dropped from the package fails here. What the
// extension opens at run time: dist/extension.js (main), dist/server.js and the reader thread it
// starts (dist/readerWorker.js), dist/web/* (browser), dist/analysisView.js and dist/recordingPlayerView.js (the
// webviews' pages), dist/qda-merge.js (the merge driver git runs, once "Set up git merging" has named it),
// the walkthrough's Markdown and the views' icon (package.json's contributions).
const expectedEntries = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/readme.md',
  'extension/package.json',
  'extension/package.nls.json',
  'extension/package.nls.id.json',
  'extension/l10n/bundle.l10n.id.json',
  'extension/language-configuration.json',
  'extension/syntaxes/qda-transcript.tmLanguage.json',
  'extension/dist/extension.js',
  'extension/dist/server.js',
  'extension/dist/readerWorker.js',
  'extension/dist/qda-merge.js',
  'extension/dist/analysisView.js',
  'extension/dist/recordingPlayerView.js',
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
  'extension/dist/icon.png',
  'extension/client/media/qda.svg',
  'extension/client/media/walkthrough/project.md',
  'extension/client/media/walkthrough/code.md',
  'extension/client/media/walkthrough/check.md',
];

describe('the packaged extension (.vsix)', function () {
  let vsix: string;
  let entries: Record<string, Uint8Array>;
  let dir: string;
  const codeServer = () => require(path.join(repo, 'scripts', 'codeServer.js')) as CodeServerModule;

  before(function () {
    this.timeout(120000); // a production build of every bundle, then vsce
    vsix = codeServer().packageExtension();
    entries = unzipSync(readFileSync(vsix));
    dir = mkdtempSync(path.join(tmpdir(), 'qda-vsix-'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('holds exactly the files the extension needs', () => {
    assert.deepStrictEqual(Object.keys(entries).sort(), [...expectedEntries].sort());
  });

  it('has the icon its manifest names: a 256×256 PNG', () => {
    const manifest = JSON.parse(new TextDecoder().decode(entries['extension/package.json'])) as { icon: string };
    assert.strictEqual(manifest.icon, 'dist/icon.png');
    const png = entries['extension/dist/icon.png'];
    // The PNG signature, then the IHDR chunk: width and height as big-endian 32-bit numbers.
    assert.deepStrictEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.strictEqual(new TextDecoder().decode(png.subarray(12, 16)), 'IHDR');
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    assert.deepStrictEqual([view.getUint32(16), view.getUint32(20)], [256, 256]);
    assert.match(new TextDecoder().decode(entries['extension.vsixmanifest']), /<Icon>extension\/dist\/icon\.png<\/Icon>/);
  });

  it('installs into code-server, which then lists it with its version', function () {
    this.timeout(900000); // the first run on a machine installs code-server into its cache
    const entry = codeServer().installCodeServer();
    const profile = ['--extensions-dir', path.join(dir, 'extensions'), '--user-data-dir', path.join(dir, 'user-data')];
    const run = (...args: string[]) => execFileSync(process.execPath, [entry, ...profile, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    assert.match(run('--install-extension', vsix), /successfully installed/);
    const listed = run('--list-extensions', '--show-versions').split('\n').filter((line) => line.trim() !== '');
    assert.deepStrictEqual(listed, ['qda-workbench.qda-workbench@0.1.0']);
  });
});
