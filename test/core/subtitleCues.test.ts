// WebVTT and SRT as people and tools really write them (issue 26): a bare `<`, time lines that are
// malformed or out of range, Teams' unpadded times, blank lines inside a cue, and formatting tags.
// Every word of a cue is kept; a time that cannot be read is left out, and said so in a note.
import * as assert from 'assert';
import { importInterview } from '../../server/src/core/exchange/interviewImport';

async function imported(name: string, text: string) {
  const result = await importInterview(name, new TextEncoder().encode(text));
  if ('error' in result) assert.fail(result.error);
  return { body: result.ok.text.slice(result.ok.text.indexOf('\n\n') + 2), notes: result.ok.notes, turns: result.ok.turns };
}

describe('WebVTT and SRT: every word of every cue', () => {
  it('WebVTT: a `<` that opens no known tag is text (`harga <100 ribu>`, `<3`), known tags are markup', async () => {
    const result = await imported(
      'a.vtt',
      [
        'WEBVTT',
        '',
        '00:00:01.000 --> 00:00:02.000',
        'harga <100 ribu> masih murah',
        '',
        '00:00:03.000 --> 00:00:04.000',
        'rating 4 <3 love it',
        '',
        '00:00:05.000 --> 00:00:06.000',
        '<i>kata</i> <b>tebal</b> <u>garis</u> <c.yellow>warna</c> <lang id>bahasa</lang> <ruby>漢<rt>kan</rt></ruby> satu<00:00:05.500> dua',
        '',
        '00:00:07.000 --> 00:00:08.000',
        'a<b >c <i think> ok </wwww> <vote> 2<3 & R&D &amp; &lt;tag&gt; <',
      ].join('\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), [
      'S: [00:00:01] harga <100 ribu> masih murah',
      'S: [00:00:03] rating 4 <3 love it',
      'S: [00:00:05] kata tebal garis warna bahasa 漢kan satu dua',
      'S: [00:00:07] a<b >c <i think> ok </wwww> <vote> 2<3 & R&D & <tag> <\n',
    ]);
    assert.deepStrictEqual(result.notes, []);
  });

  it('a cue whose time line is malformed keeps its words, with no time, and is noted', async () => {
    const result = await imported(
      'b.vtt',
      ['WEBVTT', '', '00:00:01.000 --> 00:00:02.000', 'Rina: satu dua', '', '00:00:04.000 -> 00:00:06.000', 'Dewi: tiga empat', '', '00:00:07.000 --> 00:00:08.000', 'Rina: lima', ''].join('\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), ['R: [00:00:01] satu dua', 'D: tiga empat', 'R: [00:00:07] lima\n']);
    assert.deepStrictEqual(result.notes, ["1 cue has a time line that cannot be read (line 6: '00:00:04.000 -> 00:00:06.000'): its words are kept, with no time"]);
  });

  it('seconds of 60 or more (a Teams-style sample) are read as the time they mean, and noted', async () => {
    const cues = ['00:00:60.000 --> 00:00:69.000', 'Speaker A: satu dua', '', '00:00:69.000 --> 00:00:75.000', 'Speaker B: tiga', '', '00:01:75.500 --> 00:01:80.000', 'Speaker A: empat'];
    const result = await imported('c.vtt', ['WEBVTT', '', ...cues, ''].join('\n'));
    assert.deepStrictEqual(result.body.split('\n\n'), ['SA: [00:01:00] satu dua', 'SB: [00:01:09] tiga', 'SA: [00:02:15] empat\n']);
    assert.deepStrictEqual(result.notes, ["3 cue times have 60 or more seconds or minutes (line 3: '00:00:60.000'): read as the time they mean (00:01:00)"]);
  });

  it('a time that overflows, or is past 100 hours, is left out: the words stay, with a note', async () => {
    const result = await imported(
      'd.vtt',
      ['WEBVTT', '', '100000000000000000000:39:44.000 --> 100000000000000000000:39:45.000', 'satu dua', '', '100:00:00.000 --> 100:00:01.000', 'tiga', '', '99:59:59.000 --> 99:59:59.500', 'empat', ''].join('\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), ['S: satu dua', 'S: tiga', 'S: [99:59:59] empat\n']);
    assert.deepStrictEqual(result.notes, ["2 cues have a time line that cannot be read (line 3: '100000000000000000000:39:44.000 --> 100000000000000000000:39:45.000'): their words are kept, with no time"]);
  });

  it("Teams' unpadded times (0:0:0.210 --> 0:0:1.130) are read", async () => {
    const result = await imported('e.vtt', ['WEBVTT', '', '0:0:0.0 --> 0:0:0.570', '<v Yuri Bakulin>There you go.</v>', '', '0:0:12.210 --> 0:0:13.130', '<v Adrian Petrescu>Why hello there, Yuri.</v>', ''].join('\n'));
    assert.deepStrictEqual(result.body.split('\n\n'), ['YB: [00:00:00] There you go.', 'AP: [00:00:12] Why hello there, Yuri.\n']);
    assert.deepStrictEqual(result.notes, []);
  });

  it('keeps the cues in the order of the file, even where a later cue starts earlier', async () => {
    const result = await imported('f.vtt', ['WEBVTT', '', '00:00:05.000 --> 00:00:06.000', 'pertama', '', '00:00:01.000 --> 00:00:02.000', 'kedua', ''].join('\n'));
    assert.deepStrictEqual(result.body.split('\n\n'), ['S: [00:00:05] pertama', 'S: [00:00:01] kedua\n']);
  });

  it('SRT: text after a blank line inside a cue belongs to that cue', async () => {
    const result = await imported(
      'g.srt',
      ['1', '00:00:01,000 --> 00:00:02,000', 'Host: There are several challenges.', '', 'Secondly, web3 is young.', '', 'Finally, scale.', '', '2', '00:00:03,000 --> 00:00:04,000', 'Guest: web3', '', '3', '00:00:05,000 --> 00:00:06,000', 'Host: Thanks.', ''].join('\r\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), ['H: [00:00:01] There are several challenges. Secondly, web3 is young. Finally, scale.', 'G: [00:00:03] web3', 'H: [00:00:05] Thanks.\n']);
  });

  it('SRT: font, s, b, i, u tags and ASS override blocks are formatting; a `<` or a brace that is no tag stays', async () => {
    const result = await imported(
      'h.srt',
      [
        '1',
        '00:00:01,000 --> 00:00:02,000',
        '<font color="#ff00ff"><i>Some italic</i> and normal. By the way, 2 < 3 !</font>',
        '',
        '2',
        '00:00:03,000 --> 00:00:04,000',
        '{\\an8}<s>coret</s> <FONT size=30 color=#ff0000>besar</FONT> <b><u>tebal</u></b> <wwww>tetap</wwww> {normal text} 2<3,5>1 <font of wisdom> &amp;',
        '',
      ].join('\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), ['S: [00:00:01] Some italic and normal. By the way, 2 < 3 !', 'S: [00:00:03] coret besar tebal <wwww>tetap</wwww> \\{normal text} 2<3,5>1 <font of wisdom> &amp;\n']);
  });

  it('WebVTT: header lines, NOTE and STYLE blocks are not words; a cue with no blank line before it is one', async () => {
    const result = await imported(
      'i.vtt',
      ['WEBVTT - judul', 'Kind: captions', '', 'NOTE catatan', 'lagi', '', 'STYLE', '::cue { color: red }', '', '1', '00:00:01.000 --> 00:00:02.000 align:start position:0%', 'satu', '00:00:03.000 --> 00:00:04.000', 'dua', '   ', 'tiga'].join('\n'),
    );
    assert.deepStrictEqual(result.body.split('\n\n'), ['S: [00:00:01] satu', 'S: [00:00:03] dua tiga\n']);
  });

  it("WhisperX's `[SPEAKER_00]: words` cues: the bracketed name is the speaker", async () => {
    const result = await imported('whisperx.vtt', ['WEBVTT', '', '00:00:01.000 --> 00:00:02.000', '[SPEAKER_00]: Halo, selamat pagi.', '', '00:00:03.000 --> 00:00:04.000', '[SPEAKER_01]: Pagi.', '', '00:00:05.000 --> 00:00:06.000', '[SPEAKER_00]: Mulai ya.', ''].join('\n'));
    assert.deepStrictEqual(result.body.split('\n\n'), ['S00: [00:00:01] Halo, selamat pagi.', 'S01: [00:00:03] Pagi.', 'S00: [00:00:05] Mulai ya.\n']);
  });
});
