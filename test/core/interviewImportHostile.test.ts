// Hostile and awkward input to the interview importers (issue 26): times that are no time, control
// characters, a title and a date line before the first turn, `--speaker` for a name the file does
// not hold, a Word file that inflates to gigabytes. Each keeps every word, or writes nothing and
// says why in one line; what was changed is said in a note.
import * as assert from 'assert';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { unzipSync, zipSync } from 'fflate';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { importInterview, type InterviewImportOptions } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

async function imported(name: string, content: string | Uint8Array, options: InterviewImportOptions = {}) {
  const result = await importInterview(name, typeof content === 'string' ? new TextEncoder().encode(content) : content, options, readDocxInterview);
  if ('error' in result) assert.fail(result.error);
  return { ...result.ok, body: result.ok.text.slice(result.ok.text.indexOf('\n\n') + 2) };
}

describe('interview import: hostile input', () => {
  it("a time that is not finite, negative or past 100 hours is left out, and noted: Whisper's start of 1e400", async () => {
    const json = '{"segments": [{"start": 1e400, "text": " satu dua"}, {"start": -5, "text": " tiga"}, {"start": 360000, "text": " empat"}, {"start": 359999.5, "text": " lima"}]}';
    const result = await imported('a.json', json);
    assert.deepStrictEqual(result.body.split('\n\n'), ['S: satu dua', 'S: tiga', 'S: empat', 'S: [99:59:59] lima\n']);
    assert.deepStrictEqual(result.notes, ['3 times are not between 0 and 100 hours (the first: Infinity seconds): their words are kept, with no time']);
    const tsv = await imported('b.tsv', 'start\tend\ttext\n1e400\t2000\tsatu\n1000\t2000\tdua\n');
    assert.deepStrictEqual([tsv.body, tsv.notes], ['S: satu\n\nS: [00:00:01] dua\n', ['1 time is not between 0 and 100 hours (the first: Infinity seconds): its words are kept, with no time']]);
    const otr = await imported('c.otr', JSON.stringify({ text: '<p><span data-timestamp="1e20">x</span> Rina: halo</p><p><span data-timestamp="3">0:03</span> Dewi: hai</p><p>Rina: lagi</p>' }));
    assert.deepStrictEqual([otr.body, otr.notes], ['R: halo\n\nD: [00:00:03] hai\n\nR: lagi\n', ['1 time is not between 0 and 100 hours (the first: 100000000000000000000 seconds): its words are kept, with no time']]);
  });

  it('control characters and lone surrogates are replaced, with a note: the transcript is text', async () => {
    const result = await imported('a.txt', 'Rina: ha\u0000lo\u0007 kak\u001b\u007f\u000bdua\u000chalaman\n');
    assert.strictEqual(result.body, 'R: ha\uFFFDlo\uFFFD kak\uFFFD\uFFFD dua halaman\n');
    assert.deepStrictEqual(result.notes, ['6 control characters (the first: U+0000) are replaced by U+FFFD (a vertical tab or form feed by a space)']);
    // From JSON's escapes and WebVTT's character references too.
    const json = await imported('b.json', '{"segments": [{"start": 0, "text": "a\\u0000b \\ud800c \\udc00"}]}');
    assert.deepStrictEqual([json.body, json.notes.length], ['S: [00:00:00] a\uFFFDb \uFFFDc \uFFFD\n', 1]);
    const vtt = await imported('c.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na&#7;b &#0; &#55296;\n');
    assert.deepStrictEqual([vtt.body, vtt.notes.length], ['S: [00:00:01] a\uFFFDb \uFFFD \uFFFD\n', 1]);
    for (const text of [result.text, json.text, vtt.text]) {
      assert.doesNotMatch(text, /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]|[\uD800-\uDFFF]/);
      assert.deepStrictEqual(parseTranscript(text).problems.filter((p) => p.severity === 'error'), []);
    }
  });

  it('Word: a title and a date line before the first turn stay paragraphs of text, not speakers; headings and lists keep their words', async () => {
    const word = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Wawancara dengan Dewi', heading: HeadingLevel.HEADING_1 }),
            new Paragraph('Tanggal: 10 November 2022'),
            new Paragraph('Tempat: Padang, Sumatera Barat'),
            new Paragraph('Rina: Sejak kapan belanja di sana?'),
            new Paragraph('Dewi: Sejak 2019.'),
            new Paragraph({ text: 'Bagian dua', heading: HeadingLevel.HEADING_2 }),
            new Paragraph('Rina: Apa yang dibeli?'),
            new Paragraph({ text: 'jilbab', bullet: { level: 0 } }),
            new Paragraph({ text: 'tas', bullet: { level: 1 } }),
            new Paragraph('Dewi: Itu saja.'),
          ],
        },
      ],
    });
    const result = await imported('dewi.docx', await Packer.toBuffer(word));
    assert.deepStrictEqual(result.body.split('\n\n'), [
      'Wawancara dengan Dewi',
      // One space before it: a line `Tanggal: …` would start a turn.
      ' Tanggal: 10 November 2022',
      ' Tempat: Padang, Sumatera Barat',
      'R: Sejak kapan belanja di sana?',
      'D: Sejak 2019.',
      'Bagian dua',
      'R: Apa yang dibeli? jilbab tas',
      'D: Itu saja.\n',
    ]);
    assert.deepStrictEqual(result.speakers.map((s) => s.name), ['Rina', 'Dewi']);
    const doc = parseTranscript(result.text);
    assert.deepStrictEqual(doc.turns.map((t) => t.speaker), ['R', 'D', 'R', 'D']);
    assert.ok(doc.plainText.includes('\nWawancara dengan Dewi\n\n Tanggal: 10 November 2022\n\n Tempat: Padang, Sumatera Barat\n\nR: Sejak'));
  });

  it('plain text: the same rule; a label before the first turn is a speaker when it speaks again, or is named by --speaker or --interviewer', async () => {
    const text = 'Wawancara 3\nTanggal: 10 November 2022\nRina: halo\nDewi: hai\nRina: lagi\n';
    assert.deepStrictEqual((await imported('a.txt', text)).body.split('\n\n'), ['Wawancara 3', ' Tanggal: 10 November 2022', 'R: halo', 'D: hai', 'R: lagi\n']);
    const mapped = await imported('a.txt', text, { speakers: { Tanggal: 'TG' } });
    assert.deepStrictEqual(mapped.body.split('\n\n'), ['Wawancara 3', 'TG: 10 November 2022', 'R: halo', 'D: hai', 'R: lagi\n']);
    // Nobody speaks twice (one question, one answer): the first label starts the turns.
    assert.deepStrictEqual((await imported('b.txt', 'Catatan lapangan\nRina: Boleh tanya?\nDewi: Boleh.\n')).body.split('\n\n'), ['Catatan lapangan', 'R: Boleh tanya?', 'D: Boleh.\n']);
    // A time before the first label starts the turns: the line is the recording's.
    assert.deepStrictEqual((await imported('c.txt', '[00:00:05] pembukaan\nRina: halo\nRina: lagi\n')).body.split('\n\n'), ['S: [00:00:05] pembukaan', 'R: halo lagi\n']);
  });

  it("plain text whose first line ends in a time (\"Wawancara Dewi 10:30\") is typed text, not Otter's export", async () => {
    const result = await imported('a.txt', 'Wawancara Dewi 10:30\nRina: halo\nDewi: hai\nRina: lagi\n');
    assert.deepStrictEqual([result.format, result.body.split('\n\n')], ['text', ['Wawancara Dewi 10:30', 'R: halo', 'D: hai', 'R: lagi\n']]);
  });

  it("Word: a table's header row is kept as a paragraph; a first row whose speaker speaks again is a turn", async () => {
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
    const withHeader = new Document({ sections: [{ children: [new Table({ rows: [row('Pembicara', 'Teks'), row('Rina', 'Halo'), row('Dewi', 'Hai'), row('Rina', 'Lagi')] })] }] });
    assert.deepStrictEqual((await imported('a.docx', await Packer.toBuffer(withHeader))).body.split('\n\n'), ['Pembicara Teks', 'R: Halo', 'D: Hai', 'R: Lagi\n']);
    const noHeader = new Document({ sections: [{ children: [new Table({ rows: [row('Rina', 'Selamat pagi'), row('Dewi', 'Pagi'), row('Rina', 'Mulai')] })] }] });
    assert.deepStrictEqual((await imported('b.docx', await Packer.toBuffer(noHeader))).body.split('\n\n'), ['R: Selamat pagi', 'D: Pagi', 'R: Mulai\n']);
  });

  it('Word: a .docx that unpacks to far more than its size (a zip bomb), or to more than it says, is refused before it is unpacked', async () => {
    // A real interview's document.xml whose one paragraph is 12 MB of one word: it packs 1,000 times.
    const entries = unzipSync(new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Rina: ISI')] }] }))));
    const xml = new TextDecoder().decode(entries['word/document.xml']);
    entries['word/document.xml'] = new TextEncoder().encode(xml.replace('ISI', 'kata '.repeat(2_400_000)));
    const bomb = zipSync(entries, { level: 9 });
    const error = async (bytes: Uint8Array) => {
      const result = await importInterview('bom.docx', bytes, {}, readDocxInterview);
      return 'error' in result ? result.error : `imported: ${result.ok.turns} turns`;
    };
    assert.strictEqual(await error(bomb), 'bom.docx: refused: word/document.xml unpacks to more than 200 times its size (a zip bomb?)');
    // The same, its directory saying it unpacks to 1,000 bytes (so no ratio shows): refused as it unpacks.
    const lying = patchUnpackedSize(bomb, 'word/document.xml', 1000);
    assert.strictEqual(await error(lying), 'bom.docx: refused: word/document.xml unpacks to more than the 1000 bytes its archive says (a zip bomb?)');
    // The document as it was is read.
    entries['word/document.xml'] = new TextEncoder().encode(xml.replace('ISI', 'halo'));
    assert.strictEqual(await error(zipSync(entries)), 'imported: 1 turns');
  });
});

/** A zip with one entry's unpacked size (in its local header and its directory entry) set to `size`. */
function patchUnpackedSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const nameBytes = new TextEncoder().encode(name);
  const nameAt = (at: number) => nameBytes.every((b, i) => copy[at + i] === b);
  let patched = 0;
  for (let at = 0; at + 46 < copy.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50 && view.getUint16(at + 26, true) === nameBytes.length && nameAt(at + 30)) (view.setUint32(at + 22, size, true), patched++);
    if (signature === 0x02014b50 && view.getUint16(at + 28, true) === nameBytes.length && nameAt(at + 46)) (view.setUint32(at + 24, size, true), patched++);
  }
  assert.strictEqual(patched, 2);
  return copy;
}
