// The real files of test/fixtures/real/ (WebVTT from Teams, Netflix, YouTube and others; SRT with
// tags, CRLF and blank lines inside a cue; Whisper's JSON; an Otter export), each imported: every
// word of its cues is in the transcript's plain text, in order. The words expected are read by a
// second, simple reader written here (lines and regular expressions, no cue structure), not by
// the importer's; the counts of turns and words are written out per file.
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { importInterview } from '../../server/src/core/exchange/interviewImport';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

const real = path.resolve(__dirname, '../../../test/fixtures/real');

/** Per file: its turns and words once imported, and the speaker labels in order of first turn. */
const expected: Record<string, { turns: number; words: number; labels: string[] }> = {
  'vtt/captions-with-bom-webvtt-py.vtt': { turns: 4, words: 12, labels: ['S'] },
  'vtt/netflix-spanish-italics-cut-webvtt-py.vtt': { turns: 40, words: 246, labels: ['S'] },
  'vtt/note-blocks-swedish-webvtt-py.vtt': { turns: 3, words: 25, labels: ['S'] },
  'vtt/style-blocks-webvtt-py.vtt': { turns: 1, words: 3, labels: ['S'] },
  'vtt/teams-voice-tags-webvtt-py.vtt': { turns: 2, words: 7, labels: ['YB', 'AP'] },
  'vtt/timestamp-and-class-tags-webvtt-py.vtt': { turns: 3, words: 13, labels: ['S'] },
  'vtt/youtube-dl-autocaptions-webvtt-py.vtt': { turns: 4, words: 15, labels: ['S'] },
  'srt/bilingual-zh-en-cdown-srt.srt': { turns: 3, words: 29, labels: ['S'] },
  'srt/capability-tester-tags-pysrt.srt': { turns: 37, words: 584, labels: ['S'] },
  'srt/font-tags-lt-french-webvtt-py.srt': { turns: 6, words: 28, labels: ['S'] },
  'srt/host-guest-labels-blank-lines-ai_interview_bot.srt': { turns: 4, words: 199, labels: ['G', 'H'] },
  'srt/no-cue-numbers-pysrt.srt': { turns: 7, words: 111, labels: ['S'] },
  'whisper/diarized-speakers-russian-diarization_test_task.json': { turns: 8, words: 284, labels: ['S01', 'S00'] },
  'whisper/whisper-jfk-openai.json': { turns: 1, words: 22, labels: ['S'] },
  'otter/ladybug-podcast-55-git-and-github-cut.txt': { turns: 8, words: 699, labels: ['A', 'K', 'M', 'MP'] },
};

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const blocks = (text: string) => text.replace(/^\uFEFF/, '').split(/\r?\n(?:[ \t]*\r?\n)+/);

/** The words of each kind of file, as a person reading it would list them. */
const simpleReaders: Record<string, (text: string) => string[]> = {
  // Blocks after the header; no NOTE or STYLE block; no time line, nor the id line above one; no tags.
  vtt: (text) =>
    blocks(text)
      .slice(1)
      .filter((block) => !/^(NOTE|STYLE)\b/.test(block.trimStart()))
      .flatMap((block) => block.split(/\r?\n/).filter((line, i, lines) => !line.includes('-->') && !(i === 0 && lines[1]?.includes('-->'))))
      .flatMap((line) => words(line.replace(/<[^>]*>/g, ''))),
  // No cue number (a line of digits above a time line), no time line; only SRT's formatting tags
  // (b, i, u, s, font) and ASS's {\…} blocks are not words. A `Host:`/`Guest:` at a cue's start is its speaker.
  srt: (text) =>
    text
      .split(/\r?\n/)
      .filter((line, i, lines) => !line.includes('-->') && !(/^\d+$/.test(line.trim()) && lines[i + 1]?.includes('-->')))
      .flatMap((line) => words(line.replace(/<\/?(?:b|i|u|s)>|<\/?font[^>]*>|\{\\[^}]*\}/gi, '').replace(/^(?:Host|Guest): /, ''))),
  json: (text) => (JSON.parse(text) as { segments: { text: string }[] }).segments.flatMap((s) => words(s.text)),
  // Blocks of a heading (`Name  M:SS`) and the words under it.
  txt: (text) => blocks(text).flatMap((block) => block.split(/\r?\n/).slice(1).flatMap(words)),
};

/** The words of a transcript: its plain text, without the heading and the speaker labels. */
function transcriptWords(transcript: string): string[] {
  const doc = parseTranscript(transcript);
  assert.deepStrictEqual(doc.problems.filter((p) => p.severity === 'error'), []);
  return doc.plainText
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .flatMap((line) => words(line.replace(/^[\p{L}\p{M}\p{Nd}_.\-]+: /u, '')));
}

describe('real interview files (test/fixtures/real): every word of every cue, in order', () => {
  const files = ['vtt', 'srt', 'whisper', 'otter'].flatMap((dir) => readdirSync(path.join(real, dir)).map((name) => `${dir}/${name}`));

  it('covers every interview file of the folder', () => {
    assert.deepStrictEqual(files.sort(), Object.keys(expected).sort());
  });

  for (const file of Object.keys(expected)) {
    it(file, async () => {
      const bytes = readFileSync(path.join(real, file));
      const result = await importInterview(file, bytes);
      if ('error' in result) assert.fail(result.error);
      const expectedWords = simpleReaders[path.extname(file).slice(1)](new TextDecoder().decode(bytes));
      assert.deepStrictEqual(transcriptWords(result.ok.text), expectedWords);
      const { turns, words: count, labels } = expected[file];
      assert.deepStrictEqual([result.ok.turns, expectedWords.length, result.ok.speakers.map((s) => s.label), result.ok.notes], [turns, count, labels, []]);
    });
  }
});
