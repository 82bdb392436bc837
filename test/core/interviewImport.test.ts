// Importing interviews from transcription tools: each format's example in sample/imports/ (written
// for these tests, in the shapes the tools write) gives exactly the transcript written out here by
// hand. Word documents are made with the `docx` library, a second writer of the format.
import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { dateFromFileName, importInterview, initials, type InterviewImportOptions } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { escapeTranscriptText } from '../../server/src/core/model/transcriptSyntax';

const imports = path.resolve(__dirname, '../../../sample/imports');

async function imported(name: string, options: InterviewImportOptions = {}) {
  const result = await importInterview(name, readFileSync(path.join(imports, name)), options, readDocxInterview);
  if ('error' in result) assert.fail(result.error);
  return result.ok;
}

/** The transcript body after the front matter and the heading. */
function body(text: string): string {
  return text.slice(text.indexOf('\n\n') + 2);
}

describe('importing interviews', () => {
  it('Zoom (WebVTT, numbered cues, "Name: text", cues with no name continue): turns, labels, timestamps, informant and interviewer', async () => {
    const result = await imported('zoom-dewi-2023-01-20.vtt', { interviewer: 'Rina Putri', speakers: { 'Dewi Fitriani': 'DF' } });
    assert.strictEqual(
      result.text,
      [
        '---',
        'informant: DF',
        'source: interview',
        'date: 2023-01-20',
        'interviewer: RP',
        'speakers:',
        '  DF: DF',
        '---',
        '# zoom-dewi-2023-01-20.vtt',
        '',
        'RP: [00:00:01] Selamat sore, Dewi. Terima kasih sudah bersedia ikut wawancara ini.',
        '',
        'DF: [00:00:06] Sama-sama, Kak. Saya senang bisa bantu.',
        '',
        'RP: [00:00:10] Toko Instagram mana yang paling sering kamu kunjungi?',
        '',
        'DF: [00:00:15] Ufaa Store. Adminnya cepat membalas DM, bahkan malam-malam. Kalau ada barang baru, mereka kirim pesan duluan ke pelanggan lama.',
        '',
        'RP: [00:00:27] Apa yang membuat kamu berani transfer duluan?',
        '',
        'DF: [00:00:32] Testimoninya banyak & asli, ada foto pembeli yang saya kenal dari kampus.',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual([result.format, result.turns, result.timedTurns, result.notes], ['webvtt', 6, 6, []]);
    // The parser reads what was written: six turns at the times of the cues, three of them quotes.
    const doc = parseTranscript(result.text);
    assert.deepStrictEqual(
      doc.turns.map((t) => [t.speaker, t.time, t.isQuote]),
      [
        ['RP', 1.2, false],
        ['DF', 6.4, true],
        ['RP', 10, false],
        ['DF', 15.3, true],
        ['RP', 27.1, false],
        ['DF', 32, true],
      ].map(([s, time, q]) => [s, Math.floor(time as number), q]),
    );
    assert.deepStrictEqual(doc.problems, []);
  });

  it('Teams (WebVTT voice tags, names "Surname, Given (Org)"): initials of the given name first, a brace kept as text', async () => {
    const result = await imported('teams-fajar.vtt');
    assert.strictEqual(
      body(result.text),
      [
        'RP: [00:00:00] Boleh ceritakan bagaimana awal jualan di Instagram?',
        '',
        'FH: [00:00:04] Awalnya dari akun pribadi, Kak. Teman-teman kuliah yang pertama beli. Lalu mereka tandai toko kami di story.',
        '',
        'RP: [00:00:13] Berapa lama sampai ada pesanan dari orang yang tidak dikenal?',
        '',
        'FH: [00:00:16] Kira-kira dua bulan. Itu pun karena \\{giveaway} pertama.',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      result.speakers.map((s) => [s.name, s.label, s.turns]),
      [
        ['Putri, Rina (Universitas Negeri Padang)', 'RP', 2],
        ['Hasan, Fajar', 'FH', 2],
      ],
    );
    assert.ok(parseTranscript(result.text).plainText.endsWith('FH: Kira-kira dua bulan. Itu pun karena {giveaway} pertama.\n'));
  });

  it('Whisper (WebVTT without hours, ids or speakers): a turn per cue, so every cue keeps its time; "Catatan:" in one cue is not a speaker', async () => {
    const result = await imported('whisper-catatan.vtt');
    assert.strictEqual(
      body(result.text),
      [
        'S: [00:00:00] Saya biasanya lihat sorotan testimoni dulu sebelum bertanya harga.',
        '',
        'S: [00:00:04] Kalau balasannya lambat, saya pindah ke toko lain.',
        '',
        'S: [00:00:09] Catatan: toko yang ramah biasanya dapat pelanggan tetap.',
        '',
      ].join('\n'),
    );
  });

  it('SRT (CRLF, commas in times, <i> tags, a literal &)', async () => {
    const result = await imported('whisper-pengiriman.srt');
    assert.strictEqual(
      body(result.text),
      [
        'S: [00:00:00] Pengiriman ke Air Tawar biasanya sehari sampai.',
        '',
        'S: [00:00:03] Ongkirnya gratis kalau belanja di atas 100 ribu & pakai kode.',
        '',
        'S: [00:01:10] Kurirnya juga kenal dengan kami.',
        '',
      ].join('\n'),
    );
    assert.strictEqual(result.format, 'srt');
  });

  it("Whisper's JSON and TSV give the same transcript", async () => {
    const expected = ['S: [00:00:00] Harga di toko itu lebih murah dari pasar.', '', 'S: [00:00:03] Apalagi kalau ada diskon akhir bulan.', ''].join('\n');
    assert.strictEqual(body((await imported('whisper-harga.json')).text), expected);
    assert.strictEqual(body((await imported('whisper-diskon.tsv')).text), expected);
  });

  it("Otter's text export (\"Name  M:SS\" headings, hours when past one, its footer left out)", async () => {
    const result = await imported('otter-dewi.txt', { speakers: { 'dewi fitriani': 'DF' } });
    assert.strictEqual(result.format, 'otter');
    assert.strictEqual(
      body(result.text),
      [
        'RP: [00:00:03] Apa yang paling kamu ingat dari belanja pertama di sana?',
        '',
        'DF: [00:00:09] Bungkusnya rapi, ada kartu ucapan tulisan tangan. Saya sampai foto dan unggah ke story.',
        '',
        'RP: [01:02:15] Terima kasih banyak, Dewi.',
        '',
      ].join('\n'),
    );
    assert.match(result.text, /^---\ninformant: DF\nsource: interview\nspeakers:\n {2}DF: DF\n---\n/);
  });

  it("oTranscribe (.otr: HTML with data-timestamp spans, whose shown time is not a word; its recording's name)", async () => {
    const result = await imported('otranscribe-yoga.otr', { interviewer: 'Peneliti' });
    assert.strictEqual(
      result.text,
      [
        '---',
        'source: interview',
        'interviewer: P',
        'media: wawancara-yoga.mp3',
        '---',
        '# otranscribe-yoga.otr',
        '',
        'P: [00:00:03] Sejak kapan kamu belanja di Warung Hijab Padang?',
        '',
        'Y: [00:00:08] Sejak semester dua. Harganya cocok & modelnya banyak. Penjualnya juga sabar.',
        '',
        'P: [00:00:15] Pernah kecewa?',
        '',
      ].join('\n'),
    );
  });

  it('plain text with "Name:" lines: a line with no name continues the turn, "Jam 10:30" is words', async () => {
    const result = await imported('ketikan-yoga.txt', { interviewer: 'peneliti' });
    assert.strictEqual(
      body(result.text),
      [
        'P: Bagaimana kamu tahu toko ini?',
        '',
        'Y: Dari teman satu kos. Dia pakai jilbab dari sana. Lalu saya ikuti akunnya.',
        '',
        'P: Pernah kecewa?',
        '',
        'Y: Sekali, warnanya beda dari foto. Jam 10:30 saya DM, sore sudah diganti.',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual([result.timedTurns, result.format], [0, 'text']);
  });

  it('Word: "Name: text" paragraphs, and a table of time, speaker and text', async () => {
    const paragraphs = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'Peneliti: ', bold: true }), new TextRun('Apa yang membuat kamu kembali?')] }),
            new Paragraph('Rahma: Barangnya selalu sesuai foto.'),
            new Paragraph('Dan kalau ada masalah, mereka cepat ganti.'),
          ],
        },
      ],
    });
    const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
    const table = new Document({
      sections: [
        {
          children: [
            new Paragraph('Wawancara 3'),
            new Table({
              rows: [
                new TableRow({ children: [cell('Waktu'), cell('Pembicara'), cell('Teks')] }),
                new TableRow({ children: [cell('00:00:02'), cell('Peneliti'), cell('Sudah lama belanja di sana?')] }),
                new TableRow({ children: [cell('00:00:05'), cell('Rahma'), cell('Hampir dua tahun.')] }),
                new TableRow({ children: [cell('1:10'), cell('Rahma'), cell('Sejak toko itu buka.')] }),
              ],
            }),
          ],
        },
      ],
    });
    const fromParagraphs = await importInterview('rahma.docx', await Packer.toBuffer(paragraphs), { interviewer: 'Peneliti' }, readDocxInterview);
    const fromTable = await importInterview('rahma-tabel.docx', await Packer.toBuffer(table), { interviewer: 'Peneliti' }, readDocxInterview);
    if ('error' in fromParagraphs || 'error' in fromTable) assert.fail('not imported');
    assert.strictEqual(body(fromParagraphs.ok.text), ['P: Apa yang membuat kamu kembali?', '', 'R: Barangnya selalu sesuai foto. Dan kalau ada masalah, mereka cepat ganti.', ''].join('\n'));
    // The line before the table and the table's header row come before the first turn: paragraphs of text, kept.
    assert.strictEqual(body(fromTable.ok.text), ['Wawancara 3', '', 'Waktu Pembicara Teks', '', 'P: [00:00:02] Sudah lama belanja di sana?', '', 'R: [00:00:05] Hampir dua tahun. Sejak toko itu buka.', ''].join('\n'));
  });

  it('gives one line, and no transcript, for a file it cannot read', async () => {
    const error = async (name: string, content: string | Uint8Array) => {
      const result = await importInterview(name, typeof content === 'string' ? new TextEncoder().encode(content) : content, {}, readDocxInterview);
      return 'error' in result ? result.error : 'imported';
    };
    assert.strictEqual(await error('a.vtt', 'not a caption file'), "a.vtt: not a WebVTT file: it does not start with 'WEBVTT'");
    assert.strictEqual(await error('a.srt', 'just words'), 'a.srt: not an SRT file: no cue with a time line like 00:00:01,000 --> 00:00:04,000');
    assert.strictEqual(await error('a.json', '{"segments": 3}'), 'a.json: not Whisper\'s JSON: there is no list of "segments"');
    assert.match(await error('a.json', '{oops'), /^a\.json: not JSON: /);
    assert.strictEqual(await error('a.tsv', 'a\tb\n1\t2\n'), "a.tsv: not Whisper's TSV: the first line should name the columns start, end and text");
    assert.strictEqual(await error('a.otr', '{"media": "x.mp3"}'), 'a.otr: not an oTranscribe file: there is no "text"');
    assert.match(await error('a.docx', 'PK not a zip'), /^a\.docx: not a Word document \(\.docx\): /);
    assert.strictEqual(await error('a.txt', new Uint8Array([0x41, 0xff, 0xfe, 0x41, 0x80])), 'a.txt: not text in UTF-8 or UTF-16');
    assert.strictEqual(await error('a.txt', '\n  \n'), 'a.txt: no words to import');
    assert.match(await error('a.mp3', 'x'), /^a\.mp3: not a format the importer reads \(WebVTT/);
    // Without a Word reader (the browser's worker), a .docx is refused with what to do instead.
    const browser = await importInterview('a.docx', new Uint8Array([80, 75]));
    assert.deepStrictEqual(browser, { error: "a.docx: Word documents are read by the desktop version of VS Code and by 'qda import'; in the browser, save it as plain text (.txt) and import that" });
  });

  it('reads UTF-16 text with its byte order mark (Windows Notepad)', async () => {
    const text = '\uFEFFPeneliti: Halo?\r\nRahma: Halo, Kak. 🙂\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) (bytes[2 * i] = text.charCodeAt(i) & 0xff), (bytes[2 * i + 1] = text.charCodeAt(i) >> 8);
    const result = await importInterview('a.txt', bytes);
    if ('error' in result) assert.fail(result.error);
    assert.strictEqual(body(result.ok.text), 'P: Halo?\n\nR: Halo, Kak. 🙂\n');
  });

  it('labels: initials, made unique; the names given on the command line that the file lacks are noted', async () => {
    assert.deepStrictEqual(['Sari Dewi', 'Smith, Tom (Org)', 'Speaker 1', 'élodie', '???'].map(initials), ['SD', 'TS', 'S1', 'É', 'S']);
    const result = await importInterview('a.txt', new TextEncoder().encode('Sari Dewi: satu\nSiti Dahlia: dua\nSari Dewi: tiga\n'), { interviewer: 'Budi', speakers: { Ani: 'AN' } });
    if ('error' in result) assert.fail(result.error);
    assert.strictEqual(body(result.ok.text), 'SD: satu\n\nSD2: dua\n\nSD: tiga\n');
    assert.deepStrictEqual(result.ok.notes, ["no speaker named 'Ani' in the file: --speaker ignored", "no speaker named 'Budi' in the file: no turn is marked as the interviewer's"]);
  });

  it('dates from file names, as Zoom and people write them', () => {
    assert.deepStrictEqual(['GMT20230115-093000_Recording.vtt', 'wawancara-2022-11-10.docx', 'x_20221231.srt', 'v2.vtt', '2023-13-01.vtt'].map(dateFromFileName), ['2023-01-15', '2022-11-10', '2022-12-31', undefined, undefined]);
  });

  it('escapes what would read as markup, and nothing inside a code span', () => {
    assert.strictEqual(escapeTranscriptText('a {#b} \\[c\\] `{#d}` \\x'), 'a \\{#b} \\\\[c\\\\] `{#d}` \\x');
    const doc = parseTranscript(`A: ${escapeTranscriptText('a {#b} \\[c\\] `{#d}` \\x')}\n`);
    assert.strictEqual(doc.plainText, 'A: a {#b} \\[c\\] `{#d}` \\x\n');
    assert.deepStrictEqual(doc.tagBlocks.length, 0);
  });
});
