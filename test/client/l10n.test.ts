// Every user-facing string of the extension has an English and an Indonesian text.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

const repo = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(repo, file), 'utf8');

describe('translations', () => {
  it('has every %key% of package.json in package.nls.json and package.nls.id.json', () => {
    const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 20, `only ${keys.length} keys found`);
    const english = JSON.parse(read('package.nls.json'));
    const indonesian = JSON.parse(read('package.nls.id.json'));
    assert.deepStrictEqual(keys.filter((k) => !(k in english)), []);
    assert.deepStrictEqual(keys.filter((k) => !(k in indonesian)), []);
    assert.deepStrictEqual(Object.keys(indonesian).sort(), Object.keys(english).sort());
  });

  it('has an Indonesian text for every vscode.l10n.t message of the client', () => {
    const bundle = JSON.parse(read('l10n/bundle.l10n.id.json'));
    const messages = new Set<string>();
    for (const file of readdirSync(path.join(repo, 'client/src'))) {
      for (const m of read(`client/src/${file}`).matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) messages.add(m[1]);
    }
    assert.ok(messages.size > 20, `only ${messages.size} messages found`);
    assert.deepStrictEqual([...messages].filter((m) => !(m in bundle)), []);
    for (const [english, translated] of Object.entries(bundle) as [string, string][]) {
      const placeholders = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
      assert.strictEqual(placeholders(translated), placeholders(english), `placeholders of "${english}"`);
    }
  });
});
