// Room `exchange` (top floor): other tools' files in and out: REFI-QDA projects and codebooks
// (NVivo, ATLAS.ti, MAXQDA, QualCoder), interviews from transcription tools (WebVTT, SRT, Whisper,
// Otter, oTranscribe, Word), and the report as a Word document. Imports the rooms below.
// Code imports each file directly (bundles stay small); this index is the room's table of contents.
export * from './archiveLimits';
export * from './docxInterview';
export * from './interviewFormats';
export * from './interviewImport';
export * from './refiArchive';
export * from './refiExport';
export * from './refiFileNames';
export * from './refiFrontMatter';
export * from './refiImport';
export * from './refiNotes';
export * from './refiProjectImport';
export * from './refiSpans';
export * from './refiTranscript';
export * from './refiXml';
export * from './reportDocx';
export * from './retranscriptionImport';
export * from './subtitleCues';
