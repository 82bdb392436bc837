// Timestamps in transcripts: `[00:12:34]` right after a speaker label marks when the turn starts in
// the recording (docs/format.md, "Timestamps"). They are markup: out of the plain text, so adding
// one never moves a coding's plain-text offsets. Read by the parser, written by the importers,
// played from by the media player.

/** `[h:mm:ss]`/`[hh:mm:ss]` or `[m:ss]`/`[mm:ss]`/`[mmm:ss]`, with tenths to thousandths after `.` or `,`. */
const timestampAt = /\[(?:(\d{1,2}):(\d{2})|(\d{1,3})):(\d{2})(?:[.,](\d{1,3}))?\]/y;

export interface ReadTimestamp {
  /** Offset after the closing `]`. */
  end: number;
  /** Milliseconds from the start of the recording. */
  milliseconds: number;
}

/**
 * The timestamp whose `[` is at `at`, if the text there is one: minutes and seconds below 60
 * (minutes may run past 59 when there are no hours, as Zoom's `75:12` does).
 */
export function readTimestamp(text: string, at: number): ReadTimestamp | undefined {
  if (text.charCodeAt(at) !== 91 /* [ */) return undefined;
  timestampAt.lastIndex = at;
  const match = timestampAt.exec(text);
  if (!match) return undefined;
  const [, hours, hourMinutes, minutesOnly, seconds, fraction] = match;
  const minutes = Number(hourMinutes ?? minutesOnly);
  if (Number(seconds) > 59 || (hours !== undefined && minutes > 59)) return undefined;
  const milliseconds = ((Number(hours ?? 0) * 60 + minutes) * 60 + Number(seconds)) * 1000 + (fraction ? Number(fraction.padEnd(3, '0')) : 0);
  return { end: timestampAt.lastIndex, milliseconds };
}

/** `00:12:34` for 754.9 s: whole seconds (floored), hours always written, so every timestamp has one width. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds + 1e-9));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}`;
}

/** The timestamp markup for a time in seconds: `[00:12:34]`. */
export function formatTimestamp(seconds: number): string {
  return `[${formatClock(seconds)}]`;
}
