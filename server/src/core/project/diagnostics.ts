// Diagnostics of transcripts, codebook and informants, computed from the parse and the project.
// The server publishes them, the command line prints them: one implementation.
import { descendantsOf, renamedPath, type Codebook } from '../model/codebook';
import type { Diagnostic, Severity } from '../model/diagnostic';
import { suggestSimilar } from '../model/similarNames';
import type { ParsedTranscript } from '../model/transcript';
import { resolveSpeaker } from './projectIndex';
import { type Project, type QdaWorkspace } from './workspace';
import type { Range } from '../text/text';
import { type MemoFile } from '../model/memoFile';
import { fileKind } from './projectFiles';

const startOfFile: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface DiagnosticOptions {
  /** Severity of `untagged-quote`; 'off' hides it. */
  untaggedQuote: Severity | 'off';
}

export const defaultDiagnosticOptions: DiagnosticOptions = { untaggedQuote: 'warning' };

/** The values `untaggedQuote` takes (the setting `qda.diagnostics.untaggedQuote`, `qda check --untagged-quote`). */
export const untaggedQuoteSeverities: readonly (Severity | 'off')[] = ['error', 'warning', 'information', 'hint', 'off'];

export function isUntaggedQuoteSeverity(value: unknown): value is Severity | 'off' {
  return typeof value === 'string' && (untaggedQuoteSeverities as readonly string[]).includes(value);
}

/** Every diagnostic of one transcript. */
export function diagnoseTranscript(
  parsed: ParsedTranscript,
  project: Project | undefined,
  options: DiagnosticOptions = defaultDiagnosticOptions,
): Diagnostic[] {
  const result = [...parsed.problems];
  if (!project) {
    result.push({
      range: startOfFile,
      severity: 'warning',
      code: 'outside-project',
      message: 'This transcript is outside every project: no codebook.yaml was found in its folder or above it.',
    });
    return result;
  }

  // Read from the parse's columns: the diagnostics of a whole study make no objects for its codes and turns.
  const codebook = project.codebook;
  for (let code = 0; code < parsed.codeCount; code++) {
    const path = parsed.pathOf(code);
    if (codebook.codes.has(path)) continue;
    result.push(unknownCode(codebook, path, parsed.lines.rangeOf(parsed.codeSpanOf(code))));
  }

  const informants = project.informants.informants;
  const frontMatter = parsed.frontMatter;
  if (project.hasInformantsFile && frontMatter) {
    const checkId = (id: string, range: Diagnostic['range']) => {
      if (informants.has(id)) return;
      const suggestions = suggestSimilar(id, informants.keys());
      result.push({
        range,
        severity: 'error',
        code: 'unknown-informant',
        message: `Unknown informant '${id}': it is not in informants.yaml.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}`,
        data: { informant: id, suggestions },
      });
    };
    if (frontMatter.informant) checkId(frontMatter.informant.value, frontMatter.informant.range);
    for (const speaker of frontMatter.speakers) checkId(speaker.informant, speaker.informantRange);
  }

  const unmappedSeen = new Set<string>();
  for (let turn = 0; turn < parsed.turnCount; turn++) {
    if (!parsed.isQuote(turn)) continue;
    const speaker = parsed.speakerOf(turn);
    if (project.hasInformantsFile && !unmappedSeen.has(speaker) && resolveSpeaker(parsed, speaker, project.informants) === undefined) {
      unmappedSeen.add(speaker);
      let turns = 0;
      for (let t = 0; t < parsed.turnCount; t++) if (parsed.speakerOf(t) === speaker) turns++;
      result.push({
        range: parsed.speakerRangeOf(turn),
        severity: 'warning',
        code: 'unmapped-speaker',
        message:
          `The speaker '${speaker}' is not an informant${turns > 1 ? ` (${turns} turns)` : ''}: map it under 'speakers:' in the front matter` +
          `${frontMatter?.interviewer ? '' : ", or name the researcher with 'interviewer:'"}.`,
        data: { speaker },
      });
    }
    if (parsed.tagBlockCountOf(turn) === 0 && options.untaggedQuote !== 'off') {
      result.push({
        range: parsed.speakerRangeOf(turn),
        severity: options.untaggedQuote,
        code: 'untagged-quote',
        message: `This quote by '${speaker}' has no tag block: code it, or mark it reviewed with '{-}'.`,
      });
    }
  }
  return result;
}

/** Diagnostics of codebook.yaml: its own problems, and codes no transcript uses. */
export function diagnoseCodebook(project: Project): Diagnostic[] {
  const result = [...project.codebookProblems];
  const used = project.index.usedCodes();
  const usedAtOrBelow = (path: string) => descendantsOf(project.codebook, path).some((p) => used.has(p));
  for (const definition of project.codebook.codes.values()) {
    if (usedAtOrBelow(definition.path)) continue;
    // Report the highest unused code only: an unused theme says it for all its codes.
    if (definition.parent && !usedAtOrBelow(definition.parent)) continue;
    result.push({
      range: definition.keyRange,
      severity: 'hint',
      code: 'unused-code',
      message: `No transcript uses the code '${definition.path}'${definition.children.length ? ' or any code below it' : ''}.`,
      data: { code: definition.path },
    });
  }
  return result;
}

export function diagnoseInformants(project: Project): Diagnostic[] {
  return [...project.informants.problems];
}

/** A memo file's `#code` references that the codebook does not have. */
export function diagnoseMemoFile(memo: MemoFile, project: Project): Diagnostic[] {
  const codebook = project.codebook;
  return memo.refs.filter((ref) => !codebook.codes.has(ref.path)).map((ref) => unknownCode(codebook, ref.path, memo.lines.rangeOf(ref)));
}

/** A code written in a tag or a memo file that the codebook does not have, with the likely ones it meant. */
function unknownCode(codebook: Project['codebook'], path: string, range: Diagnostic['range']): Diagnostic {
  // A path the codebook says was renamed (`formerly:`): a branch merged before the rename reached it.
  const now = renamedPath(codebook.renames, path);
  if (now !== undefined && codebook.codes.has(now)) {
    return {
      range,
      severity: 'error',
      code: 'renamed-code',
      message: `The code '${path}' was renamed '${now}' (codebook.yaml: formerly): write the new name.`,
      data: { code: path, renamedTo: now },
    };
  }
  const suggestions = codeSuggestions(codebook, path);
  return {
    range,
    severity: 'error',
    code: 'unknown-code',
    message: `Unknown code '${path}': it is not in codebook.yaml.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}`,
    data: { code: path, suggestions },
  };
}

export interface FileDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

/** The diagnostics of one file of the workspace, whatever its kind, sorted by position. */
export function diagnoseFile(workspace: QdaWorkspace, uri: string, options: DiagnosticOptions = defaultDiagnosticOptions): Diagnostic[] {
  const unreadable = workspace.unreadable.get(uri);
  if (unreadable) return [{ range: startOfFile, severity: 'error', code: 'unreadable-file', message: unreadable.message }];
  const project = workspace.projectFor(uri);
  switch (fileKind(uri)) {
    case 'transcript': {
      const parsed = workspace.transcript(uri);
      return parsed ? sortDiagnostics(diagnoseTranscript(parsed, project, options)) : [];
    }
    case 'codebook':
      return project && project.codebookUri === uri ? sortDiagnostics(diagnoseCodebook(project)) : [];
    case 'informants':
      return project && project.informantsUri === uri && project.hasInformantsFile ? sortDiagnostics(diagnoseInformants(project)) : [];
    case 'memo': {
      const memo = project?.memoFiles.get(uri);
      return memo && project ? diagnoseMemoFile(memo, project) : [];
    }
    default:
      return [];
  }
}

/** Diagnostics of every file of the workspace that has any, in URI order. */
export function diagnoseWorkspace(workspace: QdaWorkspace, options: DiagnosticOptions = defaultDiagnosticOptions): FileDiagnostics[] {
  return workspace
    .files()
    .map((uri) => ({ uri, diagnostics: diagnoseFile(workspace, uri, options) }))
    .filter((file) => file.diagnostics.length > 0)
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}

/**
 * "Did you mean" for an unknown code, kept per codebook: the same misspelling recurs across
 * transcripts, and each search measures the distance to every code.
 */
function codeSuggestions(codebook: Codebook, path: string): string[] {
  let known = suggestionCache.get(codebook);
  if (!known) suggestionCache.set(codebook, (known = { codes: [...codebook.codes.keys()], byPath: new Map() }));
  let suggestions = known.byPath.get(path);
  if (!suggestions) {
    if (known.byPath.size >= 10_000) known.byPath.clear();
    known.byPath.set(path, (suggestions = suggestSimilar(path, known.codes)));
  }
  return [...suggestions];
}

const suggestionCache = new WeakMap<Codebook, { codes: string[]; byPath: Map<string, string[]> }>();
