// Readers of the files transcription tools and video calls write: each gives an Interview, the
// segments of speech in order (who, from when, what), which interviewImport.ts turns into a
// transcript. WebVTT and SRT are read by subtitleCues.ts, the HTML of oTranscribe by htmlparser2,
// Word by mammoth (docxInterview.ts); the rest are JSON, TSV or lines.
//
// A reader never throws: a file it cannot read gives `{ error }`, one line for the user.
import { Parser as HtmlParser } from 'htmlparser2';
import { readSubtitles, type SubtitleKind } from './subtitleCues';

export interface InterviewSegment {
  /** The speaker's name as the file gives it, if it gives one. */
  speaker?: string;
  /** Seconds into the recording. */
  start?: number;
  /** The words, as the file has them (white space is normalised when written). */
  text: string;
  /**
   * The whole line as typed, name and time included, for a line read as `Name: words`: a line
   * before the first turn whose name is no speaker's (`Tanggal: 10 November 2022`) is written as it is.
   */
  line?: string;
  /** A heading of the document (Word's Heading styles): a paragraph between the turns. */
  heading?: boolean;
}

export interface Interview {
  segments: InterviewSegment[];
  /** The recording the file names (oTranscribe keeps its file name). */
  media?: string;
  /** What the reader could not take as the file has it (a time line it cannot read), one line each. */
  notes?: string[];
}

export type InterviewResult = { ok: Interview } | { error: string };

export type InterviewFormat = 'webvtt' | 'srt' | 'whisper-json' | 'whisper-tsv' | 'otter' | 'otranscribe' | 'docx' | 'text';

export const interviewFormatNames: Record<InterviewFormat, string> = {
  webvtt: 'WebVTT (Zoom, Teams, Whisper)',
  srt: 'SubRip (.srt)',
  'whisper-json': "Whisper's JSON",
  'whisper-tsv': "Whisper's TSV",
  otter: "Otter's text export",
  otranscribe: 'oTranscribe (.otr)',
  docx: 'Word (.docx)',
  text: 'plain text with "Name:" lines',
};

/** The file extensions the importer reads (a .txt is Otter's or plain text, by its lines). */
export const interviewExtensions = ['.vtt', '.srt', '.json', '.tsv', '.otr', '.docx', '.txt'];

/** The format of a file, from its extension and, for `.txt`, its lines. */
export function interviewFormatOf(fileName: string, text: string | undefined): InterviewFormat | undefined {
  const extension = /\.[^./\\]+$/.exec(fileName.toLowerCase())?.[0];
  switch (extension) {
    case '.vtt':
      return 'webvtt';
    case '.srt':
      return 'srt';
    case '.json':
      return 'whisper-json';
    case '.tsv':
      return 'whisper-tsv';
    case '.otr':
      return 'otranscribe';
    case '.docx':
      return 'docx';
    case '.txt':
      return text !== undefined && isOtterText(text) ? 'otter' : 'text';
    default:
      return undefined;
  }
}

/** Reads a text format (all but Word). */
export function readInterviewText(format: Exclude<InterviewFormat, 'docx'>, text: string): InterviewResult {
  try {
    switch (format) {
      case 'webvtt':
      case 'srt':
        return readSubtitleInterview(text, format);
      case 'whisper-json':
        return readWhisperJson(text);
      case 'whisper-tsv':
        return readWhisperTsv(text);
      case 'otter':
        return readOtter(text);
      case 'otranscribe':
        return readOtr(text);
      case 'text':
        return { ok: { segments: readSpeakerLines(splitLines(text).map((line) => ({ text: line }))) } };
    }
  } catch (error) {
    // The libraries are made to be lenient; anything they still throw is one line for the user.
    return { error: `cannot read it as ${interviewFormatNames[format]}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

// ---- speakers written in the text ---------------------------------------------------------------

/**
 * `Sari Dewi: words` (or WhisperX's `[SPEAKER_00]: words`) → the name and the words. A name is one
 * to five words (letters, digits and the `.,'’()&-` of names like "Smith, Tom (Org)") of at most
 * 60 characters before `: `.
 */
const namePrefix = /^\s*([\p{L}\p{M}][\p{L}\p{M}\p{Nd}.,'’()&\- ]{0,59}?)\s*:(?:\s+|$)/u;

/** WhisperX's `[SPEAKER_00]: words`: a bracketed name, then `: `. */
const bracketedPrefix = /^\s*\[([\p{L}\p{M}][\p{L}\p{M}\p{Nd}_.,'’()&\- ]{0,59})\]:(?:\s+|$)/u;

export function speakerPrefix(text: string): { speaker: string; rest: string } | undefined {
  const bracketed = bracketedPrefix.exec(text);
  if (bracketed) return { speaker: bracketed[1].trim(), rest: text.slice(bracketed[0].length) };
  const match = namePrefix.exec(text);
  if (!match) return undefined;
  const speaker = match[1].trim();
  if (speaker.split(/\s+/).length > 5 || /^\d/.test(speaker)) return undefined;
  return { speaker, rest: text.slice(match[0].length) };
}

/**
 * Segments whose text may start with `Name:` (Zoom's cues, SRT from Zoom). The prefixes are
 * speakers when at least half the segments have one: a Whisper cue that happens to open with
 * "Note: …" is not a speaker change.
 */
function speakersFromPrefixes(segments: InterviewSegment[]): InterviewSegment[] {
  const prefixed = segments.map((s) => (s.speaker === undefined ? speakerPrefix(s.text) : undefined));
  const count = prefixed.filter(Boolean).length;
  if (count === 0 || count * 2 < segments.length) return segments;
  return segments.map((s, i) => (prefixed[i] ? { ...s, speaker: prefixed[i]!.speaker, text: prefixed[i]!.rest } : s));
}

/**
 * A time at the start of a line: `[00:01:02]`, `(1:02)` or `00:01:02`, then a space or a dash. A
 * bare `10:30` is not one: "10:30 kami buka" starts with words.
 */
const leadingTime = /^\s*(?:[[(]((?:\d{1,2}:)?\d{1,3}:\d{2}(?:[.,]\d{1,3})?)[\])]|(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?))(?:\s*[-–]\s+|\s+|$)/;

/** `01:02:03,5` or `75:12` → seconds. */
export function secondsOf(clock: string): number | undefined {
  const parts = clock.replace(',', '.').split(':').map(Number);
  if (parts.some((p) => !Number.isFinite(p))) return undefined;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/**
 * Lines (or paragraphs) of a transcript typed by hand: `Name: words` starts a speaker's segment, a
 * line without a name continues it; a time at the line's start (before or after the name) is the
 * segment's start.
 */
function readSpeakerLines(lines: InterviewSegment[]): InterviewSegment[] {
  const segments: InterviewSegment[] = [];
  for (const line of lines) {
    let text = line.text;
    let start = line.start;
    const time = start === undefined ? leadingTime.exec(text) : null;
    if (time) {
      start = secondsOf(time[1] ?? time[2]);
      text = text.slice(time[0].length);
    }
    const prefix = speakerPrefix(text);
    if (prefix) {
      let rest = prefix.rest;
      // A time right after the name is the line's time, unless the line has one already.
      const after = start === undefined ? leadingTime.exec(rest) : null;
      if (after) {
        start = secondsOf(after[1] ?? after[2]);
        rest = rest.slice(after[0].length);
      }
      segments.push({ speaker: prefix.speaker, start, text: rest, line: line.text });
    } else if (text.trim() !== '') {
      segments.push({ start, text });
    }
  }
  return segments;
}

// ---- WebVTT (Zoom, Teams, Whisper) and SRT --------------------------------------------------------

/** WebVTT's and SRT's cues (subtitleCues.ts); Zoom's `Name: words` at a cue's start is its speaker. */
function readSubtitleInterview(text: string, kind: SubtitleKind): InterviewResult {
  const read = readSubtitles(text, kind);
  if ('error' in read) return read;
  return { ok: { segments: speakersFromPrefixes(read.cues), notes: read.notes } };
}

// ---- Whisper's JSON and TSV ---------------------------------------------------------------------

function readWhisperJson(text: string): InterviewResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  const segments = (data as { segments?: unknown })?.segments;
  if (!Array.isArray(segments)) return { error: "not Whisper's JSON: there is no list of \"segments\"" };
  const read: InterviewSegment[] = [];
  for (const [i, segment] of segments.entries()) {
    const { start, text: words, speaker } = (segment ?? {}) as { start?: unknown; text?: unknown; speaker?: unknown };
    if (typeof words !== 'string') return { error: `not Whisper's JSON: segment ${i + 1} has no "text"` };
    // WhisperX and other diarizing tools add a "speaker" to each segment.
    // A start that is no time (negative, 1e400, a string) is left out with a note by the import.
    read.push({ start: typeof start === 'number' ? start : start === undefined || start === null ? undefined : NaN, text: words, speaker: typeof speaker === 'string' && speaker.trim() ? speaker.trim() : undefined });
  }
  return { ok: { segments: read } };
}

function readWhisperTsv(text: string): InterviewResult {
  const lines = splitLines(text).filter((line) => line.trim() !== '');
  if (lines.length === 0) return { ok: { segments: [] } };
  const header = lines[0].split('\t').map((h) => h.trim().toLowerCase());
  const startColumn = header.indexOf('start');
  const textColumn = header.indexOf('text');
  if (startColumn < 0 || textColumn < 0) return { error: "not Whisper's TSV: the first line should name the columns start, end and text" };
  const speakerColumn = header.indexOf('speaker');
  const segments: InterviewSegment[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split('\t');
    // Whisper writes milliseconds as whole numbers; the text is the last column and may hold tabs.
    const start = Number(cells[startColumn]);
    const words = textColumn === header.length - 1 ? cells.slice(textColumn).join('\t') : (cells[textColumn] ?? '');
    segments.push({ start: cells[startColumn]?.trim() ? start / 1000 : undefined, text: words, speaker: speakerColumn >= 0 ? cells[speakerColumn]?.trim() || undefined : undefined });
  }
  return { ok: { segments } };
}

// ---- Otter ---------------------------------------------------------------------------------------

/** Otter's heading of a block: the speaker, two spaces (or one), the time: `Sari Dewi  1:05`. */
// The name holds no ':' ("Rina: jam 10:30" is a typed line).
const otterHeading = /^([^:\s](?:[^:]*?[^:\s])?)\s+(\d{1,2}(?::\d{2}){1,2})\s*$/;

/**
 * Otter's export: every block (after a blank line) starts with a heading, and its words are not
 * typed `Name: words` lines. A typed interview whose title ends in a time ("Wawancara 10:30") is
 * not one.
 */
function isOtterText(text: string): boolean {
  const lines = splitLines(text);
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0 || !otterHeading.test(lines[first])) return false;
  let words = 0;
  let named = 0;
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const startsBlock = lines[i - 1].trim() === '';
    if (otterHeading.test(line) && startsBlock) continue;
    if (startsBlock && !otterFooter.test(line.trim())) return false;
    words++;
    if (speakerPrefix(line)) named++;
  }
  return words > 0 && named * 2 < words;
}

const otterFooter = /^Transcribed by https?:\/\/otter\.ai/i;

function readOtter(text: string): InterviewResult {
  const segments: InterviewSegment[] = [];
  let current: InterviewSegment | undefined;
  let previousBlank = true;
  for (const line of splitLines(text)) {
    const heading = previousBlank ? otterHeading.exec(line) : null;
    previousBlank = line.trim() === '';
    if (heading) {
      current = { speaker: heading[1].trim(), start: secondsOf(heading[2]), text: '' };
      segments.push(current);
    } else if (line.trim() !== '') {
      // Otter's footer ("Transcribed by https://otter.ai") is the tool's, not the interview's.
      if (otterFooter.test(line.trim())) continue;
      if (!current) segments.push((current = { text: '' }));
      current.text += (current.text ? '\n' : '') + line;
    }
  }
  return { ok: { segments } };
}

// ---- oTranscribe --------------------------------------------------------------------------------

function readOtr(text: string): InterviewResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `not an oTranscribe file (JSON): ${(error as Error).message}` };
  }
  const html = (data as { text?: unknown })?.text;
  if (typeof html !== 'string') return { error: 'not an oTranscribe file: there is no "text"' };
  const media = (data as { media?: unknown }).media;
  return { ok: { segments: readSpeakerLines(htmlParagraphs(html)), media: typeof media === 'string' && media.trim() ? media.trim() : undefined } };
}

/**
 * The paragraphs of an HTML fragment (`<p>`, `<div>`, `<br>` and table cells break them), each
 * with the time of the first `data-timestamp` span in it. The span's own text (`0:12`) is the
 * tool's rendering of that time, not a word of the interview.
 */
export function htmlParagraphs(html: string): InterviewSegment[] {
  const paragraphs: InterviewSegment[] = [];
  let current: InterviewSegment = { text: '' };
  let timestampDepth = 0;
  let depth = 0;
  const breakParagraph = () => {
    if (current.text.trim() !== '') paragraphs.push(current);
    current = { text: '' };
  };
  const breaking = new Set(['p', 'div', 'br', 'li', 'td', 'th', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
  const parser = new HtmlParser(
    {
      onopentag(name, attributes) {
        depth++;
        if (breaking.has(name)) breakParagraph();
        const stamp = attributes['data-timestamp'];
        if (stamp !== undefined) {
          const seconds = Number(stamp);
          // A time that is not one (1e20, 'abc') is left out with a note by the import.
          if (stamp.trim() !== '' && current.start === undefined && current.text.trim() === '') current.start = seconds;
          if (timestampDepth === 0) timestampDepth = depth;
        }
      },
      ontext(data) {
        if (timestampDepth === 0) current.text += data;
      },
      onclosetag(name) {
        if (timestampDepth === depth) timestampDepth = 0;
        depth--;
        if (breaking.has(name)) breakParagraph();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  breakParagraph();
  return paragraphs;
}

function splitLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}
