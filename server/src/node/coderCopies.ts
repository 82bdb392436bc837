// Comparing coders' copies of a project for `qda agree`, reading as little as the comparison needs.
// The first coder's transcripts are parsed whole. Another coder's transcript that is the same
// bytes is the first coder's parse itself; by quote, one that differs only in some chunks (runs of
// lines cut after blank lines) is the first coder's parse with those chunks parsed apart
// (core/model/revisedTranscript.ts, which checks them); any other is parsed whole. A second coder
// typically recodes a tenth of the quotes: most of the second copy is compared as bytes, never
// decoded or parsed.
import { URI } from 'vscode-uri';
import { AgreementCount, type AgreementReport, type AgreementUnit, type CoderTranscript } from '../core/analyses/agreement';
import { parseCodebook, type Codebook } from '../core/model/codebook';
import type { WorkspaceFileSystem } from '../core/project/fileSystem';
import { PreparedText } from '../core/text/preparedText';
import { RevisedTranscript } from '../core/model/revisedTranscript';
import type { ParsedTranscript } from '../core/model/transcript';
import { parseTranscript } from '../core/model/transcriptParser';
import { openCoderFiles, type CoderSource } from './coders';
import { NodeFileSystem } from './nodeFileSystem';
import { TextFileReader } from './textFile';
import { changedText, compareBytes, decodeText, firstFile, type ScannedText } from './transcriptDifference';
import { codebookFileName, fileKind, folderOf, nearestProjectRoot } from '../core/project/projectFiles';

/**
 * The agreement of the coders' copies; rejects with a one-line reason. Each transcript is let go
 * once counted: the heap holds one transcript of each coder at a time, not the study. Files are
 * read on this thread: a reader thread made it slower on a two-core machine, the work being
 * mostly memory traffic, which two threads share.
 */
export async function compareCoderCopies(sources: CoderSource[], unit: AgreementUnit): Promise<AgreementReport> {
  const opened = await Promise.all(sources.map(openCopy));
  const paths = [...new Set(opened.flatMap((copy) => [...copy.transcripts.keys()]))].sort();
  const codebooks: Codebook[] = [];
  const count = new AgreementCount(
    opened.map((copy) => copy.name),
    // Coders' codebooks are mostly the same text: each text is parsed once.
    opened.map((copy, c) => {
      const same = opened.findIndex((other) => other.codebookText === copy.codebookText);
      return same < c ? codebooks[same] : (codebooks[c] = parseCodebook(copy.codebookText));
    }),
    unit,
  );
  // From disk, into one buffer per coder used again for each file (the bytes are not kept once
  // compared and decoded); through git, from its files in memory.
  const onDisk = opened.every((copy) => copy.files instanceof NodeFileSystem);
  const readers = opened.map(() => new TextFileReader());
  for (const path of paths) {
    const bytes: (Uint8Array | undefined)[] = [];
    for (let c = 0; c < opened.length; c++) {
      const uri = opened[c].transcripts.get(path);
      bytes.push(onDisk ? (uri === undefined ? undefined : readFileOrNothing(readers[c], URI.parse(uri).fsPath)) : await readBytes(opened[c].files, uri));
    }
    count.add(path, transcriptsOf(bytes, unit, path));
  }
  return count.report();
}

/** Each coder's transcript from its bytes (undefined where the coder has none). */
function transcriptsOf(bytes: (Uint8Array | undefined)[], unit: AgreementUnit, path: string): (CoderTranscript | undefined)[] {
  const decoded = bytes[0] && decodeText(bytes[0], path);
  const first = decoded && parseScanned(decoded);
  const facts = decoded && first && firstFile(bytes[0]!, first, decoded.scan);
  return [
    first,
    ...bytes.slice(1).map((mine) => {
      const comparison = compareBytes(facts, bytes[0], mine, unit, path);
      if (comparison.kind === 'same') return first;
      if (comparison.kind === 'absent' || !mine) return undefined;
      if (comparison.kind === 'chunks' && decoded && first) {
        // Checked as it is made; where the chunks do not bear it out, the file is parsed whole.
        const changes = changedText(decoded, bytes[0]!, mine, comparison);
        return RevisedTranscript.of(first, parseTranscript(changes.text), changes.chunks) ?? parseWhole(mine, path);
      }
      return parseWhole(mine, path);
    }),
  ];
}

/** A file's bytes (valid until the reader's next read), or undefined where it cannot be read (as the workspace does: not in the project). */
function readFileOrNothing(reader: TextFileReader, file: string): Uint8Array | undefined {
  try {
    return reader.readBytes(file);
  } catch {
    return undefined;
  }
}

async function readBytes(files: WorkspaceFileSystem, uri: string | undefined): Promise<Uint8Array | undefined> {
  if (uri === undefined) return undefined;
  try {
    return files.readBytes ? await files.readBytes(uri) : new TextEncoder().encode(await files.read(uri));
  } catch {
    return undefined; // as the workspace does: an unreadable transcript is not in the project
  }
}

function parseScanned(read: ScannedText): ParsedTranscript {
  return parseTranscript(read.text, PreparedText.fromReader(undefined, read.scan));
}

function parseWhole(bytes: Uint8Array, path: string): ParsedTranscript | undefined {
  const read = decodeText(bytes, path);
  return read && parseScanned(read);
}

/** A coder's project: its file system, its transcripts by path, its codebook. */
interface OpenedCopy {
  name: string;
  files: WorkspaceFileSystem;
  /** URI of each transcript of the project, by its path in the project. */
  transcripts: Map<string, string>;
  codebookText: string;
}

/** A coder's copy: the project at the folder or revision, or the one project below it. */
async function openCopy(source: CoderSource): Promise<OpenedCopy> {
  const { files, rootUri, name } = await openCoderFiles(source);
  const uris = await files.list(rootUri);
  const projects = new Set(uris.filter((uri) => fileKind(uri) === 'codebook').map(folderOf));
  let root: string;
  if (projects.has(rootUri)) root = rootUri;
  else if (projects.size === 1) root = [...projects][0];
  else if (projects.size === 0) throw new Error(`no ${codebookFileName} in ${name} or below it`);
  else throw new Error(`${name} holds ${projects.size} projects; name the folder of the one to compare`);
  let codebookText: string;
  try {
    codebookText = await files.read(`${root}/${codebookFileName}`);
  } catch (error) {
    throw new Error(`cannot read the codebook of ${name}: ${(error as Error).message}`);
  }
  // A transcript belongs to the nearest project above it, as in the workspace.
  const transcripts = new Map<string, string>();
  for (const uri of uris) {
    if (fileKind(uri) !== 'transcript' || nearestProjectRoot(uri, (folder) => projects.has(folder)) !== root) continue;
    transcripts.set(decodeURIComponent(uri.slice(root.length + 1)), uri);
  }
  return { name, files, transcripts, codebookText };
}
