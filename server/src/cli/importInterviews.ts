// `qda import FILE... --into FOLDER [--interviewer NAME] [--speaker "NAME=ID"]...`: transcripts from
// Zoom, Teams, Whisper, Otter, oTranscribe, Word or plain text (core/exchange/interviewImport.ts), one
// `*.transcript.md` each, in a project folder (its codebook.yaml and informants.yaml made if missing).
import { promises as fs } from 'fs';
import * as path from 'path';
import { readDocxInterview } from '../core/exchange/docxInterview';
import { parseInformants } from '../core/model/informants';
import { importInterview, transcriptFileNameFor, type InterviewImportOptions } from '../core/exchange/interviewImport';
import { isFile, projectRootAtOrAbove } from '../node/projectRoot';
import { notPlacedMemo, notPlacedMemoPath } from '../core/model/notPlacedMemo';
import { retranscribeFromFile } from '../core/exchange/retranscriptionImport';
import { ArgumentReader, UsageError } from './usage';
import { codebookFileName, informantsFileName } from '../core/project/projectFiles';
import { replaceProjectFile, writeNewFile } from '../node/safeWriter';

/** The largest transcription file read: hours of speech are a few megabytes. */
const maxInterviewBytes = 100 * 1024 * 1024;

/** An informant id names a speaker label too: letters, digits, `_`, `.` and `-`. */
const validId = /^[\p{L}\p{M}\p{Nd}_.\-]+$/u;

export interface InterviewImportArguments {
  files: string[];
  folder: string;
  options: InterviewImportOptions;
  /** A coded transcript whose words the file replaces, its codings carried (`--onto`). */
  onto?: string;
}

export function parseInterviewImportArguments(args: string[]): InterviewImportArguments {
  const files: string[] = [];
  let into: string | undefined;
  let onto: string | undefined;
  const options: InterviewImportOptions = {};
  const speakers: Record<string, string> = {};
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (reader.name === '--into') into = reader.value();
    else if (reader.name === '--onto') onto = reader.value();
    else if (reader.name === '--interviewer') options.interviewer = reader.value();
    else if (reader.name === '--media') options.media = reader.value();
    else if (reader.name === '--date') options.date = reader.value();
    else if (reader.name === '--speaker') {
      const value = reader.value();
      const equals = value.lastIndexOf('=');
      const name = value.slice(0, equals).trim();
      const id = value.slice(equals + 1).trim();
      if (equals < 0 || !name || !validId.test(id)) throw new UsageError(`--speaker needs NAME=ID, an informant id of letters, digits, '_', '.' and '-' (got '${value}')`);
      speakers[name] = id;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else files.push(arg);
  }
  if (files.length === 0) throw new UsageError('import needs a file');
  if (Object.keys(speakers).length > 0) options.speakers = speakers;
  if (files.length > 1 && options.media) throw new UsageError('--media names the recording of one file: import the files one at a time');
  if (onto !== undefined && (files.length > 1 || into !== undefined)) throw new UsageError('--onto takes one file, and no --into: the transcript it replaces says where');
  return { files, folder: into ?? '.', options, ...(onto !== undefined ? { onto } : {}) };
}

export async function importInterviews(args: InterviewImportArguments, output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  if (args.onto !== undefined) return importOnto(args.files[0], args.onto, args.options, output);
  const { files, folder, options } = args;
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    output.err(`qda: cannot make ${folder}: ${(error as Error).message}`);
    return 2;
  }
  let failed = 0;
  const written: string[] = [];
  // The informant ids of the speakers found: a --speaker for a name no file holds changes nothing.
  const used = new Set<string>();
  for (const file of files) {
    const target = path.join(folder, transcriptFileNameFor(file));
    const line = await importOne(file, target, options, used);
    if (line.startsWith('qda:')) {
      failed++;
      output.err(line);
    } else {
      written.push(target);
      output.out(line);
    }
  }
  if (written.length > 0) {
    try {
      const usedSpeakers = Object.fromEntries(Object.entries(options.speakers ?? {}).filter(([, id]) => used.has(id)));
      for (const note of await makeProjectFiles(folder, usedSpeakers)) output.out(note);
    } catch (error) {
      output.err(`qda: ${(error as Error).message}`);
      return 2;
    }
  }
  if (files.length > 1) output.out(`${written.length} of ${files.length} files imported into ${folder}.`);
  return failed > 0 ? 1 : 0;
}

async function importOne(file: string, target: string, options: InterviewImportOptions, used: Set<string>): Promise<string> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxInterviewBytes) return `qda: ${file} is larger than 100 MB; not imported`;
    bytes = await fs.readFile(file);
  } catch (error) {
    return `qda: cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`;
  }
  const imported = await importInterview(file, bytes, options, readDocxInterview);
  if ('error' in imported) return `qda: ${imported.error}; nothing written`;
  try {
    // An existing transcript, coded perhaps, is never overwritten; a killed import leaves no part of one.
    await writeNewFile(target, imported.ok.text);
  } catch (error) {
    const message = (error as Error).message;
    return `qda: ${message.endsWith('exists: not replaced') ? `cannot write ${target}: it exists (an imported transcript is never overwritten)` : message}`;
  }
  const { turns, timedTurns, speakers, notes, format } = imported.ok;
  for (const speaker of speakers) if (speaker.informant) used.add(speaker.informant);
  const who = speakers.map((s) => `${s.name || '(no name)'} → ${s.label}${s.informant ? ` (informant ${s.informant})` : ''}`).join(', ');
  const noteLines = notes.map((n) => `\n  note: ${n}`).join('');
  return `Wrote ${target} from ${file} (${format}): ${turns} turns, ${timedTurns} with a timestamp; speakers ${who}.${noteLines}`;
}

/**
 * The project the transcripts went into (the nearest folder with a codebook.yaml, at or above the
 * folder) gets informants.yaml entries for the ids given with --speaker; a folder in no project
 * gets an empty codebook.yaml and an informants.yaml of its own.
 */
async function makeProjectFiles(folder: string, speakers: Record<string, string>): Promise<string[]> {
  const notes: string[] = [];
  let root = await projectRootAtOrAbove(folder);
  if (root === undefined) {
    root = folder;
    const codebook = path.join(folder, codebookFileName);
    await writeNewFile(codebook, '# The codebook: themes are the top-level keys, their codes under `codes:` (docs/format.md).\n');
    notes.push(`Made ${codebook} (empty: add the themes and codes).`);
  }
  const informantsFile = path.join(root, informantsFileName);
  const existing = (await isFile(informantsFile)) ? await fs.readFile(informantsFile, 'utf8') : undefined;
  const known = existing === undefined ? new Set<string>() : new Set(parseInformants(existing).informants.keys());
  const missing = [...new Map(Object.entries(speakers).filter(([, id]) => !known.has(id)).map(([name, id]) => [id, name]))];
  if (existing !== undefined && missing.length === 0) return notes;
  const entries = missing.map(([id, name]) => `${id}:\n  name: ${JSON.stringify(name)}\n`).join('');
  const header = existing === undefined ? '# The informants: an id each, with the attributes to compare them by (role, age, …).\n' : existing === '' || existing.endsWith('\n') ? '' : '\n';
  if (existing === undefined) await writeNewFile(informantsFile, header + entries);
  else await replaceProjectFile(informantsFile, existing + header + entries);
  const ids = missing.map(([id]) => id).join(', ');
  notes.push(existing === undefined ? `Made ${informantsFile}${ids ? ` with ${ids}` : ''}.` : `Added ${ids} to ${informantsFile}.`);
  return notes;
}

/**
 * `qda import NEW --onto X.transcript.md`: a new transcription of X's interview. X keeps its front
 * matter, its words become NEW's, and its codings, memos and `{-}` marks are carried onto them
 * (core/model/retranscription.ts); codings whose words are gone go to memos/not-placed/.
 */
async function importOnto(file: string, target: string, options: InterviewImportOptions, output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  let bytes: Uint8Array;
  let old: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > maxInterviewBytes) {
      output.err(`qda: ${file} is larger than 100 MB; not imported`);
      return 2;
    }
    bytes = await fs.readFile(file);
    old = await fs.readFile(target, 'utf8');
  } catch (error) {
    output.err(`qda: cannot read ${(error as { path?: string }).path ?? file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  const retranscribed = await retranscribeFromFile(file, bytes, old, target, options, readDocxInterview);
  if ('error' in retranscribed) {
    output.err(`qda: ${retranscribed.error}; nothing written`);
    return 1;
  }
  const result = retranscribed.ok;
  let memo = '';
  if (result.notPlaced.length > 0) {
    const root = (await projectRootAtOrAbove(path.dirname(path.resolve(target)))) ?? path.dirname(path.resolve(target));
    const transcriptPath = path.relative(root, path.resolve(target)).split(path.sep).join('/');
    const relative = notPlacedMemoPath(transcriptPath);
    const memoFile = path.join(root, ...relative.split('/'));
    await fs.mkdir(path.dirname(memoFile), { recursive: true });
    const existing = (await isFile(memoFile)) ? await fs.readFile(memoFile, 'utf8') : undefined;
    await replaceProjectFile(memoFile, notPlacedMemo(existing, transcriptPath, `Re-transcribed from ${path.basename(file)}`, new Date().toISOString().slice(0, 10), result.notPlaced));
    memo = ` (${path.relative(process.cwd(), memoFile).split(path.sep).join('/')})`;
  }
  await replaceProjectFile(target, result.text);
  for (const note of result.notes) output.err(`qda: note: ${note}`);
  output.out(`Carried ${result.carried} of ${result.codings} codings; ${result.notPlaced.length} not placed${memo}.`);
  for (const c of result.notPlaced) output.out(`  not placed: #${c.code} on "${c.text.replace(/\s+/g, ' ').trim()}" (line ${c.line}${c.speaker ? `, ${c.speaker}` : ''})`);
  return 0;
}
