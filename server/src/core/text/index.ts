// Room `text` (lowest floor): a file's text and positions: lines, UTF-16 columns as LSP counts
// them, code points, the compact UTF-8 form of a large text, and small helpers on strings and bytes.
// Imports nothing from the other rooms.
// Code imports each file directly (bundles stay small); this index is the room's table of contents.
export * from './base64';
export * from './characterPairs';
export * from './compactScan';
export * from './compactUtf8';
export * from './controlCharacters';
export * from './excerpt';
export * from './intern';
export * from './nameList';
export * from './offsetArray';
export * from './preparedText';
export * from './rows';
export * from './sortedSearch';
export * from './sourceText';
export * from './text';
export * from './textPieces';
export * from './textScan';
