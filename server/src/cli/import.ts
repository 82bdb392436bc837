// `qda import FILE.qdc|FILE.qdpx [--into FOLDER] [--force]`: a codebook from NVivo, ATLAS.ti, MAXQDA or
// QualCoder, in the REFI-QDA exchange standard, as the folder's codebook.yaml (core/refiImport.ts).
import { promises as fs } from 'fs';
import * as path from 'path';
import { codebookFileName } from '../core/codebook';
import { importRefiCodebook } from '../core/refiImport';
import { importInterviews, parseInterviewImportArguments } from './importInterviews';
import { ArgumentReader, UsageError } from './usage';

export const importUsage = `Usage: qda import FILE... [--into FOLDER] [--interviewer NAME] [--speaker "NAME=ID"]... [--media FILE] [--date DATE]
       qda import FILE.qdc|FILE.qdpx [--into FOLDER] [--force]

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


Writes the codebook of a REFI-QDA file (a .qdc codebook, or the codebook of a .qdpx project from
NVivo, ATLAS.ti, MAXQDA or QualCoder) as the folder's codebook.yaml (default: the current folder).
Codes keep their nesting, names (as labels), colours and descriptions; their keys are made from
their names. An existing codebook.yaml is kept unless --force is given.
Of a .qdpx only the codebook is read so far: its sources, codings and cases are not imported.
`;

/** The largest file read: a .qdpx holds every source too, but only its project.qde is unpacked. */
const maxInputBytes = 1024 * 1024 * 1024;

export interface ImportOptions {
  file: string;
  folder: string;
  force: boolean;
}

function parseImportArguments(args: string[]): ImportOptions {
  const positional: string[] = [];
  let force = false;
  let into: string | undefined;
  const reader = new ArgumentReader(args);
  for (let arg = reader.next(); arg !== undefined; arg = reader.next()) {
    if (arg === '--force') force = true;
    else if (reader.name === '--into') into = reader.value();
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else positional.push(arg);
  }
  if (positional.length === 0) throw new UsageError('import needs a .qdc or .qdpx file');
  if (positional.length > 1) throw new UsageError(`one file at a time (got '${positional.slice(1).join("', '")}' too)`);
  return { file: positional[0], folder: into ?? '.', force };
}

export async function importCommand(args: string[], output: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  const refi = args.some((arg) => /\.(qdc|qdpx)$/i.test(arg));
  if (!refi) return importInterviews(parseInterviewImportArguments(args), output);
  const options = parseImportArguments(args);
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
  const imported = importRefiCodebook(bytes, path.basename(options.file));
  if ('error' in imported) {
    output.err(`qda: ${imported.error}`);
    return 2;
  }
  const target = path.join(options.folder, codebookFileName);
  try {
    await fs.writeFile(target, imported.ok.yaml, { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    output.err(`qda: cannot write ${target}: ${code === 'EEXIST' ? 'it exists (--force replaces it)' : code === 'ENOENT' ? 'no such folder' : (error as Error).message}`);
    return 2;
  }
  for (const note of imported.ok.notes) output.err(`qda: note: ${note}`);
  const codebookOnly = imported.ok.fromProject ? ' (the codebook only: sources, codings and cases are not imported yet)' : '';
  output.out(`Wrote ${target}: ${imported.ok.codes} codes from ${options.file}${codebookOnly}.`);
  return 0;
}
