// The files of a project with a merge conflict left in them (git's markers): a transcript, the
// codebook or informants.yaml. The Themes view lists them above the themes, since the codings
// inside a conflict are not counted until it is resolved; `qda tree` prints them the same way.
// The conflicts themselves are the parser's `merge-conflict` problems (model/conflictMarkers.ts).
import type { Diagnostic } from '../model/diagnostic';
import type { Range } from '../text/text';
import type { Project } from '../project/workspace';

export interface ConflictedFile {
  uri: string;
  /** The file's path in the project (`transcripts/sr.transcript.md`). */
  path: string;
  /** Conflicts and stray marker lines in the file. */
  conflicts: number;
  /** Where the first one starts. */
  range: Range;
}

/** The project's files with merge conflicts, by path. */
export function mergeConflicts(project: Project): ConflictedFile[] {
  const files: ConflictedFile[] = [];
  const add = (uri: string, problems: readonly Diagnostic[]) => {
    let first: Diagnostic | undefined;
    let conflicts = 0;
    for (const problem of problems) {
      if (problem.code !== 'merge-conflict') continue;
      conflicts++;
      if (!first || before(problem.range, first.range)) first = problem;
    }
    if (first) files.push({ uri, path: project.pathOf(uri), conflicts, range: first.range });
  };
  add(project.codebookUri, project.codebookProblems);
  if (project.hasInformantsFile) add(project.informantsUri, project.informants.problems);
  for (const doc of project.index.documents.values()) add(doc.uri, doc.parsed.problems);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function before(a: Range, b: Range): boolean {
  return a.start.line < b.start.line || (a.start.line === b.start.line && a.start.character < b.start.character);
}
