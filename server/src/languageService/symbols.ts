// Structure: document symbols (turns and their codings), workspace symbols (codes and quotes),
// folding ranges (front matter, turns) and selection ranges (code → tag → span → turn → file).
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange, type SelectionRange, type WorkspaceSymbol } from 'vscode-languageserver-types';
import { codedText } from '../core/analyses/codeTree';
import { comparePositions, literalPattern, type Position, type Range, type Span } from '../core/text/text';
import type { Coding, ParsedTranscript } from '../core/model/transcript';
import type { QdaWorkspace } from '../core/project/workspace';
import type { IndexedDocument } from '../core/project/projectIndex';
import { inViewLength } from '../core/project/quotePairs';
import { characterClasses } from '../core/text/characterPairs';
import { excerpt } from '../core/text/excerpt';
import { closingLine } from '../core/model/frontMatter';
import { BestScores } from './bestScores';
import { fuzzyScore } from './completion';

function union(a: Range, b: Range): Range {
  return {
    start: comparePositions(a.start, b.start) <= 0 ? a.start : b.start,
    end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end,
  };
}

function codingSymbol(parsed: ParsedTranscript, coding: Coding): DocumentSymbol {
  return {
    name: `#${coding.code}`,
    detail: excerpt(codedText(parsed, coding), 40),
    kind: SymbolKind.Key,
    range: union(coding.textRange, coding.tagRange),
    selectionRange: coding.codeRange,
  };
}

export function documentSymbols(parsed: ParsedTranscript): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const inTurns = new Set<number>();
  parsed.turns.forEach((turn) => {
    const content = plainTextOf(parsed, turn.contentSpan);
    const codes = [...new Set(turn.codings.map((i) => parsed.codings[i].code))];
    turn.codings.forEach((i) => inTurns.add(i));
    symbols.push({
      name: `${turn.speaker}: ${excerpt(content, 50)}`,
      detail: codes.length ? codes.map((c) => `#${c}`).join(' ') : turn.isQuote && turn.tagBlockCount === 0 ? 'untagged' : undefined,
      kind: turn.isQuote ? SymbolKind.String : SymbolKind.Event,
      range: turn.range,
      selectionRange: turn.speakerRange,
      children: turn.codings.map((i) => codingSymbol(parsed, parsed.codings[i])),
    });
  });
  parsed.codings.forEach((coding, i) => {
    if (!inTurns.has(i)) symbols.push(codingSymbol(parsed, coding));
  });
  return symbols.sort((a, b) => comparePositions(a.range.start, b.range.start));
}

/** A quote whose words stand in its name's excerpt, and one whose words stand further in. */
const inViewScore = 500;
const furtherScore = 499;

/**
 * Codes of every codebook and quotes of every transcript that match the query, best first: codes
 * by a fuzzy match on their path; quotes by their words, first those whose words end within
 * their first 59 characters as written (`inViewLength`: the excerpt the name shows), then the
 * others, each in the order of the documents and of the quotes within each.
 */
export function workspaceSymbols(workspace: QdaWorkspace, query: string, limit = 500): WorkspaceSymbol[] {
  // Candidates are scored first and named only if they make the list: a common word can land in
  // ten thousand quotes, and naming one costs an excerpt of its text.
  const scored = new BestScores<() => WorkspaceSymbol>(limit);
  const needle = query.trim();
  // Case-insensitive by the regular expression engine: lower-casing every document per request
  // would copy the whole corpus.
  const pattern = needle === '' ? undefined : literalPattern(needle, 'giu');
  // An ASCII query, without the Unicode flag, matches only ASCII: a transcript kept as UTF-8 is
  // searched in its bytes, never decoded.
  const asciiPattern = pattern && /^[\x00-\x7f]*$/.test(needle) ? literalPattern(needle, 'gi') : undefined;
  const classes = characterClasses(needle);
  for (const project of workspace.projects.values()) {
    for (const code of project.codebook.codes.values()) {
      const score = fuzzyScore(query, code.path);
      if (score === undefined || !scored.accepts(score)) continue;
      scored.add(score, () => ({
        name: code.path,
        kind: code.depth === 0 ? SymbolKind.Namespace : SymbolKind.EnumMember,
        containerName: code.label,
        location: { uri: project.codebookUri, range: code.keyRange },
      }));
    }
    if (!pattern) continue;
    for (const doc of project.index.documents.values()) {
      // Quotes rank in two tiers and in the order they are found within each: once the list is
      // full of the first tier, no later quote can enter it; once it is full of the two, only a
      // quote of the first can, and only a document whose quotes' starts may hold the words is read.
      if (!scored.accepts(inViewScore)) break;
      if (project.index.quotesMayHold(doc, classes, !scored.accepts(furtherScore))) searchQuotes(doc, pattern, asciiPattern, scored);
    }
  }
  return scored.best().map((make) => make());
}

/**
 * Quotes match by their words: a scattered subsequence would match nearly every long quote. One
 * scan of the document; the first match in a quote names it, and the scan goes on from the quote's
 * end (or jumps to the next quote), so a word found a million times costs a step per quote, not
 * per occurrence. Turns are read from the parse's columns, without objects.
 */
function searchQuotes(doc: IndexedDocument, pattern: RegExp, asciiPattern: RegExp | undefined, scored: BestScores<() => WorkspaceSymbol>): void {
  const parsed = doc.parsed;
  const turns = parsed.turnCount;
  let t = 0;
  /** Where the next quote's text starts, from turn `t` on; the end of the text if none. */
  const nextQuoteStart = () => {
    while (t < turns && !parsed.isQuote(t)) t++;
    return t < turns ? parsed.contentStartOf(t) : parsed.source.length;
  };
  parsed.source.searchEach(pattern, asciiPattern, (at, length) => {
    while (t < turns && parsed.contentEndOf(t) <= at) t++;
    if (t >= turns) return parsed.source.length;
    if (!parsed.isQuote(t) || at < parsed.contentStartOf(t)) return nextQuoteStart();
    const turn = t;
    const start = parsed.contentStartOf(turn);
    if (at + length > parsed.contentEndOf(turn)) return undefined; // runs past the quote: not in it
    const score = at + length <= start + inViewLength ? inViewScore : furtherScore;
    if (scored.accepts(score)) {
      // Named from the columns: the document's turn objects are not made (and kept) for one query.
      scored.add(score, () => ({
        name: `${parsed.speakerOf(turn)}: ${excerpt(plainTextOf(parsed, parsed.contentSpanOf(turn)), 60)}`,
        kind: SymbolKind.String,
        containerName: doc.informantOfTurn(turn),
        location: { uri: doc.uri, range: parsed.turnRangeOf(turn) },
      }));
    }
    t++;
    return parsed.contentEndOf(turn);
  });
}

function plainTextOf(parsed: ParsedTranscript, span: Span): string {
  return parsed.plainIndex.sliceSource(span);
}

export function foldingRanges(parsed: ParsedTranscript): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const frontMatter = parsed.frontMatter;
  if (frontMatter) {
    const end = closingLine(frontMatter);
    if (end > frontMatter.range.start.line) ranges.push({ startLine: frontMatter.range.start.line, endLine: end, kind: FoldingRangeKind.Region });
  }
  for (const turn of parsed.turns) {
    if (turn.range.end.line > turn.range.start.line) ranges.push({ startLine: turn.range.start.line, endLine: turn.range.end.line });
  }
  return ranges;
}

/** Nested ranges around each position: code path, tag block, coded span, turn text, turn, document. */
export function selectionRanges(parsed: ParsedTranscript, positions: Position[]): SelectionRange[] {
  const lines = parsed.lines;
  const whole: Range = { start: { line: 0, character: 0 }, end: lines.positionAt(parsed.source.length) };
  const candidates: Range[] = [whole];
  if (parsed.frontMatter) candidates.push(parsed.frontMatter.range);
  for (const turn of parsed.turns) candidates.push(turn.range, turn.contentRange);
  for (const block of parsed.tagBlocks) {
    candidates.push(block.range);
    for (const code of block.codes) candidates.push(code.range);
  }
  for (const coding of parsed.codings) {
    if (coding.scope !== 'span') continue;
    candidates.push(coding.textRange);
    const open = lines.offsetAt(coding.textRange.start) - 1;
    candidates.push({ start: lines.positionAt(open), end: coding.tagRange.end });
  }
  const size = (r: Range) => lines.offsetAt(r.end) - lines.offsetAt(r.start);
  return positions.map((position) => {
    const containing = candidates
      .filter((r) => comparePositions(r.start, position) <= 0 && comparePositions(position, r.end) <= 0)
      .sort((a, b) => size(b) - size(a));
    let parent: SelectionRange | undefined;
    for (const range of containing) {
      if (parent && comparePositions(parent.range.start, range.start) === 0 && comparePositions(parent.range.end, range.end) === 0) continue;
      parent = { range, parent };
    }
    return parent ?? { range: { start: position, end: position } };
  });
}
