// The names of the two files the model reads beside the transcripts; its messages name them.
// Which files make a project, globs included, is project/projectFiles.ts.

/** The file that marks a project's root folder: the themes and codes. */
export const codebookFileName = 'codebook.yaml';
/** Beside the codebook: informant id → attributes. */
export const informantsFileName = 'informants.yaml';
