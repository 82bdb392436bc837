// Settling a disagreement: giving one's own quote the other coder's coding. The turn's text is
// replaced by the other coder's, which differs only in markup (the comparison matched the
// transcripts by their plain text); the edit is checked to leave the plain text byte-identical,
// as every edit the extension makes.
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import type { ParsedTranscript } from '../core/model/transcript';
import { parseTranscript } from '../core/model/transcriptParser';
import type { Refusable } from './refusable';

export function adoptCodingEdit(own: ParsedTranscript, uri: string, other: ParsedTranscript, turn: number): Refusable<WorkspaceEdit> {
  if (turn < 0 || turn >= own.turnCount || turn >= other.turnCount || !own.isQuote(turn)) return { error: 'That quote is no longer in the transcript; compare the coding again.' };
  const mine = own.turns[turn];
  const theirs = other.turns[turn];
  if (mine.speaker !== theirs.speaker || own.plainIndex.sliceSource(mine.contentSpan) !== other.plainIndex.sliceSource(theirs.contentSpan)) {
    return { error: 'The quote reads differently in the two copies now; compare the coding again.' };
  }
  const replacement = other.source.slice(theirs.contentStart, theirs.contentEnd);
  if (replacement === own.source.slice(mine.contentStart, mine.contentEnd)) return { ok: { changes: {} } };
  const text = own.text;
  const after = parseTranscript(text.slice(0, mine.contentStart) + replacement + text.slice(mine.contentEnd));
  if (after.plainText !== own.plainText || after.turnCount !== own.turnCount) return { error: "The other coder's markup would change the words of this transcript here; copy it by hand." };
  return { ok: { changes: { [uri]: [{ range: mine.contentRange, newText: replacement }] } } };
}
