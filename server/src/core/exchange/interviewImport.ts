// Importing an interview from a transcription tool (`qda import FILE --into FOLDER`, the command
// "Import interview transcripts…"): the file's segments (interviewFormats.ts, docxInterview.ts)
// become one `*.transcript.md` whose turns are the speakers' turns, each with its start time as
// a timestamp, and whose front matter says who is who.
//
// Nothing is lost: every word of the file is in the transcript's plain text, in order (escaped
// where it would otherwise read as markup), which test/core/interviewImport.property.test.ts checks.
import { stringify } from 'yaml';
import { fromBase64 } from '../text/base64';
import { interviewFormatNames, interviewFormatOf, readInterviewText, type Interview, type InterviewFormat, type InterviewResult, type InterviewSegment } from './interviewFormats';
import { formatTimestamp, readTimestamp } from '../model/timestamp';
import { decodeText } from '../text/text';
import { collapseWhiteSpace } from '../text/textPieces';
import { replaceControlCharacters } from '../text/controlCharacters';
import { maxSeconds } from './subtitleCues';
import { escapeTranscriptText } from '../model/transcriptSyntax';
import { transcriptSuffix } from '../project/projectFiles';

export interface InterviewImportOptions {
  /** The researcher's name as the file writes it: their turns are not quotes. */
  interviewer?: string;
  /** A speaker's name as the file writes it → an informant id (its label, and `speakers:`). */
  speakers?: Record<string, string>;
  /** The transcript's heading (default: the file's name). */
  title?: string;
  /** The recording, relative to the transcript's folder. */
  media?: string;
  /** The interview's date; otherwise read from the file's name where it has one. */
  date?: string;
}

export interface SpeakerLabel {
  /** The name as the file writes it ('' for the segments that name no speaker). */
  name: string;
  label: string;
  informant?: string;
  turns: number;
}

export interface ImportedTranscript {
  format: InterviewFormat;
  /** The transcript file's text. */
  text: string;
  turns: number;
  /** Turns that have a timestamp. */
  timedTurns: number;
  speakers: SpeakerLabel[];
  /** What the user should know: names given on the command line that the file does not have. */
  notes: string[];
}

export type InterviewImportResult = { ok: ImportedTranscript } | { error: string };

/** The label of the turns of a file that names no speaker: the researcher renames it. */
export const unknownSpeakerLabel = 'S';

/**
 * The reader of Word documents (docxInterview.ts), given by the host that has it: mammoth's zip
 * library sets a `setImmediate` of its own, which the browser's worker must not get.
 */
export type WordReader = (bytes: Uint8Array) => Promise<InterviewResult>;

/** Reads a transcription file (any format of interviewFormats.ts) and writes its transcript. */
export async function importInterview(fileName: string, bytes: Uint8Array, options: InterviewImportOptions = {}, readWord?: WordReader): Promise<InterviewImportResult> {
  let format = interviewFormatOf(fileName, undefined);
  if (!format) return { error: `${baseName(fileName)}: not a format the importer reads (${Object.values(interviewFormatNames).join(', ')})` };
  let interview: Interview;
  if (format === 'docx') {
    if (!readWord) return { error: `${baseName(fileName)}: Word documents are read by the desktop version of VS Code and by 'qda import'; in the browser, save it as plain text (.txt) and import that` };
    const read = await readWord(bytes);
    if ('error' in read) return { error: oneLine(`${baseName(fileName)}: ${read.error}`) };
    interview = read.ok;
  } else {
    const text = decodeText(bytes);
    if (text === undefined) return { error: `${baseName(fileName)}: not text in UTF-8 or UTF-16` };
    format = interviewFormatOf(fileName, text)!;
    const read = readInterviewText(format as Exclude<InterviewFormat, 'docx'>, text);
    if ('error' in read) return { error: oneLine(`${baseName(fileName)}: ${read.error}`) };
    interview = read.ok;
  }
  if (!interview.segments.some((s) => s.text.trim() !== '')) return { error: `${baseName(fileName)}: no words to import` };
  const date = options.date ?? dateFromFileName(baseName(fileName));
  return { ok: { format, ...transcriptOfInterview(interview, { ...options, date, title: options.title ?? baseName(fileName), media: options.media ?? interview.media }) } };
}

/** One file of a batch imported in the editor: its transcript, or why there is none. */
export type ImportedInterviewFile = { name: string; fileName: string; imported: ImportedTranscript } | { name: string; error: string };

/** Files sent as base64 (by the editor's client), each imported or refused with its reason. */
export async function importInterviewFiles(files: { name: string; base64: string }[], options: InterviewImportOptions, readWord?: WordReader): Promise<ImportedInterviewFile[]> {
  const results: ImportedInterviewFile[] = [];
  for (const file of files) {
    const result = await fromBase64(file.base64, file.name, (bytes, name) => importInterview(name, bytes, files.length > 1 ? { ...options, media: undefined } : options, readWord));
    results.push('error' in result ? { name: file.name, error: result.error } : { name: file.name, fileName: transcriptFileNameFor(file.name), imported: result.ok });
  }
  return results;
}

/** `interview-sari.vtt` → `interview-sari.transcript.md`. */
export function transcriptFileNameFor(fileName: string): string {
  return baseName(fileName).replace(/\.[^.]*$/, '') + transcriptSuffix;
}

/** A date in a file's name: `2023-01-15`, `20230115`, Zoom's `GMT20230115-093000`. */
export function dateFromFileName(name: string): string | undefined {
  const match = /(?:^|[^\d])(20\d{2}|19\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)/.exec(name);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : undefined;
}

/** The transcript of an interview's segments: consecutive segments of one speaker make one turn. */
export function transcriptOfInterview(read: Interview, options: InterviewImportOptions): Omit<ImportedTranscript, 'format'> {
  const notes: string[] = [...(read.notes ?? [])];
  const { interview, title } = checkedInterview(read, options.title, notes);
  const byName = new Map<string, SpeakerLabel>();
  const taken = new Set<string>();
  const fold = (name: string) => name.trim().toLocaleLowerCase();
  const mapped = new Map(Object.entries(options.speakers ?? {}).map(([name, id]) => [fold(name), id]));
  const interviewer = options.interviewer === undefined ? undefined : fold(options.interviewer);
  const anyName = interview.segments.some((s) => s.speaker !== undefined);

  const speakerOf = (name: string): SpeakerLabel => {
    const key = fold(name);
    let speaker = byName.get(key);
    if (!speaker) {
      const informant = mapped.get(key);
      const label = uniqueLabel(informant ?? (name === '' ? unknownSpeakerLabel : initials(name)), taken);
      speaker = { name, label, informant, turns: 0 };
      byName.set(key, speaker);
    }
    return speaker;
  };

  interface Turn {
    speaker: SpeakerLabel;
    start?: number;
    words: string[];
  }
  /** The body in order: turns, and paragraphs of text outside them (a title, a date line, a heading). */
  const blocks: (Turn | { paragraph: string })[] = [];
  const turns: Turn[] = [];
  const firstTurn = firstTurnOf(interview.segments, (name) => mapped.has(fold(name)) || fold(name) === interviewer, fold);
  let lastTurn: Turn | undefined;
  for (const [i, segment] of interview.segments.entries()) {
    if (i < firstTurn || segment.heading) {
      // Before the first turn, a `Name:` line whose name is no speaker's is written as it is.
      const paragraph = collapseWhiteSpace(i < firstTurn && segment.speaker !== undefined ? (segment.line ?? `${segment.speaker}: ${segment.text}`) : segment.text);
      if (paragraph) blocks.push({ paragraph });
      continue;
    }
    const words = collapseWhiteSpace(segment.text);
    const last = blocks[blocks.length - 1];
    // A segment that names no speaker continues the turn before it (Zoom's cues after the first);
    // in a file that names nobody (Whisper), each segment is a turn of its own, so none loses its time.
    const continues = last && 'speaker' in last && (segment.speaker === undefined ? anyName : fold(segment.speaker) === fold(last.speaker.name));
    if (continues) {
      if (words) last.words.push(words);
      last.start ??= segment.start;
      continue;
    }
    if (!words) continue;
    // After a heading, the speaker before it goes on.
    const speaker = segment.speaker === undefined && anyName && lastTurn ? lastTurn.speaker : speakerOf(segment.speaker ?? '');
    lastTurn = { speaker, start: segment.start, words: [words] };
    turns.push(lastTurn);
    blocks.push(lastTurn);
  }
  for (const turn of turns) turn.speaker.turns++;

  const speakers = [...byName.values()];
  for (const name of mapped.keys()) if (!byName.has(name)) notes.push(`no speaker named '${Object.keys(options.speakers ?? {}).find((n) => fold(n) === name)}' in the file: --speaker ignored`);
  const interviewerLabel = interviewer === undefined ? undefined : byName.get(interviewer)?.label;
  if (interviewer !== undefined && interviewerLabel === undefined) notes.push(`no speaker named '${options.interviewer}' in the file: no turn is marked as the interviewer's`);

  const informants = [...new Set(speakers.filter((s) => s.informant && fold(s.name) !== interviewer).map((s) => s.informant!))];
  const frontMatter: Record<string, unknown> = {};
  if (informants.length === 1) frontMatter.informant = informants[0];
  frontMatter.source = 'interview';
  if (options.date) frontMatter.date = options.date;
  if (interviewerLabel) frontMatter.interviewer = interviewerLabel;
  const speakerMap = Object.fromEntries(speakers.filter((s) => s.informant).map((s) => [s.label, s.informant]));
  if (Object.keys(speakerMap).length > 0) frontMatter.speakers = speakerMap;
  if (options.media) frontMatter.media = options.media;

  const lines = ['---', stringify(frontMatter, { lineWidth: 0 }).trimEnd(), '---'];
  if (title) lines.push(`# ${escapeTranscriptText(title)}`);
  for (const block of blocks) {
    if ('paragraph' in block) {
      lines.push('', paragraphLine(escapeTranscriptText(block.paragraph)));
      continue;
    }
    const stamp = block.start === undefined ? '' : `${formatTimestamp(block.start)} `;
    let text = escapeTranscriptText(block.words.join(' '));
    // Words that look like a timestamp where one would be read as such stay words.
    if (!stamp && readTimestamp(text, 0)) text = `\\${text}`;
    lines.push('', `${block.speaker.label}: ${stamp}${text}`);
  }
  return { text: lines.join('\n') + '\n', turns: turns.length, timedTurns: turns.filter((t) => t.start !== undefined).length, speakers, notes };
}

/**
 * Where the turns start: at the first segment that has a time, or whose speaker is one. Before it,
 * a title, a date line (`Tanggal: 10 November 2022`), a place are paragraphs of text. A name before
 * the first turn is a speaker's when it speaks more than once in the file, or is named on the
 * command line (`given`); when no name is, the first name starts the turns (one question, one
 * answer). In a file that names nobody, every segment is a turn.
 */
function firstTurnOf(segments: InterviewSegment[], given: (name: string) => boolean, fold: (name: string) => string): number {
  const lines = new Map<string, number>();
  for (const segment of segments) if (segment.speaker !== undefined) lines.set(fold(segment.speaker), (lines.get(fold(segment.speaker)) ?? 0) + 1);
  if (lines.size === 0) return 0;
  const isSpeaker = (name: string) => lines.get(fold(name))! > 1 || given(name);
  const anySpeaker = segments.some((s) => s.speaker !== undefined && isSpeaker(s.speaker));
  const first = segments.findIndex((s) => s.start !== undefined || (s.speaker !== undefined && (!anySpeaker || isSpeaker(s.speaker))));
  return first < 0 ? segments.length : first;
}

/**
 * A paragraph outside the turns, as a line the parser reads back as that paragraph: one that would
 * start a turn (`Tanggal: …`) gets a space before it, one that would open a code fence four.
 */
function paragraphLine(text: string): string {
  if (/^[\p{L}\p{M}\p{Nd}_.\-]+:(?:[ \t]|$)/u.test(text)) return ` ${text}`;
  if (/^(?:`{3,}|~{3,})/.test(text)) return `    ${text}`;
  return text;
}

/**
 * The interview as a transcript may hold it: a time that is not finite, negative or past 100 hours
 * is left out (its words stay); control characters and lone surrogates are replaced. Each is noted.
 */
function checkedInterview(interview: Interview, title: string | undefined, notes: string[]): { interview: Interview; title?: string } {
  const badTimes: number[] = [];
  let replaced = 0;
  let firstReplaced: string | undefined;
  const clean = (text: string) => {
    const result = replaceControlCharacters(text);
    if (result.count > 0) {
      replaced += result.count;
      firstReplaced ??= result.first;
    }
    return result.text;
  };
  const segments = interview.segments.map((segment) => {
    let start = segment.start;
    if (start !== undefined && !(Number.isFinite(start) && start >= 0 && start < maxSeconds)) {
      badTimes.push(start);
      start = undefined;
    }
    return { ...segment, start, speaker: segment.speaker === undefined ? undefined : clean(segment.speaker), text: clean(segment.text) };
  });
  const cleanTitle = title === undefined ? undefined : clean(title);
  if (badTimes.length > 0) {
    const many = badTimes.length > 1;
    notes.push(`${badTimes.length} ${many ? 'times are' : 'time is'} not between 0 and 100 hours (the first: ${String(badTimes[0])} seconds): ${many ? 'their' : 'its'} words are kept, with no time`);
  }
  if (replaced > 0) notes.push(`${replaced} control character${replaced > 1 ? 's' : ''} (the first: ${firstReplaced}) ${replaced > 1 ? 'are' : 'is'} replaced by U+FFFD (a vertical tab or form feed by a space)`);
  return { interview: { ...interview, segments }, title: cleanTitle };
}

/**
 * A short, stable label for a name: its initials ("Sari Dewi" → SD, "Smith, Tom (Org)" → TS,
 * "Speaker 1" → S1), made unique among the labels taken with a number (SD2).
 */
export function initials(name: string): string {
  let clean = name.replace(/\([^)]*\)/g, ' ').trim();
  // Teams and Outlook write "Surname, Given".
  const comma = /^([^,]+),\s*([^,]+)$/.exec(clean);
  if (comma) clean = `${comma[2]} ${comma[1]}`;
  const words = clean.split(/[^\p{L}\p{M}\p{Nd}]+/u).filter(Boolean);
  const label = words.map((w) => (/^\p{Nd}+$/u.test(w) ? w : [...w][0].toLocaleUpperCase())).join('');
  return label || unknownSpeakerLabel;
}

function uniqueLabel(wanted: string, taken: Set<string>): string {
  let label = wanted;
  for (let n = 2; taken.has(label); n++) label = `${wanted}${n}`;
  taken.add(label);
  return label;
}

/** A reader's message (a library's may quote the file, line breaks and all) as one line. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

function baseName(fileName: string): string {
  return fileName.replace(/^.*[/\\]/, '');
}
