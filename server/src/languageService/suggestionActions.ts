// Code suggestions in the editor (docs/suggestions.md): the suggestions for a transcript's
// untagged quotes, the table of how good they are, and the quick fixes "Code as trust/quality —
// 0.82, like sr line 12" on an untagged quote. A code is offered only when its cross-validated
// kappa against the researcher reaches `minKappa`; accepting writes the tag block, an ordinary
// edit as every other quick fix.
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { evaluateSuggestions, evaluationSteps, type SuggestionQuality } from '../core/analyses/suggestionQuality';
import { suggestCodes, type CodeSuggestion, type QuoteSuggestions } from '../core/analyses/suggestions';
import { transcriptSuffix } from '../core/project/projectFiles';
import type { Project, QdaWorkspace } from '../core/project/workspace';

export interface SuggestionSettings {
  /** `qda.suggestions.enabled`: the whole feature on or off. */
  enabled: boolean;
  /** `qda.suggestions.minKappa`: the cross-validated kappa a code needs to be offered. */
  minKappa: number;
}

export const defaultSuggestionSettings: SuggestionSettings = { enabled: true, minKappa: 0.4 };

/** The per-code table of `qda suggest --evaluate`, without its list of segments. */
export type SuggestionQualityTable = Omit<SuggestionQuality, 'segments'>;

export function suggestionQualityTable(project: Project, folds?: number): SuggestionQualityTable {
  return tableOf(evaluateSuggestions(project, { folds }));
}

/** The same, in steps (see `evaluationSteps`). */
export function* suggestionQualitySteps(project: Project): Generator<void, SuggestionQualityTable> {
  return tableOf(yield* evaluationSteps(project));
}

function tableOf(quality: SuggestionQuality): SuggestionQualityTable {
  const { segments: _segments, ...table } = quality;
  return table;
}

/** Suggestions for each untagged quote of a transcript; undefined for a file that is none. */
export function documentSuggestions(workspace: QdaWorkspace, uri: string): QuoteSuggestions[] | undefined {
  const project = workspace.projectFor(uri);
  const doc = project?.index.documents.get(uri);
  return project && doc ? suggestCodes(project, doc.untaggedQuotes()) : undefined;
}

/** What the quick fixes need besides the document: the settings, and the quality table of a project (none yet: nothing offered). */
export interface SuggestionContext {
  settings: SuggestionSettings;
  quality: (project: Project) => SuggestionQualityTable | undefined;
}

export const freshSuggestionContext: SuggestionContext = { settings: defaultSuggestionSettings, quality: (project) => suggestionQualityTable(project) };

/** "Code as …" quick fixes for the untagged quote of `turn`, best first, for the codes good enough to offer. */
export function suggestionFixes(project: Project, uri: string, turn: number, diagnostic: LspDiagnostic, context: SuggestionContext): CodeAction[] {
  if (!context.settings.enabled) return [];
  const doc = project.index.documents.get(uri);
  const quote = doc?.untaggedQuotes().find((q) => q.index === turn);
  if (!doc || !quote) return [];
  const quality = context.quality(project);
  if (!quality) return [];
  const [suggestions] = suggestCodes(project, [quote], { because: 1 });
  if (!suggestions || suggestions.codes.length === 0) return [];
  const at = doc.parsed.lines.positionAt(doc.parsed.contentEndOf(turn));
  return offeredCodes(suggestions.codes, quality, context.settings).map((c) => {
    const like = c.because[0];
    const where = like ? `, like ${passageName(like.path)} line ${like.line}` : '';
    return {
      title: `Code as ${c.code} — ${c.score.toFixed(2)}${where}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: ` {#${c.code}}` }] } },
    };
  });
}

/** The suggested codes good enough to offer: cross-validated kappa at least `minKappa` (none when off). */
export function offeredCodes(codes: CodeSuggestion[], quality: SuggestionQualityTable, settings: SuggestionSettings): CodeSuggestion[] {
  if (!settings.enabled) return [];
  return codes.filter((c) => {
    const kappa = quality.codes[c.code]?.kappa;
    return kappa !== null && kappa !== undefined && kappa >= settings.minKappa;
  });
}

/** A passage's file as the quick fix and the hover name it: `sr` for `transcripts/customers/sr.transcript.md`. */
export function passageName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.endsWith(transcriptSuffix) ? name.slice(0, -transcriptSuffix.length) : name;
}
