// The index of one project's transcripts. Each document contributes entries to maps keyed by
// code and by informant; updating a document removes its old entries and adds its new ones,
// so an edit costs the size of that document, never of the workspace. `snapshot()` gives a
// canonical form so tests (and the live consistency check) can compare it with a rebuild.
import { isWithin } from '../model/codePath';
import type { InformantTable } from '../model/informants';
import type { Coding, ParsedTranscript, TagBlockCode, Turn } from '../model/transcript';
import { QuotePairs } from './quotePairs';

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

/**
 * A document in the index: its parse, and which informant each of its quotes and codings
 * belongs to. The index counts from the parse's columns; the quote and coding objects are made
 * when a request reads them, for the documents it reads.
 */
export class IndexedDocument {
  #quotes: QuoteRef[] | undefined;
  #codings: CodingRef[] | undefined;

  constructor(
    readonly uri: string,
    readonly parsed: ParsedTranscript,
    /**
     * The informant of each speaker label of the document (by its number, `speakerNumberOf`), if
     * resolved; undefined for the interviewer's. A turn's informant is its label's: one entry per
     * label, not per turn.
     */
    readonly speakerInformants: readonly (string | undefined)[],
    /** The front matter's informant, who owns codings outside quotes. */
    readonly documentInformant: string | undefined,
  ) {}

  /** The informant a coding belongs to: its quote's, or the document's for text outside quotes. */
  informantOfCoding(coding: number): string | undefined {
    const turn = this.parsed.turnOfCoding(coding);
    return turn >= 0 && this.parsed.isQuote(turn) ? this.informantOfTurn(turn) : this.documentInformant;
  }

  /** A quote's speaker's informant, if resolved; undefined for the interviewer's turns. */
  informantOfTurn(turn: number): string | undefined {
    return this.speakerInformants[this.parsed.speakerNumberOf(turn)];
  }

  get codingCount(): number {
    return this.parsed.codingCount;
  }

  /** The quotes (turns by anyone but the interviewer), in order. */
  get quotes(): QuoteRef[] {
    if (this.#quotes) return this.#quotes;
    const quotes: QuoteRef[] = [];
    const turns = this.parsed.turns;
    for (let t = 0; t < turns.length; t++) if (turns[t].isQuote) quotes.push(new QuoteRef(this.uri, t, turns[t], this.informantOfTurn(t)));
    return (this.#quotes = quotes);
  }

  /** The codings, in order. */
  get codings(): CodingRef[] {
    if (this.#codings) return this.#codings;
    const codings = this.parsed.codings.map((coding, index): CodingRef => ({ uri: this.uri, index, coding, informant: this.informantOfCoding(index) }));
    return (this.#codings = codings);
  }

  /**
   * The quote of turn `turn`, made now and not kept (its turn is the one of `parsed.turns` once
   * those are made): what reads a few quotes of many documents makes no document's whole list.
   */
  quoteAt(turn: number): QuoteRef {
    return new QuoteRef(this.uri, turn, this.parsed.turnAt(turn), this.informantOfTurn(turn));
  }

  /** The quotes without a tag block, in order: made now from the columns, not kept. */
  untaggedQuotes(): QuoteRef[] {
    const parsed = this.parsed;
    const result: QuoteRef[] = [];
    for (let t = 0; t < parsed.turnCount; t++) if (parsed.isQuote(t) && parsed.tagBlockCountOf(t) === 0) result.push(this.quoteAt(t));
    return result;
  }

  /** Coding `index`: the one of `codings` once they are made, or one of its own, not kept. */
  codingAt(index: number): CodingRef {
    return this.#codings?.[index] ?? { uri: this.uri, index, coding: this.parsed.codingAt(index), informant: this.informantOfCoding(index) };
  }
}

/** A document entered the index (+1) or left it (-1). */
export type DocumentObserver = (doc: IndexedDocument, change: 1 | -1) => void;

/** A number for each document URI, kept while the index lives: buckets list numbers, cheaper to store and compare than URIs. */
class DocumentNumbers {
  private readonly numbers = new Map<string, number>();
  readonly uris: string[] = [];

  of(uri: string): number {
    let number = this.numbers.get(uri);
    if (number === undefined) this.numbers.set(uri, (number = this.uris.push(uri) - 1));
    return number;
  }
}

/** The documents holding one key, side by side with their counts, and the sum of the counts. */
interface Postings {
  documents: number[];
  counts: number[];
  total: number;
}

/**
 * Which documents hold a key (a code, an informant), and how many entries each: the entries
 * themselves stay in the document's own lists. One small count per key and document is far
 * less to allocate than a list per key and document, and an edit still touches one document.
 * Lists of numbers rather than a map per key: adding a study's 130,000 keys of documents took
 * a tenth of its cold index in maps.
 */
class Bucket {
  private readonly byKey = new Map<string, Postings>();

  constructor(
    private readonly numbers: DocumentNumbers,
    /** Told when a key comes (+1) or goes (-1). */
    private readonly onKey?: (key: string, change: 1 | -1) => void,
  ) {}

  /** Adds a document's entries: its keys with their counts. */
  addDocument(uri: string, counts: Map<string, number>): void {
    const document = this.numbers.of(uri);
    counts.forEach((count, key) => {
      const postings = this.byKey.get(key);
      // A key's first document makes lists of one: an empty list grows by 17 at its first push,
      // and most informants are in one document.
      if (!postings) {
        this.byKey.set(key, { documents: [document], counts: [count], total: count });
        this.onKey?.(key, 1);
      } else {
        postings.documents.push(document);
        postings.counts.push(count);
        postings.total += count;
      }
    });
  }

  /** Removes a document from a key (nothing if it is not there). */
  remove(key: string, uri: string): void {
    const postings = this.byKey.get(key);
    if (!postings) return;
    const at = postings.documents.indexOf(this.numbers.of(uri));
    if (at < 0) return;
    postings.total -= postings.counts[at];
    // Order does not matter: the last takes the place of the one removed.
    const last = postings.documents.length - 1;
    postings.documents[at] = postings.documents[last];
    postings.counts[at] = postings.counts[last];
    postings.documents.pop();
    postings.counts.pop();
    if (last === 0) {
      this.byKey.delete(key);
      this.onKey?.(key, -1);
    }
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Documents holding the key. */
  documents(key: string): string[] {
    return this.byKey.get(key)?.documents.map((document) => this.numbers.uris[document]) ?? [];
  }

  count(key: string): number {
    return this.byKey.get(key)?.total ?? 0;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }
}

export class ProjectIndex {
  readonly documents = new Map<string, IndexedDocument>();
  private readonly numbers = new DocumentNumbers();
  private readonly byCode = new Bucket(this.numbers);
  /**
   * Codes written in tag blocks that code no text (`]{#code}` without its `[`).
   * Every other `#code` makes a coding, so the coding index finds its documents: a second index
   * of nearly the same keys and documents took 3 MB on a large study.
   */
  private readonly uncodedTagsByCode = new Bucket(this.numbers);
  private readonly codingsByInformant = new Bucket(this.numbers, (id, change) => this.informantInData(id, change, this.quotesByInformant));
  private readonly quotesByInformant = new Bucket(this.numbers, (id, change) => this.informantInData(id, change, this.codingsByInformant));
  /**
   * Informant ids in the documents that the informants table does not list, kept up to date key
   * by key: counting them over 10,000 commenters after each keystroke had doubled completion's
   * time on XL.
   */
  #unlistedInData = 0;
  /** Documents with untagged quotes. */
  private readonly untagged = new Set<string>();
  private readonly observers = new Set<DocumentObserver>();
  private readonly quotePairs = new QuotePairs();

  constructor(private informants: InformantTable) {}

  /** Tells `observer` of every document that leaves or enters the index; returns how to stop. */
  observe(observer: DocumentObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /**
   * Whether some quote of `doc` may hold a literal of these classes (`characterClasses`), anywhere
   * or within its first `inViewLength` code units: false only if none can (`QuotePairs`).
   */
  quotesMayHold(doc: IndexedDocument, classes: Uint8Array, inView: boolean): boolean {
    // A document no longer in the index is not remembered under its URI.
    if (this.documents.get(doc.uri) !== doc) return true;
    return this.quotePairs.mayHold(this.numbers.of(doc.uri), doc.parsed, classes, inView);
  }

  /** Makes a document's quote filters (`quotesMayHold`) now, where they are not made; returns whether it made them. */
  primeQuoteFilters(doc: IndexedDocument): boolean {
    if (this.documents.get(doc.uri) !== doc) return false;
    return this.quotePairs.prime(this.numbers.of(doc.uri), doc.parsed);
  }

  setDocument(uri: string, parsed: ParsedTranscript): IndexedDocument {
    this.removeDocument(uri);
    const doc = indexDocument(uri, parsed, this.informants);
    this.documents.set(uri, doc);
    // Counted within the document first, by its own numbers (of its code paths and speaker
    // labels), and named once: a comment dump of 200,000 turns holds a few hundred of each.
    const byCode = countsByName(parsed.columns.paths, countCodingsByPath(parsed));
    const bySpeaker = countBySpeaker(parsed);
    const codingsByInformant = countsByName(informantOfCodingsBySpeaker(doc), bySpeaker.codings);
    const quotesByInformant = countsByName(doc.speakerInformants, bySpeaker.quotes);
    const uncodedTags = new Map<string, number>();
    const untagged = bySpeaker.untagged;
    forEachUncodedTag(parsed, (code) => increment(uncodedTags, parsed.pathOf(code)));
    this.byCode.addDocument(uri, byCode);
    this.codingsByInformant.addDocument(uri, codingsByInformant);
    this.quotesByInformant.addDocument(uri, quotesByInformant);
    this.uncodedTagsByCode.addDocument(uri, uncodedTags);
    if (untagged) this.untagged.add(uri);
    for (const observer of this.observers) observer(doc, +1);
    return doc;
  }

  removeDocument(uri: string): IndexedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    this.documents.delete(uri);
    this.quotePairs.forget(this.numbers.of(uri));
    const parsed = doc.parsed;
    // Each key once, as `setDocument` counted them.
    for (const code of countsByName(parsed.columns.paths, countCodingsByPath(parsed)).keys()) this.byCode.remove(code, uri);
    const bySpeaker = countBySpeaker(parsed);
    for (const informant of countsByName(informantOfCodingsBySpeaker(doc), bySpeaker.codings).keys()) this.codingsByInformant.remove(informant, uri);
    for (const informant of countsByName(doc.speakerInformants, bySpeaker.quotes).keys()) this.quotesByInformant.remove(informant, uri);
    forEachUncodedTag(parsed, (code) => this.uncodedTagsByCode.remove(parsed.pathOf(code), uri));
    this.untagged.delete(uri);
    for (const observer of this.observers) observer(doc, -1);
    return doc;
  }

  /** informants.yaml changed: speaker labels may now resolve differently. No document is parsed again. */
  setInformants(informants: InformantTable): void {
    this.informants = informants;
    for (const doc of [...this.documents.values()]) this.setDocument(doc.uri, doc.parsed);
    // Counted key by key against the new table, the ids that came and went in between were not.
    this.countUnlistedInData();
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
    return this.codingsWith(codes, this.byCode, (doc, i) => doc.parsed.codeOfCoding(i));
  }

  /** URIs of the documents holding codings of exactly this code, in no particular order. */
  documentsWithCode(path: string): string[] {
    return this.byCode.documents(path);
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
    return this.codingsWith([id], this.codingsByInformant, (doc, i) => doc.informantOfCoding(i));
  }

  quotesOfInformant(id: string): QuoteRef[] {
    const result: QuoteRef[] = [];
    for (const doc of this.documentsOf([id], this.quotesByInformant)) {
      const parsed = doc.parsed;
      for (let t = 0; t < parsed.turnCount; t++) if (parsed.isQuote(t) && doc.informantOfTurn(t) === id) result.push(doc.quoteAt(t));
    }
    return result;
  }

  /** How many quotes an informant has (`quotesOfInformant(id).length`, counted by the index). */
  quoteCountOfInformant(id: string): number {
    return this.quotesByInformant.count(id);
  }

  /** How many codings belong to an informant (`codingsOfInformant(id).length`, counted by the index). */
  codingCountOfInformant(id: string): number {
    return this.codingsByInformant.count(id);
  }

  /** Informant ids that occur in the documents (as quote speakers or coding owners). */
  informantsInData(): Set<string> {
    return new Set([...this.quotesByInformant.keys(), ...this.codingsByInformant.keys()]);
  }

  /** How many informant ids the documents name (as quote speakers or coding owners) that the informants table does not list. */
  get unlistedInformantsInData(): number {
    return this.#unlistedInData;
  }

  /** An id came into one of the two buckets by informant, or left it: it is in the data while either holds it. */
  private informantInData(id: string, change: 1 | -1, other: Bucket): void {
    if (!other.has(id) && !this.informants.informants.has(id)) this.#unlistedInData += change;
  }

  /** `unlistedInformantsInData` counted anew, for a new informants table. */
  private countUnlistedInData(): void {
    const listed = this.informants.informants;
    let count = 0;
    for (const id of this.quotesByInformant.keys()) if (!listed.has(id)) count++;
    for (const id of this.codingsByInformant.keys()) if (!listed.has(id) && !this.quotesByInformant.has(id)) count++;
    this.#unlistedInData = count;
  }

  untaggedQuotes(): QuoteRef[] {
    const result: QuoteRef[] = [];
    for (const doc of this.documentsWithUntaggedQuotes()) for (const quote of doc.untaggedQuotes()) result.push(quote);
    return result;
  }

  /** The documents with untagged quotes, in order of URI. */
  documentsWithUntaggedQuotes(): IndexedDocument[] {
    const result: IndexedDocument[] = [];
    for (const uri of [...this.untagged].sort(compare)) {
      const doc = this.documents.get(uri);
      if (doc) result.push(doc);
    }
    return result;
  }

  /** Codings whose code is not in `known`. */
  unknownCodings(known: (code: string) => boolean): CodingRef[] {
    return this.codingsWith([...this.byCode.keys()].filter((code) => !known(code)), this.byCode, (doc, i) => doc.parsed.codeOfCoding(i));
  }

  /**
   * The codings whose key (`keyOf`: their code, their informant) is one of `keys`, in document
   * and then index order. Read from the columns: a coding object is made only for each one found.
   */
  private codingsWith(keys: string[], bucket: Bucket, keyOf: (doc: IndexedDocument, coding: number) => string | undefined): CodingRef[] {
    const wanted = new Set(keys);
    const result: CodingRef[] = [];
    for (const doc of this.documentsOf(keys, bucket)) {
      for (let i = 0; i < doc.codingCount; i++) {
        const key = keyOf(doc, i);
        if (key !== undefined && wanted.has(key)) result.push(doc.codingAt(i));
      }
    }
    return result;
  }

  /** The documents that hold any of `keys`, in order of URI. */
  private documentsOf(keys: string[], bucket: Bucket): IndexedDocument[] {
    const uris = new Set<string>();
    for (const key of keys) for (const uri of bucket.documents(key)) uris.add(uri);
    const result: IndexedDocument[] = [];
    for (const uri of [...uris].sort(compare)) {
      const doc = this.documents.get(uri);
      // A stale entry in a bucket shows in its count, which `snapshot()` compares with a rebuild.
      if (doc) result.push(doc);
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
      untagged: this.untaggedQuotes().map(refKey).sort(compare),
    };
  }
}

/** Works out which informant each quote and coding of a document belongs to. */
export function indexDocument(uri: string, parsed: ParsedTranscript, informants: InformantTable): IndexedDocument {
  const labels = parsed.speakerLabels;
  const speakerInformants = new Array<string | undefined>(labels.length);
  for (let k = 0; k < labels.length; k++) speakerInformants[k] = labels[k] !== parsed.interviewer ? resolveSpeaker(parsed, labels[k], informants) : undefined;
  return new IndexedDocument(uri, parsed, speakerInformants, parsed.frontMatter?.informant?.value);
}

/**
 * Every `#code` written in a document (or only those of `path`), in order, numbered among all of
 * them, added to `tags`. Made when asked (references, rename, colours), not kept: a large study
 * writes a hundred thousand of them.
 */
export function tagsOfDocument(doc: IndexedDocument, path?: string, tags: TagRef[] = []): TagRef[] {
  const parsed = doc.parsed;
  for (let index = 0; index < parsed.codeCount; index++) {
    if (path === undefined || parsed.pathOf(index) === path) tags.push({ uri: doc.uri, index, code: parsed.codeAt(index) });
  }
  return tags;
}

/** Calls back with the number of each `#code` of a tag block that codes no text (its codes made no codings). */
function forEachUncodedTag(parsed: ParsedTranscript, callback: (code: number) => void): void {
  // Codings come in the order of their tag blocks.
  const codings = parsed.codingCount;
  let next = 0;
  for (let b = 0; b < parsed.tagBlockCount; b++) {
    while (next < codings && parsed.tagBlockOfCoding(next) < b) next++;
    if (next < codings && parsed.tagBlockOfCoding(next) === b) continue;
    const first = parsed.firstCodeOf(b);
    for (let c = first; c < first + parsed.codeCountOf(b); c++) callback(c);
  }
}

/** A speaker label names an informant through the front matter's `speakers` map, or by being an informant id. */
export function resolveSpeaker(parsed: ParsedTranscript, label: string, informants: InformantTable): string | undefined {
  const mapped = parsed.informantOfLabel(label);
  if (mapped !== undefined) return mapped;
  return informants.informants.has(label) ? label : undefined;
}

/** Counts in order of first use: the numbers first counted, then how many each. */
interface NumberCounts {
  order: number[];
  counts: Uint32Array;
}

function countNumber(tally: NumberCounts, number: number): void {
  if (tally.counts[number]++ === 0) tally.order.push(number);
}

/** Each path number's codings. */
function countCodingsByPath(parsed: ParsedTranscript): NumberCounts {
  const tally = { order: [], counts: new Uint32Array(parsed.columns.paths.length) };
  for (let i = 0; i < parsed.codingCount; i++) countNumber(tally, parsed.pathNumberOfCoding(i));
  return tally;
}

/**
 * Codings and quotes by speaker label number; codings outside any turn count under one more
 * number (`speakerLabels.length`). Whether some quote has no tag block (`untagged`) comes along.
 */
function countBySpeaker(parsed: ParsedTranscript): { codings: NumberCounts; quotes: NumberCounts; untagged: boolean } {
  const labels = parsed.speakerLabels.length;
  const codings = { order: [], counts: new Uint32Array(labels + 1) };
  const quotes = { order: [], counts: new Uint32Array(labels) };
  for (let i = 0; i < parsed.codingCount; i++) {
    const turn = parsed.turnOfCoding(i);
    countNumber(codings, turn >= 0 ? parsed.speakerNumberOf(turn) : labels);
  }
  let untagged = false;
  for (let t = 0; t < parsed.turnCount; t++) {
    if (!parsed.isQuote(t)) continue;
    countNumber(quotes, parsed.speakerNumberOf(t));
    if (parsed.tagBlockCountOf(t) === 0) untagged = true;
  }
  return { codings, quotes, untagged };
}

/** The informant of a coding in a turn of each speaker label (as `informantOfCoding`), and of a coding outside turns last. */
function informantOfCodingsBySpeaker(doc: IndexedDocument): (string | undefined)[] {
  const parsed = doc.parsed;
  const labels = parsed.speakerLabels;
  const informants = labels.map((label, k) => (label !== parsed.interviewer ? doc.speakerInformants[k] : doc.documentInformant));
  informants.push(doc.documentInformant);
  return informants;
}

/** Counts by name, in order of first use; numbers without a name (undefined) are left out, numbers of one name summed. */
function countsByName(names: readonly (string | undefined)[], tally: NumberCounts): Map<string, number> {
  const result = new Map<string, number>();
  for (const number of tally.order) {
    const name = names[number];
    if (name !== undefined) result.set(name, (result.get(name) ?? 0) + tally.counts[number]);
  }
  return result;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
