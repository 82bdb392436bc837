/**
 * A text on one line, cut to `length` characters (code points, so an emoji is never split) with
 * an ellipsis: for lists of quotes in the editor, the views and the command line.
 */
export function excerpt(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : flat;
}
