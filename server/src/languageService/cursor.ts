// What is under the cursor: a code in a tag block, a speaker label, an informant id in the front
// matter, or a codebook key. Every answer comes from the parse; nothing here re-reads text rules.
import type { CodeDefinition } from '../core/model/codebook';
import type { Informant } from '../core/model/informants';
import { resolveSpeaker } from '../core/project/projectIndex';
import { rangeContains, type Position, type Range } from '../core/text/text';
import type { ParsedTranscript, TagBlockCode, Turn } from '../core/model/transcript';
import { type Project, type QdaWorkspace } from '../core/project/workspace';
import { fileKind } from '../core/project/projectFiles';

export type CursorTarget =
  /** `code`: the tag's code, in a transcript; `inMemo`: the path is written in a memo file. */
  | { kind: 'code'; path: string; range: Range; code?: TagBlockCode; inMemo?: boolean }
  | { kind: 'informant'; id: string; range: Range; turn?: Turn };

/** The code or informant at a position in a transcript, codebook.yaml, informants.yaml or a memo file. */
export function targetAt(workspace: QdaWorkspace, uri: string, position: Position): CursorTarget | undefined {
  const project = workspace.projectFor(uri);
  switch (fileKind(uri)) {
    case 'transcript': {
      const parsed = workspace.transcript(uri);
      return parsed ? transcriptTargetAt(parsed, position, project) : undefined;
    }
    case 'codebook': {
      const definition = project && codebookKeyAt(project, uri, position);
      return definition ? { kind: 'code', path: definition.path, range: definition.keyRange } : undefined;
    }
    case 'informants': {
      const informant = project && informantKeyAt(project, uri, position);
      return informant ? { kind: 'informant', id: informant.id, range: informant.keyRange } : undefined;
    }
    case 'memo': {
      const memo = workspace.memoFile(uri);
      // The `#` before the path counts too, as in a tag block.
      const offset = memo?.lines.offsetAt(position) ?? -1;
      const ref = memo?.refs.find((r) => r.start - 1 <= offset && offset <= r.end);
      return memo && ref ? { kind: 'code', path: ref.path, range: memo.lines.rangeOf(ref), inMemo: true } : undefined;
    }
    default:
      return undefined;
  }
}

/** The code written at a position, and its project's root: what "New memo for this code" is about. */
export function codeAt(workspace: QdaWorkspace, uri: string, position: Position): { code: string; root: string } | null {
  const target = targetAt(workspace, uri, position);
  const project = workspace.projectFor(uri);
  return target?.kind === 'code' && project ? { code: target.path, root: project.root } : null;
}

export function transcriptTargetAt(parsed: ParsedTranscript, position: Position, project: Project | undefined): CursorTarget | undefined {
  for (const block of parsed.tagBlocks) {
    if (!rangeContains(block.range, position)) continue;
    for (const code of block.codes) {
      // The `#` before the path counts too, so that a cursor at `|#trust` finds it.
      const withHash = { start: { line: code.range.start.line, character: code.range.start.character - 1 }, end: code.range.end };
      if (rangeContains(withHash, position)) return { kind: 'code', path: code.path, range: code.range, code };
    }
    return undefined;
  }
  for (const turn of parsed.turns) {
    if (rangeContains(turn.speakerRange, position)) {
      const id = project ? resolveSpeaker(parsed, turn.speaker, project.informants) : parsed.mappedInformant(turn);
      return { kind: 'informant', id: id ?? turn.speaker, range: turn.speakerRange, turn };
    }
  }
  const frontMatter = parsed.frontMatter;
  if (frontMatter && rangeContains(frontMatter.range, position)) {
    if (frontMatter.informant && rangeContains(frontMatter.informant.range, position)) {
      return { kind: 'informant', id: frontMatter.informant.value, range: frontMatter.informant.range };
    }
    for (const speaker of frontMatter.speakers) {
      if (rangeContains(speaker.informantRange, position)) return { kind: 'informant', id: speaker.informant, range: speaker.informantRange };
    }
  }
  return undefined;
}

export function codebookKeyAt(project: Project, uri: string, position: Position): CodeDefinition | undefined {
  if (uri !== project.codebookUri) return undefined;
  for (const definition of project.codebook.codes.values()) if (rangeContains(definition.keyRange, position)) return definition;
  return undefined;
}

export function informantKeyAt(project: Project, uri: string, position: Position): Informant | undefined {
  if (uri !== project.informantsUri) return undefined;
  for (const informant of project.informants.informants.values()) if (rangeContains(informant.keyRange, position)) return informant;
  return undefined;
}

/** The turn whose range holds a position, if any. */
export function turnAt(parsed: ParsedTranscript, position: Position): { turn: Turn; index: number } | undefined {
  const index = parsed.turns.findIndex((t) => rangeContains(t.range, position));
  return index >= 0 ? { turn: parsed.turns[index], index } : undefined;
}
