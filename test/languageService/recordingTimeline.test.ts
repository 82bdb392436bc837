// The recording beside a transcript: `media:` resolved from the transcript's folder, the timed
// turns with their lines, and a Code Lens above each timed turn when there is a recording.
import * as assert from 'assert';
import { recordingTimeline, timestampCodeLenses } from '../../server/src/languageService/recordingTimeline';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';

const transcript = (media: string | undefined) =>
  [
    '---',
    'interviewer: P',
    // Line 2 is media: or another key: the turns stay on the same lines.
    media === undefined ? 'place: kampus' : `media: ${media}`,
    '---',
    'P: [00:00:02] Sejak kapan?',
    '',
    'RN: [00:01:05.5] Sejak 2021,',
    '    waktu masih kuliah.',
    '',
    'P: Oke.',
    '',
    'RN: [1:02:03] Terima kasih.',
  ].join('\n');

const uri = 'file:///study/transcripts/customers/rn.transcript.md';

describe('the recording timeline', () => {
  it('lists the timed turns with their lines, and resolves media: from the transcript\'s folder', () => {
    const timeline = recordingTimeline(parseTranscript(transcript('../../recordings/rn.ogg')), uri);
    assert.deepStrictEqual(timeline, {
      mediaName: '../../recordings/rn.ogg',
      media: 'file:///study/recordings/rn.ogg',
      turns: [
        { time: 2, speaker: 'P', line: 4, endLine: 4 },
        { time: 65.5, speaker: 'RN', line: 6, endLine: 7 },
        { time: 3723, speaker: 'RN', line: 11, endLine: 11 },
      ],
    });
  });

  it('takes absolute paths and file URIs as they are, and refuses web addresses (no remote content)', () => {
    const media = (written: string) => {
      const t = recordingTimeline(parseTranscript(transcript(written)), uri);
      return t.media ?? t.mediaProblem;
    };
    assert.strictEqual(media('/data/rec/rn.wav'), 'file:///data/rec/rn.wav');
    assert.strictEqual(media('file:///data/rec/rn%20b.wav'), 'file:///data/rec/rn%20b.wav');
    assert.strictEqual(media('rec\\rn.ogg'), 'file:///study/transcripts/customers/rec/rn.ogg');
    assert.strictEqual(media('https://example.org/rn.ogg'), "'https://example.org/rn.ogg' is a web address: the player plays files of the workspace only. Download the recording and name its path.");
  });

  it('puts a Code Lens "▶ time" above each timed turn, running Play from here, only where there is a recording', () => {
    assert.deepStrictEqual(
      timestampCodeLenses(parseTranscript(transcript('rn.ogg')), uri).map((l) => [l.range.start.line, l.command?.title, l.command?.command, ...(l.command?.arguments ?? [])]),
      [
        [4, '▶ 00:00:02', 'qda.playFrom', uri, 2],
        [6, '▶ 00:01:05', 'qda.playFrom', uri, 65.5],
        [11, '▶ 01:02:03', 'qda.playFrom', uri, 3723],
      ],
    );
    assert.deepStrictEqual(timestampCodeLenses(parseTranscript(transcript(undefined)), uri), []);
    assert.deepStrictEqual(recordingTimeline(parseTranscript(transcript(undefined)), uri).turns.length, 3);
  });
});
