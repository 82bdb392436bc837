// Room `model` (above `text`): what each file of a study says, parsed with every position exact:
// transcripts (turns, tag blocks, codings, the plain text and its offset map), the codebook and code
// paths, informants, front matter, memo files, timestamps; YAML read without custom tags; the one
// diagnostic shape. Imports only `text`.
// Code imports each file directly (bundles stay small); this index is the room's table of contents.
export * from './codePath';
export * from './codebook';
export * from './conflictMarkers';
export * from './diagnostic';
export * from './fileNames';
export * from './formerPaths';
export * from './frontMatter';
export * from './flatInformants';
export * from './informantTable';
export * from './informants';
export * from './lineMerge';
export * from './memoFile';
export * from './notPlacedMemo';
export * from './plainTextMap';
export * from './retranscription';
export * from './revisedTranscript';
export * from './similarNames';
export * from './simpleYaml';
export * from './timestamp';
export * from './transcript';
export * from './transcriptBuilder';
export * from './transcriptChunks';
export * from './transcriptColumns';
export * from './transcriptLayers';
export * from './transcriptMerge';
export * from './transcriptParser';
export * from './transcriptSyntax';
export * from './transcriptWriter';
export * from './wordAlignment';
export * from './yamlMerge';
export * from './yamlSupport';
