// The table of how good the suggestions are, per project, for the quick fixes: cross-validating a
// large study takes seconds, so a quick fix after an edit uses the table of a few edits ago and
// the table is made again once the edits pause. The first table of a project, and the one the
// "How good are the suggestions?" view asks for, are made at once.
import { suggestionModel } from '../core/analyses/suggestions';
import type { Project } from '../core/project/workspace';
import { suggestionQualityTable, type SuggestionQualityTable } from '../languageService/suggestionActions';

interface Entry {
  codebook: Project['codebook'];
  version: number;
  table: SuggestionQualityTable;
  timer?: ReturnType<typeof setTimeout>;
}

/** Milliseconds without edits before a stale table is made again. */
const pause = 3000;

export class SuggestionQualityCache {
  private readonly entries = new WeakMap<Project, Entry>();

  /** The project's table: the latest made for its codebook, made again in the background when stale. */
  table(project: Project): SuggestionQualityTable {
    const entry = this.entries.get(project);
    if (!entry || entry.codebook !== project.codebook) return this.fresh(project);
    if (entry.version !== suggestionModel(project).version) {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = setTimeout(() => this.fresh(project), pause);
    }
    return entry.table;
  }

  /** The table of the project as it is now (with other folds than 5: not kept). */
  fresh(project: Project, folds?: number): SuggestionQualityTable {
    if (folds !== undefined && folds !== 5) return suggestionQualityTable(project, folds);
    const previous = this.entries.get(project);
    if (previous?.timer) clearTimeout(previous.timer);
    const version = suggestionModel(project).version;
    const table = suggestionQualityTable(project);
    this.entries.set(project, { codebook: project.codebook, version, table });
    return table;
  }
}
