// The index of one project's transcripts. Each document contributes entries to maps keyed by
// code and by informant; updating a document removes its old entries and adds its new ones,
// so an edit costs the size of that document, never of the workspace. `snapshot()` gives a
// canonical form so tests (and the live consistency check) can compare it with a rebuild.
import { isWithin } from './codePath';
import type { InformantTable } from './informants';
import type { Coding, ParsedTranscript, TagBlockCode, Turn } from './transcriptParser';

export interface CodingRef {
  uri: string;
  index: number;
  coding: Coding;
  /** The informant the coding belongs to: its quote's, or the document's for text outside quotes. */
  informant?: string;
}

/** A quote: an informant's turn. Whether it is coded or tagged is read from the turn, not stored. */
export class QuoteRef {
  constructor(
    readonly uri: string,
    readonly index: number,
    readonly turn: Turn,
    readonly informant: string | undefined,
  ) {}

  /** Holds at least one code. */
  get coded(): boolean {
    return this.turn.codingCount > 0;
  }

  /** Holds at least one tag block (`{-}` included). */
  get tagged(): boolean {
    return this.turn.tagBlockCount > 0;
  }
}

/** One `#code` written in a tag block, whether or not the block codes any text. */
export interface TagRef {
  uri: string;
  index: number;
  code: TagBlockCode;
}

export interface IndexedDocument {
  uri: string;
  parsed: ParsedTranscript;
  quotes: QuoteRef[];
  codings: CodingRef[];
}

/** A document entered the index (+1) or left it (-1). */
export type DocumentObserver = (doc: IndexedDocument, change: 1 | -1) => void;

/**
 * Which documents hold a key (a code, an informant), and how many entries each: the entries
 * themselves stay in the document's own lists. One small count per key and document is far
 * less to allocate than a list per key and document, and an edit still touches one document.
 */
class Bucket {
  private readonly byKey = new Map<string, Map<string, number>>();

  /** Adds a document's entries: its keys with their counts. */
  addDocument(uri: string, counts: Map<string, number>): void {
    for (const [key, count] of counts) {
      let perDoc = this.byKey.get(key);
      if (!perDoc) this.byKey.set(key, (perDoc = new Map()));
      perDoc.set(uri, count);
    }
  }

  remove(key: string, uri: string): void {
    const perDoc = this.byKey.get(key);
    if (!perDoc) return;
    perDoc.delete(uri);
    if (perDoc.size === 0) this.byKey.delete(key);
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Documents holding the key. */
  documents(key: string): Iterable<string> {
    return this.byKey.get(key)?.keys() ?? [];
  }

  count(key: string): number {
    let n = 0;
    for (const c of this.byKey.get(key)?.values() ?? []) n += c;
    return n;
  }
}

export class ProjectIndex {
  readonly documents = new Map<string, IndexedDocument>();
  private readonly byCode = new Bucket();
  /**
   * Codes written in tag blocks that code no text (`]{#code}` without its `[`).
   * Every other `#code` makes a coding, so the coding index finds its documents: a second index
   * of nearly the same keys and documents took 3 MB on a large study.
   */
  private readonly uncodedTagsByCode = new Bucket();
  private readonly codingsByInformant = new Bucket();
  private readonly quotesByInformant = new Bucket();
  private readonly untagged = new Map<string, QuoteRef[]>();
  private readonly observers = new Set<DocumentObserver>();

  constructor(private informants: InformantTable) {}

  /** Tells `observer` of every document that leaves or enters the index; returns how to stop. */
  observe(observer: DocumentObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  setDocument(uri: string, parsed: ParsedTranscript): IndexedDocument {
    this.removeDocument(uri);
    const doc = indexDocument(uri, parsed, this.informants);
    this.documents.set(uri, doc);
    // Counted within the document first: it holds few distinct codes and informants.
    const byCode = new Map<string, number>();
    const codingsByInformant = new Map<string, number>();
    const quotesByInformant = new Map<string, number>();
    const uncodedTags = new Map<string, number>();
    for (const ref of doc.codings) {
      increment(byCode, ref.coding.code);
      if (ref.informant !== undefined) increment(codingsByInformant, ref.informant);
    }
    for (const quote of doc.quotes) if (quote.informant !== undefined) increment(quotesByInformant, quote.informant);
    forEachUncodedTag(parsed, (code) => increment(uncodedTags, code.path));
    this.byCode.addDocument(uri, byCode);
    this.codingsByInformant.addDocument(uri, codingsByInformant);
    this.quotesByInformant.addDocument(uri, quotesByInformant);
    this.uncodedTagsByCode.addDocument(uri, uncodedTags);
    const untagged = doc.quotes.filter((q) => !q.tagged);
    if (untagged.length > 0) this.untagged.set(uri, untagged);
    for (const observer of this.observers) observer(doc, +1);
    return doc;
  }

  removeDocument(uri: string): IndexedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    this.documents.delete(uri);
    for (const ref of doc.codings) {
      this.byCode.remove(ref.coding.code, uri);
      if (ref.informant !== undefined) this.codingsByInformant.remove(ref.informant, uri);
    }
    for (const quote of doc.quotes) if (quote.informant !== undefined) this.quotesByInformant.remove(quote.informant, uri);
    forEachUncodedTag(doc.parsed, (code) => this.uncodedTagsByCode.remove(code.path, uri));
    this.untagged.delete(uri);
    for (const observer of this.observers) observer(doc, -1);
    return doc;
  }

  /** informants.yaml changed: speaker labels may now resolve differently. No document is parsed again. */
  setInformants(informants: InformantTable): void {
    this.informants = informants;
    for (const doc of [...this.documents.values()]) this.setDocument(doc.uri, doc.parsed);
  }

  /** Codes that occur in the project, with their number of codings. */
  usedCodes(): Map<string, number> {
    const result = new Map<string, number>();
    for (const code of this.byCode.keys()) result.set(code, this.byCode.count(code));
    return result;
  }

  /** Codings of a code; with `withSubcodes` (the default) those of every code below it too. */
  codingsOf(path: string, withSubcodes = true): CodingRef[] {
    const codes = withSubcodes ? [...this.byCode.keys()].filter((code) => code === path || isWithin(code, path)) : [path];
    return this.collect(codes, this.byCode, (doc) => doc.codings, (ref) => ref.coding.code);
  }

  /** Every `#code` written for a code (exactly that path), in every document. */
  tagsOf(path: string): TagRef[] {
    const result: TagRef[] = [];
    const uris = new Set([...this.byCode.documents(path), ...this.uncodedTagsByCode.documents(path)]);
    for (const uri of [...uris].sort(compare)) {
      const doc = this.documents.get(uri);
      if (doc) tagsOfDocument(doc, path, result);
    }
    return result;
  }

  /** Code paths written in tags, also those not in the codebook. */
  taggedCodes(): string[] {
    return [...new Set([...this.byCode.keys(), ...this.uncodedTagsByCode.keys()])];
  }

  codingsOfInformant(id: string): CodingRef[] {
    return this.collect([id], this.codingsByInformant, (doc) => doc.codings, (ref) => ref.informant);
  }

  quotesOfInformant(id: string): QuoteRef[] {
    return this.collect([id], this.quotesByInformant, (doc) => doc.quotes, (quote) => quote.informant);
  }

  /** Informant ids that occur in the documents (as quote speakers or coding owners). */
  informantsInData(): Set<string> {
    return new Set([...this.quotesByInformant.keys(), ...this.codingsByInformant.keys()]);
  }

  untaggedQuotes(): QuoteRef[] {
    return sortRefs([...this.untagged.values()].flat());
  }

  /** Codings whose code is not in `known`. */
  unknownCodings(known: (code: string) => boolean): CodingRef[] {
    return this.collect([...this.byCode.keys()].filter((code) => !known(code)), this.byCode, (doc) => doc.codings, (ref) => ref.coding.code);
  }

  /** The entries of the documents that hold any of `keys`, in document and then index order. */
  private collect<T extends { uri: string; index: number }>(
    keys: string[],
    bucket: Bucket,
    entries: (doc: IndexedDocument) => T[],
    keyOf: (entry: T) => string | undefined,
  ): T[] {
    const wanted = new Set(keys);
    const uris = new Set<string>();
    for (const key of keys) for (const uri of bucket.documents(key)) uris.add(uri);
    const result: T[] = [];
    for (const uri of [...uris].sort(compare)) {
      const doc = this.documents.get(uri);
      // A stale entry in a bucket shows in its count, which `snapshot()` compares with a rebuild.
      if (!doc) continue;
      for (const entry of entries(doc)) {
        const key = keyOf(entry);
        if (key !== undefined && wanted.has(key)) result.push(entry);
      }
    }
    return result;
  }

  /** A canonical, order-independent picture of the index, to compare with a rebuild. */
  snapshot(): unknown {
    const refKey = (r: { uri: string; index: number }) => `${r.uri}#${r.index}`;
    const bucket = <T extends { uri: string; index: number }>(b: Bucket, list: (key: string) => T[]) =>
      [...b.keys()]
        .map((key) => [key, b.count(key), list(key).map(refKey)] as const)
        .filter(([, , refs]) => refs.length > 0)
        .sort(([a], [b]) => compare(a, b));
    return {
      documents: [...this.documents.values()]
        .map((d) => ({
          uri: d.uri,
          plainText: d.parsed.plainText,
          codings: d.codings.map((c) => [c.coding.code, c.informant ?? null, c.coding.plainStart, c.coding.plainEnd, c.coding.textRange]),
          quotes: d.quotes.map((q) => [q.turn.speaker, q.informant ?? null, q.coded, q.tagged, q.turn.range]),
          problems: d.parsed.problems.map((p) => [p.code, p.range]),
        }))
        .sort((a, b) => compare(a.uri, b.uri)),
      byCode: bucket(this.byCode, (code) => this.codingsOf(code, false)),
      tags: this.taggedCodes()
        .sort(compare)
        .map((code) => [code, this.tagsOf(code).map(refKey)]),
      uncodedTagsByCode: [...this.uncodedTagsByCode.keys()].sort(compare).map((code) => [code, this.uncodedTagsByCode.count(code), [...this.uncodedTagsByCode.documents(code)].sort(compare)]),
      codingsByInformant: bucket(this.codingsByInformant, (id) => this.codingsOfInformant(id)),
      quotesByInformant: bucket(this.quotesByInformant, (id) => this.quotesOfInformant(id)),
      untagged: [...this.untagged.values()].flat().map(refKey).sort(compare),
    };
  }
}

/** Works out which informant each quote and coding of a document belongs to. */
export function indexDocument(uri: string, parsed: ParsedTranscript, informants: InformantTable): IndexedDocument {
  const documentInformant = parsed.frontMatter?.informant?.value;
  const quotes: QuoteRef[] = [];
  const turnInformant: (string | undefined)[] = parsed.turns.map((turn, index) => {
    if (!turn.isQuote) return undefined;
    const informant = resolveSpeaker(parsed, turn, informants);
    quotes.push(new QuoteRef(uri, index, turn, informant));
    return informant;
  });
  const codings = parsed.codings.map((coding, index) => {
    const inQuote = coding.turn !== undefined && parsed.turns[coding.turn].isQuote;
    return { uri, index, coding, informant: inQuote ? turnInformant[coding.turn!] : documentInformant };
  });
  return { uri, parsed, quotes, codings };
}

/**
 * Every `#code` written in a document (or only those of `path`), in order, numbered among all of
 * them, added to `tags`. Made when asked (references, rename, colours), not kept: a large study
 * writes a hundred thousand of them.
 */
export function tagsOfDocument(doc: IndexedDocument, path?: string, tags: TagRef[] = []): TagRef[] {
  let index = 0;
  const blocks = doc.parsed.tagBlocks;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    for (let c = 0; c < block.codeCount; c++, index++) {
      const code = block.codeAt(c);
      if (path === undefined || code.path === path) tags.push({ uri: doc.uri, index, code });
    }
  }
  return tags;
}

/** Calls back with each `#code` of a tag block that codes no text (its codes made no codings). */
function forEachUncodedTag(parsed: ParsedTranscript, callback: (code: TagBlockCode) => void): void {
  // Codings come in the order of their tag blocks.
  const codings = parsed.codings;
  let next = 0;
  parsed.tagBlocks.forEach((block, b) => {
    while (next < codings.length && codings[next].tagBlock < b) next++;
    if (next < codings.length && codings[next].tagBlock === b) return;
    for (let c = 0; c < block.codeCount; c++) callback(block.codeAt(c));
  });
}

/** A speaker label names an informant through the front matter's `speakers` map, or by being an informant id. */
export function resolveSpeaker(parsed: ParsedTranscript, turn: Turn, informants: InformantTable): string | undefined {
  const mapped = parsed.mappedInformant(turn);
  if (mapped !== undefined) return mapped;
  return informants.informants.has(turn.speaker) ? turn.speaker : undefined;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sortRefs<T extends { uri: string; index: number }>(refs: T[]): T[] {
  return refs.sort((a, b) => compare(a.uri, b.uri) || a.index - b.index);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
