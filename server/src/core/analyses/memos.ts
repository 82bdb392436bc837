// Memos: the researcher's analytic notes. Two kinds: the memo of a tag block (`{#code | memo}`),
// on one quote, and memo files (model/memoFile.ts), Markdown under a project's `memos/` folder.
// This lists both, as the Memos view, `qda memos` and the report show them.
import type { Range } from '../text/text';
import type { Project } from '../project/workspace';

/** A memo of either kind, as the Memos view, `qda memos` and the report list it. */
export interface MemoEntry {
  kind: 'quote' | 'file';
  uri: string;
  /** The memo's text: a tag block's memo, or a memo file's text. */
  text: string;
  /** A memo file's title; for a quote's memo, the start of the quote. */
  title: string;
  /** Where it opens: the memo in its tag block, or the start of the memo file. */
  range: Range;
  /** The codes it is about: its tag block's, or those the file refers to (each once, in order). */
  codes: string[];
  /** The quote's informant (a quote's memo only). */
  informant?: string;
}

/** Every memo of a project: those of tag blocks in transcript order, then the memo files by name. */
export function projectMemos(project: Project): MemoEntry[] {
  const memos: MemoEntry[] = [];
  const documents = [...project.index.documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  for (const doc of documents) {
    const parsed = doc.parsed;
    for (const block of parsed.tagBlocks) {
      if (!block.memo || block.memo.text.trim() === '') continue;
      const turn = block.turn;
      // In a turn: the speaker and the start of the turn. Outside turns (field notes, documents):
      // the line's text before the block, and the document's informant, who owns such codings.
      const lineStart = parsed.lines.lineStart(block.range.start.line);
      const title =
        turn !== undefined
          ? `${parsed.speakerOf(turn)}: ${oneLine(parsed.plainIndex.sliceSource(parsed.contentSpanOf(turn)), 60)}`
          : oneLine(parsed.plainIndex.sliceSource({ start: lineStart, end: block.start }), 60);
      memos.push({
        kind: 'quote',
        uri: doc.uri,
        text: block.memo.text.trim(),
        title,
        range: block.memo.range,
        codes: [...new Set(block.codes.map((code) => code.path))],
        informant: turn !== undefined ? (parsed.isQuote(turn) ? doc.informantOfTurn(turn) : undefined) : parsed.frontMatter?.informant?.value,
      });
    }
  }
  for (const file of [...project.memoFiles.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))) {
    memos.push({
      kind: 'file',
      uri: file.uri,
      text: file.text,
      title: file.title,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      codes: [...new Set(file.refs.map((ref) => ref.path))],
    });
  }
  return memos;
}

/** The memos about a code (or one of its sub-codes). */
export function memosOfCode(memos: MemoEntry[], path: string): MemoEntry[] {
  return memos.filter((memo) => memo.codes.some((code) => code === path || code.startsWith(`${path}/`)));
}

function oneLine(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
