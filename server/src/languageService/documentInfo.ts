// Per-document facts the client shows without parsing: coding progress (status bar) and the
// colour of each code (decorations), and the codebook codes for the "Code selection…" pick.
import { colorOf } from '../core/model/codebook';
import { tagsOfDocument } from '../core/project/projectIndex';
import type { Range } from '../core/text/text';
import type { QdaWorkspace } from '../core/project/workspace';

export interface DocumentInfo {
  quotes: number;
  coded: number;
  /** Quotes with no tag block at all. */
  untagged: number;
  /** Each code written in a tag, with its colour (the code's, else its theme's), if the codebook gives one. */
  codeColors: { range: Range; path: string; color: string }[];
}

export function documentInfo(workspace: QdaWorkspace, uri: string): DocumentInfo | null {
  const project = workspace.projectFor(uri);
  const doc = project?.index.documents.get(uri);
  if (!project || !doc) return null;
  const codeColors: DocumentInfo['codeColors'] = [];
  for (const tag of tagsOfDocument(doc)) {
    const color = colorOf(project.codebook, tag.code.path);
    if (color) codeColors.push({ range: tag.code.range, path: tag.code.path, color });
  }
  return {
    quotes: doc.quotes.length,
    coded: doc.quotes.filter((q) => q.coded).length,
    untagged: doc.quotes.filter((q) => !q.tagged).length,
    codeColors,
  };
}

export interface CodeChoice {
  path: string;
  label?: string;
  description?: string;
  depth: number;
}

export function codeChoices(workspace: QdaWorkspace, uri: string): CodeChoice[] {
  const project = workspace.projectFor(uri);
  if (!project) return [];
  return [...project.codebook.codes.values()].map((c) => ({ path: c.path, label: c.label, description: c.description, depth: c.depth }));
}
