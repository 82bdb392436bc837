// The browser bundles (dist/web) may not import a Node built-in: the build's guard refuses one,
// naming the file that imports it, and the bundles that were built contain no `require` of one.
import * as assert from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { builtinModules } from 'module';
import { tmpdir } from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';

const repo = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const noNodeBuiltins = require(path.join(repo, 'scripts', 'noNodeBuiltins.js')) as esbuild.Plugin;

describe('the browser bundles', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-web-build-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = (source: string) => {
    const entry = path.join(dir, 'entry.ts');
    writeFileSync(entry, source);
    return esbuild.build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', conditions: ['browser'], logLevel: 'silent', plugins: [noNodeBuiltins] });
  };

  it('fail to build when something imports a Node built-in, and say what and from where', async () => {
    for (const name of ['fs', 'node:path', 'worker_threads']) {
      await assert.rejects(bundle(`import * as m from '${name}';\nconsole.log(m);\n`), (error: Error) => {
        assert.match(error.message, new RegExp(`imports the Node built-in "${name}" \\(from .*entry\\.ts\\)`));
        return true;
      });
    }
  });

  it('build the worker server and the core it uses', async () => {
    const result = await bundle(`import '${path.join(repo, 'server/src/serverWorker.ts').split(path.sep).join('/')}';\n`);
    assert.strictEqual(result.errors.length, 0);
  });

  it('as built, require nothing but vscode', () => {
    for (const file of ['dist/web/server.js', 'dist/web/extension.js']) {
      const text = readFileSync(path.join(repo, file), 'utf8');
      const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
      assert.deepStrictEqual([...new Set(required)].filter((name) => name !== 'vscode'), [], file);
      assert.ok(!builtinModules.some((name) => text.includes(`require("node:${name}")`)), file);
    }
  });
});
