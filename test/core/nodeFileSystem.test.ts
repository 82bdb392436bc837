import * as assert from 'assert';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { readOutcome, type FileChange, type ReadOutcome } from '../../server/src/core/project/fileSystem';
import { compactUtf8, type CompactUtf8 } from '../../server/src/core/text/compactUtf8';
import { scanText } from '../../server/src/core/text/textScan';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { everythingOf } from '../helpers/parseEssence';
import { decodeTextFile, decodeTextFileRuns } from '../../server/src/node/textFile';

describe('file system on disk', () => {
  let dir: string;
  const fs = new NodeFileSystem();
  const uri = (name: string) => URI.file(path.join(dir, name)).toString();

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-fs-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists files recursively, leaving out hidden folders and node_modules, and survives a symlink loop', async () => {
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    mkdirSync(path.join(dir, '.git'));
    mkdirSync(path.join(dir, 'node_modules/x'), { recursive: true });
    writeFileSync(path.join(dir, 'a/b/one.transcript.md'), 'x');
    writeFileSync(path.join(dir, 'codebook.yaml'), 'x');
    writeFileSync(path.join(dir, '.git/config'), 'x');
    writeFileSync(path.join(dir, 'node_modules/x/y.transcript.md'), 'x');
    symlinkSync(dir, path.join(dir, 'a/loop'));
    symlinkSync(path.join(dir, 'missing'), path.join(dir, 'dangling'));
    assert.deepStrictEqual(await fs.list(URI.file(dir).toString()), [uri('a/b/one.transcript.md'), uri('codebook.yaml')]);
  });

  it('reads UTF-8 without its BOM, and refuses binary and non-UTF-8 files with a reason', async () => {
    writeFileSync(path.join(dir, 'bom.md'), '\uFEFFA: ya');
    writeFileSync(path.join(dir, 'bin.md'), Buffer.from([1, 0, 2]));
    writeFileSync(path.join(dir, 'latin.md'), Buffer.from('caf\xe9', 'latin1'));
    assert.strictEqual(await fs.read(uri('bom.md')), 'A: ya');
    await assert.rejects(fs.read(uri('bin.md')), { message: `cannot read ${path.join(dir, 'bin.md')}: it is a binary file, not UTF-8 text` });
    await assert.rejects(fs.read(uri('latin.md')), { message: `cannot read ${path.join(dir, 'latin.md')}: it is not valid UTF-8 text` });
    await assert.rejects(fs.read(uri('none.md')), { message: `cannot read ${path.join(dir, 'none.md')}: no such file` });
  });

  it('reads a long file with emoji as its compact form and scan, never its string, and a long Latin-1 one as a string', async () => {
    // 4 MiB and more (decodeWholeFrom), after a BOM: the form and the scan made from the bytes.
    const line = 'c0001: murah 😀 [bagus]{#harga} kak\r\n';
    const text = line.repeat(Math.ceil((4 << 20) / line.length));
    writeFileSync(path.join(dir, 'dump.transcript.md'), '\uFEFF' + text);
    const read = await fs.readPrepared(uri('dump.transcript.md'));
    assert.notStrictEqual(typeof read.text, 'string');
    const compact = read.text as CompactUtf8;
    assert.deepStrictEqual(compact, compactUtf8(text, Buffer.from(text, 'utf8')));
    assert.deepStrictEqual(read.prepared?.scan, scanText(text));
    assert.strictEqual(await fs.read(uri('dump.transcript.md')), text);
    // Parsed from them, a window at a time: the parse of the string.
    const parsed = parseTranscript(read.text, read.prepared);
    assert.ok(parsed.source.compact);
    assert.deepStrictEqual(everythingOf(parsed), everythingOf(parseTranscript(text)));
    // Read on a reader thread: the same form and scan, sent without a string.
    const threaded: ReadOutcome[] = [];
    for await (const outcome of new NodeFileSystem({ readerThreadFrom: 1 }).readMany([uri('dump.transcript.md')])) threaded.push(outcome);
    const sent = threaded[0].text as CompactUtf8;
    assert.deepStrictEqual({ ...sent, utf8: Buffer.from(sent.utf8) }, compact);
    assert.deepStrictEqual(threaded[0].prepared?.scan, scanText(text));
    // Bytes that are not text are refused as for any file.
    writeFileSync(path.join(dir, 'bad.transcript.md'), Buffer.concat([Buffer.from(text), Buffer.from([0xff])]));
    await assert.rejects(fs.readPrepared(uri('bad.transcript.md')), { message: `cannot read ${path.join(dir, 'bad.transcript.md')}: it is not valid UTF-8 text` });
    // Only Latin-1 beyond ASCII: V8 keeps that string at a byte a character, no more than the bytes.
    const latin = 'c0001: café ß kak\n'.repeat(Math.ceil((4 << 20) / 18));
    writeFileSync(path.join(dir, 'latin.transcript.md'), latin);
    assert.strictEqual((await fs.readPrepared(uri('latin.transcript.md'))).text, latin);
  });

  it('reports created, changed and deleted files below a folder', async () => {
    const seen: FileChange[] = [];
    const waitFor = async (predicate: () => boolean) => {
      for (let i = 0; i < 100 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(predicate(), `no such change among ${JSON.stringify(seen)}`);
    };
    mkdirSync(path.join(dir, 'sub'));
    const watcher = fs.watch(URI.file(dir).toString(), (changes) => seen.push(...changes));
    try {
      writeFileSync(path.join(dir, 'sub/new.transcript.md'), 'A: ya');
      await waitFor(() => seen.some((c) => c.uri === uri('sub/new.transcript.md') && c.type === 'changed'));
      unlinkSync(path.join(dir, 'sub/new.transcript.md'));
      await waitFor(() => seen.some((c) => c.uri === uri('sub/new.transcript.md') && c.type === 'deleted'));
    } finally {
      watcher.dispose();
    }
  });

  describe('many files at once', () => {
    /** 70 files: ASCII, emoji, a BOM, a file larger than the reader's first buffer, and four it cannot read. */
    function writeStudy(): string[] {
      const names: string[] = [];
      const write = (name: string, content: string | Buffer) => {
        writeFileSync(path.join(dir, name), content);
        names.push(name);
      };
      for (let i = 0; i < 60; i++) write(`t${i}.transcript.md`, i % 3 === 0 ? `A: harga pas 👍 ${i}\n` : `A: harga pas ${i}\n`);
      write('bom.transcript.md', '\uFEFFA: ya 😀 kak');
      write('big.transcript.md', 'B: ongkir murah 😂 ya kak\r\n'.repeat(12000));
      write('bin.transcript.md', Buffer.from([1, 0, 2]));
      write('latin.transcript.md', Buffer.from('caf\xe9', 'latin1'));
      mkdirSync(path.join(dir, 'folder.transcript.md'));
      names.push('folder.transcript.md', 'missing.transcript.md');
      for (let i = 60; i < 64; i++) write(`t${i}.transcript.md`, `I: oke ${i}`);
      return names;
    }

    async function readAll(fs: NodeFileSystem, uris: string[]): Promise<ReadOutcome[]> {
      const all: ReadOutcome[] = [];
      for await (const outcome of fs.readMany(uris)) all.push(outcome);
      return all;
    }

    /** What a read gives: the text or the reason, and the bytes kept. */
    const essence = (o: ReadOutcome) => (o.text === undefined ? { uri: o.uri, error: o.error } : { uri: o.uri, text: o.text, bytes: Buffer.from(o.prepared?.compact?.utf8 ?? o.prepared?.utf8 ?? []).toString('hex') });

    /** Reading one file at a time gives every file's bytes; the thread sends bytes only where they are kept. */
    async function oneAtATime(uris: string[]): Promise<ReturnType<typeof essence>[]> {
      const one = await Promise.all(uris.map((u) => readOutcome(fs, u)));
      return one.map((o) => essence(o.text !== undefined && !compactUtf8(o.text as string, o.prepared!.utf8!) ? { uri: o.uri, text: o.text } : o));
    }

    it('reads them on a reader thread, in order, exactly as one at a time', async () => {
      const uris = writeStudy().map(uri);
      const outcomes = await readAll(new NodeFileSystem(), uris);
      assert.deepStrictEqual(outcomes.map(essence), await oneAtATime(uris));
      // The thread made the compact form of the 20 + 2 files with emoji, as the main thread would.
      const compact = outcomes.filter((o) => o.prepared?.compact);
      assert.strictEqual(compact.length, 22);
      for (const o of compact) assert.deepStrictEqual(o.prepared!.compact, compactUtf8(o.text as string, o.prepared!.compact!.utf8), o.uri);
      // And scanned each text as the parser would.
      for (const o of outcomes) if (o.text !== undefined) assert.deepStrictEqual(o.prepared?.scan, scanText(o.text as string), o.uri);
      // Without the compact form (a reader for a workspace that keeps no text): the same texts and scans.
      const plain = await readAll(new NodeFileSystem({ compactTexts: false }), uris);
      const textOf = (o: ReadOutcome) => [o.uri, o.text, o.error];
      assert.deepStrictEqual(plain.map(textOf), outcomes.map(textOf));
      // Read one at a time on this thread: the scan made as the text is decoded is the parser's,
      // and the compact form made from the decoder's runs is the one made by searching the text.
      for (const o of await Promise.all(uris.map((u) => readOutcome(new NodeFileSystem(), u)))) {
        if (o.text === undefined) continue;
        assert.strictEqual(typeof o.text, 'string', 'a small file is read as a string');
        const text = o.text as string;
        assert.deepStrictEqual(o.prepared?.scan, scanText(text), o.uri);
        assert.deepStrictEqual(o.prepared?.compactFor(text), compactUtf8(text, o.prepared!.utf8!), o.uri);
      }
      assert.ok(plain.every((o) => o.prepared?.compact === undefined));
      for (const o of plain) if (o.text !== undefined) assert.deepStrictEqual(o.prepared?.scan, scanText(o.text as string), o.uri);
      assert.deepStrictEqual(
        outcomes.filter((o) => o.error).map((o) => o.error),
        [
          `cannot read ${path.join(dir, 'bin.transcript.md')}: it is a binary file, not UTF-8 text`,
          `cannot read ${path.join(dir, 'latin.transcript.md')}: it is not valid UTF-8 text`,
          `cannot read ${path.join(dir, 'folder.transcript.md')}: it is a folder`,
          `cannot read ${path.join(dir, 'missing.transcript.md')}: no such file`,
        ],
      );
    });

    it('reads them all however short the reach of the reader thread', async () => {
      const uris = writeStudy().map(uri);
      const expected = await oneAtATime(uris);
      for (const readerAhead of [1, 2, 3, 5, 17]) {
        const outcomes = await readAll(new NodeFileSystem({ readerAhead }), uris);
        assert.ok(outcomes.every((o) => o.error !== undefined || o.prepared?.scan !== undefined), `read on the thread, ${readerAhead} ahead`);
        assert.deepStrictEqual(outcomes.map(essence), expected, `${readerAhead} ahead`);
      }
    });

    it('reads them on the main thread when the reader thread stops or cannot start', async () => {
      const uris = writeStudy().map(uri);
      const expected = (await readAll(new NodeFileSystem({ readerThreadFrom: Infinity }), uris)).map(essence);
      assert.deepStrictEqual([expected.filter((o) => 'text' in o).length, expected.filter((o) => 'error' in o).length], [66, 4]);
      // A reader that sends one file and stops: the main thread reads the other 69.
      const stopping = path.join(dir, 'stopping-reader.js');
      writeFileSync(
        stopping,
        "const { workerData } = require('worker_threads'); workerData.results.postMessage({ index: 0, text: 'from the reader' }); Atomics.add(new Int32Array(workerData.shared), 0, 1); process.exit(0);",
      );
      const afterStop = await readAll(new NodeFileSystem({ readerThreadFrom: 1, readerScript: stopping }), uris);
      assert.deepStrictEqual(afterStop[0], { uri: uris[0], text: 'from the reader', prepared: undefined });
      assert.deepStrictEqual(afterStop.slice(1).map(essence), expected.slice(1));
      // A reader that fails as it starts.
      const failing = path.join(dir, 'failing-reader.js');
      writeFileSync(failing, "throw new Error('no reader today');");
      const problems: string[] = [];
      const failingFs = new NodeFileSystem({ readerThreadFrom: 1, readerScript: failing, onReaderProblem: (message) => problems.push(message) });
      assert.deepStrictEqual((await readAll(failingFs, uris)).map(essence), expected);
      assert.deepStrictEqual(problems, ['the reader thread failed (no reader today); the remaining files are read on the main thread']);
      // No reader script at all.
      assert.deepStrictEqual((await readAll(new NodeFileSystem({ readerThreadFrom: 1, readerScript: path.join(dir, 'none.js') }), uris)).map(essence), expected);
    });
  });

  it('decodes through Latin-1 exactly as the decoder does, and finds where the compact table goes', () => {
    // Bytes of text of every width, with a BOM or not, and bytes that are not UTF-8 or not text.
    const piece = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('A: harga ', 'pas ', '\n', '\r\n', 'é', 'ß', 'ü', '€', 'Ж', '😀', '𝒜', 'K', 'ſ', '\uFEFF', '\u0301', 'ya kak') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
    );
    const bytes = fc.oneof(
      { weight: 8, arbitrary: fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 40 })).map(([bom, parts]) => Buffer.from((bom ? '\uFEFF' : '') + parts.join(''), 'utf8')) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 30 }).map((array) => Buffer.from(array)) },
    );
    const outcome = (decode: typeof decodeTextFile, data: Uint8Array) => {
      try {
        const file = decode(data, 'f');
        return { text: file.text, utf8: [...file.utf8], compact: compactUtf8(file.text, file.utf8, file.nonAsciiRuns) };
      } catch (error) {
        return { error: (error as Error).message };
      }
    };
    fc.assert(
      fc.property(bytes, (data) => assert.deepStrictEqual(outcome(decodeTextFileRuns, data), outcome(decodeTextFile, data))),
      { numRuns: 3000 },
    );
    // A long text is decoded whole and its runs found a chunk at a time: here every text is long,
    // and chunks of 1 to 8 bytes end inside runs and characters (a run is never cut).
    fc.assert(
      fc.property(bytes, fc.integer({ min: 1, max: 8 }), (data, chunk) =>
        assert.deepStrictEqual(
          outcome((b, f) => decodeTextFileRuns(b, f, 0, chunk), data),
          outcome(decodeTextFile, data),
        ),
      ),
      { numRuns: 3000 },
    );
    assert.deepStrictEqual(decodeTextFileRuns(Buffer.from('\uFEFFA: é ya 😀😀!', 'utf8'), 'f', 0, 2).nonAsciiRuns, [3, 4, 8, 12]);
    // The runs are those of the text, exactly: here a BOM left out, 'é' and two emoji.
    assert.deepStrictEqual(decodeTextFileRuns(Buffer.from('\uFEFFA: é ya 😀😀!', 'utf8'), 'f').nonAsciiRuns, [3, 4, 8, 12]);
  });
});
