// The server's settings: the client's `qda.*` configuration, read when it changes.
import type { Connection } from 'vscode-languageserver';
import { defaultDiagnosticOptions, isUntaggedQuoteSeverity, type DiagnosticOptions } from '../core/project/diagnostics';
import { defaultSuggestionSettings, type SuggestionSettings } from '../languageService/suggestionActions';

export interface Settings {
  diagnostics: DiagnosticOptions;
  /** Debug: after changes, compare the live index with one rebuilt from the files, and log the result. */
  checkIndexConsistency: boolean;
  /** Code suggestions as quick fixes: on or off, and the cross-validated kappa a code needs to be offered. */
  suggestions: SuggestionSettings;
}

const defaultSettings: Settings = { diagnostics: defaultDiagnosticOptions, checkIndexConsistency: false, suggestions: defaultSuggestionSettings };

/** Settings from the `qda` section; a missing or invalid value keeps the current one. */
function readSettings(section: unknown, current: Settings): Settings {
  const s = (section ?? {}) as { diagnostics?: { untaggedQuote?: unknown }; debug?: { checkIndexConsistency?: unknown }; suggestions?: { enabled?: unknown; minKappa?: unknown } };
  const untagged = s.diagnostics?.untaggedQuote;
  const minKappa = s.suggestions?.minKappa;
  return {
    diagnostics: { untaggedQuote: isUntaggedQuoteSeverity(untagged) ? untagged : current.diagnostics.untaggedQuote },
    checkIndexConsistency: typeof s.debug?.checkIndexConsistency === 'boolean' ? s.debug.checkIndexConsistency : current.checkIndexConsistency,
    suggestions: {
      enabled: typeof s.suggestions?.enabled === 'boolean' ? s.suggestions.enabled : current.suggestions.enabled,
      minKappa: typeof minKappa === 'number' && minKappa >= -1 && minKappa <= 1 ? minKappa : current.suggestions.minKappa,
    },
  };
}

/** The settings in force: pulled from the client where it can be asked, else pushed with each change. */
export class SettingsStore {
  current: Settings = defaultSettings;
  /** The client answers `workspace/configuration`. */
  canPull = false;

  constructor(private readonly connection: Connection) {}

  /** At start-up: the initialization options, then (once initialized) the client's configuration. */
  initialize(options: unknown, canPull: boolean): void {
    this.canPull = canPull;
    this.current = readSettings(options, this.current);
  }

  async pull(): Promise<void> {
    try {
      this.current = readSettings(await this.connection.workspace.getConfiguration('qda'), this.current);
    } catch {
      // Keep what is in force.
    }
  }

  /** After `workspace/didChangeConfiguration`. */
  async changed(pushed: unknown): Promise<void> {
    if (this.canPull) await this.pull();
    else this.current = readSettings((pushed as { qda?: unknown } | undefined)?.qda, this.current);
  }
}
