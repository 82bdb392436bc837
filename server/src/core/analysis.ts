// Analyses of one project: counts per informant and per code (`qda stats`), and the tree of
// themes → codes → informants → quotes (`qda tree`, later the Themes view). Every number comes
// from the project index; nothing here parses.
import type { Coding, ParsedTranscript } from './transcriptParser';
import type { CodingRef, QuoteRef } from './projectIndex';
import type { Range } from './text';
import type { Project } from './workspace';

export interface InformantStats {
  quotes: number;
  coded: number;
  codings: number;
}

export interface CodeStats {
  codings: number;
  informants: number;
}

export interface ProjectStats {
  root: string;
  documents: number;
  quotes: number;
  codedQuotes: number;
  codings: number;
  /** Quotes with no tag block at all, not even `{-}`. */
  untagged: number;
  /** Codings whose code is not in the codebook. */
  unknownCodes: number;
  /** Every informant of informants.yaml (zeros included), and any other informant id the transcripts use. */
  informants: Record<string, InformantStats>;
  /** Every code and theme of the codebook, zeros included; a code counts its sub-codes. */
  codes: Record<string, CodeStats>;
}

export function projectStats(project: Project): ProjectStats {
  const index = project.index;
  const codebook = project.codebook;
  let quotes = 0;
  let codedQuotes = 0;
  let codings = 0;
  for (const doc of index.documents.values()) {
    quotes += doc.quotes.length;
    codedQuotes += doc.quotes.filter((q) => q.coded).length;
    codings += doc.codings.length;
  }
  const informants: Record<string, InformantStats> = {};
  for (const id of informantIds(project)) {
    const own = index.quotesOfInformant(id);
    informants[id] = { quotes: own.length, coded: own.filter((q) => q.coded).length, codings: index.codingsOfInformant(id).length };
  }
  const codes: Record<string, CodeStats> = {};
  for (const path of codebook.codes.keys()) codes[path] = codeStats(project, path);
  return {
    root: project.root,
    documents: index.documents.size,
    quotes,
    codedQuotes,
    codings,
    untagged: index.untaggedQuotes().length,
    unknownCodes: index.unknownCodings((code) => codebook.codes.has(code)).length,
    informants,
    codes,
  };
}

/** Informants of informants.yaml in file order, then ids found only in the transcripts, sorted. */
export function informantIds(project: Project): string[] {
  const listed = [...project.informants.informants.keys()];
  const known = new Set(listed);
  const extra = [...project.index.informantsInData()].filter((id) => !known.has(id)).sort();
  return [...listed, ...extra];
}

/** Codings of a code and its codebook sub-codes, and the informants who carry them. */
export function codeStats(project: Project, path: string): CodeStats {
  const refs = knownCodingsOf(project, path);
  return { codings: refs.length, informants: distinctInformants(refs).size };
}

/** Codings of a code and of the codebook codes below it (a misspelt `trust/qualty` is not `trust`'s). */
export function knownCodingsOf(project: Project, path: string): CodingRef[] {
  return project.index.codingsOf(path).filter((ref) => project.codebook.codes.has(ref.coding.code));
}

function distinctInformants(refs: CodingRef[]): Set<string> {
  const result = new Set<string>();
  for (const ref of refs) if (ref.informant !== undefined) result.add(ref.informant);
  return result;
}

// ---- the tree ---------------------------------------------------------------------------------
//
// The tree comes in two forms. The full one (`qda tree`) holds every quote. The outline
// (`{ quotes: false }`, what the views ask for first) holds the counts only, and `treeQuotes`
// lists the quotes of one branch when the view expands it: on 1,000 transcripts the full tree
// is tens of megabytes, the outline a few hundred kilobytes.

export interface QuoteLeaf {
  uri: string;
  /** Range of the coded text: what the editor selects. */
  range: Range;
  /** The coded text without markup. */
  text: string;
  code: string;
  memo?: string;
  speaker?: string;
}

export interface InformantBranch {
  /** Informant id, or undefined for codings of unmapped speakers. */
  id?: string;
  codings: number;
  /** In the full tree only; `treeQuotes` with `{ kind: 'codings', code, informant: id ?? null }` otherwise. */
  quotes?: QuoteLeaf[];
}

export interface CodeNode {
  path: string;
  name: string;
  label?: string;
  description?: string;
  color?: string;
  /** Codings of this code and every code below it. */
  codings: number;
  /** Distinct informants among those codings. */
  informants: number;
  /** Codings of exactly this code, by informant. */
  byInformant: InformantBranch[];
  children: CodeNode[];
  /** Informants of informants.yaml with no coding of this code or below it. */
  notCoded: string[];
}

/** Codings of one code (of one informant, in the Informants view). */
export interface CodeBranch {
  code: string;
  codings: number;
  /** In the full tree only. */
  quotes?: QuoteLeaf[];
}

export interface InformantSummary {
  id: string;
  attributes: Record<string, string>;
  listed: boolean;
  quotes: number;
  coded: number;
  codings: number;
  /** The informant's codings by code, codebook order first, then unknown codes. */
  byCode: CodeBranch[];
}

export interface CodeTree {
  root: string;
  /** Informants of informants.yaml that pass the filter. */
  totalInformants: number;
  themes: CodeNode[];
  informants: InformantSummary[];
  /** Codings of codes missing from the codebook, by code. */
  unknownCodes: CodeBranch[];
  untaggedQuotes: number;
  /** In the full tree only. */
  untagged?: QuoteLeaf[];
}

/** What the Themes and Informants views show: all by default, or a part. */
export interface TreeFilter {
  /** Informant attributes that must all match, e.g. `{ role: 'owner' }`. */
  attributes?: Record<string, string>;
  /** Sources of the documents to keep (`interview`, `observation`, `documentation`). */
  sources?: string[];
  /** Text that the coded text, its memo or its code must contain (case-insensitive). */
  text?: string;
}

/** One branch of the tree whose quotes `treeQuotes` lists. */
export type QuoteBranch =
  /** Codings of exactly `code` whose informant is `informant` (null: a speaker mapped to no informant). */
  | { kind: 'codings'; code: string; informant: string | null }
  /** Codings of every code missing from the codebook. */
  | { kind: 'unknownCodes' }
  /** Quotes without a tag block. */
  | { kind: 'untagged' };

/** The filter, applied to codings and quotes. */
class Selection {
  private readonly attributes: [string, string][];
  private readonly sources?: Set<string>;
  private readonly needle: string;
  private readonly leaves = new Map<CodingRef, QuoteLeaf>();

  constructor(
    private readonly project: Project,
    filter: TreeFilter,
  ) {
    this.attributes = Object.entries(filter.attributes ?? {});
    this.sources = filter.sources && filter.sources.length > 0 ? new Set(filter.sources) : undefined;
    this.needle = filter.text?.trim().toLocaleLowerCase() ?? '';
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
    if (!this.informantPasses(ref.informant) || !this.documentPasses(ref.uri)) return false;
    const needle = this.needle;
    return needle === '' || [this.leaf(ref).text, ref.coding.memo ?? '', ref.coding.code].some((t) => t.toLocaleLowerCase().includes(needle));
  }

  keepQuote(quote: QuoteRef): boolean {
    return this.informantPasses(quote.informant) && this.documentPasses(quote.uri);
  }

  leaf(ref: CodingRef): QuoteLeaf {
    let leaf = this.leaves.get(ref);
    if (!leaf) this.leaves.set(ref, (leaf = leafOf(this.project.index.documents.get(ref.uri)!.parsed, ref)));
    return leaf;
  }

  untaggedLeaves(): QuoteLeaf[] {
    const needle = this.needle;
    return this.project.index
      .untaggedQuotes()
      .filter((q) => this.keepQuote(q))
      .map((q) => untaggedLeaf(this.project.index.documents.get(q.uri)!.parsed, q))
      .filter((q) => needle === '' || q.text.toLocaleLowerCase().includes(needle));
  }
}

export function codeTree(project: Project, filter: TreeFilter = {}, options: { quotes?: boolean } = {}): CodeTree {
  const withQuotes = options.quotes ?? true;
  const index = project.index;
  const codebook = project.codebook;
  const informantTable = project.informants.informants;
  const selection = new Selection(project, filter);
  const visible = [...informantTable.keys()].filter((id) => selection.informantPasses(id));

  // One pass over the codings that pass the filter: by exact code and informant, and by informant
  // and code. A coding counts for its code and every codebook code above it.
  const exact = new Map<string, Map<string | undefined, CodingRef[]>>();
  const unknown = new Map<string, CodingRef[]>();
  const byInformant = new Map<string, Map<string, CodingRef[]>>();
  const below = new Map<string, { codings: number; informants: Set<string> }>();
  for (const doc of index.documents.values()) {
    for (const ref of doc.codings) {
      if (!selection.keep(ref)) continue;
      const code = ref.coding.code;
      if (ref.informant !== undefined) push(getOrCreate(byInformant, ref.informant, () => new Map()), code, ref);
      const definition = codebook.codes.get(code);
      if (!definition) {
        push(unknown, code, ref);
        continue;
      }
      push(getOrCreate(exact, code, () => new Map()), ref.informant, ref);
      for (let path: string | undefined = code; path !== undefined; path = codebook.codes.get(path)?.parent) {
        const totals = getOrCreate(below, path, () => ({ codings: 0, informants: new Set<string>() }));
        totals.codings++;
        if (ref.informant !== undefined) totals.informants.add(ref.informant);
      }
    }
  }
  const quotesOf = (refs: CodingRef[]) => (withQuotes ? sortRefs(refs).map((ref) => selection.leaf(ref)) : undefined);

  const node = (path: string): CodeNode => {
    const definition = codebook.codes.get(path)!;
    const totals = below.get(path);
    const own = [...(exact.get(path) ?? new Map<string | undefined, CodingRef[]>()).entries()].sort(([a], [b]) =>
      a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b),
    );
    return {
      path,
      name: definition.name,
      label: definition.label,
      description: definition.description,
      color: definition.color ?? (definition.theme !== path ? codebook.codes.get(definition.theme)?.color : undefined),
      codings: totals?.codings ?? 0,
      informants: totals?.informants.size ?? 0,
      byInformant: own.map(([id, refs]) => ({ id, codings: refs.length, quotes: quotesOf(refs) })),
      children: definition.children.map(node),
      notCoded: visible.filter((id) => !totals?.informants.has(id)),
    };
  };

  const quoteCounts = new Map<string, { quotes: number; coded: number }>();
  for (const doc of index.documents.values()) {
    for (const quote of doc.quotes) {
      if (quote.informant === undefined || !selection.documentPasses(quote.uri)) continue;
      const counts = getOrCreate(quoteCounts, quote.informant, () => ({ quotes: 0, coded: 0 }));
      counts.quotes++;
      if (quote.coded) counts.coded++;
    }
  }
  const order = new Map([...codebook.codes.keys()].map((code, i) => [code, i]));
  const rank = (code: string) => order.get(code) ?? order.size;
  const branches = (byCode: Map<string, CodingRef[]>) =>
    [...byCode.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([code, refs]): CodeBranch => ({ code, codings: refs.length, quotes: quotesOf(refs) }));
  const informants = informantIds(project)
    .filter((id) => selection.informantPasses(id))
    .map((id): InformantSummary => {
      const byCode = byInformant.get(id) ?? new Map<string, CodingRef[]>();
      let codings = 0;
      for (const refs of byCode.values()) codings += refs.length;
      return {
        id,
        attributes: informantTable.get(id)?.attributes ?? {},
        listed: informantTable.has(id),
        quotes: quoteCounts.get(id)?.quotes ?? 0,
        coded: quoteCounts.get(id)?.coded ?? 0,
        codings,
        byCode: branches(byCode),
      };
    });

  const untagged = selection.untaggedLeaves();
  return {
    root: project.root,
    totalInformants: visible.length,
    themes: codebook.themes.map(node),
    informants,
    unknownCodes: [...unknown.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, refs]) => ({ code, codings: refs.length, quotes: quotesOf(refs) })),
    untaggedQuotes: untagged.length,
    untagged: withQuotes ? untagged : undefined,
  };
}

/** The quotes of one branch of the tree, under the same filter as the tree. */
export function treeQuotes(project: Project, filter: TreeFilter, branch: QuoteBranch): QuoteLeaf[] {
  const selection = new Selection(project, filter);
  const index = project.index;
  switch (branch.kind) {
    case 'codings':
      return index
        .codingsOf(branch.code, false)
        .filter((ref) => (ref.informant ?? null) === branch.informant && selection.keep(ref))
        .map((ref) => selection.leaf(ref));
    case 'unknownCodes':
      return index
        .unknownCodings((code) => project.codebook.codes.has(code))
        .filter((ref) => selection.keep(ref))
        .sort((a, b) => a.coding.code.localeCompare(b.coding.code))
        .map((ref) => selection.leaf(ref));
    case 'untagged':
      return selection.untaggedLeaves();
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) map.set(key, (value = create()));
  return value;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortRefs(refs: CodingRef[]): CodingRef[] {
  return refs.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.index - b.index));
}

function untaggedLeaf(parsed: ParsedTranscript, quote: QuoteRef): QuoteLeaf {
  const turn = quote.turn;
  return {
    uri: quote.uri,
    range: turn.contentRange,
    text: parsed.plainText.slice(parsed.plainIndex.toPlain(turn.contentSpan.start), parsed.plainIndex.toPlain(turn.contentSpan.end)),
    code: '',
    speaker: turn.speaker,
  };
}

function leafOf(parsed: ParsedTranscript, ref: CodingRef): QuoteLeaf {
  const coding = ref.coding;
  return {
    uri: ref.uri,
    range: coding.textRange,
    text: codedText(parsed, coding),
    code: coding.code,
    memo: coding.memo,
    speaker: coding.turn !== undefined ? parsed.turns[coding.turn].speaker : undefined,
  };
}

/** The coded text of a coding, without markup. */
export function codedText(parsed: ParsedTranscript, coding: Coding): string {
  const points = parsed.plainIndex.codePoints;
  return parsed.plainText.slice(points.toUtf16(coding.plainStart), points.toUtf16(coding.plainEnd));
}
