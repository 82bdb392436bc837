/**
 * A text on one line, cut to `length` characters (code points, so an emoji is never split) with
 * an ellipsis: for lists of quotes in the editor, the views and the command line. Every run of
 * white space counts as one space, and white space at either end as nothing.
 */
export function excerpt(text: string, length: number): string {
  // Read only as far as the text shown: a long quote's end is never looked at. Characters are
  // counted as they will stand on one line, up to the one after the cut.
  const n = text.length;
  let start = 0;
  while (start < n && isWhiteSpace(text.charCodeAt(start))) start++;
  let shown = 0;
  let cut = start;
  for (let i = start; i < n; ) {
    if (isWhiteSpace(text.charCodeAt(i))) {
      let after = i + 1;
      while (after < n && isWhiteSpace(text.charCodeAt(after))) after++;
      if (after === n) break; // white space at the end
      i = after;
    } else {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
    }
    shown++;
    if (shown === length - 1) cut = i;
    // More than `length` characters: the first `length - 1` and an ellipsis.
    if (shown > length) return `${flat(text.slice(start, cut))}…`;
  }
  return flat(text.slice(start)).trimEnd();
}

/** Every run of white space as one space (a single space is left as it is: few replacements). */
function flat(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ');
}

/** What `\s` matches in a regular expression. */
function isWhiteSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
