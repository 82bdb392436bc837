import * as assert from 'assert';
import fc from 'fast-check';
import { astralOffsetsOf, compactUtf8 } from '../../server/src/core/text/compactUtf8';
import { SourceText } from '../../server/src/core/text/sourceText';
import * as path from 'path';
import { URI } from 'vscode-uri';
import { codeTree, projectStats } from '../../server/src/core/analyses/codeTree';
import { diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { MemoryFileSystem, type WorkspaceFileSystem } from '../../server/src/core/project/fileSystem';
import { LineIndex, literalPattern } from '../../server/src/core/text/text';
import { astralOffsets } from '../../server/src/core/text/textScan';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { workspaceSymbols } from '../../server/src/languageService/symbols';
import { NodeFileSystem } from '../../server/src/node/nodeFileSystem';

const utf8 = (text: string) => new TextEncoder().encode(text);

function compacted(text: string): SourceText {
  const source = new SourceText(text);
  source.keepAsUtf8(utf8(text));
  return source;
}

/** Mostly ASCII, as transcripts are, with line breaks of every kind, accents, emoji and astral letters. */
const transcriptText = fc
  .array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom('a', 'K', 'k', 's', ' ', 'o', '-', '1', '#', '{', '}') }, fc.constantFrom('\n', '\r\n', '\r', '\t', '\uFEFF', 'é', 'ñ', '—', '😀', '👍🏽', '𝒜', 'ſ', '\u212A', 'İ', 'ß')), { maxLength: 80 })
  .map((parts) => parts.join(''));

describe('source text kept as UTF-8', () => {
  it('is kept as bytes only when they take less memory than the string', () => {
    const emoji = compacted('Harganya pas 👍 sekali, kakak.');
    assert.strictEqual(emoji.compact, true);
    // ASCII and Latin-1 texts are one byte per character as strings already.
    assert.strictEqual(compacted('Harganya pas sekali.').compact, false);
    assert.strictEqual(compacted('Café crème, très bien.').compact, false);
    // Mostly non-ASCII: the table of characters would outweigh the saving.
    assert.strictEqual(compacted('—'.repeat(40) + 'abc').compact, false);
    // Bytes of another text are refused.
    const shorter = new SourceText('Harganya pas 👍 sekali.');
    assert.strictEqual(shorter.keepAsUtf8(utf8('Harganya 👍 sekali.')), false);
    const shifted = new SourceText('ab 👍 cd');
    assert.strictEqual(shifted.keepAsUtf8(utf8('a 👍 bcd')), false);
  });

  it('gives back every slice, and the whole text, exactly', () => {
    fc.assert(
      fc.property(transcriptText, fc.nat(), fc.nat(), (text, a, b) => {
        const source = compacted(text);
        assert.strictEqual(source.length, text.length);
        const start = a % (text.length + 2);
        const end = b % (text.length + 2);
        assert.strictEqual(source.slice(start, end), text.slice(start, end));
        assert.strictEqual(source.slice(-3, end), text.slice(0, end));
        assert.strictEqual(new SourceText(text).slice(-3, end), text.slice(0, end));
        assert.strictEqual(source.text, text);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds an ASCII query in the bytes where the string search finds it, case-insensitively', () => {
    const query = fc.string({ unit: fc.constantFrom('a', 'k', 'K', 's', 'S', ' ', 'o', '-', '1', '.'), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(transcriptText, query, (text, needle) => {
        const pattern = literalPattern(needle, 'giu');
        const expected = new SourceText(text).search(pattern);
        assert.deepStrictEqual(compacted(text).search(pattern, literalPattern(needle, 'gi')), expected);
      }),
      { numRuns: 3000 },
    );
    // An emoji query moves on by whole characters (it once searched the same emoji forever).
    assert.deepStrictEqual(new SourceText('a😂b😂😂').search(literalPattern('😂', 'giu')), [
      { index: 1, length: 2 },
      { index: 4, length: 2 },
      { index: 6, length: 2 },
    ]);
    assert.deepStrictEqual(compacted('a😂b😂😂').search(literalPattern('😂', 'giu')), [
      { index: 1, length: 2 },
      { index: 4, length: 2 },
      { index: 6, length: 2 },
    ]);
    // K (KELVIN SIGN) and ſ (LONG S) fold to ASCII letters: such a text is searched as a string.
    const kelvin = compacted('\u212Aode 👍 kode');
    assert.deepStrictEqual(kelvin.search(literalPattern('kode', 'giu'), literalPattern('kode', 'gi')), [
      { index: 0, length: 4 },
      { index: 8, length: 4 },
    ]);
    assert.deepStrictEqual(compacted('x 😀 Kode-1 kode-1').search(literalPattern('kode-1', 'giu'), literalPattern('kode-1', 'gi')), [
      { index: 5, length: 6 },
      { index: 12, length: 6 },
    ]);
  });

  it('searches on from where the reader resumes, as the string does, a resume inside an emoji included', () => {
    fc.assert(
      fc.property(transcriptText, fc.nat(), (text, skip) => {
        const pattern = literalPattern('a', 'giu');
        // Each match resumes `skip % 4` characters on: into an emoji's second half, at times.
        const run = (source: SourceText, ascii?: RegExp) => {
          const found: number[] = [];
          source.searchEach(pattern, ascii, (index) => (found.push(index), index + (skip % 4)));
          return found;
        };
        assert.deepStrictEqual(run(compacted(text), literalPattern('a', 'gi')), run(new SourceText(text)), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
    const text = `aa😀a${'x'.repeat(20)}`;
    const resumeInside = (source: SourceText, ascii?: RegExp) => {
      const found: number[] = [];
      source.searchEach(literalPattern('a', 'giu'), ascii, (index) => (found.push(index), found.length === 1 ? 3 : undefined));
      return found;
    };
    assert.deepStrictEqual(resumeInside(new SourceText(text)), [0, 4]);
    assert.deepStrictEqual(resumeInside(compacted(text), literalPattern('a', 'gi')), [0, 4]);
  });

  it('compares ranges of two texts as their strings compare, ranges past either end clamped', () => {
    fc.assert(
      fc.property(transcriptText, transcriptText, fc.integer({ min: -3, max: 90 }), fc.integer({ min: -3, max: 90 }), fc.integer({ min: -3, max: 90 }), (a, tail, start, end, otherStart) => {
        // The other text often repeats this one, so that equal ranges are common.
        const b = tail.length % 2 === 0 ? a + tail : tail;
        const clamp = (n: number, length: number) => Math.max(0, Math.min(n, length));
        const s0 = clamp(start, a.length);
        const e0 = Math.max(s0, clamp(end, a.length));
        const o0 = clamp(otherStart, b.length);
        const expected = a.slice(s0, e0) === b.slice(o0, o0 + e0 - s0);
        assert.strictEqual(compacted(a).sameAs(start, end, compacted(b), otherStart), expected);
        assert.strictEqual(new SourceText(a).sameAs(start, end, new SourceText(b), otherStart), expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers line questions without the text as a string', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const plain = new LineIndex(text);
        const compact = new LineIndex(compacted(text));
        for (let line = 0; line < plain.lineCount; line++) {
          // The line's content ends before its "\n", "\r\n" or "\r", read from the text itself.
          let end = line + 1 < plain.lineCount ? plain.lineStart(line + 1) : text.length;
          if (end > plain.lineStart(line) && text[end - 1] === '\n') end--;
          if (end > plain.lineStart(line) && text[end - 1] === '\r') end--;
          assert.strictEqual(plain.lineContentEnd(line), end);
          assert.strictEqual(compact.lineContentEnd(line), end);
          assert.strictEqual(compact.lineText(line), text.slice(plain.lineStart(line), end));
        }
        for (let offset = 0; offset <= text.length; offset++) assert.deepStrictEqual(compact.positionAt(offset), plain.positionAt(offset));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a workspace whose transcripts are kept as UTF-8', () => {
  const sample = URI.file(path.resolve(__dirname, '../../../sample')).toString();

  /** Bytes kept (read on the main thread, or on a reader thread even for the sample's few files), or strings only. */
  async function load(keep: 'bytes' | 'bytes from a reader thread' | 'strings'): Promise<QdaWorkspace> {
    const disk = new NodeFileSystem({ readerThreadFrom: keep === 'bytes from a reader thread' ? 1 : Infinity });
    const fs: WorkspaceFileSystem = keep !== 'strings' ? disk : { list: (folder) => disk.list(folder), read: (uri) => disk.read(uri) };
    const workspace = new QdaWorkspace(fs);
    await workspace.addFolder(sample);
    return workspace;
  }

  it('answers exactly as one that keeps strings: trees, quotes, filters, symbols, diagnostics', async () => {
    const compact = await load('bytes');
    const strings = await load('strings');
    const project = (w: QdaWorkspace) => [...w.projects.values()][0];
    const compactNames = [...project(compact).index.documents.values()].filter((d) => d.parsed.source.compact).map((d) => path.basename(d.uri));
    // The four sample transcripts with a character beyond Latin-1 (three emoji, one en dash).
    assert.deepStrictEqual(compactNames.sort(), ['2022-11-05-warung-hijab-padang.transcript.md', '2022-11-instagram-baju-padang-murah.transcript.md', 'ay.transcript.md', 'ega-ufaa-store.transcript.md']);
    assert.ok([...project(strings).index.documents.values()].every((d) => !d.parsed.source.compact));

    assert.deepStrictEqual(project(compact).index.snapshot(), project(strings).index.snapshot());
    for (const filter of [{}, { text: 'harga' }, { text: 'HARGA' }, { text: '😂' }, { text: 'kak 😍' }, { attributes: { role: 'owner' } }]) {
      assert.deepStrictEqual(codeTree(project(compact), filter, { quotes: true }), codeTree(project(strings), filter, { quotes: true }), JSON.stringify(filter));
    }
    for (const query of ['harga', 'Ongkir', 'kualitas', '😂', 'ng–', 'trust']) {
      const found = workspaceSymbols(compact, query);
      assert.deepStrictEqual(found, workspaceSymbols(strings, query), query);
    }
    // Quotes found in the bytes of a compact transcript are among them ('harga': one in ay.transcript.md).
    const harga = workspaceSymbols(compact, 'harga').filter((s) => 'range' in s.location);
    assert.deepStrictEqual([harga.length, harga.filter((s) => compactNames.includes(path.basename(s.location.uri))).length], [5, 1]);
    assert.deepStrictEqual(diagnoseWorkspace(compact), diagnoseWorkspace(strings));
  });

  it('is the same when a reader thread read the files and made their compact form', async () => {
    const threaded = await load('bytes from a reader thread');
    const compact = await load('bytes');
    const project = (w: QdaWorkspace) => [...w.projects.values()][0];
    const compactNames = (w: QdaWorkspace) => [...project(w).index.documents.values()].filter((d) => d.parsed.source.compact).map((d) => d.uri);
    assert.deepStrictEqual(compactNames(threaded), compactNames(compact));
    assert.strictEqual(compactNames(threaded).length, 4);
    assert.deepStrictEqual(project(threaded).index.snapshot(), project(compact).index.snapshot());
    assert.deepStrictEqual(codeTree(project(threaded), { text: 'kak 😍' }, { quotes: true }), codeTree(project(compact), { text: 'kak 😍' }, { quotes: true }));
    assert.deepStrictEqual(workspaceSymbols(threaded, 'harga'), workspaceSymbols(compact, 'harga'));
    assert.deepStrictEqual(diagnoseWorkspace(threaded), diagnoseWorkspace(compact));
  });
});

describe('astral characters from the compact form', () => {
  it('are those a search of the text finds', () => {
    fc.assert(
      fc.property(transcriptText, (text) => {
        const compact = compactUtf8(text, utf8(text));
        if (compact) assert.deepStrictEqual(astralOffsetsOf(compact), astralOffsets(text));
      }),
      { numRuns: 3000 },
    );
    const mostlyAscii = `a 😀 é 𝒜 b${' kata'.repeat(20)}`;
    assert.deepStrictEqual([...astralOffsetsOf(compactUtf8(mostlyAscii, utf8(mostlyAscii))!)], [2, 7]);
  });

  it('keeps only its length once released, for a reader of counts: reading the text then is a mistake, and throws', async () => {
    const files = { 'file:///w/codebook.yaml': 'trust: {}\n', 'file:///w/a.transcript.md': 'A: ya 😀 [kak]{#trust}\n' };
    const fs = new MemoryFileSystem(files);
    const released = new QdaWorkspace(fs, { keepTranscriptTexts: false });
    await released.addFolder('file:///w');
    const kept = new QdaWorkspace(fs);
    await kept.addFolder('file:///w');
    const source = released.transcript('file:///w/a.transcript.md')!.source;
    assert.strictEqual(source.released, true);
    assert.strictEqual(source.length, 23);
    assert.throws(() => source.slice(0, 2), /was not kept/);
    assert.throws(() => source.text, /was not kept/);
    assert.strictEqual(kept.transcript('file:///w/a.transcript.md')!.source.slice(0, 2), 'A:');
    // Counts and positions are the same either way.
    assert.deepStrictEqual(diagnoseWorkspace(released), diagnoseWorkspace(kept));
    assert.deepStrictEqual(projectStats(released.projects.get('file:///w')!), projectStats(kept.projects.get('file:///w')!));
  });
});
