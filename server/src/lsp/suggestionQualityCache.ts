// The table of how good the suggestions are, per project, for the quick fixes. Cross-validating a
// large study takes seconds, so there it never holds up a request: it runs in steps, letting other
// messages in between, and gives up when the model changes meanwhile; until its first table is
// made, no suggestion is offered. After an edit a quick fix uses the table of a few edits ago,
// made again a few seconds later. A small study's first table is made at once, and so is the
// table the "How good are the suggestions?" view asks for.
import { suggestionModel } from '../core/analyses/suggestions';
import type { Project } from '../core/project/workspace';
import { suggestionQualitySteps, suggestionQualityTable, type SuggestionQualityTable } from '../languageService/suggestionActions';
import { yieldToEventLoop } from './yieldToEventLoop';

interface Entry {
  codebook: Project['codebook'];
  version: number;
  table?: SuggestionQualityTable;
  timer?: ReturnType<typeof setTimeout>;
  running?: boolean;
}

/** Milliseconds of work between two yields to the event loop. */
const slice = 20;

export class SuggestionQualityCache {
  private readonly entries = new WeakMap<Project, Entry>();

  constructor(
    /** Coded segments up to which a table is made at once (well under a second). */
    private readonly smallStudy = 5000,
    /** Milliseconds after a request found the table stale before it is made again. */
    private readonly pause = 3000,
  ) {}

  /** The project's latest table, if one was made for its codebook; made again in the background when stale. */
  table(project: Project): SuggestionQualityTable | undefined {
    const model = suggestionModel(project);
    let entry = this.entries.get(project);
    if (!entry || entry.codebook !== project.codebook) {
      if (model.counts.segmentCount <= this.smallStudy) return this.fresh(project);
      entry = { codebook: project.codebook, version: -1 };
      this.entries.set(project, entry);
      void this.inBackground(project, entry);
      return undefined;
    }
    if (entry.version !== model.version && !entry.running && !entry.timer) {
      const stale = entry;
      entry.timer = setTimeout(() => {
        stale.timer = undefined;
        void this.inBackground(project, stale);
      }, this.pause);
    }
    return entry.table;
  }

  /** The table of the project as it is now, made at once (with other folds than 5: not kept). */
  fresh(project: Project, folds?: number): SuggestionQualityTable {
    if (folds !== undefined && folds !== 5) return suggestionQualityTable(project, folds);
    const previous = this.entries.get(project);
    if (previous?.timer) clearTimeout(previous.timer);
    const version = suggestionModel(project).version;
    const table = suggestionQualityTable(project);
    this.entries.set(project, { codebook: project.codebook, version, table });
    return table;
  }

  /** Makes the entry's table in steps; gives up when the model or codebook changes meanwhile (the next quick fix asks again). */
  private async inBackground(project: Project, entry: Entry): Promise<void> {
    if (entry.running) return;
    entry.running = true;
    try {
      const model = suggestionModel(project);
      const version = model.version;
      const steps = suggestionQualitySteps(project);
      const current = () => model.version === version && this.entries.get(project) === entry && project.codebook === entry.codebook;
      let started = Date.now();
      let step = steps.next();
      while (!step.done && current()) {
        if (Date.now() - started > slice) {
          await yieldToEventLoop();
          started = Date.now();
        }
        if (current()) step = steps.next();
      }
      if (step.done && current()) {
        entry.table = step.value;
        entry.version = version;
      }
    } finally {
      entry.running = false;
    }
  }
}
