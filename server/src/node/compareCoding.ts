// The language server's side of "Compare coding with…": the other coder's copy is loaded from a
// folder or a git revision (Node: the disk and git), compared with the project as the editor has
// it, and kept for the diff of a disagreement and for adopting the other coder's coding.
import { basename } from 'path';
import { URI } from 'vscode-uri';
import { agreement, transcriptAt, type AgreementReport, type AgreementUnit, type Coder } from '../core/analyses/agreement';
import type { QdaWorkspace } from '../core/project/workspace';
import { adoptCodingEdit } from '../languageService/adoptCoding';
import type { Refusable } from '../languageService/refusable';
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { coderCandidates, loadCoder, type CoderSource } from './coders';

export interface ComparisonReport extends AgreementReport {
  /** The project compared (its root folder's URI). */
  root: string;
}

export class CodingComparisons {
  /** The other coder of the last comparison, per project. */
  private readonly others = new Map<string, Coder>();

  constructor(private readonly workspace: QdaWorkspace) {}

  /** Folders and revisions to offer, for the project at `root`. */
  candidates(root: string): Promise<{ folders: string[]; revisions: string[] }> {
    return coderCandidates(URI.parse(root).fsPath);
  }

  async compare(root: string, source: CoderSource, unit: AgreementUnit): Promise<Refusable<ComparisonReport>> {
    const project = this.workspace.projects.get(root);
    if (!project) return { error: 'That project is no longer open.' };
    let other: Coder;
    try {
      other = await loadCoder(source.kind === 'git' ? { ...source, folder: URI.parse(root).fsPath } : { ...source, name: source.name ?? basename(source.path) });
    } catch (error) {
      return { error: (error as Error).message };
    }
    this.others.set(root, other);
    const own: Coder = { name: URI.parse(root).path.split('/').pop() || root, project };
    return { ok: { ...agreement([own, other], unit), root } };
  }

  /** The other coder's text of a transcript, for the diff editor. */
  otherText(root: string, path: string): string | null {
    const other = this.others.get(root);
    return (other && transcriptAt(other.project, path)?.parsed.text) ?? null;
  }

  /** The edit that gives one's own quote the other coder's coding. */
  adopt(root: string, path: string, turn: number): Refusable<WorkspaceEdit> {
    const project = this.workspace.projects.get(root);
    const other = this.others.get(root);
    const own = project && transcriptAt(project, path);
    const theirs = other && transcriptAt(other.project, path);
    if (!own || !theirs) return { error: 'Compare the coding again: the transcript is not in both copies now.' };
    return adoptCodingEdit(own.parsed, own.uri, theirs.parsed, turn);
  }
}
