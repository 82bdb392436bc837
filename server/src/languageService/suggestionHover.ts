// The reason for a suggestion, in the hover of an untagged quote: its best codes (those whose
// cross-validated kappa reaches minKappa, as the quick fixes offer), each with its score and the
// coded passages most like the quote (docs/suggestions.md). Nothing when the feature is off.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import { URI, Utils } from 'vscode-uri';
import { suggestCodes } from '../core/analyses/suggestions';
import type { Position } from '../core/text/text';
import type { QdaWorkspace } from '../core/project/workspace';
import { escapeMarkdown } from './describe';
import { offeredCodes, passageName, type SuggestionContext } from './suggestionActions';

/** The hover of an untagged quote's words: its offered suggestions and why; null elsewhere, or when none is offered. */
export function suggestionHover(workspace: QdaWorkspace, uri: string, position: Position, context: SuggestionContext): Hover | null {
  if (!context.settings.enabled) return null;
  const project = workspace.projectFor(uri);
  const doc = project?.index.documents.get(uri);
  if (!project || !doc) return null;
  const offset = doc.parsed.lines.offsetAt(position);
  const quote = doc.untaggedQuotes().find((q) => {
    const span = doc.parsed.contentSpanOf(q.index);
    return span.start <= offset && offset <= span.end;
  });
  if (!quote) return null;
  const quality = context.quality(project);
  if (!quality) return null;
  const [suggestions] = suggestCodes(project, [quote]);
  const codes = suggestions ? offeredCodes(suggestions.codes, quality, context.settings) : [];
  if (codes.length === 0) return null;
  const root = URI.parse(project.root);
  const lines = ['**Suggested codes** (learned from this study’s coding)', ''];
  for (const c of codes) {
    const kappa = quality.codes[c.code]?.kappa;
    lines.push(`- **${escapeMarkdown(c.code)}** ${c.score.toFixed(2)} · κ ${kappa?.toFixed(2)}, like:`);
    for (const p of c.because) {
      const target = `${Utils.joinPath(root, p.path).toString()}#L${p.line}`;
      lines.push(`  - [${escapeMarkdown(passageName(p.path))} line ${p.line}](${target}) ${escapeMarkdown(excerpt(p.text))}`);
    }
  }
  const span = doc.parsed.contentSpanOf(quote.index);
  const range = { start: doc.parsed.lines.positionAt(span.start), end: doc.parsed.lines.positionAt(span.end) };
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range };
}

/** A passage on one line, at most 80 characters (whole code points). */
function excerpt(text: string): string {
  const words = [...text.replace(/\s+/g, ' ').trim()];
  return `“${words.length > 80 ? `${words.slice(0, 79).join('')}…` : words.join('')}”`;
}
