// `qda import`: a REFI-QDA codebook as codebook.yaml. Checked against a real MAXQDA export read
// by Python's XML parser, against our own export of the sample (a round trip), and with hostile
// or broken input.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { zipSync } from 'fflate';
import { parseCodebook, type Codebook } from '../../server/src/core/model/codebook';
import { importRefiCodebook, keyOf } from '../../server/src/core/exchange/refiImport';
import { runQda } from '../helpers/cli';
import { sharedFolder } from '../helpers/shared';

const repo = path.resolve(__dirname, '../../..');

/** Each code of a codebook as "label path > label path" → its fields, the way REFI-QDA names them. */
function byLabels(codebook: Codebook): Map<string, { description?: string; include?: string; exclude?: string; example?: string; color?: string }> {
  const labelPath = (p: string): string => {
    const code = codebook.codes.get(p)!;
    const own = code.label ?? code.name;
    return code.parent ? `${labelPath(code.parent)} > ${own}` : own;
  };
  return new Map([...codebook.codes.values()].map((c) => [labelPath(c.path), { description: c.description, include: c.include, exclude: c.exclude, example: c.example, color: c.color?.toLowerCase() }]));
}

describe('qda import (REFI-QDA codebook)', () => {
  const cwd = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-import-'));
    process.chdir(repo);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads a real MAXQDA project's codebook: every code, nested, named and described as Python reads it", async () => {
    const maxqda = path.join(sharedFolder(), 'refi-qda/samples/maxqda24-codebook-and-sources.qdpx');
    assert.deepStrictEqual(await runQda('import', maxqda, '--codebook-only', '--into', dir), {
      code: 0,
      out: `Wrote ${path.join(dir, 'codebook.yaml')}: 307 codes from ${maxqda} (the codebook only).`,
      err: '',
    });
    const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
q = '{urn:QDA-XML:project:1.0}'
root = ET.fromstring(zipfile.ZipFile(sys.argv[1]).read('project.qde'))
out = {}
def walk(code, prefix):
    name = prefix + code.get('name')
    d = code.find(q + 'Description')
    out[name] = {'description': (d.text or '').strip() if d is not None else None, 'color': code.get('color').lower()}
    for child in code.findall(q + 'Code'):
        walk(child, name + ' > ')
for code in root.find(q + 'CodeBook').find(q + 'Codes').findall(q + 'Code'):
    walk(code, '')
print(json.dumps(out))
`;
    const expected: Record<string, { description: string | null; color: string }> = JSON.parse(execFileSync('python3', ['-c', script, maxqda], { encoding: 'utf8' }));
    const codebook = parseCodebook(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'));
    assert.deepStrictEqual(codebook.problems, []);
    const imported = byLabels(codebook);
    assert.strictEqual(imported.size, 307);
    assert.deepStrictEqual(
      [...imported].map(([name, c]) => [name, c.description ?? null, c.color]),
      Object.entries(expected).map(([name, c]) => [name, c.description || null, c.color]),
    );
    // No transcript yet: each theme is reported unused (a hint), and nothing else.
    const themes = Object.keys(expected).filter((name) => !name.includes(' > ')).length;
    const check = await runQda('check', dir);
    assert.deepStrictEqual([check.code, check.out.split('\n').pop()], [0, `0 errors, 0 warnings, 0 information, ${themes} hints in 0 transcripts.`]);
  });

  it('round-trips our own export of the sample: labels, definitions, rules and colours come back', async () => {
    const qdc = path.join(dir, 'sample.qdc');
    assert.strictEqual((await runQda('export', 'sample', '--qdc', qdc)).code, 0);
    const target = path.join(dir, 'again');
    mkdirSync(target);
    assert.deepStrictEqual(await runQda('import', qdc, '--into', target), { code: 0, out: `Wrote ${path.join(target, 'codebook.yaml')}: 19 codes from ${qdc}.`, err: '' });
    const original = byLabels(parseCodebook(readFileSync('sample/codebook.yaml', 'utf8')));
    const back = byLabels(parseCodebook(readFileSync(path.join(target, 'codebook.yaml'), 'utf8')));
    // Colours travel as the export writes them (#RRGGBB, compared in lower case); a code without
    // its own colour has none either way.
    assert.deepStrictEqual(back, original);
  });

  it('keeps an existing codebook.yaml unless --force, and says why in one line', async () => {
    writeFileSync(path.join(dir, 'codebook.yaml'), 'mine: {}\n');
    const qdc = path.join(dir, 'in.qdc');
    writeFileSync(qdc, '<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="a" name="Trust" isCodable="true"/></Codes></CodeBook>');
    assert.deepStrictEqual(await runQda('import', qdc, '--into', dir), { code: 2, out: '', err: `qda: cannot write ${path.join(dir, 'codebook.yaml')}: it exists (--force replaces it)` });
    assert.strictEqual(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'), 'mine: {}\n');
    assert.strictEqual((await runQda('import', '--force', qdc, '--into', dir)).code, 0);
    assert.match(readFileSync(path.join(dir, 'codebook.yaml'), 'utf8'), /\ntrust:\n {2}label: Trust\n/);
    assert.deepStrictEqual(await runQda('import'), { code: 2, out: '', err: "qda: import needs a file (see 'qda import --help')" });
    assert.deepStrictEqual(await runQda('import', path.join(dir, 'none.qdc')), { code: 2, out: '', err: `qda: cannot read ${path.join(dir, 'none.qdc')}: no such file` });
  });
});

describe('importRefiCodebook', () => {
  const codebook = (codes: string) => new TextEncoder().encode(`<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>${codes}</Codes></CodeBook>`);
  const ok = (result: ReturnType<typeof importRefiCodebook>) => {
    assert.ok('ok' in result, JSON.stringify(result));
    return result.ok;
  };

  it('refuses a DTD, so no entity of it is expanded (billion laughs, external files)', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE CodeBook [<!ENTITY x SYSTEM "file:///etc/passwd">]><CodeBook><Codes><Code name="&x;"/></Codes></CodeBook>';
    assert.deepStrictEqual(importRefiCodebook(new TextEncoder().encode(xml), 'evil.qdc'), { error: 'evil.qdc declares a DTD: refused, as REFI-QDA files have none and its entities could be unsafe' });
  });

  it("decodes XML's own entities and character references once, and nothing else", () => {
    const yaml = ok(importRefiCodebook(codebook('<Code guid="a" name="Price &amp; value &#233;&#x1F600; &amp;#65; &unknown;" isCodable="true"><Description>a &lt; b</Description></Code>'), 'x.qdc')).yaml;
    const code = parseCodebook(yaml).codes.get('price-value-é-65-unknown')!;
    assert.deepStrictEqual([code.label, code.description], ['Price & value é😀 &#65; &unknown;', 'a < b']);
  });

  it('makes keys of names, numbers twins, and notes it', () => {
    const result = ok(importRefiCodebook(codebook('<Code guid="a" name="Harga murah!"/><Code guid="b" name="harga  MURAH"/><Code guid="c" name="***"/>'), 'x.qdc'));
    assert.deepStrictEqual([...parseCodebook(result.yaml).codes.keys()], ['harga-murah', 'harga-murah-2', 'code']);
    assert.deepStrictEqual(result.notes, ['two codes named "harga  MURAH" under the top: the second is harga-murah-2']);
    assert.strictEqual(keyOf('Kepercayaan (trust)'), 'kepercayaan-trust');
  });

  it('reads the codebook of a .qdpx alone, and says what is wrong with a broken one', () => {
    const project = '<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="Trust"><Code guid="b" name="Quality"/></Code></Codes></CodeBook></Project>';
    const qdpx = zipSync({ 'project.qde': new TextEncoder().encode(project), '../../outside.txt': new TextEncoder().encode('never written') });
    assert.deepStrictEqual([...parseCodebook(ok(importRefiCodebook(qdpx, 'p.qdpx')).yaml).codes.keys()], ['trust', 'trust/quality']);
    assert.deepStrictEqual(importRefiCodebook(zipSync({ 'other.xml': new Uint8Array(1) }), 'p.qdpx'), { error: 'p.qdpx holds no project.qde: not a REFI-QDA project' });
    assert.match((importRefiCodebook(new Uint8Array([0x50, 0x4b, 1, 2]), 'p.qdpx') as { error: string }).error, /^p\.qdpx is not a readable \.qdpx \(zip\): /);
    assert.match((importRefiCodebook(new TextEncoder().encode('<CodeBook><Codes>'), 'x.qdc') as { error: string }).error, /^x\.qdc is not well-formed XML: /);
    assert.deepStrictEqual(importRefiCodebook(new TextEncoder().encode('<Other/>'), 'x.qdc'), { error: 'x.qdc is neither a REFI-QDA codebook nor a project' });
    assert.match((importRefiCodebook(zipSync({ 'project.qde': new TextEncoder().encode('PK not XML <') }), 'p.qdpx') as { error: string }).error, /^p\.qdpx is not well-formed XML: /);
  });

  it('refuses a zip bomb before unpacking it', () => {
    // 64 MB of one byte packs to about 64 KB: a ratio near 1,000, where real XML packs 10 to 30 times.
    const bomb = zipSync({ 'project.qde': new Uint8Array(64 * 1024 * 1024).fill(0x20) }, { level: 9 });
    assert.ok(bomb.length < 1024 * 1024, `${bomb.length} bytes`);
    assert.deepStrictEqual(importRefiCodebook(bomb, 'bomb.qdpx'), { error: 'bomb.qdpx: project.qde unpacks to more than 200 times its size (a zip bomb?); refused' });
  });
});
