/**
 * A text on one line, cut to `length` characters (code points, so an emoji is never split) with
 * an ellipsis: for lists of quotes in the editor, the views and the command line.
 */
export function excerpt(text: string, length: number): string {
  // Every run of white space becomes one space; a single space is left as it is (most are: far
  // fewer replacements than /\s+/ makes, the same text).
  const flat = text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
  // No more code units than `length`: no more characters either.
  if (flat.length <= length) return flat;
  // Where the (length - 1)-th and the length-th characters end: a text of `length` characters stays whole.
  let cut = 0;
  let end = 0;
  for (let count = 0; count < length && end < flat.length; count++) {
    if (count === length - 1) cut = end;
    end += (flat.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
  }
  return end >= flat.length ? flat : `${flat.slice(0, cut)}…`;
}
