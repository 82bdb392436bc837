// `qda import`: interviews from transcription tools (importInterviews.ts); a whole REFI-QDA project
// (`FILE.qdpx --into NEW_FOLDER`: codebook, informants and a transcript per source with its codings,
// core/exchange/refiProjectImport.ts); or a REFI-QDA codebook alone (`FILE.qdc`, or a `.qdpx` with
// `--codebook-only`) as the folder's codebook.yaml (core/exchange/refiImport.ts).
import { promises as fs } from 'fs';
import * as path from 'path';
import { importRefiCodebook } from '../core/exchange/refiImport';
import { importRefiProject } from '../core/exchange/refiProjectImport';
import { importInterviews, parseInterviewImportArguments } from './importInterviews';
import { ArgumentReader, UsageError } from './usage';
import { codebookFileName } from '../core/project/projectFiles';
import { replaceProjectFile, StagingFolder, writeNewFile } from '../node/safeWriter';

export const importUsage = `Usage: qda import FILE... [--into FOLDER] [--interviewer NAME] [--speaker "NAME=ID"]... [--media FILE] [--date DATE]
       qda import FILE --onto TRANSCRIPT.transcript.md [--interviewer NAME] [--speaker "NAME=ID"]...
       qda import FILE.qdpx --into NEW_FOLDER
       qda import FILE.qdc|FILE.qdpx --codebook-only [--into FOLDER] [--force]

Interview transcripts from transcription tools, one FOLDER/NAME.transcript.md each (an existing
transcript is never overwritten): WebVTT (.vtt: Zoom, Microsoft Teams, Whisper), SubRip (.srt),
Whisper's .json and .tsv, Otter's .txt export, oTranscribe's .otr, Word (.docx: "Name: text"
paragraphs, or a table of time, speaker and text) and plain text with "Name:" lines (.txt).
Consecutive lines of one speaker make one turn, which keeps its start time as a timestamp
[00:12:34]. Speakers are labelled with their initials.
  --interviewer NAME     the researcher's name as the file writes it: their turns are not quotes
  --speaker "NAME=ID"    the speaker NAME is the informant ID (label, speakers:, informant:); repeatable
  --media FILE           the recording, relative to the transcript (front matter 'media:')
  --date DATE            the interview's date (else read from the file's name, e.g. GMT20230115-…)
A folder outside any project gets an empty codebook.yaml; the project's informants.yaml gets the
ids given with --speaker that it does not have.

With --onto, FILE is a new transcription of the interview TRANSCRIPT holds (a corrected one, a
better speech recognition): TRANSCRIPT keeps its front matter, its words become FILE's, and every
coding, memo and {-} mark is carried onto the same words by a word-by-word alignment. Codings whose
words are gone are listed and appended to memos/not-placed/NAME.md: "Carried N of M codings; K not
placed (memos/…)". Give --speaker and --interviewer so that FILE's speakers get TRANSCRIPT's labels.

A REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA or QualCoder) becomes a new project folder
(it must not exist or be empty): codebook.yaml (codes nested, names as labels, colours and
descriptions kept), informants.yaml (cases and their variables), and a transcript per text source,
its text exactly and its coded selections as spans, nested where they nest. Selections that
cannot be placed (outside the text, crossing another) are listed one by one. Nothing is written
for a file that cannot be read.

With --codebook-only (and for a .qdc), the codebook alone becomes the folder's codebook.yaml; an
existing one is kept unless --force is given.
`;

/** The largest file read: a .qdpx holds every source too, but only its project.qde is unpacked. */
const maxInputBytes = 1024 * 1024 * 1024;

export interface ImportOptions {
  file: string;
  folder: string;
  force: boolean;
  codebookOnly: boolean;
}

function parseImportArguments(args: string[]): ImportOptions {
  const positional: string[] = [];
  let force = false;
  let codebookOnly = false;
  let into: string | undefined;
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (arg === '--force') force = true;
    else if (arg === '--codebook-only') codebookOnly = true;
    else if (reader.name === '--into') into = reader.value();
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length === 0) throw new UsageError('import needs a .qdc or .qdpx file');
  if (positional.length > 1) throw new UsageError(`one file at a time (got '${positional.slice(1).join("', '")}' too)`);
  return { file: positional[0], folder: into ?? '.', force, codebookOnly };
}

export async function importCommand(args: string[], output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const refi = args.some((arg) => /\.(qdc|qdpx)$/i.test(arg));
  if (!refi) return importInterviews(parseInterviewImportArguments(args), output);
  const options = parseImportArguments(args);
  const project = /\.qdpx$/i.test(options.file) && !options.codebookOnly;
  if (project && options.folder === '.' && !args.some((a) => a === '--into' || a.startsWith('--into='))) throw new UsageError('a .qdpx project is imported into a new folder: give it with --into');
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(options.file);
    if (stat.size > maxInputBytes) {
      output.err(`qda: ${options.file} is larger than 1 GB`);
      return 2;
    }
    bytes = await fs.readFile(options.file);
  } catch (error) {
    output.err(`qda: cannot read ${options.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    return 2;
  }
  if (project) return importProject(bytes, options, output);
  const imported = importRefiCodebook(bytes, path.basename(options.file));
  if ('error' in imported) {
    output.err(`qda: ${imported.error}`);
    return 2;
  }
  const target = path.join(options.folder, codebookFileName);
  try {
    await fs.mkdir(options.folder, { recursive: true });
    if (options.force) await replaceProjectFile(target, imported.ok.yaml);
    else await writeNewFile(target, imported.ok.yaml);
  } catch (error) {
    const message = (error as Error).message;
    output.err(`qda: ${message.endsWith('exists: not replaced') ? `cannot write ${target}: it exists (--force replaces it)` : message}`);
    return 2;
  }
  for (const note of imported.ok.notes) output.err(`qda: note: ${note}`);
  const codebookOnly = imported.ok.fromProject ? ' (the codebook only)' : '';
  output.out(`Wrote ${target}: ${imported.ok.codes} codes from ${options.file}${codebookOnly}.`);
  return 0;
}

/**
 * A whole `.qdpx` as a new project folder. Written into a staging folder beside the target and
 * moved into place at the end: a bad file, a failure half-way or Ctrl+C leaves nothing behind.
 */
async function importProject(bytes: Uint8Array, options: ImportOptions, output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const target = path.resolve(options.folder);
  const existing = await fs.readdir(target).catch(() => undefined);
  if (existing && existing.length > 0) {
    const why = existing.includes(codebookFileName) ? `it already holds a project (${codebookFileName})` : 'it is not empty';
    output.err(`qda: cannot import into ${options.folder}: ${why}; name a new folder`);
    return 2;
  }
  const imported = importRefiProject(bytes, path.basename(options.file));
  if ('error' in imported) {
    output.err(`qda: ${imported.error}`);
    return 2;
  }
  let staging: StagingFolder | undefined;
  try {
    staging = await StagingFolder.create(target);
    // The paths come from the core, made from names; the staging folder checks them again.
    for (const file of imported.ok.files) await staging.write(file.path, file.text);
    await staging.commit();
  } catch (error) {
    await staging?.discard();
    output.err(`qda: cannot write ${options.folder}: ${(error as Error).message}`);
    return 2;
  }
  const { codes, sources, informants, selections, placed, notes } = imported.ok;
  for (const note of notes) output.err(`qda: note: ${note}`);
  output.out(`Imported ${options.file} into ${options.folder}: ${codes} codes, ${sources} transcripts, ${informants} informants; ${placed} of ${selections} selections placed as codings.`);
  return 0;
}
