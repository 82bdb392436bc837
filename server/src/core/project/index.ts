// Room `project` (above `model`): which files make a project, reading them through the file-system
// interface, the workspace of projects kept up to date file by file and edit by edit, the index of
// codings by code and informant, live code counts, and the diagnostics of every file. Imports
// `model` and `text`.
// Code imports each file directly (bundles stay small); this index is the room's table of contents.
export * from './diagnostics';
export * from './fileSystem';
export * from './liveCodeStats';
export * from './projectFiles';
export * from './projectIndex';
export * from './quotePairs';
export * from './workspace';
