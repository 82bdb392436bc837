// A memo file: Markdown under a project's `memos/` folder (any depth), on codes, informants or
// the whole study. A code written in it (`#trust/quality`) refers to the code as a tag does: it
// is counted by references, changed by rename, flagged when unknown.
import { LineIndex } from '../text/text';

/** `#code` written in a memo file: the offsets of its path (after `#`). */
export interface MemoRef {
  path: string;
  start: number;
  end: number;
}

export interface MemoFile {
  uri: string;
  text: string;
  lines: LineIndex;
  /** Its first heading, else its first line. */
  title: string;
  refs: MemoRef[];
}

// `#` then a code path; not after a letter, digit, `/`, `#` or `&` (a URL's anchor, `##`, `&#…`).
const refPattern = /(?<![\p{L}\p{N}_/#&-])#([\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*)/gu;

export function parseMemoFile(uri: string, text: string): MemoFile {
  const refs: MemoRef[] = [];
  // Code (fenced blocks and `inline` spans) is the researcher's example, not a reference: blanked
  // out, at the same offsets, before looking for references.
  const searchable = text
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/`[^`\n]*`/g, (span) => ' '.repeat(span.length));
  for (const match of searchable.matchAll(refPattern)) {
    const start = match.index! + 1;
    refs.push({ path: match[1], start, end: start + match[1].length });
  }
  const heading = /^#{1,6}[ \t]+(.+?)[ \t#]*$/m.exec(text)?.[1];
  const title = (heading ?? text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim();
  return { uri, text, lines: new LineIndex(text), title, refs };
}
