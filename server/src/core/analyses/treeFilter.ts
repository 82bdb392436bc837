// The filter of the Themes and Informants views (`qda tree` too): which codings and quotes pass
// an informant attribute filter, a source filter and a text filter. Read from the parse's columns,
// without coding objects: a comment dump holds 150,000 codings.
import type { ParsedTranscript } from '../model/transcript';
import type { CodingRef, IndexedDocument } from '../project/projectIndex';
import type { Project } from '../project/workspace';
import { literalPattern } from '../text/text';

/** What the Themes and Informants views show: all by default, or a part. */
export interface TreeFilter {
  /** Informant attributes that must all match, e.g. `{ role: 'owner' }`. */
  attributes?: Record<string, string>;
  /** Sources of the documents to keep (`interview`, `observation`, `documentation`). */
  sources?: string[];
  /** Text that the coded text, its memo or its code must contain (case-insensitive); a quote passes where its text holds it or a coding of it passes. */
  text?: string;
}

/** A text test's result, by coding, turn or code path: `untested` until it is made. */
const untested = 0;
const holds = 1;
const lacks = 2;

interface TextTests {
  codings: Uint8Array;
  turns: Uint8Array;
  paths: Uint8Array;
}

/** The filter, applied to codings and quotes. */
export class FilterTest {
  private readonly attributes: [string, string][];
  private readonly sources?: Set<string>;
  /** The filter's text, matched case-insensitively as plain text (not a pattern). */
  private readonly text?: RegExp;

  constructor(
    protected readonly project: Project,
    filter: TreeFilter,
  ) {
    // A request's filter is read as far as it is well formed: a part of another type filters nothing.
    const { attributes, sources, text: typed } = (filter ?? {}) as Partial<Record<keyof TreeFilter, unknown>>;
    this.attributes = attributes !== null && typeof attributes === 'object' ? Object.entries(attributes as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string') : [];
    this.sources = Array.isArray(sources) && sources.length > 0 ? new Set(sources as string[]) : undefined;
    const text = typeof typed === 'string' ? typed.trim() : '';
    this.text = text === '' ? undefined : literalPattern(text);
  }

  /** No filter at all. */
  keepsAll(): boolean {
    return this.attributes.length === 0 && !this.sources && !this.text;
  }

  /** Whether some informants do not pass (an attribute filter). */
  filtersInformants(): boolean {
    return this.attributes.length > 0;
  }

  informantPasses(id: string | undefined): boolean {
    if (this.attributes.length === 0) return true;
    const informant = id === undefined ? undefined : this.project.informants.informants.get(id);
    return informant !== undefined && this.attributes.every(([k, v]) => informant.attributes[k] === v);
  }

  documentPasses(uri: string): boolean {
    return !this.sources || this.sources.has(this.project.index.documents.get(uri)?.parsed.frontMatter?.source?.value ?? '');
  }

  keep(ref: CodingRef): boolean {
    const doc = this.project.index.documents.get(ref.uri);
    return doc !== undefined && this.documentPasses(ref.uri) && this.keepsCoding(doc, ref.index);
  }

  /** Whether the filter has a text, which quotes must then hold (or a coding of theirs must pass). */
  filtersText(): boolean {
    return this.text !== undefined;
  }

  /** Whether coding `i` of a document that passes (`documentPasses`) passes the rest, read from the columns. */
  keepsCoding(doc: IndexedDocument, i: number): boolean {
    if (!this.informantPasses(doc.informantOfCoding(i))) return false;
    const text = this.text;
    if (!text) return true;
    const tests = this.textTestsOf(doc);
    if (tests.codings[i] === untested) {
      const parsed = doc.parsed;
      const path = parsed.pathNumberOfCoding(i);
      if (tests.paths[path] === untested) tests.paths[path] = text.test(parsed.columns.paths[path]) ? holds : lacks;
      let passes = tests.paths[path] === holds || text.test(parsed.memoOfCoding(i) ?? '');
      if (!passes) {
        // The coded text last: it is cut out of the document. Within a quote whose text lacks the
        // filter's text it lacks it too (a literal found in a part is found in the whole), and a
        // comment dump's quotes are tested once each, not once more for each of their codings.
        const turn = parsed.turnOfCoding(i);
        const inTurn = turn >= 0 && parsed.contentStartOf(turn) <= parsed.textStartOf(i) && parsed.textEndOf(i) <= parsed.contentEndOf(turn);
        passes = (!inTurn || this.quoteTextPasses(doc, turn)) && text.test(plainTextBetween(parsed, parsed.plainStartOf(i), parsed.plainEndOf(i)));
      }
      tests.codings[i] = passes ? holds : lacks;
    }
    return tests.codings[i] === holds;
  }

  /** Whether a coding of quote `turn` of a document that passes passes the rest of the filter. */
  keepsCodingIn(doc: IndexedDocument, turn: number): boolean {
    const first = doc.parsed.firstCodingOf(turn);
    for (let i = first, end = first + doc.parsed.codingCountOf(turn); i < end; i++) if (this.keepsCoding(doc, i)) return true;
    return false;
  }

  /** Whether the text of turn `turn` holds the filter's text (true without one), as the untagged quotes are filtered. */
  quoteTextPasses(doc: IndexedDocument, turn: number): boolean {
    const text = this.text;
    if (!text) return true;
    const tests = this.textTestsOf(doc);
    if (tests.turns[turn] === untested) tests.turns[turn] = text.test(doc.parsed.plainIndex.sliceSource(doc.parsed.contentSpanOf(turn))) ? holds : lacks;
    return tests.turns[turn] === holds;
  }

  /** What was found of the filter's text in a document's codings, turns and code paths, each tested once per request. */
  private textTestsOf(doc: IndexedDocument): TextTests {
    let tests = this.textTests.get(doc);
    if (!tests) {
      const parsed = doc.parsed;
      tests = { codings: new Uint8Array(parsed.codingCount), turns: new Uint8Array(parsed.turnCount), paths: new Uint8Array(parsed.columns.paths.length) };
      this.textTests.set(doc, tests);
    }
    return tests;
  }

  private readonly textTests = new Map<IndexedDocument, TextTests>();
}

/** The plain text between two code-point offsets. */
export function plainTextBetween(parsed: ParsedTranscript, start: number, end: number): string {
  const points = parsed.plainIndex.codePoints;
  return parsed.plainIndex.slice(points.toUtf16(start), points.toUtf16(end));
}
