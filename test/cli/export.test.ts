// `qda export`: the REFI-QDA files, read back by other readers: unzip, xmllint against the
// standard's schemas, and Python's XML parser for every selection's place in its source.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runQda } from '../helpers/cli';
import { sharedFolder } from '../helpers/shared';

const repo = path.resolve(__dirname, '../../..');
const schemas = () => path.join(sharedFolder(), 'refi-qda');

/** Every selection of a project.qde, read with Python's ElementTree: its source file, code name and positions. */
function selectionsOf(qde: string): { file: string; code: string; codeName: string; start: number; end: number; note: boolean }[] {
  const script = `
import json, sys, xml.etree.ElementTree as ET
ns = {'q': 'urn:QDA-XML:project:1.0'}
root = ET.parse(sys.argv[1]).getroot()
codes = {c.get('guid'): c for c in root.iter('{urn:QDA-XML:project:1.0}Code')}
out = []
for source in root.iter('{urn:QDA-XML:project:1.0}TextSource'):
    for s in source.findall('q:PlainTextSelection', ns):
        ref = s.find('q:Coding/q:CodeRef', ns).get('targetGUID')
        out.append({'file': source.get('plainTextPath').replace('internal://', ''), 'code': s.get('name'), 'codeName': codes[ref].get('name'), 'start': int(s.get('startPosition')), 'end': int(s.get('endPosition')), 'note': s.find('q:NoteRef', ns) is not None})
print(json.dumps(out))
`;
  return JSON.parse(execFileSync('python3', ['-c', script, qde], { encoding: 'utf8' }));
}

describe('qda export (REFI-QDA)', () => {
  const cwd = process.cwd();
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-export-'))));
  beforeEach(() => process.chdir(repo));
  afterEach(() => process.chdir(cwd));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a .qdpx that is valid against the standard, with every coding on its text', async () => {
    const file = path.join(dir, 'sample.qdpx');
    assert.deepStrictEqual(await runQda('export', 'sample', '--qdpx', file), { code: 0, out: `Wrote ${file}: 19 codes, 15 transcripts, 90 codings, 15 cases.`, err: '' });
    const unpacked = path.join(dir, 'unpacked');
    execFileSync('unzip', ['-q', file, '-d', unpacked]);
    assert.deepStrictEqual(readdirSync(unpacked).sort(), ['project.qde', 'sources']);
    assert.strictEqual(readdirSync(path.join(unpacked, 'sources')).length, 15);
    execFileSync('xmllint', ['--noout', '--schema', path.join(schemas(), 'Project.xsd'), path.join(unpacked, 'project.qde')], { stdio: 'pipe' });

    const selections = selectionsOf(path.join(unpacked, 'project.qde'));
    assert.strictEqual(selections.length, 90);
    // Every simple coded span of the sample, `[text]{#code …}`, is a selection of that code on exactly that text.
    const texts = Object.fromEntries(readdirSync(path.join(unpacked, 'sources')).map((f) => [f, [...readFileSync(path.join(unpacked, 'sources', f), 'utf8')]]));
    const found = new Set(selections.map((s) => `${s.code}\u0000${texts[s.file].slice(s.start, s.end).join('')}`));
    let spans = 0;
    for (const transcript of readdirSync(path.join(repo, 'sample/transcripts'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'))) {
      for (const m of readFileSync(path.join(repo, 'sample/transcripts', transcript), 'utf8').matchAll(/\[([^[\]{}]+)\]\{([^}|]*)/g)) {
        for (const code of m[2].split(/\s+/).filter((c) => c.startsWith('#'))) {
          spans++;
          assert.ok(found.has(`${code.slice(1)}\u0000${m[1]}`), `${transcript}: ${code} on "${m[1]}"`);
        }
      }
    }
    assert.ok(spans > 60, `${spans} spans checked`);
    // A code's name is its label; memos are notes of their selections.
    assert.strictEqual(selections.find((s) => s.code === 'trust/quality-assurance')!.codeName, 'Jaminan kualitas');
    const memos = readdirSync(path.join(repo, 'sample/transcripts'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => [...readFileSync(path.join(repo, 'sample/transcripts', f), 'utf8').matchAll(/\{([^}]*)\|[^}]*\}/g)].map((m) => m[1].split(/\s+/).filter((c) => c.startsWith('#')).length));
    assert.strictEqual(selections.filter((s) => s.note).length, memos.reduce((a, b) => a + b, 0));
  });

  it('writes the same files for the same project, and a valid .qdc codebook', async () => {
    const one = path.join(dir, 'one.qdpx');
    const two = path.join(dir, 'two.qdpx');
    await runQda('export', 'sample', '--qdpx', one);
    await runQda('export', 'sample', '--qdpx', two);
    assert.ok(readFileSync(one).equals(readFileSync(two)));
    // Two exports a moment apart could share a clock second: that the bytes hold no time of writing,
    // unzip's listing shows (every entry dated 1980-01-01 00:00, the fixed date).
    const entries = execFileSync('unzip', ['-l', one], { encoding: 'utf8' }).split('\n').filter((line) => /\s(project\.qde|sources\/\S+)$/.test(line));
    assert.strictEqual(entries.length, 16);
    for (const line of entries) assert.match(line, /\s1980-01-01 00:00\s/);
    const qdc = path.join(dir, 'sample.qdc');
    assert.deepStrictEqual(await runQda('export', 'sample', '--qdc', qdc), { code: 0, out: `Wrote ${qdc}: 19 codes.`, err: '' });
    execFileSync('xmllint', ['--noout', '--schema', path.join(schemas(), 'Codebook.xsd'), qdc], { stdio: 'pipe' });
    const xml = readFileSync(qdc, 'utf8');
    assert.match(xml, /<Code guid="[0-9a-f-]{36}" name="Membangun kepercayaan" isCodable="true" color="#2E7D32">\n {6}<Description>/);
  });

  it('exits 2 with one line without a target', async () => {
    assert.deepStrictEqual(await runQda('export', 'sample'), { code: 2, out: '', err: "qda: export needs --qdpx OUT.qdpx or --qdc OUT.qdc (see 'qda export --help')" });
  });
});
