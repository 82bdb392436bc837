// A long text built from many pieces. `text += piece` makes a chain of one small object per piece
// (a 50 MB line escaped character by character took gigabytes); pieces joined in batches cost
// about the text's own size.

/** Pieces of text added in order; `toString()` gives them joined. */
export class TextPieces {
  private batch: string[] = [];
  private readonly joined: string[] = [];

  add(piece: string): void {
    if (piece === '') return;
    this.batch.push(piece);
    // A joined batch is one flat string: the slices it was made of can be collected.
    if (this.batch.length >= 4096) {
      this.joined.push(this.batch.join(''));
      this.batch = [];
    }
  }

  toString(): string {
    if (this.joined.length === 0) return this.batch.join('');
    return this.joined.join('') + this.batch.join('');
  }
}

/**
 * White space made single spaces, and none at either end: `text.replace(/\s+/g, ' ').trim()`,
 * but with a piece per run that is not already one space (most are), not one per word.
 */
export function collapseWhiteSpace(text: string): string {
  const runs = / ?[^\S ]\s*| {2,}\s*/g;
  const out = new TextPieces();
  let from = 0;
  for (let match = runs.exec(text); match; match = runs.exec(text)) {
    out.add(text.slice(from, match.index));
    out.add(' ');
    from = runs.lastIndex;
  }
  if (from === 0) return text.trim();
  out.add(text.slice(from));
  return out.toString().trim();
}
