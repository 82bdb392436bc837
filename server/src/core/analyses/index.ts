// Room `analyses` (above `project`): every count and display a researcher reads, each a function
// of the project index in a file named after it: the code tree and statistics (Themes view, `qda
// tree`/`stats`), matrix, co-occurrence, triangulation, segment queries, memos, inter-coder
// agreement, the study report, and tables as text, CSV, Markdown and HTML. Imports the rooms below.
// Code imports each file directly (bundles stay small); this index is the room's table of contents.
export * from './agreement';
export * from './agreementMeasures';
export * from './analysisScope';
export * from './codeTree';
export * from './consistency';
export * from './cooccurrence';
export * from './csv';
export * from './grid';
export * from './machineCoder';
export * from './matrix';
export * from './memos';
export * from './mergeConflicts';
export * from './percentages';
export * from './quoteCodes';
export * from './report';
export * from './segments';
export * from './suggestionModel';
export * from './suggestionQuality';
export * from './suggestions';
export * from './textFeatures';
export * from './treeFilter';
export * from './triangulation';
