// `qda import FILE.qdpx --into NEW_FOLDER`: a whole REFI-QDA project as a project folder. Checked
// by a round trip read by Python's XML parser (export, import, export: the same texts, codings and
// memos), on the real MAXQDA export, on placements the parser must read back, and on hostile files.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { zipSync } from 'fflate';
import { importRefiCodebook } from '../../server/src/core/exchange/refiImport';
import { importRefiProject } from '../../server/src/core/exchange/refiProjectImport';
import { parseCodebook } from '../../server/src/core/model/codebook';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { runQda } from '../helpers/cli';
import { sharedFolder } from '../helpers/shared';

const repo = path.resolve(__dirname, '../../..');
const encode = (text: string) => new TextEncoder().encode(text);

/** What a .qdpx holds, read by Python: per source name, its text, its (code name, selected text) pairs and its memos. */
const readWithPython = `
import json, sys, zipfile, xml.etree.ElementTree as ET
q = '{urn:QDA-XML:project:1.0}'
z = zipfile.ZipFile(sys.argv[1])
root = ET.fromstring(z.read('project.qde'))
codes = {}
def walk(code):
    codes[code.get('guid')] = code.get('name')
    for child in code.findall(q + 'Code'): walk(child)
for code in root.iter(q + 'Code'): walk(code)
notes = {n.get('guid'): n.find(q + 'PlainTextContent').text for n in root.iter(q + 'Note')}
out = {}
for source in root.iter(q + 'TextSource'):
    text = z.read('sources/' + source.get('plainTextPath')[len('internal://'):]).decode('utf-8')
    codings = []
    for sel in source.findall(q + 'PlainTextSelection'):
        chosen = text[int(sel.get('startPosition')):int(sel.get('endPosition'))]
        for coding in sel.findall(q + 'Coding'):
            codings.append([codes[coding.find(q + 'CodeRef').get('targetGUID')], chosen])
        for ref in sel.findall(q + 'NoteRef'):
            codings.append(['memo', notes[ref.get('targetGUID')]])
    out[source.get('name')] = {'text': text, 'codings': sorted(codings)}
print(json.dumps(out, sort_keys=True))
`;
const readQdpx = (file: string) => JSON.parse(execFileSync('python3', ['-c', readWithPython, file], { encoding: 'utf8', maxBuffer: 1 << 28 }));

/** A zip's bytes with every occurrence of one name replaced by another of the same length (in its local headers and its central directory). */
function renamed(zip: Uint8Array, from: string, to: string): Uint8Array {
  const bytes = Buffer.from(zip);
  for (let at = bytes.indexOf(from); at >= 0; at = bytes.indexOf(from, at + 1)) bytes.write(to, at, 'latin1');
  return new Uint8Array(bytes);
}

/**
 * A zip whose central directory says each entry (or only the one named) unpacks to `size` bytes,
 * a lie: it holds a few. A stored entry is said to be stored in as many.
 */
function withDeclaredSizes(zip: Uint8Array, size: number, only?: string): Uint8Array {
  const bytes = Buffer.from(zip);
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = bytes.readUInt32LE(end + 16);
  for (let n = bytes.readUInt16LE(end + 10); n > 0; n--) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (only === undefined || bytes.toString('latin1', at + 46, at + 46 + nameLength) === only) {
      if (bytes.readUInt16LE(at + 10) === 0) bytes.writeUInt32LE(size, at + 20);
      bytes.writeUInt32LE(size, at + 24);
    }
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return new Uint8Array(bytes);
}

describe('qda import of a REFI-QDA project (.qdpx)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'qda-refi-project-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips the sample: export, import into a new folder, export again give the same texts, codings and memos, both valid', async () => {
    const first = path.join(dir, 'first.qdpx');
    const second = path.join(dir, 'second.qdpx');
    const into = path.join(dir, 'imported');
    assert.strictEqual((await runQda('export', path.join(repo, 'sample'), '--qdpx', first)).code, 0);
    const imported = await runQda('import', first, '--into', into);
    assert.deepStrictEqual(imported, { code: 0, out: `Imported ${first} into ${into}: 19 codes, 15 transcripts, 15 informants; 90 of 90 selections placed as codings.`, err: '' });
    assert.strictEqual((await runQda('export', into, '--qdpx', second)).code, 0);
    const [before, after] = [readQdpx(first), readQdpx(second)];
    assert.strictEqual(Object.keys(before).length, 15);
    assert.deepStrictEqual(after, before);
    // Not vacuous: the sample's memos and nested spans are in it.
    const all = Object.values(before as Record<string, { codings: string[][] }>).flatMap((s) => s.codings);
    assert.ok(all.filter(([kind]) => kind === 'memo').length >= 6 && all.length > 90);
    for (const file of [first, second]) {
      const unpacked = mkdtempSync(path.join(dir, 'x-'));
      execFileSync('unzip', ['-q', file, '-d', unpacked]);
      execFileSync('xmllint', ['--noout', '--schema', path.join(sharedFolder(), 'refi-qda', 'Project.xsd'), path.join(unpacked, 'project.qde')], { stdio: 'pipe' });
    }
    assert.match((await runQda('check', into)).out, /^0 errors, /m);
  });

  it('keeps the front matter and the memo files through export and import: qda stats counts the same quotes (60), per informant too, before and after', async () => {
    const file = path.join(dir, 's.qdpx');
    const into = path.join(dir, 's2');
    assert.strictEqual((await runQda('export', path.join(repo, 'sample'), '--qdpx', file)).code, 0);
    assert.strictEqual((await runQda('import', file, '--into', into)).code, 0);
    const stats = async (folder: string) => JSON.parse((await runQda('stats', folder, '--json')).out);
    const [before, after] = [await stats(path.join(repo, 'sample')), await stats(into)];
    assert.deepStrictEqual([before.quotes, after.quotes], [60, 60]);
    const perInformant = (s: { informants: Record<string, { quotes: number; codings: number }> }) => Object.entries(s.informants).map(([id, i]) => `${id} ${i.quotes} ${i.codings}`).sort();
    assert.deepStrictEqual(perInformant(after), perInformant(before));
    assert.deepStrictEqual([after.documents, after.codings, after.codedQuotes], [before.documents, before.codings, before.codedQuotes]);
    // The memo files come back (exported as notes on the project, named by their paths), each code
    // they name named by its new key: the same code, as its label says.
    assert.deepStrictEqual(readdirSync(path.join(into, 'memos')), readdirSync(path.join(repo, 'sample/memos')));
    const codebooks = [path.join(repo, 'sample'), into].map((folder) => parseCodebook(readFileSync(path.join(folder, 'codebook.yaml'), 'utf8')));
    const reference = /#([\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)+)/gu;
    for (const memo of readdirSync(path.join(repo, 'sample/memos'))) {
      const [original, imported] = [path.join(repo, 'sample/memos', memo), path.join(into, 'memos', memo)].map((file) => readFileSync(file, 'utf8'));
      assert.strictEqual(imported.replace(reference, '#'), original.replace(reference, '#'));
      const labels = (text: string, k: number) => [...text.matchAll(reference)].map((m) => codebooks[k].codes.get(m[1])?.label);
      assert.deepStrictEqual(labels(imported, 1), labels(original, 0));
      assert.ok(labels(original, 0).length >= 3 && labels(original, 0).every(Boolean));
    }
    assert.match((await runQda('check', into)).out, /^0 errors, /m);
    // And each transcript's front matter, key by key, as the sample has it.
    for (const transcript of ['transcripts/customers/a2.transcript.md', 'transcripts/owners/a-baju-padang-murah.transcript.md']) {
      const frontMatter = (folder: string) => readFileSync(path.join(folder, transcript), 'utf8').split(/^---$/m)[1];
      assert.strictEqual(frontMatter(into), frontMatter(path.join(repo, 'sample')));
    }
  });

  it('imports the real hand-authored project of qdpx-toolkit: both crossing selections placed, its project note a memo file, and what has no place here reported', async () => {
    const fixture = path.join(repo, 'test/fixtures/real/refi/qdpx-toolkit-hand-authored');
    const text = readFileSync(path.join(fixture, 'sources/11111111-1111-1111-1111-111111111111.txt'));
    const file = path.join(dir, 'toolkit.qdpx');
    writeFileSync(file, zipSync({ 'project.qde': readFileSync(path.join(fixture, 'project.qde')), 'sources/11111111-1111-1111-1111-111111111111.txt': text }));
    const into = path.join(dir, 'toolkit');
    assert.deepStrictEqual(await runQda('import', file, '--into', into), {
      code: 0,
      out: `Imported ${file} into ${into}: 4 codes, 1 transcripts, 1 informants; 2 of 2 selections placed as codings.`,
      err: 'qda: note: left out, as this tool has no place for them: 1 code given to a case, 1 selection given to a case, 1 set, 1 picture source, 5 selections of them, 1 PDF source, 1 audio source, 1 video source, 1 link, 1 graph',
    });
    const files = (folder: string): string[] => readdirSync(folder, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(folder, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
    assert.deepStrictEqual(files(into).sort(), ['codebook.yaml', 'informants.yaml', 'memos/Research memo.md', 'transcripts/Interview 1.transcript.md']);
    assert.strictEqual(readFileSync(path.join(into, 'memos/Research memo.md'), 'utf8'), '# Research memo\n\nRemember to follow up on diet-related comments.\n');
    assert.strictEqual(readFileSync(path.join(into, 'informants.yaml'), 'utf8').split('\n\n')[1], 'Participant-1:\n  Age: "34"\n  Consented: "true"\n  description: A pseudonymised interview participant.\n');
    // The two selections cross (0–15 and 9–23): the second is a labelled span. Each codes exactly
    // its text, as Python reads it (the second is named "health are closely", but 9–23 ends at "clo").
    const transcript = readFileSync(path.join(into, 'transcripts/Interview 1.transcript.md'), 'utf8');
    assert.strictEqual(transcript, '---\ninformant: Participant-1\nsource: documentation\n---\n[Diet and [1>health]{#topics/health} are clo<1]{#topics/health/diet}sely linked in this interview.');
    const parsed = parseTranscript(transcript);
    assert.strictEqual(parsed.plainText, text.toString('utf8'));
    const python = JSON.parse(execFileSync('python3', ['-c', 'import sys, json; t = open(sys.argv[1], encoding="utf-8").read(); print(json.dumps([t[0:15], t[9:23]]))', path.join(fixture, 'sources/11111111-1111-1111-1111-111111111111.txt')], { encoding: 'utf8' }));
    assert.deepStrictEqual([0, 1].map((c) => [parsed.codeOfCoding(c), parsed.plainText.slice(parsed.plainStartOf(c), parsed.plainEndOf(c))]), [['topics/health', python[0]], ['topics/health/diet', python[1]]]);
    assert.match((await runQda('check', into)).out, /^0 errors, /m);
  });

  it("imports the real MAXQDA export: its 307 codes and ten transcripts, each the source's text exactly, its two sets of documents reported", async () => {
    const maxqda = path.join(sharedFolder(), 'refi-qda/samples/maxqda24-codebook-and-sources.qdpx');
    const into = path.join(dir, 'maxqda');
    // Its sets (ICLS 2024, ICLS 2025) group documents: this tool has no place for them. Papers
    // with an `Abstract:` each are no interviews: no interviewer is offered.
    assert.deepStrictEqual(await runQda('import', maxqda, '--into', into), {
      code: 0,
      out: `Imported ${maxqda} into ${into}: 307 codes, 10 transcripts, 0 informants; 0 of 0 selections placed as codings.`,
      err: 'qda: note: left out, as this tool has no place for them: 2 sets',
    });
    // The codebook is the one the codebook import writes, which test/cli/import.test.ts holds to
    // Python's reading of every code's name, description and colour.
    const codebookOnly = importRefiCodebook(readFileSync(maxqda), path.basename(maxqda));
    assert.strictEqual(readFileSync(path.join(into, 'codebook.yaml'), 'utf8'), 'ok' in codebookOnly ? codebookOnly.ok.yaml : codebookOnly.error);
    const expected = readQdpx(maxqda) as Record<string, { text: string }>;
    const transcripts = readdirSync(path.join(into, 'transcripts')).sort();
    assert.deepStrictEqual(transcripts, Object.keys(expected).map((name) => `${name}.transcript.md`).sort());
    for (const [name, source] of Object.entries(expected)) {
      assert.strictEqual(parseTranscript(readFileSync(path.join(into, 'transcripts', `${name}.transcript.md`), 'utf8')).plainText, source.text.replace(/^\uFEFF/, ''));
    }
  });

  it('places nested and crossing selections, several codes on one text, emoji and CRLF; reports out-of-range ones and those over two paragraphs one by one; reads NVivo UTF-16 positions', () => {
    const text = 'Aku 😀 suka harga [murah]\r\ndan {promo} cepat.\r\n\r\nIni paragraf dua.';
    const cp = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const sel = (start: number, end: number, codes: string[], note?: string) =>
      `<PlainTextSelection guid="s${start}-${end}-${codes.join()}" startPosition="${start}" endPosition="${end}">${codes.map((c) => `<Coding guid="c${start}${c}"><CodeRef targetGUID="${c}"/></Coding>`).join('')}${note ? `<NoteRef targetGUID="${note}"/>` : ''}</PlainTextSelection>`;
    const qde = (origin: string, selections: string) =>
      `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}"><CodeBook><Codes><Code guid="a" name="Harga"/><Code guid="b" name="Suka sekali"/></Codes></CodeBook><Sources><TextSource guid="src" name="wawancara 1.txt" plainTextPath="internal://src.txt">${selections}</TextSource></Sources><Notes><Note guid="n1"><PlainTextContent>catatan {penting}</PlainTextContent></Note></Notes></Project>`;
    const harga = cp('harga');
    const suka = cp('suka');
    const end = cp(' cepat');
    const selections = [
      sel(suka, end, ['b']), // outer
      sel(harga, cp('\r\ndan'), ['a', 'b'], 'n1'), // inner, two codes, a memo
      sel(cp('murah'), cp('dan') + 3, ['a']), // crosses the inner one: a labelled span
      sel(cp('cepat'), cp('Ini') + 3, ['a']), // across the blank line: cannot be a span
      sel(0, 999, ['a']), // out of range
    ].join('');
    const result = importRefiProject(zipSync({ 'project.qde': encode(qde('QualCoder 3.5', selections)), 'Sources/src.txt': encode(`\uFEFF${text}`) }), 'p.qdpx');
    if ('error' in result) assert.fail(result.error);
    const transcript = result.ok.files.find((f) => f.path === 'transcripts/wawancara 1.transcript.md')!;
    const parsed = parseTranscript(transcript.text);
    assert.strictEqual(parsed.plainText, text);
    const codePoints = [...text];
    assert.deepStrictEqual(
      parsed.codings.map((c, i) => [c.code, codePoints.slice(parsed.plainStartOf(i), parsed.plainEndOf(i)).join(''), c.memo ?? null]),
      [
        ['harga', 'harga [murah]', 'catatan {penting}'],
        ['suka-sekali', 'harga [murah]', 'catatan {penting}'],
        ['harga', 'murah]\r\ndan', null],
        ['suka-sekali', 'suka harga [murah]\r\ndan {promo}', null],
      ],
    );
    // The crossing one is a labelled span.
    assert.match(transcript.text, /\[1>murah\]\]\{#harga #suka-sekali \| catatan \\\{penting\\\}\}\r\ndan<1\]\{#harga\}/);
    assert.deepStrictEqual([result.ok.selections, result.ok.placed], [5, 3]);
    // One line per selection not placed, with its reason, codes and text, in the file's order.
    assert.deepStrictEqual(result.ok.notes, [
      `source "wawancara 1.txt": selection of #harga at ${cp('cepat')}–${cp('Ini') + 3} ("cepat.\\r\\n\\r\\nIni"): runs over more than one paragraph or turn; not placed`,
      'source "wawancara 1.txt": selection of #harga at 0–999: outside the text or empty; not placed',
    ]);
    // NVivo counts UTF-16 code units: the same selection after the emoji is one further on.
    const nvivo = importRefiProject(zipSync({ 'project.qde': encode(qde('NVivo 14', sel(harga + 1, end + 1, ['a']))), 'sources/src.txt': encode(text) }), 'n.qdpx');
    if ('error' in nvivo) assert.fail(nvivo.error);
    const nvivoParsed = parseTranscript(nvivo.ok.files[2].text);
    assert.deepStrictEqual([nvivo.ok.placed, [...text].slice(nvivoParsed.plainStartOf(0), nvivoParsed.plainEndOf(0)).join('')], [1, 'harga [murah]\r\ndan {promo}']);
  });

  it('finds a text by a bare plainTextPath or inline, reads a project with no sources, and takes UTF-16 units where only they fit the text', () => {
    const qde = (sources: string, origin = 'ATLAS.ti 24') => encode(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p" origin="${origin}"><CodeBook><Codes><Code guid="a" name="A"/></Codes></CodeBook>${sources}</Project>`);
    const selection = (start: number, end: number) => `<PlainTextSelection guid="s${start}" startPosition="${start}" endPosition="${end}"><Coding guid="c${start}"><CodeRef targetGUID="a"/></Coding></PlainTextSelection>`;
    const text = '😀😀 satu dua';
    const imported = (entries: Record<string, Uint8Array>) => {
      const result = importRefiProject(zipSync(entries), 'p.qdpx');
      if ('error' in result) assert.fail(result.error);
      return result.ok;
    };
    const coded = (file: string) => {
      const parsed = parseTranscript(file);
      return [...Array(parsed.codingCount).keys()].map((i) => [...parsed.plainText].slice(parsed.plainStartOf(i), parsed.plainEndOf(i)).join(''));
    };
    // A bare path, and code points: "satu" is at 3–7.
    const bare = imported({ 'project.qde': qde(`<Sources><TextSource guid="s" name="s" plainTextPath="texts/s.txt">${selection(3, 7)}</TextSource></Sources>`), 'texts/s.txt': encode(text) });
    assert.deepStrictEqual(coded(bare.files[2].text), ['satu']);
    // Inline text; "dua" at 10–13 fits only as UTF-16 units (the text has 10 code points): read so.
    const inline = imported({ 'project.qde': qde(`<Sources><TextSource guid="s" name="s"><PlainTextContent>${text}</PlainTextContent>${selection(10, 13)}</TextSource></Sources>`) });
    assert.deepStrictEqual([coded(inline.files[2].text), inline.notes], [['dua'], []]);
    // No sources: the codebook and an empty informants.yaml.
    const none = imported({ 'project.qde': qde('') });
    assert.deepStrictEqual([none.files.map((f) => f.path), none.codes, none.sources], [['codebook.yaml', 'informants.yaml'], 1, 0]);
  });

  it('imports a source holding an inline &#0; into a transcript that qda check reads as text', async () => {
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="A" isCodable="true"/></Codes></CodeBook><Sources><TextSource guid="s" name="nul"><PlainTextContent>A: ya&#0; betul</PlainTextContent></TextSource></Sources></Project>`;
    const file = path.join(dir, 'nul.qdpx');
    writeFileSync(file, zipSync({ 'project.qde': encode(qde) }));
    const into = path.join(dir, 'nul');
    assert.strictEqual((await runQda('import', file, '--into', into)).code, 0);
    const checked = await runQda('check', into);
    assert.doesNotMatch(checked.out + checked.err, /binary/);
    assert.notStrictEqual(checked.code, 2);
  });

  it('imports sources with 150-character accented names (ENAMETOOLONG before): each file name under 100 bytes, unique, with a hash', async () => {
    // Vietnamese, decomposed as macOS writes names (a letter and its accents apart): over 255 bytes.
    const long = 'Phỏng vấn bà Nguyễn Thị Hồng Nhung, chủ cửa hàng khăn trùm đầu ở chợ Bến Thành, về giá cả, niềm tin và việc giao hàng — buổi thứ nhất, ghi âm tại nhà riêng ';
    const names = [`${long}a.txt`, `${long}b.txt`].map((n) => n.normalize('NFD'));
    assert.ok(names.every((n) => [...n.normalize('NFC')].length >= 150 && Buffer.byteLength(n) > 250));
    const qde = `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="A" isCodable="true"/></Codes></CodeBook><Sources>${names.map((n, i) => `<TextSource guid="s${i}" name="${n}"><PlainTextContent>teks ${i}</PlainTextContent></TextSource>`).join('')}</Sources></Project>`;
    const file = path.join(dir, 'long.qdpx');
    writeFileSync(file, zipSync({ 'project.qde': encode(qde) }));
    const into = path.join(dir, 'long');
    const result = await runQda('import', file, '--into', into);
    assert.deepStrictEqual([result.code, result.err], [0, '']);
    const written = readdirSync(path.join(into, 'transcripts')).sort();
    assert.strictEqual(written.length, 2);
    for (const name of written) {
      assert.ok(Buffer.byteLength(name) <= 100, name);
      assert.match(name, /^Phỏng vấn bà Nguyễn Thị Hồng Nhung- chủ cửa hàng.*-[0-9a-f]{8}\.transcript\.md$/);
    }
    assert.deepStrictEqual(written.map((name) => parseTranscript(readFileSync(path.join(into, 'transcripts', name), 'utf8')).plainText).sort(), ['teks 0', 'teks 1']);
  });

  it('refuses hostile and broken archives with one line, and writes nothing', async () => {
    const project = (body = '') => `<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="a" name="A"/></Codes></CodeBook>${body}</Project>`;
    const cases: [string, Uint8Array, RegExp][] = [
      ['bomb.qdpx', zipSync({ 'project.qde': encode(project()), 'sources/big.txt': new Uint8Array(64 * 1024 * 1024).fill(0x61) }, { level: 9 }), /^qda: bomb\.qdpx: sources\/big\.txt unpacks to more than 200 times its size \(a zip bomb\?\); refused$/],
      ['laughs.qdpx', zipSync({ 'project.qde': encode('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project name="&lol2;"/>') }), /^qda: laughs\.qdpx declares a DTD: refused/],
      ['xxe.qdpx', zipSync({ 'project.qde': encode('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><Project name="&x;"/>') }), /^qda: xxe\.qdpx declares a DTD: refused/],
      ['truncated.qdpx', zipSync({ 'project.qde': encode(project()) }).slice(0, 60), /^qda: truncated\.qdpx is not a readable \.qdpx \(zip\): /],
      ['notxml.qdpx', zipSync({ 'project.qde': encode('PK not XML <') }), /^qda: notxml\.qdpx is not well-formed XML: |^qda: notxml\.qdpx: its \.qde is not a REFI-QDA project$/],
      // Two entries of one name: which one is the text? (Tools and unzip programs disagree.)
      ['twins.qdpx', renamed(zipSync({ 'project.qde': encode(project()), 'sources/a.txt': encode('satu'), 'sources/b.txt': encode('dua') }), 'sources/b.txt', 'sources/a.txt'), /^qda: twins\.qdpx holds two entries named sources\/a\.txt: refused, as either could be the one meant$/],
      ['twin-projects.qdpx', renamed(zipSync({ 'project.qde': encode(project()), 'project.qdf': encode(project('<Notes/>')) }), 'project.qdf', 'project.qde'), /^qda: twin-projects\.qdpx holds two entries named project\.qde: refused, as either could be the one meant$/],
      // 1,000 entries of a few bytes, each said to unpack to 1 MB (under the cap of one entry, under 1 GB in all).
      [
        'liar.qdpx',
        withDeclaredSizes(
          zipSync({
            'project.qde': encode(project(`<Sources>${Array.from({ length: 1000 }, (_, i) => `<TextSource guid="s${i}" name="s${i}" plainTextPath="internal://${String(i).padStart(4, '0')}.txt"/>`).join('')}</Sources>`)),
            ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`sources/${String(i).padStart(4, '0')}.txt`, encode('x')])),
          }),
          1024 * 1024,
        ),
        /^qda: liar\.qdpx: its entries unpack to more than 200 times the archive's size \(a zip bomb\?\); refused$/,
      ],
    ];
    // A video the project does not read as text is not unpacked, however large (here said to be 300 MB, stored).
    const video = withDeclaredSizes(zipSync({ 'project.qde': encode(project('<Sources><VideoSource guid="v" name="clip.mp4" path="internal://v.mp4"/></Sources>')), 'sources/v.mp4': encode('x') }, { level: 0 }), 300 * 1024 * 1024, 'sources/v.mp4');
    writeFileSync(path.join(dir, 'video.qdpx'), video);
    assert.deepStrictEqual(await runQda('import', path.join(dir, 'video.qdpx'), '--into', path.join(dir, 'video')), {
      code: 0,
      out: `Imported ${path.join(dir, 'video.qdpx')} into ${path.join(dir, 'video')}: 1 codes, 0 transcripts, 0 informants; 0 of 0 selections placed as codings.`,
      err: 'qda: note: left out, as this tool has no place for them: 1 video source',
    });
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const into = path.join(dir, `into-${name}`);
      const result = await runQda('import', file, '--into', into);
      assert.strictEqual(result.code, 2, name);
      assert.match(result.err, message);
      assert.strictEqual(result.err.split('\n').length, 1);
      assert.deepStrictEqual(readdirSync(dir).filter((f) => f.startsWith(`into-${name}`)), [], `${name}: nothing written`);
    }
    // The codebook alone is not read from a project.qde that has a twin either.
    const codebookOnly = await runQda('import', path.join(dir, 'twin-projects.qdpx'), '--codebook-only', '--into', path.join(dir, 'twin-codebook'));
    assert.deepStrictEqual(codebookOnly, { code: 2, out: '', err: 'qda: twin-projects.qdpx holds two entries named project.qde: refused, as either could be the one meant' });
    // Zip slip: an entry named ../../outside.txt and a source named ../../../evil are never written where they point.
    const slip = zipSync({
      'project.qde': encode(project('<Sources><TextSource guid="s" name="../../../evil.transcript.md" plainTextPath="internal://s.txt"/></Sources>')),
      'sources/s.txt': encode('teks'),
      '../../outside.txt': encode('never written'),
    });
    writeFileSync(path.join(dir, 'slip.qdpx'), slip);
    const into = path.join(dir, 'deep', 'into');
    assert.strictEqual((await runQda('import', path.join(dir, 'slip.qdpx'), '--into', into)).code, 0);
    assert.deepStrictEqual(readdirSync(into).sort(), ['codebook.yaml', 'evil.transcript.md', 'informants.yaml']);
    assert.strictEqual(existsSync(path.join(dir, 'outside.txt')) || existsSync(path.join(dir, 'evil.transcript.md')), false);
    // A folder that holds a project is refused.
    assert.deepStrictEqual(await runQda('import', path.join(dir, 'slip.qdpx'), '--into', into), { code: 2, out: '', err: `qda: cannot import into ${into}: it already holds a project (codebook.yaml); name a new folder` });
  });
});
