// A REFI-QDA project's notes ("a free text comment made by the user on a project, source,
// selection or code") in the imported project: a note on a selection that is placed is the memo
// of its span; every other note becomes a memo file under `memos/` (docs/format.md), titled with
// its name and saying what it is on: the project, a transcript (linked), a code (a `#code`
// reference, as in any memo file), or a selection that could not be placed (its codes and text).
// A note this tool wrote itself from a memo file (named by its path, `memos/….md`) goes back to
// that path with its text as it was.
import { memoPath, namesMemoFile } from './refiFileNames';

export interface ProjectNote {
  name: string;
  text: string;
}

export class NoteMemos {
  private readonly inSpans = new Set<string>();
  private readonly files = new Map<string, { path: string; text: string }>();
  private readonly usedPaths = new Set<string>();

  /** `retarget` rewrites the text of this tool's own memo files (its code references) for the imported project. */
  constructor(
    private readonly notes: Map<string, ProjectNote>,
    private readonly retarget: (text: string) => string = (text) => text,
  ) {}

  /** A note's text, to be a span's memo; undefined for no such note. */
  spanMemo(guid: string): string | undefined {
    return this.notes.get(guid)?.text;
  }

  /** Marks a note as written as the memo of a placed span. */
  placedInSpan(guid: string): void {
    if (this.notes.has(guid)) this.inSpans.add(guid);
  }

  /** A memo file for a note, once, with a line saying what it is on (made from the memo file's path, for links). */
  addFile(guid: string, on?: (memoPath: string) => string): void {
    const note = this.notes.get(guid);
    if (!note || this.files.has(guid)) return;
    const ownPath = namesMemoFile(note.name);
    const path = memoPath(note.name || 'note', '', this.usedPaths);
    const text = ownPath ? this.retarget(note.text) : `# ${note.name.trim() || 'Note'}\n\n${on ? `${on(path)}\n\n` : ''}${note.text.trim()}\n`;
    this.files.set(guid, { path, text });
  }

  /** The memo files: those added, then one for each note neither in a span nor added (a note on the whole project). */
  memoFiles(): { path: string; text: string }[] {
    for (const guid of this.notes.keys()) if (!this.inSpans.has(guid)) this.addFile(guid);
    return [...this.files.values()];
  }
}

/** A Markdown link to a project file from a memo file (both paths relative to the project). */
export function linkFromMemo(memoPath: string, file: string): string {
  const up = '../'.repeat(memoPath.split('/').length - 1);
  return `[${file.replace(/[[\]\\]/g, (c) => `\\${c}`)}](${encodeURI(up + file)})`;
}
