// Control characters in imported text: a NUL makes a transcript a "binary file" to every reader,
// and the others (a bell, an escape, a C1 control, a lone surrogate from `&#xD800;`) are invisible
// or unwritable in UTF-8. An importer replaces each with U+FFFD, one for one, so positions in the
// text (REFI-QDA selections) stay where they were, and reports what it replaced.

/** C0 and C1 controls but tab, line feed and carriage return; DEL; halves of surrogate pairs standing alone. */
const unwanted = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface ReplacedControls {
  text: string;
  /** How many were replaced. */
  count: number;
  /** Which, as `U+0000`, each once, in order of first appearance. */
  found: string[];
}

/** The text with each control character (and lone surrogate) replaced by U+FFFD. */
export function replaceControlCharacters(text: string): ReplacedControls {
  let count = 0;
  const found = new Set<string>();
  const cleaned = text.replace(unwanted, (c) => {
    count++;
    found.add(`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    return '\uFFFD';
  });
  return { text: count > 0 ? cleaned : text, count, found: [...found] };
}

/** `2 control characters (U+0000, U+0007) replaced with U+FFFD`, for a note. */
export function describeReplacedControls(replaced: ReplacedControls): string {
  const shown = replaced.found.length > 5 ? [...replaced.found.slice(0, 5), '…'] : replaced.found;
  return `${replaced.count} control character${replaced.count === 1 ? '' : 's'} (${shown.join(', ')}) replaced with U+FFFD`;
}
