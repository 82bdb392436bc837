// The memo that keeps codings a merge or a re-transcription could not place (their words are gone):
// each with its code (as a `#code` reference, so find references and rename see it), its words,
// and where it was. Appended to `memos/not-placed/<transcript>.md`.
import type { NotPlacedCoding } from './transcriptMerge';

/** The memo file's path in the project for a transcript's path (`transcripts/sr.transcript.md` → `memos/not-placed/sr.md`). */
export function notPlacedMemoPath(transcriptPath: string): string {
  const name = transcriptPath.split('/').pop()!.replace(/\.transcript\.md$/, '').replace(/\.md$/, '');
  return `memos/not-placed/${name}.md`;
}

/** The memo's text, or what to append to it (`existing`: the file as it is, if any). */
export function notPlacedMemo(existing: string | undefined, transcriptPath: string, what: string, date: string, codings: readonly NotPlacedCoding[]): string {
  const lines: string[] = [];
  if (existing === undefined || existing.trim() === '') lines.push(`# Codings not placed: ${transcriptPath}`, '');
  lines.push(`## ${what}, ${date}`, '');
  lines.push('Their words were gone from the transcript; each is kept here with its code, its words and where it was.', '');
  for (const c of codings) {
    const where = `${c.side === 'ours' ? 'our' : 'their'} line ${c.line}${c.speaker ? ` (${c.speaker})` : ''}, near line ${c.near} now`;
    const memo = c.memo ? ` Memo: ${c.memo.replace(/\s+/g, ' ')}` : '';
    lines.push(`- #${c.code} on “${c.text.replace(/\s+/g, ' ').trim()}”: ${where}.${memo}`);
  }
  lines.push('');
  const prefix = existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n';
  return (existing ?? '') + prefix + lines.join('\n');
}
