// "Replace transcript text, keeping codings…": a new transcription of a coded transcript's
// interview (any format the interview import reads) becomes its words, and its codings, memos and
// `{-}` marks are carried onto them, as `qda import NEW --onto X` does
// (core/exchange/retranscriptionImport.ts). The answer is one workspace edit, undone with Ctrl+Z:
// the transcript's changed lines, and the codings whose words are gone appended to
// `memos/not-placed/<transcript>.md` (made where missing). Nothing changes when the new words
// cannot be written exactly.
import type { CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { retranscribeFromFile } from '../core/exchange/retranscriptionImport';
import type { InterviewImportOptions, SpeakerLabel, WordReader } from '../core/exchange/interviewImport';
import { notPlacedMemo, notPlacedMemoPath } from '../core/model/notPlacedMemo';
import type { NotPlacedCoding } from '../core/model/transcriptMerge';
import type { QdaWorkspace } from '../core/project/workspace';
import { fromBase64 } from '../core/text/base64';
import { LineIndex } from '../core/text/text';
import type { Refusable } from './refusable';

export interface ReplacedTranscriptText {
  edit: WorkspaceEdit;
  /** Codings of the transcript before. */
  codings: number;
  carried: number;
  notPlaced: NotPlacedCoding[];
  /** The memo file that keeps the codings not placed, by its path in the project; none when every coding was carried. */
  memo?: string;
  notes: string[];
  /** The new file's speakers and the labels their turns got. */
  speakers: SpeakerLabel[];
}

/** The largest transcription file taken, as `qda import` (hours of speech are a few megabytes). */
const maxBytes = 100 * 1024 * 1024;

export async function replaceTranscriptText(
  workspace: QdaWorkspace,
  uri: string,
  file: { name: string; base64: string },
  options: InterviewImportOptions,
  today: string,
  readWord?: WordReader,
): Promise<Refusable<ReplacedTranscriptText>> {
  const parsed = workspace.transcript(uri);
  if (!parsed) return { error: 'This file is not a transcript: open the transcript whose text to replace.' };
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  // Read now: a keystroke while the file is decoded below lets this parse go (a long open
  // transcript's bytes are then changed in place, and its parse released).
  const text = parsed.text;
  const read = await fromBase64(file.base64, file.name, async (bytes, fileName) =>
    bytes.length > maxBytes ? { error: `${fileName} is larger than 100 MB` } : retranscribeFromFile(fileName, bytes, text, name, options, readWord),
  );
  if ('error' in read) return { error: `${read.error}; ${name} is unchanged.` };
  const result = read.ok;

  const documentChanges: (TextDocumentEdit | CreateFile)[] = [{ textDocument: { uri, version: null }, edits: [changedLines(text, result.text, parsed.lines)] }];
  let memo: string | undefined;
  if (result.notPlaced.length > 0) {
    const project = workspace.projectFor(uri);
    const root = URI.parse(project?.root ?? uri.slice(0, uri.lastIndexOf('/')));
    const transcriptPath = project ? project.pathOf(uri) : name;
    memo = notPlacedMemoPath(transcriptPath);
    const memoUri = Utils.joinPath(root, ...memo.split('/')).toString();
    const existing = workspace.memoFile(memoUri)?.text;
    const text = notPlacedMemo(existing, transcriptPath, `Re-transcribed from ${file.name.split(/[\\/]/).pop()}`, today, result.notPlaced);
    const end = new LineIndex(existing ?? '').positionAt(existing?.length ?? 0);
    if (existing === undefined) documentChanges.push({ kind: 'create', uri: memoUri, options: { overwrite: false, ignoreIfExists: true } });
    documentChanges.push({ textDocument: { uri: memoUri, version: null }, edits: [{ range: { start: end, end }, newText: text.slice(existing?.length ?? 0) }] });
  }
  return {
    ok: {
      edit: { documentChanges },
      codings: result.codings,
      carried: result.carried,
      notPlaced: result.notPlaced,
      ...(memo !== undefined ? { memo } : {}),
      notes: result.notes,
      speakers: result.speakers,
    },
  };
}

/**
 * The edit from `old` to `next` on whole lines: the lines both share at the start and at the end
 * stay (the front matter, and the cursor's place where it is there), the lines between are
 * replaced. Whole lines, so that no edit starts inside a CRLF or a surrogate pair.
 */
export function changedLines(old: string, next: string, lines: LineIndex): TextDocumentEdit['edits'][number] {
  const shorter = Math.min(old.length, next.length);
  let prefix = 0;
  while (prefix < shorter && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  // The shared start ends at a line's start, the shared end starts at one.
  prefix = prefix === 0 ? 0 : old.lastIndexOf('\n', prefix - 1) + 1;
  while (suffix > 0 && old.charCodeAt(old.length - suffix - 1) !== 10) suffix--;
  return { range: { start: lines.positionAt(prefix), end: lines.positionAt(old.length - suffix) }, newText: next.slice(prefix, next.length - suffix) };
}
