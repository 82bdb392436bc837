// A new transcription of a coded transcript's interview (`qda import NEW --onto X`, the editor's
// "Replace transcript text, keeping codings…"): the file is read as the interview import reads it
// (any of its formats), its words go under X's front matter, and X's codings, memos and `{-}` marks
// are carried onto them (model/retranscription.ts). Nothing is written unless the new words are
// exactly what the file says.
import { newBody, retranscribe, type Retranscription } from '../model/retranscription';
import { parseTranscript } from '../model/transcriptParser';
import { importInterview, type InterviewImportOptions, type SpeakerLabel, type WordReader } from './interviewImport';

export interface RetranscriptionImport extends Retranscription {
  /** The speakers of the new file, and the labels their turns got. */
  speakers: SpeakerLabel[];
}

/** `old` (a coded transcript, named `target` in messages) with the words of the transcription file `fileName`; or why not. */
export async function retranscribeFromFile(
  fileName: string,
  bytes: Uint8Array,
  old: string,
  target: string,
  options: InterviewImportOptions = {},
  readWord?: WordReader,
): Promise<{ ok: RetranscriptionImport } | { error: string }> {
  // No title line made from the file's name: the transcript keeps its own heading unless the new words have one.
  const imported = await importInterview(fileName, bytes, { ...options, title: '' }, readWord);
  if ('error' in imported) return imported;
  const result = retranscribe(old, imported.ok.text);
  const oldText = parseTranscript(old).plainText;
  if (parseTranscript(result.text).plainText !== parseTranscript(newBody(oldText, imported.ok.text)).plainText) {
    return { error: `the new words could not be written exactly onto ${target}` };
  }
  return { ok: { ...result, notes: [...imported.ok.notes, ...result.notes], speakers: imported.ok.speakers } };
}
