// A transcript's words replaced by a new transcription of the same interview (`qda import NEW
// --onto X`): the front matter stays, the words become the new ones, and every coding, memo and
// `{-}` mark is carried onto them by the word alignment of the merge (transcriptMerge.ts). The
// merge's base is the old words without any markup, ours the coded transcript, theirs the new
// words under the old front matter: so every coding is ours to carry, and where both have a
// timestamp for a turn, the new one (the new recording's timing) is taken.
import { mergeTranscripts, type NotPlacedCoding } from './transcriptMerge';
import { readLayers } from './transcriptLayers';
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
  const words = (text: string) => writeRegion({ text, from: 0, to: text.length, codings: [], memos: new Map(), reviews: [], timestamps: new Map() });
  const base = (layers.bom ? '\ufeff' : '') + layers.frontMatterBlock + words(layers.text);
  const next = readLayers(replacement);
  const theirs = (layers.bom ? '\ufeff' : '') + layers.frontMatterBlock + replacement.slice(next.bodyStart);
  const merged = mergeTranscripts(base, old, theirs, { theirTimestamps: true });
  const codings = layers.codings.length;
  return { text: merged.text, codings, carried: codings - merged.notPlaced.length, notPlaced: merged.notPlaced, notes: merged.notes };
}
