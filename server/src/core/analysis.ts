// Analyses of one project: counts per informant and per code (`qda stats`), and the tree of
// themes → codes → informants → quotes (`qda tree`, later the Themes view). Every number comes
// from the project index; nothing here parses.
import type { Coding, ParsedTranscript } from './transcriptParser';
import type { CodingRef } from './projectIndex';
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
  quotes: QuoteLeaf[];
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

export interface InformantSummary {
  id: string;
  attributes: Record<string, string>;
  listed: boolean;
  quotes: number;
  coded: number;
  codings: number;
  /** The informant's codings by code, codebook order first, then unknown codes. */
  byCode: { code: string; quotes: QuoteLeaf[] }[];
}

export interface CodeTree {
  root: string;
  /** Informants of informants.yaml that pass the filter. */
  totalInformants: number;
  themes: CodeNode[];
  informants: InformantSummary[];
  /** Codings of codes missing from the codebook, by code. */
  unknownCodes: { code: string; quotes: QuoteLeaf[] }[];
  untagged: QuoteLeaf[];
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

export function codeTree(project: Project, filter: TreeFilter = {}): CodeTree {
  const index = project.index;
  const codebook = project.codebook;
  const informantTable = project.informants.informants;
  const attributes = Object.entries(filter.attributes ?? {});
  const informantPasses = (id: string | undefined) =>
    attributes.length === 0 || (id !== undefined && attributes.every(([k, v]) => informantTable.get(id)?.attributes[k] === v));
  const sources = filter.sources && filter.sources.length > 0 ? new Set(filter.sources) : undefined;
  const documentPasses = (uri: string) => !sources || sources.has(index.documents.get(uri)?.parsed.frontMatter?.source?.value ?? '');
  const needle = filter.text?.trim().toLocaleLowerCase() ?? '';
  const leaves = new Map<CodingRef, QuoteLeaf>();
  const leaf = (ref: CodingRef) => {
    let l = leaves.get(ref);
    if (!l) leaves.set(ref, (l = leafOf(index.documents.get(ref.uri)!.parsed, ref)));
    return l;
  };
  const keep = (ref: CodingRef) =>
    informantPasses(ref.informant) &&
    documentPasses(ref.uri) &&
    (needle === '' || [leaf(ref).text, ref.coding.memo ?? '', ref.coding.code].some((t) => t.toLocaleLowerCase().includes(needle)));
  const visible = [...informantTable.keys()].filter(informantPasses);

  const node = (path: string): CodeNode => {
    const definition = codebook.codes.get(path)!;
    const all = knownCodingsOf(project, path).filter(keep);
    const own = index.codingsOf(path, false).filter(keep);
    const carriers = distinctInformants(all);
    return {
      path,
      name: definition.name,
      label: definition.label,
      description: definition.description,
      color: definition.color ?? (definition.theme !== path ? codebook.codes.get(definition.theme)?.color : undefined),
      codings: all.length,
      informants: carriers.size,
      byInformant: groupByInformant(own, leaf),
      children: definition.children.map(node),
      notCoded: visible.filter((id) => !carriers.has(id)),
    };
  };

  const unknown = new Map<string, QuoteLeaf[]>();
  for (const ref of index.unknownCodings((code) => codebook.codes.has(code)).filter(keep)) {
    unknown.set(ref.coding.code, [...(unknown.get(ref.coding.code) ?? []), leaf(ref)]);
  }

  const order = new Map([...codebook.codes.keys()].map((code, i) => [code, i]));
  const rank = (code: string) => order.get(code) ?? order.size;
  const informants = informantIds(project)
    .filter(informantPasses)
    .map((id): InformantSummary => {
      const quotes = index.quotesOfInformant(id).filter((q) => documentPasses(q.uri));
      const codings = index.codingsOfInformant(id).filter(keep);
      const byCode = new Map<string, QuoteLeaf[]>();
      for (const ref of codings) byCode.set(ref.coding.code, [...(byCode.get(ref.coding.code) ?? []), leaf(ref)]);
      return {
        id,
        attributes: informantTable.get(id)?.attributes ?? {},
        listed: informantTable.has(id),
        quotes: quotes.length,
        coded: quotes.filter((q) => q.coded).length,
        codings: codings.length,
        byCode: [...byCode.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([code, list]) => ({ code, quotes: list })),
      };
    });

  return {
    root: project.root,
    totalInformants: visible.length,
    themes: codebook.themes.map(node),
    informants,
    unknownCodes: [...unknown.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, quotes]) => ({ code, quotes })),
    untagged: index
      .untaggedQuotes()
      .filter((q) => informantPasses(q.informant) && documentPasses(q.uri))
      .map((q) => {
        const parsed = index.documents.get(q.uri)!.parsed;
        return {
          uri: q.uri,
          range: q.turn.contentRange,
          text: parsed.plainText.slice(parsed.plainIndex.toPlain(q.turn.contentSpan.start), parsed.plainIndex.toPlain(q.turn.contentSpan.end)),
          code: '',
          speaker: q.turn.speaker,
        };
      })
      .filter((q) => needle === '' || q.text.toLocaleLowerCase().includes(needle)),
  };
}

function groupByInformant(refs: CodingRef[], leaf: (ref: CodingRef) => QuoteLeaf): InformantBranch[] {
  const groups = new Map<string | undefined, QuoteLeaf[]>();
  for (const ref of refs) {
    const list = groups.get(ref.informant) ?? [];
    list.push(leaf(ref));
    groups.set(ref.informant, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b)))
    .map(([id, quotes]) => ({ id, codings: quotes.length, quotes }));
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
