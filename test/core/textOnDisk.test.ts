// A long transcript read from disk and open in no editor keeps its parse and the table of its
// non-ASCII characters, not its bytes: every read of its text reads them again from the file
// (sourceText.ts `keepOnDisk`, textFile.ts `FileBytesOnDisk`). Checked against the text the test
// wrote, as a string: slices, single characters, byte ranges, searches and the whole text.
import * as assert from 'assert';
import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { SourceText } from '../../server/src/core/text/sourceText';
import { compactUtf8 } from '../../server/src/core/text/compactUtf8';
import { suggestionModel as liveSuggestionModel, SuggestionModel } from '../../server/src/core/analyses/suggestions';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { FileBytesOnDisk, TextFileReader } from '../../server/src/node/textFile';

/** 4 MiB and more with emoji (`decodeWholeFrom`): read as the compact form, which is what is kept on disk. */
const line = 'c0001: murah 😀 [bagus]{#harga} kak é\r\n';
const text = line.repeat(Math.ceil((4 << 20) / line.length)) + 'c9999: akhir 𝒜 ✨\n';

/** A simple generator of offsets, so each run reads the same places. */
function* offsets(count: number, seed = 7): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x % (text.length + 1);
  }
}

/** A workspace that keeps long texts on disk, as the server's does where the editor watches the files. */
function onDiskWorkspace(fs: NodeFileSystem, options?: ConstructorParameters<typeof QdaWorkspace>[1]): QdaWorkspace {
  const workspace = new QdaWorkspace(fs, options);
  workspace.keepsLongTextsOnDisk = true;
  return workspace;
}

/** The reads of a text kept on disk against the string: every way the features read a text. */
function assertReadsAsText(source: SourceText): void {
  assert.strictEqual(source.length, text.length);
  const starts = [...offsets(400)];
  const ends = [...offsets(400, 11)];
  for (let i = 0; i < starts.length; i++) {
    const [a, b] = starts[i] < ends[i] ? [starts[i], ends[i]] : [ends[i], starts[i]];
    // Short and long ranges, an emoji's halves included (offsets fall anywhere).
    assert.strictEqual(source.slice(a, Math.min(b, a + 200)), text.slice(a, Math.min(b, a + 200)));
    const code = text.charCodeAt(a);
    assert.strictEqual(source.asciiCodeAt(a), a < text.length && code < 128 ? code : -1);
  }
  assert.strictEqual(source.slice(text.length - 20, text.length), text.slice(-20));
  const range = source.utf8Range(8, 8 + line.length)!;
  assert.strictEqual(Buffer.from(range.bytes.subarray(range.from, range.to)).toString('utf8'), text.slice(8, 8 + line.length));
  const found = source.search(/akhir|bagus/g, /akhir|bagus/g);
  assert.strictEqual(found.length, text.split('bagus').length - 1 + 1);
  assert.deepStrictEqual(found.at(-1), { index: text.indexOf('akhir'), length: 5 });
  assert.ok(source.text === text);
}

describe('a long transcript kept on disk', () => {
  let dir: string;
  let file: string;
  let uri: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'qda-disk-'));
    writeFileSync(path.join(dir, 'codebook.yaml'), 'harga:\n  label: Harga\n');
    file = path.join(dir, 'komentar.transcript.md');
    // A byte order mark before the text: the text's bytes start three bytes in.
    writeFileSync(file, '\uFEFF' + text);
    uri = URI.file(file).toString();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  for (const [how, fs] of [
    ['read on the main thread', () => new NodeFileSystem()],
    ['read on the reader thread', () => new NodeFileSystem({ readerThreadFrom: 1 })],
  ] as const) {
    it(`keeps its table, not its bytes, and reads its text from the file (${how})`, async () => {
      const workspace = onDiskWorkspace(fs());
      await workspace.addFolder(URI.file(dir).toString());
      const parsed = workspace.transcript(uri)!;
      assert.strictEqual(parsed.source.onDisk, true);
      assert.strictEqual(parsed.codings.length, text.split('{#harga}').length - 1);
      assertReadsAsText(parsed.source);
    });
  }

  it('is parsed after the host is told its length (the server collects garbage there), and a short file is not told', async () => {
    writeFileSync(path.join(dir, 'pendek.transcript.md'), 'c1: murah 😀\n');
    const told: number[] = [];
    const workspace = onDiskWorkspace(new NodeFileSystem(), { beforeLongParse: (length) => told.push(length) });
    await workspace.addFolder(URI.file(dir).toString());
    assert.deepStrictEqual(told, [text.length]);
  });

  it('is kept in memory by a workspace that is not told of changes to its files (the command line, a coder\'s copy)', async () => {
    const workspace = new QdaWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    assert.strictEqual(workspace.transcript(uri)!.source.onDisk, false);
    unlinkSync(file);
    assert.strictEqual(workspace.transcript(uri)!.source.slice(7, 12), 'murah');
  });

  it('changed or deleted on disk under a live suggestion model, is read again, and the model made again matches a new one', async () => {
    const workspace = onDiskWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    const project = workspace.sortedProjects()[0];
    liveSuggestionModel(project);
    // Another text of another length: the model cannot read the old text to take its counts back.
    writeFileSync(file, '\uFEFF' + text.replace('murah', 'murah sekali'));
    await workspace.applyChanges([{ uri, type: 'changed' }]);
    assert.strictEqual(workspace.transcript(uri)!.source.slice(7, 19), 'murah sekali');
    assert.deepStrictEqual(workspace.unreadable.size, 0);
    assert.deepStrictEqual(liveSuggestionModel(project).counts.snapshot(), new SuggestionModel(project).counts.snapshot());
    unlinkSync(file);
    await workspace.applyChanges([{ uri, type: 'deleted' }]);
    assert.strictEqual(workspace.transcript(uri), undefined);
    assert.deepStrictEqual(liveSuggestionModel(project).counts.snapshot(), new SuggestionModel(project).counts.snapshot());
  });

  it('reads a range in order from one block of the file, not from the file each time', () => {
    const utf8 = new Uint8Array(Buffer.from(text, 'utf8'));
    let reads = 0;
    const source = SourceText.ofCompact(compactUtf8(text, utf8)!);
    assert.ok(source.keepOnDisk({ read: (from, to) => (reads++, utf8.slice(from, to)), readInto: () => false }));
    for (let at = 0; at + 100 <= text.length; at += 1000) assert.strictEqual(source.slice(at, at + 100), text.slice(at, at + 100));
    // A block is 256 KiB: about 17 reads for 4.3 MB, not one for each of 4,400 slices.
    assert.ok(reads <= Math.ceil(utf8.length / (1 << 18)) + 1, `${reads} reads`);
  });

  it('refuses to read a file changed since, in a clear message, until the workspace reads it again', async () => {
    const workspace = onDiskWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    // The same size, one letter changed: only the file's stamp (its time of writing) tells.
    writeFileSync(file, '\uFEFF' + text.replace('murah', 'mudah'));
    const source = workspace.transcript(uri)!.source;
    assert.throws(() => source.slice(0, 40), { message: 'the transcript changed on disk since it was read: it is being read again' });
    await workspace.refresh(uri);
    assert.strictEqual(workspace.transcript(uri)!.source.slice(7, 12), 'mudah');
    unlinkSync(file);
    assert.throws(() => workspace.transcript(uri)!.source.slice(0, 40), /changed on disk/);
  });

  it('is compared with an editor’s bytes a chunk at a time, and takes them when they are its own', async () => {
    const workspace = onDiskWorkspace(new NodeFileSystem());
    await workspace.addFolder(URI.file(dir).toString());
    const source = workspace.transcript(uri)!.source;
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    // A byte differing past the first chunk (1 MiB), and a text one byte longer, are not its own.
    const changed = bytes.slice();
    changed[3 << 20] ^= 1;
    assert.strictEqual(source.hasBytes(changed), false);
    assert.strictEqual(source.hasBytes(Buffer.concat([bytes, Buffer.from(' ')])), false);
    assert.strictEqual(source.hasBytes(bytes), true);
    source.takeBytes(bytes);
    assert.strictEqual(source.onDisk, false);
    // In memory now: the file may go.
    unlinkSync(file);
    assertReadsAsText(source);
  });

  it('reads a range of a file as it was stamped, and nothing past its end or once it is replaced', () => {
    const reader = new TextFileReader();
    const read = reader.readBytes(file);
    assert.strictEqual(read.length, Buffer.byteLength(text) + 3);
    const bytes = new FileBytesOnDisk(file, reader.lastStamp!, 3);
    assert.strictEqual(Buffer.from(bytes.read(0, 12)!).toString('utf8'), text.slice(0, 12));
    assert.strictEqual(bytes.read(read.length - 3 - 4, read.length - 3 + 1), undefined);
    // Replaced by another file of the same bytes (as a safe writer saves): not the file that was read.
    const other = `${file}.new`;
    writeFileSync(other, '\uFEFF' + text);
    renameSync(other, file);
    assert.strictEqual(bytes.read(0, 12), undefined);
  });
});
