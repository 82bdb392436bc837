// Hostile and awkward input to the interview importers (issue 26): times that are no time, control
// characters, a title and a date line before the first turn, `--speaker` for a name the file does
// not hold, a Word file that inflates to gigabytes. Each keeps every word, or writes nothing and
// says why in one line; what was changed is said in a note.
import * as assert from 'assert';
import { importInterview, type InterviewImportOptions } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

async function imported(name: string, content: string | Uint8Array, options: InterviewImportOptions = {}) {
  const result = await importInterview(name, typeof content === 'string' ? new TextEncoder().encode(content) : content, options);
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
});
