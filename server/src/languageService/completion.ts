// Completion: codebook codes inside a tag block, informant ids, sources and speaker labels in the
// front matter. The server ranks codes itself (fuzzy on path and label) and marks the list
// incomplete, so the editor keeps its order and asks again as the user types.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';
import { descendantsOf } from '../core/model/codebook';
import { closingLine, sourceKinds } from '../core/model/frontMatter';
import type { Position } from '../core/text/text';
import type { ParsedTranscript } from '../core/model/transcript';
import type { Project } from '../core/project/workspace';
import { codeCounts, describeCode, describeInformant } from './describe';
import { type MemoFile } from '../core/model/memoFile';

const pathChar = /[\p{L}\p{M}\p{Nd}_\-/]/u;

export function complete(parsed: ParsedTranscript, project: Project | undefined, position: Position): CompletionList | null {
  if (!project) return null;
  const offset = parsed.lines.offsetAt(position);
  const frontMatter = frontMatterCompletion(parsed, project, position, offset);
  if (frontMatter) return frontMatter;
  // The line alone (the offset's, clamped to the text): a long transcript kept as bytes is not decoded whole for a keystroke.
  const line = parsed.lines.positionAt(offset).line;
  const lineStart = parsed.lines.lineStart(line);
  const inLine = codeContext(parsed.source.slice(lineStart, parsed.lines.lineContentEnd(line)), offset - lineStart, 0);
  if (!inLine) return null;
  const context = { start: inLine.start + lineStart, end: inLine.end + lineStart, prefix: inLine.prefix };
  const range: Range = { start: parsed.lines.positionAt(context.start), end: parsed.lines.positionAt(context.end) };
  return codeItems(project, context.prefix, range);
}

/** Completion in a memo file: the codebook's codes after `#` (a memo file writes codes anywhere, not in tag blocks). */
export function completeInMemo(memo: MemoFile, project: Project | undefined, position: Position): CompletionList | null {
  if (!project) return null;
  const offset = memo.lines.offsetAt(position);
  const lineStart = memo.lines.lineStart(position.line);
  let start = offset;
  while (start > lineStart && pathChar.test(memo.text[start - 1])) start--;
  if (memo.text[start - 1] !== '#') return null;
  // Not after a letter, digit, `/` (a URL's anchor) or `#` (`##`); a lone `#` at a line's start begins a heading.
  if (start - 2 >= lineStart && /[\p{L}\p{N}_/#&-]/u.test(memo.text[start - 2])) return null;
  if (start === offset && start - 1 === lineStart) return null;
  let end = offset;
  while (end < memo.text.length && pathChar.test(memo.text[end])) end++;
  return codeItems(project, memo.text.slice(start, offset), { start: memo.lines.positionAt(start), end: memo.lines.positionAt(end) });
}

/** The codes matching a prefix, ranked, as completion items that replace `range`. */
function codeItems(project: Project, prefix: string, range: Range): CompletionList {
  const ranked = rankCodes(project, prefix);
  return {
    isIncomplete: true,
    items: ranked.map((path, rank) => {
      const definition = project.codebook.codes.get(path)!;
      return {
        label: path,
        kind: definition.depth === 0 ? CompletionItemKind.Folder : CompletionItemKind.EnumMember,
        detail: definition.label,
        documentation: { kind: MarkupKind.Markdown, value: describeCode(definition, codeCounts(project, path)) },
        textEdit: { range, newText: path },
        // The server has filtered and ranked; the editor must keep every item, in this order.
        filterText: prefix,
        sortText: String(rank).padStart(5, '0'),
      } satisfies CompletionItem;
    }),
  };
}

/** The code being typed after `#` in a tag block on the cursor's line: its start, end and the prefix before the cursor. */
export function codeContext(text: string, offset: number, lineStart: number): { start: number; end: number; prefix: string } | undefined {
  let start = offset;
  while (start > lineStart && pathChar.test(text[start - 1])) start--;
  if (text[start - 1] !== '#') return undefined;
  // The `#` must stand in an open tag block: a `{` before it on the line with no `}` or `|` between.
  let brace = start - 2;
  while (brace >= lineStart && text[brace] !== '{') {
    if (text[brace] === '}' || text[brace] === '|') return undefined;
    brace--;
  }
  if (brace < lineStart || text[brace - 1] === '\\') return undefined;
  let end = offset;
  while (end < text.length && pathChar.test(text[end])) end++;
  return { start, end, prefix: text.slice(start, offset) };
}

/** Codebook codes matching a typed prefix, best first; themes before their codes. */
export function rankCodes(project: Project, prefix: string): string[] {
  const codebook = project.codebook;
  const order = [...codebook.codes.keys()];
  if (prefix.endsWith('/') && codebook.codes.has(prefix.slice(0, -1))) {
    const parent = prefix.slice(0, -1);
    const below = descendantsOf(codebook, parent).slice(1);
    const depth = codebook.codes.get(parent)!.depth;
    return below.sort((a, b) => codebook.codes.get(a)!.depth - depth - (codebook.codes.get(b)!.depth - depth) || order.indexOf(a) - order.indexOf(b));
  }
  if (prefix === '') return order;
  const scored: { path: string; score: number; index: number }[] = [];
  order.forEach((path, index) => {
    const label = codebook.codes.get(path)!.label ?? '';
    const score = Math.max(fuzzyScore(prefix, path) ?? -Infinity, (fuzzyScore(prefix, label) ?? -Infinity) - 50);
    if (score > -Infinity) scored.push({ path, score, index });
  });
  return scored.sort((a, b) => b.score - a.score || a.index - b.index).map((s) => s.path);
}

/**
 * How well `query` matches `target`: a prefix beats a substring at a word start, which beats
 * any other substring, which beats a scattered subsequence. Undefined when it does not match.
 */
export function fuzzyScore(query: string, target: string): number | undefined {
  const q = query.toLowerCase();
  const t = target.toLowerCase();
  if (q === '') return 0;
  if (t.startsWith(q)) return 1000 - t.length;
  const at = t.indexOf(q);
  if (at >= 0) return (isWordStart(t, at) ? 800 : 600) - at;
  let score = 100;
  let ti = 0;
  let previous = -2;
  for (const ch of q) {
    while (ti < t.length && t[ti] !== ch) ti++;
    if (ti >= t.length) return undefined;
    score += (ti === previous + 1 ? 5 : 0) + (isWordStart(t, ti) ? 10 : 0);
    previous = ti++;
  }
  return score - t.length / 10;
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || '/-_ '.includes(text[index - 1]);
}

// ---- front matter -------------------------------------------------------------------------------

function frontMatterCompletion(parsed: ParsedTranscript, project: Project, position: Position, offset: number): CompletionList | null {
  const frontMatter = parsed.frontMatter;
  if (!frontMatter || position.line === 0 || position.line >= closingLine(frontMatter)) return null;
  const lineStart = parsed.lines.lineStart(position.line);
  const before = parsed.source.slice(lineStart, offset);
  const wordStart = offset - (/[^\s:{},]*$/.exec(before)?.[0].length ?? 0);
  const range: Range = { start: parsed.lines.positionAt(wordStart), end: position };
  const informantItems = () =>
    [...project.informants.informants.values()].map((informant, i) => {
      const own = project.index.quoteCountOfInformant(informant.id);
      return {
        label: informant.id,
        kind: CompletionItemKind.Reference,
        detail: Object.values(informant.attributes).join(' · '),
        documentation: { kind: MarkupKind.Markdown, value: describeInformant(informant.id, informant, own, project.index.codingCountOfInformant(informant.id)) },
        textEdit: { range, newText: informant.id },
        sortText: String(i).padStart(5, '0'),
      } satisfies CompletionItem;
    });
  const labels = [...new Set(parsed.turns.map((t) => t.speaker))];
  const simple = (values: string[], kind: CompletionItemKind) => values.map((value) => ({ label: value, kind, textEdit: { range, newText: value } }) satisfies CompletionItem);

  let match: RegExpExecArray | null;
  if ((match = /^(informant|source|interviewer):\s*[^\s]*$/.exec(before))) {
    const key = match[1];
    const items = key === 'informant' ? informantItems() : key === 'source' ? simple([...sourceKinds], CompletionItemKind.EnumMember) : simple(labels, CompletionItemKind.Variable);
    return { isIncomplete: false, items };
  }
  if (!inSpeakersMap(parsed, position.line)) return null;
  if (/^\s+[^\s:]*$/.test(before)) {
    // A new key under `speakers:`: the document's labels that no entry maps yet.
    const mapped = new Set(frontMatter.speakers.map((s) => s.label));
    const interviewer = frontMatter.interviewer?.value;
    const open = labels.filter((l) => !mapped.has(l) && l !== interviewer);
    return {
      isIncomplete: false,
      items: open.map((label) => ({ label, kind: CompletionItemKind.Variable, textEdit: { range, newText: `${label}: ` }, insertTextFormat: InsertTextFormat.PlainText })),
    };
  }
  if (/^\s+[^\s:]+:\s*[^\s]*$/.test(before)) return { isIncomplete: false, items: informantItems() };
  return null;
}

/** True when a front matter line is indented under a `speakers:` key. */
function inSpeakersMap(parsed: ParsedTranscript, line: number): boolean {
  for (let l = line - 1; l > 0; l--) {
    const text = parsed.lines.lineText(l);
    if (/^\S/.test(text)) return /^speakers:\s*$/.test(text);
  }
  return false;
}
