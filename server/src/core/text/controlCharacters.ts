// Characters no transcript may hold: C0 control characters other than tab and line breaks, DEL,
// and lone surrogates (half of a UTF-16 pair, which no UTF-8 file can hold). A NUL makes the file
// "binary" to `qda check`; the others are invisible or break editors. Imports replace them.

const controlCharacter = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface ReplacedControlCharacters {
  text: string;
  /** How many were replaced. */
  count: number;
  /** The first one replaced, as `U+0007`. */
  first?: string;
}

/**
 * The text with each control character replaced: a vertical tab or form feed (a line or page
 * break, from Word) by a space, the others and lone surrogates by U+FFFD, so that the place of
 * what was lost shows.
 */
export function replaceControlCharacters(text: string): ReplacedControlCharacters {
  controlCharacter.lastIndex = 0;
  if (!controlCharacter.test(text)) return { text, count: 0 };
  let count = 0;
  let first: string | undefined;
  const replaced = text.replace(controlCharacter, (c) => {
    count++;
    first ??= `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return c === '\x0B' || c === '\x0C' ? ' ' : '\uFFFD';
  });
  return { text: replaced, count, first };
}
