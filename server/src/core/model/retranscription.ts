// A transcript's words replaced by a new transcription of the same interview (`qda import NEW
// --onto X`): the front matter stays, and so does the heading where the new words have none (a
// transcription file has no title line), the words become the new ones, and every coding, memo and
// `{-}` mark is carried onto them by the word alignment of the merge (transcriptMerge.ts). The
// merge's base is the old words without any markup, ours the coded transcript, theirs the new
// words under the old front matter: so every coding is ours to carry, and where both have a
// timestamp for a turn, the new one (the new recording's timing) is taken.
import { mergeTranscripts, type NotPlacedCoding } from './transcriptMerge';
import { isHeadingLine, plainBlocks, readLayers } from './transcriptLayers';
import { writeRegion } from './transcriptWriter';

export interface Retranscription {
  text: string;
  /** Codings of the old transcript. */
  codings: number;
  carried: number;
  notPlaced: NotPlacedCoding[];
  notes: string[];
}

/** The coded transcript `old` with the words of `replacement` (a transcript: its body is taken). */
export function retranscribe(old: string, replacement: string): Retranscription {
  const layers = readLayers(old);
  const base = (layers.bom ? '\ufeff' : '') + layers.frontMatterBlock + words(layers.text);
  const theirs = (layers.bom ? '\ufeff' : '') + layers.frontMatterBlock + newBody(layers.text, replacement);
  const merged = mergeTranscripts(base, old, theirs, { theirTimestamps: true });
  const codings = layers.codings.length;
  return { text: merged.text, codings, carried: codings - merged.notPlaced.length, notPlaced: merged.notPlaced, notes: merged.notes };
}

/**
 * The body of `replacement` as a transcript whose plain text is `oldText` takes it: under the old
 * heading (the heading lines it starts with) where the new words have no heading of their own.
 */
export function newBody(oldText: string, replacement: string): string {
  const next = readLayers(replacement);
  const body = replacement.slice(next.bodyStart);
  const headings = (text: string) => plainBlocks(text).map((b) => (b.kind === 'paragraph' && isHeadingLine(text.slice(b.start, b.contentEnd)) ? b : undefined));
  if (headings(next.text).some(Boolean)) return body;
  const old = headings(oldText);
  const first = old.findIndex((b) => !b);
  const last = old[(first < 0 ? old.length : first) - 1];
  if (!last) return body;
  const eol = body.includes('\r\n') ? '\r\n' : '\n';
  return words(oldText.slice(0, last.contentEnd)).replace(/\r?\n/g, eol) + eol + eol + body.replace(/^(?:[ \t]*\r?\n)+/, '');
}

/** A plain text written as a transcript: its brackets and other markup characters escaped. */
function words(text: string): string {
  return writeRegion({ text, from: 0, to: text.length, codings: [], memos: new Map(), reviews: [], timestamps: new Map() });
}
