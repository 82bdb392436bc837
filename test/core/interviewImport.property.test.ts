// Nothing is lost on import: for generated interviews written in each format the way its tool
// writes it, every word is in the imported transcript's plain text (as the parser reads it), in
// order, and nothing else is. The words include what could read as markup: braces, brackets,
// backslashes, backticks, `&`, `<`, emoji, times.
import * as assert from 'assert';
import fc from 'fast-check';
import { Document, Packer, Paragraph } from 'docx';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { importInterview } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

interface Segment {
  speaker: string;
  start: number;
  text: string;
}

const word = fc.constantFrom('saya', 'Kak,', 'murah.', '{#kode}', '{-}', '[tertawa]', '\\[', 'a\\b', '`kode`', '`', '&', '<3', '&amp;', 'é', '😀', '10:30', '#promo', '@toko', '}', '"kutip"', '[00:01:02]', 'x>y');
const text = fc.array(word, { minLength: 1, maxLength: 7 }).map((w) => w.join(' '));
const names = ['Rina Putri', 'Dewi Fitriani', 'Hasan, Fajar'];
const interview = fc
  .array(fc.tuple(fc.constantFrom(...names), fc.integer({ min: 0, max: 90 }), text), { minLength: 1, maxLength: 8 })
  .map((rows) => {
    let at = 0;
    return rows.map(([speaker, gap, words]): Segment => ({ speaker, start: (at += gap), text: words }));
  });

const clock = (s: number, separator = '.') => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}${separator}000`;
const escapeMarkup = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Each format as its tool writes it (written here, independently of the readers). */
const writers: Record<string, (segments: Segment[]) => string | Promise<Uint8Array>> = {
  'zoom.vtt': (s) => `WEBVTT\n\n${s.map((x, i) => `${i + 1}\n${clock(x.start)} --> ${clock(x.start + 1)}\n${x.speaker}: ${escapeMarkup(x.text)}\n`).join('\n')}`,
  'teams.vtt': (s) => `WEBVTT\n\n${s.map((x, i) => `id-${i}/0\n${clock(x.start)} --> ${clock(x.start + 1)}\n<v ${x.speaker}>${escapeMarkup(x.text)}</v>\n`).join('\n')}`,
  'whisper.vtt': (s) => `WEBVTT\n\n${s.map((x) => `${clock(x.start).slice(3)} --> ${clock(x.start + 1).slice(3)}\n ${escapeMarkup(x.text)}\n`).join('\n')}`,
  'whisper.srt': (s) => s.map((x, i) => `${i + 1}\r\n${clock(x.start, ',')} --> ${clock(x.start + 1, ',')}\r\n${x.text}\r\n`).join('\r\n'),
  'whisper.json': (s) => JSON.stringify({ text: s.map((x) => x.text).join(' '), segments: s.map((x, id) => ({ id, start: x.start, end: x.start + 1, text: ` ${x.text}` })), language: 'id' }),
  'whisper.tsv': (s) => `start\tend\ttext\n${s.map((x) => `${x.start * 1000}\t${x.start * 1000 + 1000}\t${x.text}\n`).join('')}`,
  'otter.txt': (s) => s.map((x) => `${x.speaker}  ${Math.floor(x.start / 60)}:${String(x.start % 60).padStart(2, '0')}\n${x.text}\n`).join('\n') + '\n\nTranscribed by https://otter.ai\n',
  'transcribe.otr': (s) => JSON.stringify({ text: s.map((x) => `<p><span class="timestamp" data-timestamp="${x.start}">${x.start}</span> ${x.speaker}: ${escapeMarkup(x.text)}</p>`).join(''), media: 'a.mp3' }),
  'typed.txt': (s) => s.map((x) => `${x.speaker}: ${x.text}\n`).join(''),
  'typed.docx': async (s) => Packer.toBuffer(new Document({ sections: [{ children: s.map((x) => new Paragraph(`${x.speaker}: ${x.text}`)) }] })),
};

/** The words of a transcript's turns, read back by the parser: its plain text without labels and heading. */
function wordsOfTranscript(transcript: string): string[] {
  const doc = parseTranscript(transcript);
  assert.deepStrictEqual(doc.problems.filter((p) => p.severity === 'error'), []);
  // Each turn is one line `LABEL: words` in the plain text (the timestamp is markup).
  return doc.plainText
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .map((line) => line.replace(/^[\p{L}\p{M}\p{Nd}_.\-]+: /u, ''))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The words the transcript must hold. Typed by hand, the lines before the first line of a name that
 * speaks more than once (when one does) are paragraphs before the turns, their names kept as words.
 */
function expectedWords(name: string, segments: Segment[]): string[] {
  let firstTurn = 0;
  if (name.startsWith('typed')) {
    const lines = (speaker: string) => segments.filter((s) => s.speaker === speaker).length;
    firstTurn = Math.max(0, segments.findIndex((s) => lines(s.speaker) > 1));
  }
  return segments.flatMap((s, i) => (i < firstTurn ? `${s.speaker}: ${s.text}` : s.text).split(' '));
}

describe('importing interviews loses no word (property)', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name}: every word, in order, and nothing else`, async () => {
      await fc.assert(
        // Typed by hand, a time at a line's start or right after the name is the turn's time (by design).
        fc.asyncProperty(name.startsWith('typed') ? interview.filter((s) => s.every((x) => !x.text.startsWith('[00:01:02]'))) : interview, async (segments) => {
          const written = await write(segments);
          const bytes = typeof written === 'string' ? new TextEncoder().encode(written) : written;
          const result = await importInterview(name, bytes, {}, readDocxInterview);
          if ('error' in result) throw new Error(result.error);
          assert.deepStrictEqual(wordsOfTranscript(result.ok.text), expectedWords(name, segments));
          // Each turn begins at its first segment's time, to the second.
          if (!name.startsWith('typed')) assert.strictEqual(parseTranscript(result.ok.text).turns[0].time, segments[0].start);
        }),
        { numRuns: name.endsWith('.docx') ? 40 : 150 },
      );
    });
  }
});
