// The columns a parse of a transcript fills (rows of numbers, and the names they number): their
// layout, shared by the model that reads them (transcript.ts) and the builder that writes them
// (transcriptBuilder.ts), and by nothing else.
import type { OffsetArray } from '../text/offsetArray';

// The parse results are columns of numbers (`TranscriptColumns`); the objects above are made
// from them when a request reads them, once per document. Indexing a study reads the columns
// only: objects for its 600,000 turns, tag blocks, codes and codings were most of the cold
// index's garbage collection, and numbers can be sent from a reader thread without a copy.

// Every number in the columns is non-negative, so that a document's columns take two bytes a
// number where all fit (`OffsetArray`): "none" is 0, and a turn or memo number is stored plus one.

/** Fields of a turn's row in `TranscriptColumns.turns`; `speaker`: the number of its label in `speakers`. */
export const turnRow = { start: 0, end: 1, contentStart: 2, contentEnd: 3, firstTagBlock: 4, tagBlockCount: 5, firstCoding: 6, codingCount: 7, speaker: 8, width: 9 } as const;
/**
 * Fields of a timestamp's row, one for each turn that has one, in order: the turn's number, its
 * time in milliseconds (beyond two bytes: rows of their own keep the turns' narrow), its `[…]`.
 */
export const timeRow = { turn: 0, time: 1, start: 2, end: 3, width: 4 } as const;
/** Fields of a tag block's row: its scope's number times two plus one for `{-}`; its turn plus one, or 0; its memo's number plus one, or 0. */
export const tagBlockRow = { start: 0, end: 1, kind: 2, turnPlusOne: 3, firstCode: 4, codeCount: 5, memoPlusOne: 6, width: 7 } as const;
/** Fields of a code's row (one for each `#code` of a tag block, in order): the offsets of its path, the number of the path in `paths`. */
export const codeRow = { start: 0, end: 1, path: 2, width: 3 } as const;
/** Fields of a coding's row: its code's number, its tag block's, the offsets of its text, its plain-text code points. */
export const codingRow = { code: 0, tagBlock: 1, textStart: 2, textEnd: 3, plainStart: 4, plainEnd: 5, width: 6 } as const;
/** Fields of a memo's row: the offsets of its text. */
export const memoRow = { start: 0, end: 1, width: 2 } as const;

/**
 * A transcript's turns, tag blocks, codes, codings and memos: rows of numbers, and the strings they
 * name. The speaker labels and code paths are listed once each (a document has a few speakers and
 * tens of codes, against thousands of turns and codes written): the rows give their numbers.
 */
export interface TranscriptColumns {
  turns: OffsetArray;
  /** The speaker labels, as written, each once, in order of first use. */
  speakers: string[];
  times: OffsetArray;
  tagBlocks: OffsetArray;
  codes: OffsetArray;
  /** The code paths, as written, each once, in order of first use. */
  paths: string[];
  codings: OffsetArray;
  memos: OffsetArray;
  memoTexts: string[];
}
