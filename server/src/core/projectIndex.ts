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

export interface QuoteRef {
  uri: string;
  index: number;
  turn: Turn;
  informant?: string;
  /** Holds at least one code. */
  coded: boolean;
  /** Holds at least one tag block (`{-}` included). */
  tagged: boolean;
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
  tags: TagRef[];
}

type Bucket<T> = Map<string, Map<string, T[]>>;

export class ProjectIndex {
  readonly documents = new Map<string, IndexedDocument>();
  private readonly byCode: Bucket<CodingRef> = new Map();
  private readonly tagsByCode: Bucket<TagRef> = new Map();
  private readonly codingsByInformant: Bucket<CodingRef> = new Map();
  private readonly quotesByInformant: Bucket<QuoteRef> = new Map();
  private readonly untagged = new Map<string, QuoteRef[]>();

  constructor(private informants: InformantTable) {}

  setDocument(uri: string, parsed: ParsedTranscript): IndexedDocument {
    this.removeDocument(uri);
    const doc = indexDocument(uri, parsed, this.informants);
    this.documents.set(uri, doc);
    for (const ref of doc.codings) {
      add(this.byCode, ref.coding.code, uri, ref);
      if (ref.informant !== undefined) add(this.codingsByInformant, ref.informant, uri, ref);
    }
    for (const quote of doc.quotes) {
      if (quote.informant !== undefined) add(this.quotesByInformant, quote.informant, uri, quote);
    }
    for (const tag of doc.tags) add(this.tagsByCode, tag.code.path, uri, tag);
    const untagged = doc.quotes.filter((q) => !q.tagged);
    if (untagged.length > 0) this.untagged.set(uri, untagged);
    return doc;
  }

  removeDocument(uri: string): IndexedDocument | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    this.documents.delete(uri);
    for (const ref of doc.codings) {
      remove(this.byCode, ref.coding.code, uri);
      if (ref.informant !== undefined) remove(this.codingsByInformant, ref.informant, uri);
    }
    for (const quote of doc.quotes) if (quote.informant !== undefined) remove(this.quotesByInformant, quote.informant, uri);
    for (const tag of doc.tags) remove(this.tagsByCode, tag.code.path, uri);
    this.untagged.delete(uri);
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
    for (const [code, perDoc] of this.byCode) result.set(code, count(perDoc));
    return result;
  }

  /** Codings of a code; with `withSubcodes` (the default) those of every code below it too. */
  codingsOf(path: string, withSubcodes = true): CodingRef[] {
    if (!withSubcodes) return sortRefs(flatten(this.byCode.get(path)));
    const result: CodingRef[] = [];
    for (const [code, perDoc] of this.byCode) {
      if (code === path || (withSubcodes && isWithin(code, path))) for (const refs of perDoc.values()) result.push(...refs);
    }
    return sortRefs(result);
  }

  /** Every `#code` written for a code (exactly that path), in every document. */
  tagsOf(path: string): TagRef[] {
    return sortRefs(flatten(this.tagsByCode.get(path)));
  }

  /** Code paths written in tags, also those not in the codebook. */
  taggedCodes(): string[] {
    return [...this.tagsByCode.keys()];
  }

  codingsOfInformant(id: string): CodingRef[] {
    return sortRefs(flatten(this.codingsByInformant.get(id)));
  }

  quotesOfInformant(id: string): QuoteRef[] {
    return sortRefs(flatten(this.quotesByInformant.get(id)));
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
    const result: CodingRef[] = [];
    for (const [code, perDoc] of this.byCode) if (!known(code)) for (const refs of perDoc.values()) result.push(...refs);
    return sortRefs(result);
  }

  /** A canonical, order-independent picture of the index, to compare with a rebuild. */
  snapshot(): unknown {
    const refKey = (r: { uri: string; index: number }) => `${r.uri}#${r.index}`;
    const bucket = <T extends { uri: string; index: number }>(b: Bucket<T>) =>
      [...b.entries()]
        .map(([key, perDoc]) => [key, sortRefs(flatten(perDoc)).map(refKey)] as const)
        .filter(([, refs]) => refs.length > 0)
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
      byCode: bucket(this.byCode),
      tagsByCode: bucket(this.tagsByCode),
      codingsByInformant: bucket(this.codingsByInformant),
      quotesByInformant: bucket(this.quotesByInformant),
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
    const informant = resolveSpeaker(turn, informants);
    quotes.push({
      uri,
      index,
      turn,
      informant,
      coded: turn.codings.length > 0,
      tagged: turn.tagBlocks.length > 0,
    });
    return informant;
  });
  const codings = parsed.codings.map((coding, index) => {
    const inQuote = coding.turn !== undefined && parsed.turns[coding.turn].isQuote;
    return { uri, index, coding, informant: inQuote ? turnInformant[coding.turn!] : documentInformant };
  });
  const tags: TagRef[] = [];
  for (const block of parsed.tagBlocks) for (const code of block.codes) tags.push({ uri, index: tags.length, code });
  return { uri, parsed, quotes, codings, tags };
}

/** A speaker label names an informant through the front matter's `speakers` map, or by being an informant id. */
export function resolveSpeaker(turn: Turn, informants: InformantTable): string | undefined {
  if (turn.mappedInformant !== undefined) return turn.mappedInformant;
  return informants.informants.has(turn.speaker) ? turn.speaker : undefined;
}

function add<T>(bucket: Bucket<T>, key: string, uri: string, value: T): void {
  let perDoc = bucket.get(key);
  if (!perDoc) bucket.set(key, (perDoc = new Map()));
  let list = perDoc.get(uri);
  if (!list) perDoc.set(uri, (list = []));
  list.push(value);
}

function remove<T>(bucket: Bucket<T>, key: string, uri: string): void {
  const perDoc = bucket.get(key);
  if (!perDoc) return;
  perDoc.delete(uri);
  if (perDoc.size === 0) bucket.delete(key);
}

function flatten<T>(perDoc: Map<string, T[]> | undefined): T[] {
  return perDoc ? [...perDoc.values()].flat() : [];
}

function count<T>(perDoc: Map<string, T[]>): number {
  let n = 0;
  for (const list of perDoc.values()) n += list.length;
  return n;
}

function sortRefs<T extends { uri: string; index: number }>(refs: T[]): T[] {
  return refs.sort((a, b) => compare(a.uri, b.uri) || a.index - b.index);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
