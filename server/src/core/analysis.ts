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
  for (const path of codebook.codes.keys()) {
    const refs = knownCodingsOf(project, path);
    codes[path] = { codings: refs.length, informants: distinctInformants(refs).size };
  }
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
}

export interface CodeTree {
  root: string;
  totalInformants: number;
  themes: CodeNode[];
  informants: InformantSummary[];
  /** Codings of codes missing from the codebook, by code. */
  unknownCodes: { code: string; quotes: QuoteLeaf[] }[];
  untagged: QuoteLeaf[];
}

export function codeTree(project: Project): CodeTree {
  const index = project.index;
  const codebook = project.codebook;
  const listed = [...project.informants.informants.keys()];
  const stats = projectStats(project);

  const node = (path: string): CodeNode => {
    const definition = codebook.codes.get(path)!;
    const all = knownCodingsOf(project, path);
    const own = index.codingsOf(path, false);
    const carriers = distinctInformants(all);
    return {
      path,
      name: definition.name,
      label: definition.label,
      description: definition.description,
      color: definition.color ?? (definition.theme !== path ? codebook.codes.get(definition.theme)?.color : undefined),
      codings: all.length,
      informants: carriers.size,
      byInformant: groupByInformant(own, (ref) => leafOf(index.documents.get(ref.uri)!.parsed, ref)),
      children: definition.children.map(node),
      notCoded: listed.filter((id) => !carriers.has(id)),
    };
  };

  const unknown = new Map<string, QuoteLeaf[]>();
  for (const ref of index.unknownCodings((code) => codebook.codes.has(code))) {
    const leaves = unknown.get(ref.coding.code) ?? [];
    leaves.push(leafOf(index.documents.get(ref.uri)!.parsed, ref));
    unknown.set(ref.coding.code, leaves);
  }

  return {
    root: project.root,
    totalInformants: listed.length,
    themes: codebook.themes.map(node),
    informants: informantIds(project).map((id) => ({
      id,
      attributes: project.informants.informants.get(id)?.attributes ?? {},
      listed: project.informants.informants.has(id),
      ...stats.informants[id],
    })),
    unknownCodes: [...unknown.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, quotes]) => ({ code, quotes })),
    untagged: index.untaggedQuotes().map((q) => {
      const parsed = index.documents.get(q.uri)!.parsed;
      return {
        uri: q.uri,
        range: q.turn.contentRange,
        text: parsed.plainText.slice(parsed.plainIndex.toPlain(q.turn.contentSpan.start), parsed.plainIndex.toPlain(q.turn.contentSpan.end)),
        code: '',
        speaker: q.turn.speaker,
      };
    }),
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
