// Diagnostics of transcripts, codebook and informants, computed from the parse and the project.
// The server publishes them, the command line prints them: one implementation.
import { descendantsOf } from './codebook';
import type { Diagnostic, Severity } from './diagnostic';
import { suggestSimilar } from './suggest';
import type { ParsedTranscript } from './transcriptParser';
import { resolveSpeaker } from './projectIndex';
import type { Project, QdaWorkspace } from './workspace';

export interface DiagnosticOptions {
  /** Severity of `untagged-quote`; 'off' hides it. */
  untaggedQuote: Severity | 'off';
}

export const defaultDiagnosticOptions: DiagnosticOptions = { untaggedQuote: 'warning' };

/** Every diagnostic of one transcript. */
export function diagnoseTranscript(
  parsed: ParsedTranscript,
  project: Project | undefined,
  options: DiagnosticOptions = defaultDiagnosticOptions,
): Diagnostic[] {
  const result = [...parsed.problems];
  if (!project) {
    result.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'warning',
      code: 'outside-project',
      message: 'This transcript is outside every project: no codebook.yaml was found in its folder or above it.',
    });
    return result;
  }

  const codebook = project.codebook;
  const allCodes = [...codebook.codes.keys()];
  for (const block of parsed.tagBlocks) {
    for (const code of block.codes) {
      if (codebook.codes.has(code.path)) continue;
      const suggestions = suggestSimilar(code.path, allCodes);
      result.push({
        range: code.range,
        severity: 'error',
        code: 'unknown-code',
        message: `Unknown code '${code.path}': it is not in codebook.yaml.${suggestions.length ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}`,
        data: { code: code.path, suggestions },
      });
    }
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
  for (const turn of parsed.turns) {
    if (!turn.isQuote) continue;
    if (project.hasInformantsFile && !unmappedSeen.has(turn.speaker) && resolveSpeaker(turn, project.informants) === undefined) {
      unmappedSeen.add(turn.speaker);
      const turns = parsed.turns.filter((t) => t.speaker === turn.speaker).length;
      result.push({
        range: turn.speakerRange,
        severity: 'warning',
        code: 'unmapped-speaker',
        message:
          `The speaker '${turn.speaker}' is not an informant${turns > 1 ? ` (${turns} turns)` : ''}: map it under 'speakers:' in the front matter` +
          `${frontMatter?.interviewer ? '' : ", or name the researcher with 'interviewer:'"}.`,
        data: { speaker: turn.speaker },
      });
    }
    if (turn.tagBlocks.length === 0 && options.untaggedQuote !== 'off') {
      result.push({
        range: turn.speakerRange,
        severity: options.untaggedQuote,
        code: 'untagged-quote',
        message: `This quote by '${turn.speaker}' has no tag block: code it, or mark it reviewed with '{-}'.`,
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

export interface FileDiagnostics {
  uri: string;
  diagnostics: Diagnostic[];
}

/** Diagnostics of every file of the workspace that has any, in URI order. */
export function diagnoseWorkspace(workspace: QdaWorkspace, options: DiagnosticOptions = defaultDiagnosticOptions): FileDiagnostics[] {
  const files: FileDiagnostics[] = [];
  const push = (uri: string, diagnostics: Diagnostic[]) => {
    if (diagnostics.length > 0) files.push({ uri, diagnostics: sortDiagnostics(diagnostics) });
  };
  for (const project of workspace.projects.values()) {
    push(project.codebookUri, diagnoseCodebook(project));
    if (project.hasInformantsFile) push(project.informantsUri, diagnoseInformants(project));
    for (const doc of project.index.documents.values()) push(doc.uri, diagnoseTranscript(doc.parsed, project, options));
  }
  for (const [uri, parsed] of workspace.looseDocuments) push(uri, diagnoseTranscript(parsed, undefined, options));
  for (const file of workspace.unreadable.values()) {
    push(file.uri, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'error', code: 'unreadable-file', message: file.message },
    ]);
  }
  return files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code),
  );
}
