// Editing codebook.yaml as text, for the edits that restructure it (merging and moving codes):
// an entry's lines, their indentation, where a code's children go. Only block-style YAML is
// edited; an entry written in flow style (`{…}`) is moved as it is but never edited inside.
import type { CodeDefinition } from '../core/model/codebook';

export class CodebookText {
  readonly lines: string[];

  constructor(readonly text: string) {
    // Lines without their end of line; the end of line is kept as the file writes it.
    this.lines = text.split(/\r?\n/);
  }

  /** `\r\n` if the file uses it, else `\n`. */
  get eol(): string {
    return /\r\n/.test(this.text) ? '\r\n' : '\n';
  }

  /** The last line of an entry (its range ends at the start of the next line, or on its last line). */
  lastLine(definition: CodeDefinition): number {
    const end = definition.range.end;
    return end.character === 0 && end.line > definition.range.start.line ? end.line - 1 : end.line;
  }

  /** The entry's key starts its line: a block-style entry, whose lines can be moved whole. */
  startsLine(definition: CodeDefinition): boolean {
    const line = this.lines[definition.keyRange.start.line] ?? '';
    return line.slice(0, definition.keyRange.start.character).trim() === '';
  }

  /** The whole lines of an entry, from its key's line to its last line. */
  entryLines(definition: CodeDefinition): string[] {
    return this.lines.slice(definition.keyRange.start.line, this.lastLine(definition) + 1);
  }

  /**
   * The line of the `codes:` key a child entry stands under: the nearest line above it, less
   * indented than the child, that reads `codes:`.
   */
  codesKeyLineAbove(child: CodeDefinition): number | undefined {
    const indent = child.keyRange.start.character;
    for (let line = child.keyRange.start.line - 1; line >= 0; line--) {
      const text = this.lines[line];
      if (text.trim() === '' || text.trim().startsWith('#')) continue;
      const own = indentation(text);
      if (own >= indent) continue;
      return /^\s*codes\s*:\s*(#.*)?$/.test(text) ? line : undefined;
    }
    return undefined;
  }

  /** The indentation of the properties inside an entry (`label:`, `codes:`), if it has any on lines of their own. */
  innerIndent(definition: CodeDefinition): number | undefined {
    for (let line = definition.keyRange.start.line + 1; line <= this.lastLine(definition); line++) {
      const text = this.lines[line];
      if (text.trim() !== '' && !text.trim().startsWith('#')) return indentation(text);
    }
    return undefined;
  }

  /** The entry's value on its key's line is empty (`trust:` alone, maybe a comment): its properties follow on lines of their own. */
  opensBlock(definition: CodeDefinition): boolean {
    const line = this.lines[definition.keyRange.start.line] ?? '';
    const rest = line.slice(definition.keyRange.end.character).replace(/^\s*:/, '');
    return /^\s*(#.*)?$/.test(rest);
  }
}

export function indentation(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines moved from one indentation to another (blank lines stay blank). */
export function reindent(lines: string[], from: number, to: number): string[] {
  return lines.map((line) => (line.trim() === '' ? '' : ' '.repeat(to) + line.slice(Math.min(from, indentation(line)))));
}
