// The recording beside a transcript: the file its front matter names (`media:`), and the turns
// that have a timestamp, for "Play from here", the Code Lens above each timed turn, and the player
// that highlights the turn being heard.
import type { CodeLens } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { formatClock } from '../core/model/timestamp';
import type { ParsedTranscript } from '../core/model/transcript';

export interface TimedTurn {
  /** Seconds into the recording. */
  time: number;
  speaker: string;
  /** The turn's first and last line (0-based). */
  line: number;
  endLine: number;
}

export interface RecordingTimeline {
  /** The recording's URI, resolved from the transcript's folder. */
  media?: string;
  /** `media:` as written, for messages. */
  mediaName?: string;
  /** Why `media:` names no file the editor may play (a web address: no remote content). */
  mediaProblem?: string;
  /** The turns with a timestamp, in the document's order. */
  turns: TimedTurn[];
}

/** The command a Code Lens runs; the client registers it. */
export const playFromCommand = 'qda.playFrom';

export function recordingTimeline(parsed: ParsedTranscript, uri: string): RecordingTimeline {
  const turns: TimedTurn[] = [];
  for (let t = 0; t < parsed.turnCount; t++) {
    const time = parsed.timeOf(t);
    if (time === undefined) continue;
    const range = parsed.turnRangeOf(t);
    turns.push({ time, speaker: parsed.speakerOf(t), line: range.start.line, endLine: range.end.line });
  }
  const written = parsed.frontMatter?.attributes.media;
  if (typeof written !== 'string' || written.trim() === '') return { turns };
  const mediaName = written.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(mediaName) && !/^file:\/\//i.test(mediaName)) {
    return { turns, mediaName, mediaProblem: `'${mediaName}' is a web address: the player plays files of the workspace only. Download the recording and name its path.` };
  }
  return { turns, mediaName, media: mediaUri(uri, mediaName) };
}

function mediaUri(transcript: string, media: string): string {
  if (/^file:\/\//i.test(media)) return URI.parse(media).toString();
  // An absolute path (`/…`, `C:\…`) names a file; anything else is relative to the transcript.
  if (media.startsWith('/') || /^[a-z]:[\\/]/i.test(media)) return URI.file(media).toString();
  return Utils.resolvePath(Utils.dirname(URI.parse(transcript)), media.replace(/\\/g, '/')).toString();
}

/** "▶ 00:00:05" above each timed turn, when the transcript names a recording. */
export function timestampCodeLenses(parsed: ParsedTranscript, uri: string): CodeLens[] {
  const timeline = recordingTimeline(parsed, uri);
  if (!timeline.mediaName) return [];
  return timeline.turns.map((turn) => ({
    range: { start: { line: turn.line, character: 0 }, end: { line: turn.line, character: 0 } },
    command: { title: `▶ ${formatClock(turn.time)}`, command: playFromCommand, arguments: [uri, turn.time] },
  }));
}
