// WebVTT (Zoom, Teams, Whisper, YouTube) and SRT cues, read as people and tools really write them
// and without losing a word (issue 26). A cue is its time line and the text below it, to the next
// blank line; text that is in no cue (SRT's paragraphs after a blank line inside a cue) belongs to
// the cue before it. A time line that cannot be read keeps its cue's words, with no time, and is
// said so in a note. Teams' unpadded `0:0:1.130`, a comma or a point before the milliseconds, and
// seconds of 60 or more (the time they mean) are read.
//
// Cue text: WebVTT's tags (`<v Name>`, `<c.class>`, `<i>`, `<b>`, `<u>`, `<ruby>`, `<rt>`, `<lang>`,
// `<00:00:01.000>`), SRT's formatting tags (`<font …>`, `<s>`, `<b>`, `<i>`, `<u>`) and ASS override
// blocks (`{\an8}`) are markup; any other `<` is text (`harga <100 ribu>`, `<3`). WebVTT decodes
// character references (`&amp;`) with the table of webvtt-parser; SRT's text is literal. The text is
// read in slices, never a character at a time: a cue of 50 MB costs about its size.
import htmlEntities from 'webvtt-parser/html-entities.json';
import { TextPieces } from '../text/textPieces';

export interface SubtitleCue {
  /** The voice (`<v Name>`) of this part of the cue, in WebVTT. */
  speaker?: string;
  /** Seconds into the recording; none when the time line cannot be read. */
  start?: number;
  text: string;
}

export type SubtitleRead = { cues: SubtitleCue[]; notes: string[] } | { error: string };

export type SubtitleKind = 'webvtt' | 'srt';

/** No recording is 100 hours long, and `[hh:mm:ss]` has two digits of hours. */
export const maxSeconds = 100 * 3600;

/**
 * A line that is meant as a time line: two times (digits and `:`, with `.` or `,` before the
 * fraction) around an arrow (`-->`, or the `->`, `=>`, `→` of a slip), then cue settings
 * (`align:start`, SRT's `X1:40`). A line of words with times in it is not one: "10:30 -> 11:00 kami buka".
 */
const timeLine = /^[ \t]*(\d+(?::\d+)+(?:[.,]\d+)?)[ \t]*(-->|-{1,2}[ \t]?>|[–—]-?>|=>|→)[ \t]*(\d+(?::\d+)+(?:[.,]\d+)?)((?:[ \t]+[^\s:]+:\S*)*)[ \t]*$/;
const clock = /^(?:(\d+):)?(\d+):(\d+)(?:[.,](\d+))?$/;
const cueNumber = /^[ \t]*\d+[ \t]*$/;

interface TimeLine {
  /** Seconds, when the line can be read. */
  start?: number;
  /** 60 or more seconds or minutes (an hour's minutes), read as the time they mean. */
  overflowing: boolean;
  /** The start as written. */
  written: string;
}

function readTimeLine(line: string): TimeLine | undefined {
  const match = timeLine.exec(line);
  if (!match) return undefined;
  const [, start, arrow] = match;
  const parts = clock.exec(start);
  if (arrow !== '-->' || !parts) return { overflowing: false, written: start };
  const [, hours, minutes, seconds, fraction] = parts;
  const value = Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds) + (fraction ? Number(`0.${fraction}`) : 0);
  if (!Number.isFinite(value) || value >= maxSeconds) return { overflowing: false, written: start };
  return { start: value, overflowing: Number(seconds) > 59 || (hours !== undefined && Number(minutes) > 59), written: start };
}

const isBlank = (line: string) => line.trim() === '';

/** Reads the cues of a WebVTT or SRT file, or says in one line why it is not one. */
export function readSubtitles(text: string, kind: SubtitleKind): SubtitleRead {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let at = 0;
  if (kind === 'webvtt') {
    if (!/^WEBVTT(?:[ \t]|$)/.test(lines[0])) return { error: "not a WebVTT file: it does not start with 'WEBVTT'" };
    // The header (`Kind: captions`, `Language: en`) runs to the first blank line: the file's, not words.
    for (at = 1; at < lines.length && !isBlank(lines[at]) && !readTimeLine(lines[at]); at++);
  } else if (!lines.some((line) => timeLine.test(line))) {
    return lines.every(isBlank) ? { cues: [], notes: [] } : { error: 'not an SRT file: no cue with a time line like 00:00:01,000 --> 00:00:04,000' };
  }

  interface RawCue {
    start?: number;
    lines: string[];
  }
  const raw: RawCue[] = [];
  const unreadable: { line: number; written: string }[] = [];
  const overflowing: { line: number; written: string; start: number }[] = [];
  let outside: number | undefined;
  const begin = (time: TimeLine, line: number) => {
    raw.push({ start: time.start, lines: [] });
    if (time.start === undefined) unreadable.push({ line: line + 1, written: lines[line].trim() });
    else if (time.overflowing) overflowing.push({ line: line + 1, written: time.written, start: time.start });
  };
  const addText = (line: number, paragraph: boolean) => {
    let cue = raw[raw.length - 1];
    if (!cue) {
      outside ??= line + 1;
      raw.push((cue = { lines: [] }));
    }
    if (paragraph && cue.lines.length > 0) cue.lines.push('');
    cue.lines.push(lines[line]);
  };

  let inBlock = false;
  let skipping = false;
  for (let i = at; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line)) {
      inBlock = skipping = false;
      continue;
    }
    if (skipping) continue;
    if (!inBlock) {
      inBlock = true;
      // WebVTT's comments, style sheets and regions are the file's, not the interview's.
      if (kind === 'webvtt' && /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(line)) {
        skipping = true;
        continue;
      }
      const time = readTimeLine(line);
      if (time) {
        begin(time, i);
        continue;
      }
      // A cue's identifier (WebVTT) or number (SRT) comes before its time line.
      const next = i + 1 < lines.length ? readTimeLine(lines[i + 1]) : undefined;
      if (next && (kind === 'webvtt' || cueNumber.test(line))) {
        begin(next, ++i);
        continue;
      }
      // Text after a blank line that starts no cue: the cue before goes on (SRT's paragraphs).
      addText(i, true);
      continue;
    }
    // A time line with no blank line before it starts a cue all the same (YouTube's files); only a
    // `-->` line, so that words with an arrow in them stay words. SRT's number comes before it.
    const time = line.includes('-->') ? readTimeLine(line) : undefined;
    if (time) {
      const cue = raw[raw.length - 1];
      if (kind === 'srt' && cue && cue.lines.length > 0 && cueNumber.test(cue.lines[cue.lines.length - 1])) cue.lines.pop();
      begin(time, i);
      continue;
    }
    addText(i, false);
  }

  const cues: SubtitleCue[] = [];
  for (const cue of raw) {
    const text = cue.lines.join('\n');
    if (kind === 'srt') cues.push({ start: cue.start, text: srtCueText(text) });
    else for (const part of webVttCueText(text)) cues.push({ ...part, start: cue.start });
  }
  const notes: string[] = [];
  if (unreadable.length > 0) {
    const [first] = unreadable;
    const many = unreadable.length > 1;
    notes.push(`${unreadable.length} ${many ? 'cues have' : 'cue has'} a time line that cannot be read (line ${first.line}: '${first.written}'): ${many ? 'their' : 'its'} words are kept, with no time`);
  }
  if (overflowing.length > 0) {
    const [first] = overflowing;
    const many = overflowing.length > 1;
    notes.push(`${overflowing.length} cue ${many ? 'times have' : 'time has'} 60 or more seconds or minutes (line ${first.line}: '${first.written}'): read as the time ${many ? 'they mean' : 'it means'} (${clockOf(first.start)})`);
  }
  if (outside !== undefined) notes.push(`text in no cue (line ${outside}) is kept, with no time`);
  return { cues, notes };
}

function clockOf(seconds: number): string {
  const whole = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor(whole / 60) % 60)}:${two(whole % 60)}`;
}

// ---- cue text ------------------------------------------------------------------------------------

/** ASS override blocks, `{\an8}`, `{\i1}`: positions and styles from SubStation Alpha, never words. */
const assBlock = /\{\\[^{}\n]*\}/g;

/** Formatting that SRT writers use (and converted WebVTT keeps): a font with well-formed attributes, strike, bold, italic, underline. */
const formatting = /<(?:\/?(?:b|i|u|s)|font(?:[ \t]+[A-Za-z-]+[ \t]*=[ \t]*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'<>]+))*[ \t]*|\/font[ \t]*)>/iy;

/**
 * WebVTT's own tags: an end tag, a start tag with classes (`<c.yellow>`), a voice or a language
 * with its annotation (`<v Sari Dewi>`, `<lang id>`), a time (`<00:00:01.000>`). Names are read
 * whatever their case; any other `<` is text.
 */
const webVttTag = /<(?:\/(c|v|ruby|rt|lang)[ \t]*|(c|i|b|u|ruby|rt)(?:\.[^\s.<>]+)*|(v|lang)(?:\.[^\s.<>]+)*(?:[ \t]+([^<>\n]*))?|\d+(?::\d+){1,2}[.,]\d+)>/iy;

/** SRT's text is literal: its formatting tags and ASS blocks out, everything else as written. */
function srtCueText(text: string): string {
  return readTags(text.replace(assBlock, ''), false).map((part) => part.text).join('');
}

/** A WebVTT cue's text in parts, one per voice (a cue may hold several), references decoded. */
function webVttCueText(text: string): { speaker?: string; text: string }[] {
  return readTags(text.replace(assBlock, ''), true);
}

function readTags(text: string, webVtt: boolean): { speaker?: string; text: string }[] {
  const parts: { speaker?: string; text: string }[] = [];
  let speaker: string | undefined;
  let inVoice = false;
  let words = new TextPieces();
  let empty = true;
  const flush = () => {
    if (!empty || inVoice) parts.push({ speaker, text: words.toString() });
    words = new TextPieces();
    empty = true;
  };
  const addWords = (slice: string) => {
    if (slice === '') return;
    words.add(webVtt && slice.includes('&') ? decodeReferences(slice) : slice);
    if (empty && slice.trim() !== '') empty = false;
  };
  let copied = 0;
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    formatting.lastIndex = at;
    let end = formatting.test(text) ? formatting.lastIndex : -1;
    let voice: { start: boolean; name?: string } | undefined;
    if (end < 0 && webVtt) {
      webVttTag.lastIndex = at;
      const tag = webVttTag.exec(text);
      if (tag) {
        end = webVttTag.lastIndex;
        if (tag[1]?.toLowerCase() === 'v') voice = { start: false };
        else if (tag[3]?.toLowerCase() === 'v') voice = { start: true, name: tag[4] === undefined ? undefined : decodeReferences(tag[4]).trim() || undefined };
      }
    }
    if (end < 0) continue;
    addWords(text.slice(copied, at));
    copied = end;
    at = end - 1;
    if (voice) {
      flush();
      speaker = voice.start ? voice.name : undefined;
      inVoice = voice.start;
    }
  }
  addWords(text.slice(copied));
  flush();
  return parts;
}

const references = htmlEntities as Record<string, string>;

/**
 * WebVTT's character references: `&amp;`, `&lt;`, any of HTML's named ones, `&#60;` and `&#x3C;`.
 * A name HTML allows without its `;` (`&amp`) is read too; anything else stays as written (`R&D`).
 */
function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d{1,8});|#[xX]([0-9a-fA-F]{1,7});|([A-Za-z][A-Za-z0-9]{0,31};?))/g, (written, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return references[`&${name}`] ?? written;
    const code = decimal !== undefined ? Number(decimal) : parseInt(hex!, 16);
    // As HTML reads them: NUL, a surrogate or past Unicode is U+FFFD.
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? '\uFFFD' : String.fromCodePoint(code);
  });
}
