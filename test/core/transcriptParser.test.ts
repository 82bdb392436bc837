import * as assert from 'assert';
import { codedText } from '../../server/src/core/analyses/codeTree';
import { parseTranscript, type ParsedTranscript } from '../../server/src/core/model/transcriptParser';
import { fixture, r } from '../helpers/fixture';

function codings(doc: ParsedTranscript) {
  return doc.codings.map((c) => ({ code: c.code, scope: c.scope, text: codedText(doc, c), range: r(c.textRange) }));
}

function problems(doc: ParsedTranscript) {
  return doc.problems.map((p) => `${p.code} ${r(p.range)}`);
}

describe('transcript parser', () => {
  describe('turns and quotes', () => {
    it('reads speaker turns; a quote is a turn by anyone but the interviewer', () => {
      const f = fixture('---\ninterviewer: P\n---\n⟦P⟧: Sudah berapa lama jualan?\n\n⟦A⟧: ⟦Sejak 2019,\nwaktu masih kuliah.⟧\n⟦P⟧: Oke.');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(
        doc.turns.map((t) => [t.speaker, t.isQuote, r(t.speakerRange)]),
        [
          ['P', false, r(f.ranges[0])],
          ['A', true, r(f.ranges[1])],
          ['P', false, r(f.ranges[3])],
        ],
      );
      assert.strictEqual(r(doc.turns[1].contentRange), r(f.ranges[2]));
      assert.deepStrictEqual(problems(doc), []);
    });

    it('maps labels to informants through the speakers map', () => {
      const doc = parseTranscript('---\nspeakers: {R: SR, R2: AY}\n---\nR: satu\nR2: dua\nX: tiga\n');
      assert.deepStrictEqual(
        doc.turns.map((t) => [t.speaker, doc.mappedInformant(t)]),
        [
          ['R', 'SR'],
          ['R2', 'AY'],
          ['X', undefined],
        ],
      );
    });

    it('starts a turn only at a label at the start of a line followed by white space', () => {
      const doc = parseTranscript('Jam 10:30 kami buka.\nhttp://contoh.id\n  A: bukan label\nA.B-c_1: label\nA:\n');
      assert.deepStrictEqual(
        doc.turns.map((t) => t.speaker),
        ['A.B-c_1', 'A'],
      );
    });

    it('ends a turn at a blank line, the next label, a heading or a fence', () => {
      const doc = parseTranscript('A: satu\nlanjut\n## Bagian 2\nB: dua\n```\nC: kode\n```\nD: tiga');
      assert.deepStrictEqual(
        doc.turns.map((t) => [t.speaker, r(t.range)]),
        [
          ['A', '0:0-1:6'],
          ['B', '3:0-3:6'],
          ['D', '7:0-7:7'],
        ],
      );
    });
  });

  describe('tag blocks and coded spans', () => {
    it('codes a bracketed span with the tag block right after it', () => {
      const f = fixture('A: Saya suka [⟦barangnya sesuai foto⟧]{#trust/quality}.');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(codings(doc), [{ code: 'trust/quality', scope: 'span', text: 'barangnya sesuai foto', range: r(f.ranges[0]) }]);
      assert.strictEqual(doc.plainText, 'A: Saya suka barangnya sesuai foto.');
    });

    it('codes the whole turn with a tag block anywhere else, without surrounding white space', () => {
      const f = fixture('A: ⟦Balasnya cepat,\n  pagi pun dijawab.⟧ {#convenience/fast-response #engagement}\nB: lain');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(codings(doc), [
        { code: 'convenience/fast-response', scope: 'turn', text: 'Balasnya cepat,\n  pagi pun dijawab.', range: r(f.ranges[0]) },
        { code: 'engagement', scope: 'turn', text: 'Balasnya cepat,\n  pagi pun dijawab.', range: r(f.ranges[0]) },
      ]);
    });

    it('codes a paragraph outside turns', () => {
      const f = fixture('# Observasi\n\n⟦Toko ramai saat diskon.⟧ {#price/discount}\n');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(codings(doc), [{ code: 'price/discount', scope: 'paragraph', text: 'Toko ramai saat diskon.', range: r(f.ranges[0]) }]);
    });

    it('nests spans', () => {
      const f = fixture('A: [⟦a [⟦b⟧]{#x} c⟧]{#y}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(codings(doc), [
        { code: 'x', scope: 'span', text: 'b', range: r(f.ranges[1]) },
        { code: 'y', scope: 'span', text: 'a b c', range: r(f.ranges[0]) },
      ]);
      assert.strictEqual(doc.plainText, 'A: a b c');
    });

    it('keeps brackets without a tag block as text, also inside a coded span', () => {
      const doc = parseTranscript('A: [harganya [inaudible] murah]{#price/low-price} [tertawa]');
      assert.deepStrictEqual(codings(doc).map((c) => c.text), ['harganya [inaudible] murah']);
      assert.strictEqual(doc.plainText, 'A: harganya [inaudible] murah [tertawa]');
      assert.deepStrictEqual(problems(doc), []);
    });

    it('leaves hashtags and mentions outside tag blocks as text', () => {
      const text = 'A: Follow @olshop_gtj dan pakai #diskon11 #promo ya {#networks/follow}';
      const doc = parseTranscript(text);
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['networks/follow']);
      assert.strictEqual(doc.plainText, 'A: Follow @olshop_gtj dan pakai #diskon11 #promo ya');
      assert.deepStrictEqual(problems(doc), []);
    });

    it('reads memos, with escaped braces, and the reviewed mark', () => {
      const f = fixture('A: [ok]{#trust | ⟦nada ragu \\} cek⟧}\nB: hmm {-}\nC: ya {- | tidak relevan}');
      const doc = parseTranscript(f.text);
      assert.strictEqual(doc.tagBlocks[0].memo?.text, 'nada ragu } cek');
      assert.strictEqual(r(doc.tagBlocks[0].memo!.range), r(f.ranges[0]));
      assert.strictEqual(doc.codings[0].memo, 'nada ragu } cek');
      assert.deepStrictEqual(
        doc.tagBlocks.map((b) => [b.reviewed, b.codes.length, b.turn]),
        [
          [false, 1, 0],
          [true, 0, 1],
          [true, 0, 2],
        ],
      );
      assert.strictEqual(doc.plainText, 'A: ok\nB: hmm\nC: ya');
    });

    it('counts the spaces before a turn tag block as part of its markup', () => {
      const doc = parseTranscript('A: satu {#a} dua\t {#b}\n  {#c}tiga [x] {#d}');
      assert.strictEqual(doc.plainText, 'A: satu dua\ntiga [x]');
      assert.deepStrictEqual(
        doc.tagBlocks.map((b) => r(b.range)),
        ['0:8-0:12', '0:18-0:22', '1:2-1:6', '1:15-1:19'],
      );
    });

    it('treats escaped brackets and braces as text', () => {
      const doc = parseTranscript('A: \\[bukan\\]\\{#kode} dan \\{#juga\\} \\\\ selesai');
      assert.deepStrictEqual(doc.codings, []);
      assert.deepStrictEqual(doc.tagBlocks, []);
      assert.strictEqual(doc.plainText, 'A: [bukan]{#kode} dan {#juga} \\ selesai');
      // Escaping the brackets alone leaves a tag block, which then codes the whole turn.
      assert.deepStrictEqual(codings(parseTranscript('A: \\[x\\]{#kode}')).map((c) => [c.scope, c.text]), [['turn', '[x]']]);
    });

    it('parses nothing inside code spans and fences', () => {
      const doc = parseTranscript('A: contoh `[x]{#a}` dan ``{#b}`` selesai {#c}\n\n~~~\nB: [y]{#d}\n~~~\n');
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['c']);
      assert.deepStrictEqual(doc.turns.map((t) => t.speaker), ['A']);
    });

    it('allows several codes separated by spaces or commas, and a block over several lines', () => {
      const doc = parseTranscript('A: teks {#a, #b\n  #c | catatan\n  panjang}');
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['a', 'b', 'c']);
      assert.strictEqual(doc.codings[0].memo, 'catatan\n  panjang');
    });

    it('accepts Unicode letters in code paths', () => {
      const doc = parseTranscript('A: x {#kepercayaan/jaminan_mutu-2 #çà/ñ #信頼}');
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['kepercayaan/jaminan_mutu-2', 'çà/ñ', '信頼']);
    });

    it('parses a tag block at the end of a file with no newline', () => {
      const f = fixture('A: ⟦terakhir⟧ ⟦{#trust}⟧');
      const doc = parseTranscript(f.text);
      assert.strictEqual(r(doc.codings[0].textRange), r(f.ranges[0]));
      assert.strictEqual(r(doc.codings[0].tagRange), r(f.ranges[1]));
      assert.strictEqual(doc.plainText, 'A: terakhir');
    });
  });

  describe('crossing spans', () => {
    it('reads a labelled span [id>…<id]{#code} across other spans, with every coding on exactly its text', () => {
      // Columns counted by hand: line 0 `[1>` at 9, `<1]` at 29, the closing `]` at 50; line 1 `[a>` at 3, `[b>` at 11, `<a]` at 17, `<b]` at 29.
      const doc = parseTranscript('SR: Saya [1>suka harga [murah<1]{#price} dan cepat]{#speed} ya.\nA: [a>satu [b>dua<a]{#x} tiga<b]{#y}');
      assert.deepStrictEqual(codings(doc), [
        { code: 'price', scope: 'span', text: 'suka harga murah', range: '0:12-0:29' },
        { code: 'speed', scope: 'span', text: 'murah dan cepat', range: '0:24-0:50' },
        { code: 'x', scope: 'span', text: 'satu dua', range: '1:6-1:17' },
        { code: 'y', scope: 'span', text: 'dua tiga', range: '1:14-1:29' },
      ]);
      assert.strictEqual(doc.plainText, 'SR: Saya suka harga murah dan cepat ya.\nA: satu dua tiga');
      assert.deepStrictEqual(problems(doc), []);
    });

    it('leaves older text as it was: a [1> with no <1] after it is a bracket, a <b] with no [b> is text', () => {
      const doc = parseTranscript('A: [1>lama]{#a} dan [harga <murah]{#b} [c>tanpa tutup\n');
      assert.deepStrictEqual(codings(doc).map((c) => [c.code, c.text]), [
        ['a', '1>lama'],
        ['b', 'harga <murah'],
      ]);
      assert.strictEqual(doc.plainText, 'A: 1>lama dan harga <murah [c>tanpa tutup\n');
    });

    it('pairs labels within one block: a <1] in the next paragraph closes nothing', () => {
      const doc = parseTranscript('A: [1>satu\n\nB: dua<1]{#a}\n');
      assert.deepStrictEqual(codings(doc), []);
      assert.deepStrictEqual(problems(doc).map((p) => p.split(' ')[0]), ['unmatched-bracket']);
      assert.strictEqual(doc.plainText, 'A: [1>satu\n\nB: dua<1]\n');
    });
  });

  describe('timestamps', () => {
    it('reads a timestamp right after a label as the turn\'s start, out of the turn\'s text and the plain text', () => {
      const f = fixture('P: ⟦[00:01:05]⟧ Boleh cerita?\nSR: ⟦[1:02:03.5]⟧\t⟦Bisa, Kak.⟧ {#a}\nA: ⟦[75:12,25]⟧ ⟦lanjut⟧\nB: ⟦[00:12]{#a} kata⟧\nC: ⟦kata [00:00:09]⟧');
      const doc = parseTranscript(f.text);
      const stamp = (span: { start: number; end: number } | undefined) => span && r(doc.lines.rangeOf(span));
      assert.deepStrictEqual(
        doc.turns.map((t) => [t.speaker, t.time, stamp(t.timestampSpan)]),
        [
          ['P', 65, r(f.ranges[0])],
          ['SR', 3723.5, r(f.ranges[1])],
          ['A', 4512.25, r(f.ranges[3])],
          ['B', undefined, undefined],
          ['C', undefined, undefined],
        ],
      );
      assert.deepStrictEqual([0, 1, 2, 3, 4].map((t) => doc.timeOf(t)), [65, 3723.5, 4512.25, undefined, undefined]);
      // The turn-level coding codes the words after the timestamp.
      assert.deepStrictEqual(codings(doc)[0], { code: 'a', scope: 'turn', text: 'Bisa, Kak.', range: r(f.ranges[2]) });
      assert.deepStrictEqual([2, 3, 4].map((t) => r(doc.turns[t].contentRange)), [r(f.ranges[4]), r(f.ranges[5]), r(f.ranges[6])]);
      assert.strictEqual(doc.plainText, 'P: Boleh cerita?\nSR: Bisa, Kak.\nA: lanjut\nB: 00:12 kata\nC: kata [00:00:09]');
      assert.deepStrictEqual(problems(doc), []);
    });

    it('is text where it is not a time, or not at a turn\'s start', () => {
      const doc = parseTranscript('A: [00:61]\nB: [1:60:00] x\nC: [00:00:01 x\n[00:00:02] D: y\nE:[00:00:03]\n');
      assert.deepStrictEqual(doc.turns.map((t) => t.time), [undefined, undefined, undefined]);
      assert.strictEqual(doc.plainText, 'A: [00:61]\nB: [1:60:00] x\nC: [00:00:01 x\n[00:00:02] D: y\nE:[00:00:03]\n');
    });

    it('warns about a turn that starts before the turn above it', () => {
      const f = fixture('A: [00:02:00] satu\nB: ⟦[00:01:00]⟧ dua\nA: [00:03:00] tiga\n');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [`timestamp-out-of-order ${r(f.ranges[0])}`]);
      assert.strictEqual(doc.problems[0].message, 'This turn starts at 00:01:00, before the turn above it (00:02:00).');
    });
  });

  describe('problems', () => {
    it('reports an empty tag block', () => {
      const f = fixture('A: ya ⟦{}⟧ dan ⟦{ | memo}⟧');
      assert.deepStrictEqual(problems(parseTranscript(f.text)), [`empty-tag-block ${r(f.ranges[0])}`, `empty-tag-block ${r(f.ranges[1])}`]);
    });

    it('reports an unterminated tag block and reads on after it', () => {
      const f = fixture('A: ⟦{#trust sampai akhir⟧\nB: [x]{#y}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [`unterminated-tag-block ${r(f.ranges[0])}`]);
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['y']);
      assert.strictEqual(doc.plainText, 'A: {#trust sampai akhir\nB: x');
    });

    it('reports a tag block after a bracket with no opening bracket', () => {
      const f = fixture('A: teks⟦]⟧{#trust}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [`unmatched-bracket ${r(f.ranges[0])}`]);
      assert.deepStrictEqual(doc.codings, []);
      assert.deepStrictEqual(doc.tagBlocks.map((b) => b.codes.map((c) => c.path)), [['trust']]);
    });

    it('reports invalid code paths, empty codes and stray text', () => {
      const f = fixture('A: x {⟦#trust/⟧ ⟦#⟧ ⟦kata⟧ #ok ⟦#a.b⟧}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [
        `invalid-code-path ${r(f.ranges[0])}`,
        `empty-code ${r(f.ranges[1])}`,
        `tag-block-unexpected-text ${r(f.ranges[2])}`,
        `invalid-code-path ${r(f.ranges[3])}`,
      ]);
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['ok']);
    });

    it('reports a reviewed mark mixed with codes, and a code twice in a block', () => {
      const f = fixture('A: x ⟦{- #a}⟧ y {#a ⟦#a⟧}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [`reviewed-with-codes ${r(f.ranges[0])}`, `duplicate-code-in-block ${r(f.ranges[1])}`]);
      assert.deepStrictEqual(doc.codings.map((c) => c.code), ['a', 'a']);
    });

    it('reports front matter that is not closed, and reads it up to the first blank line', () => {
      const doc = parseTranscript('---\ninformant: SR\n\nSR: teks {#a}\n');
      assert.deepStrictEqual(problems(doc), ['front-matter-unterminated 0:0-0:3']);
      assert.strictEqual(doc.frontMatter?.informant?.value, 'SR');
      assert.deepStrictEqual(doc.turns.map((t) => t.speaker), ['SR']);
    });

    it('reports invalid front matter YAML at its position', () => {
      const f = fixture('---\ninformant: SR\nspeakers: {R: SR}⟦}⟧\n---\nSR: teks\n');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), [`front-matter-yaml ${r(f.ranges[0])}`]);
      assert.deepStrictEqual(doc.turns.map((t) => t.speaker), ['SR']);
    });

    it('reports invalid front matter values', () => {
      const f = fixture('---\nsource: ⟦wawancara⟧\nspeakers: ⟦[R]⟧\ninformant: ⟦{a: 1}⟧\n---\n');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(problems(doc), f.ranges.map((range) => `front-matter-invalid ${r(range)}`));
    });

    it('reports front matter that is not a map', () => {
      assert.deepStrictEqual(problems(parseTranscript('---\n- a\n- b\n---\nteks')), ['front-matter-invalid 1:0-3:0']);
    });
  });

  describe('front matter', () => {
    it('reads the known keys with their ranges and keeps the others as attributes', () => {
      const f = fixture('---\ninformant: ⟦SR⟧\nsource: ⟦interview⟧\ndate: ⟦2023-01-01⟧\ninterviewer: ⟦P⟧\nspeakers:\n  ⟦R⟧: ⟦SR⟧\nlokasi: Air Tawar Barat\ndurasi: 75\n---\n');
      const doc = parseTranscript(f.text);
      const fm = doc.frontMatter!;
      assert.deepStrictEqual(
        [fm.informant, fm.source, fm.date, fm.interviewer].map((v) => [v?.value, r(v!.range)]),
        [
          ['SR', r(f.ranges[0])],
          ['interview', r(f.ranges[1])],
          ['2023-01-01', r(f.ranges[2])],
          ['P', r(f.ranges[3])],
        ],
      );
      assert.deepStrictEqual(fm.speakers.map((s) => [s.label, r(s.labelRange), s.informant, r(s.informantRange)]), [['R', r(f.ranges[4]), 'SR', r(f.ranges[5])]]);
      assert.deepStrictEqual(fm.attributes, { lokasi: 'Air Tawar Barat', durasi: 75 });
      const lists = parseTranscript('---\ntags: [a, b]\nplace:\n  kota: Padang\n---\n').frontMatter!;
      assert.deepStrictEqual(lists.attributes, { tags: '[a, b]', place: 'kota: Padang' });
      assert.deepStrictEqual(problems(doc), []);
      assert.strictEqual(doc.plainText, '');
    });
  });

  describe('exact positions', () => {
    it('counts CRLF line ends like the editor and keeps them in the plain text', () => {
      const f = fixture('---\r\ninformant: SR\r\n---\r\nP: tanya\r\n\r\nSR: [⟦jawab⟧]{#a}\r\n  lagi ⟦{#b}⟧\r\n');
      const doc = parseTranscript(f.text);
      assert.strictEqual(r(doc.codings[0].textRange), r(f.ranges[0]));
      assert.strictEqual(r(doc.codings[1].tagRange), r(f.ranges[1]));
      assert.strictEqual(doc.plainText, 'P: tanya\r\n\r\nSR: jawab\r\n  lagi\r\n');
      assert.strictEqual(codedText(doc, doc.codings[1]), 'jawab\r\n  lagi');
    });

    it('reads front matter after a byte order mark and leaves the mark out of the plain text', () => {
      const f = fixture('\uFEFF---\ninformant: ⟦SR⟧\n---\nSR: [⟦ya⟧]{#a}');
      const doc = parseTranscript(f.text);
      assert.strictEqual(r(doc.frontMatter!.informant!.range), r(f.ranges[0]));
      assert.strictEqual(r(doc.codings[0].textRange), r(f.ranges[1]));
      assert.strictEqual(doc.plainText, 'SR: ya');
    });

    it('never places a position between the two characters of a CRLF line end', () => {
      // Found by the property test: the YAML library pointed one past the unterminated front matter.
      const doc = parseTranscript('---\n[```\n\r\n');
      for (const problem of doc.problems) assert.ok(problem.range.end.line < 2 || problem.range.end.character === 0, r(problem.range));
    });

    it('reads a label on the first line after a byte order mark', () => {
      const f = fixture('\uFEFF⟦SR⟧: ⟦ya⟧ {#a}');
      const doc = parseTranscript(f.text);
      assert.deepStrictEqual(doc.turns.map((t) => [t.speaker, r(t.speakerRange)]), [['SR', r(f.ranges[0])]]);
      assert.strictEqual(r(doc.codings[0].textRange), r(f.ranges[1]));
    });

    it('counts a tab as one column', () => {
      const f = fixture('A:\t\t[⟦te\tks⟧]{#a}');
      const doc = parseTranscript(f.text);
      assert.strictEqual(r(doc.codings[0].textRange), r(f.ranges[0]));
      assert.strictEqual(doc.codings[0].textRange.start.character, 5);
    });

    it('counts astral characters as two UTF-16 columns and one code point', () => {
      const f = fixture('A: 😀𝒜 [⟦suka 👍🏽 banget⟧]{#engagement/enthusiasm} {⟦#😀⟧}');
      const doc = parseTranscript(f.text);
      const coding = doc.codings[0];
      assert.strictEqual(r(coding.textRange), r(f.ranges[0]));
      assert.strictEqual(coding.textRange.start.character, 9); // "A: " 3, 😀 2, 𝒜 2, " [" 2
      assert.strictEqual(coding.plainStart, 6); // "A: " 3, 😀 1, 𝒜 1, " " 1
      assert.strictEqual(coding.plainEnd - coding.plainStart, [...'suka 👍🏽 banget'].length);
      assert.strictEqual(codedText(doc, coding), 'suka 👍🏽 banget');
      assert.deepStrictEqual(problems(doc), [`invalid-code-path ${r(f.ranges[1])}`]);
    });
  });
});
