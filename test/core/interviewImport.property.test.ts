// Nothing is lost on import: for generated interviews written in each format the way its tool
// writes it, every word is in the imported transcript's plain text (as the parser reads it), in
// order, and nothing else is; or the import refuses with one line. The words include what could
// read as markup: braces, brackets, backslashes, backticks, `&`, `<` (escaped where the format
// escapes it, bare where a tool writes it bare), emoji, times. The files include what real ones
// hold (issue 26): paragraphs before the first turn (a title, `Tanggal: …`), time lines that are
// malformed, unpadded, past 59 seconds or past 100 hours, and starts of 1e400, -5 or 1e20.
import * as assert from 'assert';
import fc from 'fast-check';
import { Document, Packer, Paragraph } from 'docx';
import { readDocxInterview } from '../../server/src/core/exchange/docxInterview';
import { importInterview } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

/** How a segment's time is written: as the tool writes it, or as real files get it wrong. */
type TimeStyle = 'good' | 'unpadded' | 'sixty' | 'arrow' | 'overflow' | 'infinite' | 'negative' | 'huge';
/** The styles that still give the segment's time. */
const readable = new Set<TimeStyle>(['good', 'unpadded', 'sixty']);

interface Segment {
  speaker: string;
  start: number;
  text: string;
  time: TimeStyle;
}

/** A paragraph before the first turn: a title, or a `Name: words` line such as `Tanggal: 10 November 2022`. */
interface Preamble {
  name?: string;
  text: string;
}

interface Interview {
  preamble: Preamble[];
  segments: Segment[];
}

const words = ['saya', 'Kak,', 'murah.', '{#kode}', '{-}', '[tertawa]', '\\[', 'a\\b', '`kode`', '`', '&', '<3', '&amp;', 'é', '😀', '10:30', '#promo', '@toko', '}', '"kutip"', '[00:01:02]', 'x>y', '<100', 'ribu>', '<', '</x>', '<wwww>', 'R&D', 'a<b'];
const word = fc.constantFrom(...words);
/** Words a tool writes bare in WebVTT (Zoom): no character reference (`&amp;` is one by the format's rule). */
const bareWord = fc.constantFrom(...words.filter((w) => !/&[A-Za-z#]/.test(w)));
const textOf = (w: fc.Arbitrary<string>) => fc.array(w, { minLength: 1, maxLength: 7 }).map((list) => list.join(' '));
const names = ['Rina Putri', 'Dewi Fitriani', 'Hasan, Fajar'];
/** Mostly good times; the rest as real files get them wrong, in the format's own way. */
const timeStyles = (...wrong: TimeStyle[]) => fc.oneof({ weight: 6, arbitrary: fc.constant<TimeStyle>('good') }, { weight: 4, arbitrary: fc.constantFrom(...wrong) });

function interviewOf(w: fc.Arbitrary<string>, withPreamble: boolean, styles: fc.Arbitrary<TimeStyle>): fc.Arbitrary<Interview> {
  const segments = fc.array(fc.tuple(fc.constantFrom(...names), fc.integer({ min: 0, max: 90 }), textOf(w), styles), { minLength: 1, maxLength: 8 }).map((rows) => {
    let at = 0;
    return rows.map(([speaker, gap, text, time]): Segment => ({ speaker, start: (at += gap), text, time }));
  });
  const preamble = withPreamble ? fc.array(fc.record({ name: fc.option(fc.constantFrom('Tanggal', 'Tempat', 'Judul'), { nil: undefined }), text: textOf(w) }), { maxLength: 3 }) : fc.constant<Preamble[]>([]);
  return fc.record({ preamble, segments });
}

const two = (n: number) => String(n).padStart(2, '0');
const clock = (s: number, separator = '.') => `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}${separator}000`;
/** A cue's time line, written in the segment's style (WebVTT's `.` or SRT's `,`). */
function timeLine(x: Segment, separator: '.' | ',', short = false): string {
  const at = (s: number) => (short ? clock(s, separator).slice(3) : clock(s, separator));
  switch (x.time) {
    case 'unpadded':
      return `${Math.floor(x.start / 3600)}:${Math.floor(x.start / 60) % 60}:${x.start % 60}${separator}0 --> ${at(x.start + 1)}`;
    case 'sixty':
      // 75 s written as 00:00:75.000 where it can be.
      return x.start >= 60 && x.start < 3600 ? `00:${two(Math.floor(x.start / 60) - 1)}:${x.start % 60 + 60}${separator}000 --> ${at(x.start + 1)}` : `${at(x.start)} --> ${at(x.start + 1)}`;
    case 'arrow':
      return `${at(x.start)} -> ${at(x.start + 1)}`;
    case 'good':
      return `${at(x.start)} --> ${at(x.start + 1)}`;
    default:
      return `100000000000000000000:00:01${separator}000 --> 100000000000000000000:00:02${separator}000`;
  }
}
/** A number as JSON writes it, in the segment's style: 1e400 (no JSON number reads as Infinity), -5, 1e20. */
function jsonStart(x: Segment, scale = 1): string {
  return { infinite: '1e400', negative: '-5', huge: '1e20' }[x.time as string] ?? String(x.start * scale);
}
const escapeMarkup = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const preambleLines = (p: Preamble[]) => p.map((x) => (x.name ? `${x.name}: ${x.text}` : x.text));

/** Each format as its tool writes it (written here, independently of the readers). */
const writers: Record<string, (interview: Interview) => string | Promise<Uint8Array>> = {
  'zoom.vtt': ({ segments: s }) => `WEBVTT\n\n${s.map((x, i) => `${i + 1}\n${timeLine(x, '.')}\n${x.speaker}: ${escapeMarkup(x.text)}\n`).join('\n')}`,
  'zoom-bare.vtt': ({ segments: s }) => `WEBVTT\n\n${s.map((x, i) => `${i + 1}\n${timeLine(x, '.')}\n${x.speaker}: ${x.text}\n`).join('\n')}`,
  'teams.vtt': ({ segments: s }) => `WEBVTT\n\n${s.map((x, i) => `id-${i}/0\n${timeLine(x, '.')}\n<v ${x.speaker}>${escapeMarkup(x.text)}</v>\n`).join('\n')}`,
  'whisper.vtt': ({ segments: s }) => `WEBVTT\n\n${s.map((x) => `${timeLine(x, '.', true)}\n ${escapeMarkup(x.text)}\n`).join('\n')}`,
  'whisper.srt': ({ segments: s }) => s.map((x, i) => `${i + 1}\r\n${timeLine(x, ',')}\r\n${x.text}\r\n`).join('\r\n'),
  'whisper.json': ({ segments: s }) => `{"text": ${JSON.stringify(s.map((x) => x.text).join(' '))}, "segments": [${s.map((x, id) => `{"id": ${id}, "start": ${jsonStart(x)}, "end": ${x.start + 1}, "text": ${JSON.stringify(` ${x.text}`)}}`).join(', ')}], "language": "id"}`,
  'whisper.tsv': ({ segments: s }) => `start\tend\ttext\n${s.map((x) => `${jsonStart(x, 1000)}\t${x.start * 1000 + 1000}\t${x.text}\n`).join('')}`,
  'otter.txt': ({ segments: s }) => s.map((x) => `${x.speaker}  ${Math.floor(x.start / 60)}:${two(x.start % 60)}\n${x.text}\n`).join('\n') + '\n\nTranscribed by https://otter.ai\n',
  'transcribe.otr': ({ segments: s }) => JSON.stringify({ text: s.map((x) => `<p><span class="timestamp" data-timestamp="${jsonStart(x)}">${x.start}</span> ${x.speaker}: ${escapeMarkup(x.text)}</p>`).join(''), media: 'a.mp3' }),
  'typed.txt': ({ preamble, segments: s }) => [...preambleLines(preamble), ...s.map((x) => `${x.speaker}: ${x.text}`)].map((line) => `${line}\n`).join(''),
  'typed.docx': async ({ preamble, segments: s }) => Packer.toBuffer(new Document({ sections: [{ children: [...preambleLines(preamble), ...s.map((x) => `${x.speaker}: ${x.text}`)].map((line) => new Paragraph(line)) }] })),
};

/** What each format's generator makes: bare `<` and `&` only where the tool writes them bare; times only where the format has them. */
function generatorOf(name: string): fc.Arbitrary<Interview> {
  const typed = name.startsWith('typed');
  // Typed by hand, a time at a line's start or right after the name is the turn's time (by design).
  const typedWord = fc.constantFrom(...words.filter((w) => w !== '[00:01:02]'));
  const subtitles = /\.(vtt|srt)$/.test(name);
  const styles = typed || name.startsWith('otter') ? fc.constant<TimeStyle>('good') : subtitles ? timeStyles('unpadded', 'sixty', 'arrow', 'overflow') : timeStyles('infinite', 'negative', 'huge');
  return interviewOf(typed ? typedWord : name.includes('bare') ? bareWord : word, typed, styles);
}

/** The words of a transcript, read back by the parser: its plain text without labels and heading. */
function wordsOfTranscript(transcript: string): string[] {
  const doc = parseTranscript(transcript);
  assert.deepStrictEqual(doc.problems.filter((p) => p.severity === 'error'), []);
  // Each turn is one line `LABEL: words` in the plain text (the timestamp is markup); a paragraph
  // before the turns that would read as a turn has a space before it.
  return doc.plainText
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .map((line) => line.replace(/^[\p{L}\p{M}\p{Nd}_.\-]+: /u, ''))
    .join(' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The words the transcript must hold, by the rule of docs/importing.md: the lines before the
 * first that has a time or whose name speaks more than once (when one does; else the first
 * named line) are paragraphs, their names kept as words. Whisper names nobody: all are turns.
 */
function expectedWords(name: string, { preamble, segments }: Interview): string[] {
  const lines = [...preamble, ...segments.map((s) => ({ name: name.startsWith('whisper') ? undefined : s.speaker, text: s.text, timed: readable.has(s.time) && !name.startsWith('typed') }))];
  const count = (who: string) => lines.filter((l) => l.name === who).length;
  const anyNamed = lines.some((l) => l.name !== undefined);
  const anyTwice = lines.some((l) => l.name !== undefined && count(l.name) > 1);
  const firstTurn = anyNamed ? lines.findIndex((l) => ('timed' in l && l.timed) || (l.name !== undefined && (!anyTwice || count(l.name) > 1))) : 0;
  return lines.flatMap((l, i) => (i < firstTurn && l.name ? `${l.name}: ${l.text}` : l.text).split(' '));
}

describe('importing interviews loses no word (property)', () => {
  for (const [name, write] of Object.entries(writers)) {
    it(`${name}: every word, in order, and nothing else (or one line saying why not)`, async () => {
      let imported = 0;
      await fc.assert(
        fc.asyncProperty(generatorOf(name), async (interview) => {
          const written = await write(interview);
          const bytes = typeof written === 'string' ? new TextEncoder().encode(written) : written;
          const result = await importInterview(name, bytes, {}, readDocxInterview);
          if ('error' in result) {
            assert.match(result.error, /^[^\r\n]+$/);
            return;
          }
          imported++;
          assert.deepStrictEqual(wordsOfTranscript(result.ok.text), expectedWords(name, interview));
          // A turn that begins with a readable time begins at that time, to the second; each unreadable one is noted.
          const [first] = interview.segments;
          if (!name.startsWith('typed') && readable.has(first.time)) assert.strictEqual(parseTranscript(result.ok.text).turns[0].time, first.start);
          if (interview.segments.some((s) => !readable.has(s.time))) assert.ok(result.ok.notes.length > 0, 'an unreadable time is noted');
        }),
        { numRuns: name.endsWith('.docx') ? 40 : 150 },
      );
      // None of these inputs is one to refuse.
      assert.strictEqual(imported, name.endsWith('.docx') ? 40 : 150);
    });
  }
});
