// Analyses of one project: counts per informant and per code (`qda stats`), and the tree of
// themes → codes → informants → quotes (`qda tree`, later the Themes view). Every number comes
// from the project index; nothing here parses.
import type { Coding, ParsedTranscript } from '../model/transcript';
import { colorOf } from '../model/codebook';
import type { CodeStats } from '../project/liveCodeStats';
import type { CodingRef, IndexedDocument } from '../project/projectIndex';
import type { Range } from '../text/text';
import type { Project } from '../project/workspace';
import { mergeConflicts, type ConflictedFile } from './mergeConflicts';
import { FilterTest, plainTextBetween, type TreeFilter } from './treeFilter';

export interface InformantStats {
  quotes: number;
  coded: number;
  codings: number;
}

export type { CodeStats } from '../project/liveCodeStats';

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
  let untagged = 0;
  // Counted from the columns, in one pass: no quote objects for the whole study.
  const codedOf = new Map<string, number>();
  for (const doc of index.documents.values()) {
    const parsed = doc.parsed;
    for (let t = 0; t < parsed.turnCount; t++) {
      if (!parsed.isQuote(t)) continue;
      quotes++;
      if (parsed.tagBlockCountOf(t) === 0) untagged++;
      if (parsed.codingCountOf(t) === 0) continue;
      codedQuotes++;
      const id = doc.informantOfTurn(t);
      if (id !== undefined) codedOf.set(id, (codedOf.get(id) ?? 0) + 1);
    }
    codings += doc.codingCount;
  }
  // Made from entries, each an own property: an informant or a code may be named `__proto__`,
  // which an assignment would take as the object's prototype.
  const informants: Record<string, InformantStats> = Object.fromEntries(
    [...informantIds(project)].map((id) => [id, { quotes: index.quoteCountOfInformant(id), coded: codedOf.get(id) ?? 0, codings: index.codingCountOfInformant(id) }]),
  );
  let unknownCodes = 0;
  for (const [code, count] of index.usedCodes()) if (!codebook.codes.has(code)) unknownCodes += count;
  // Counted in one pass, as the tree counts: the live counts (completion's) kept up to date for
  // every code and informant took a second on 10,000 transcripts, for a command that counts once.
  const counted = countCodings(project, new Selection(project, {}), [...project.informants.informants.keys()]);
  const codes: Record<string, CodeStats> = Object.fromEntries([...codebook.codes.keys()].map((path) => [path, counted.stats(path)]));
  return {
    root: project.root,
    documents: index.documents.size,
    quotes,
    codedQuotes,
    codings,
    untagged,
    unknownCodes,
    informants,
    codes,
  };
}

/** Informants of informants.yaml in file order, then ids found only in the transcripts, sorted. */
export function informantIds(project: Project): string[] {
  return [...project.informants.informants.keys(), ...informantsOnlyInData(project)];
}

/** Informants the transcripts name that informants.yaml does not list, sorted. */
function informantsOnlyInData(project: Project): string[] {
  // Counted by the index: where informants.yaml lists them all (20,000 commenters), no set of them is made.
  if (project.index.unlistedInformantsInData === 0) return [];
  const listed = project.informants.informants;
  return [...project.index.informantsInData()].filter((id) => !listed.has(id)).sort();
}

/**
 * Codings of a code and its codebook sub-codes, and the informants who carry them. A misspelt
 * `trust/qualty` is not `trust`'s. Kept up to date edit by edit by the project (`LiveCodeStats`).
 */
export function codeStats(project: Project, path: string): CodeStats {
  return project.codeStats(path);
}

interface CodingCounts {
  /** Codings of codes missing from the codebook, by code. */
  unknown: Map<string, number>;
  /** An informant's codings, unknown codes included. */
  codingsOfInformant(id: string): number;
  stats(path: string): CodeStats;
  /** Of the informants the counts were made for (`informants`), how many carry neither the code nor one below it. */
  notCarryingCount(path: string): number;
  /** Those informants, in their order. Valid until the next count (it reads the working arrays). */
  notCarrying(path: string): string[];
}

/**
 * Working arrays of `countCodings`, kept from one tree request to the next: on a large study they
 * take megabytes, and new ones each time would pile up outside the heap until a full collection.
 * What counts is done with them before the next count.
 */
const scratch = {
  intArrays: [new Int32Array(0), new Int32Array(0), new Int32Array(0)],
  ints(which: 0 | 1 | 2, length: number): Int32Array {
    if (this.intArrays[which].length < length) this.intArrays[which] = new Int32Array(length);
    return this.intArrays[which];
  },
};

/** Not looked up yet (`countCodings`): informants are numbered from 0, and -1 is none. */
const unnumbered = -2;

/**
 * Each informant's place in a list of informants, kept per list: the unfiltered list is one array
 * per informants table (`visibleInformants`), so a table of 20,000 commenters is numbered once,
 * not at each refresh of the views (a map of them made anew each time was most of the garbage a
 * tree request left).
 */
const placesInList = new WeakMap<readonly string[], ReadonlyMap<string, number>>();

function placesOf(informants: readonly string[]): ReadonlyMap<string, number> {
  let places = placesInList.get(informants);
  if (!places) placesInList.set(informants, (places = new Map(informants.map((id, i) => [id, i]))));
  return places;
}

/**
 * One pass over the codings that pass the filter. A coding counts for its code and every
 * codebook code above it; codings of codes missing from the codebook count apart. Codes and
 * informants are numbered, so that the pass only adds to arrays: on a large study it visits a
 * hundred thousand codings.
 */
function countCodings(project: Project, selection: Selection, informants: readonly string[]): CodingCounts {
  const codebook = project.codebook;
  const codeNumbers = new Map<string, number>();
  const ancestors: number[][] = [];
  for (const definition of codebook.codes.values()) {
    codeNumbers.set(definition.path, codeNumbers.size);
    const parent = definition.parent === undefined ? undefined : codeNumbers.get(definition.parent);
    ancestors.push(parent === undefined ? [codeNumbers.size - 1] : [codeNumbers.size - 1, ...ancestors[parent]]);
  }
  const listedNumbers = placesOf(informants);
  /** Informants not in `informants` (found only in the transcripts), numbered after them. */
  const otherNumbers = new Map<string, number>();
  const codingsOfInformant: number[] = new Array<number>(informants.length).fill(0);
  const unknown = new Map<string, number>();
  let total = 0;
  for (const doc of project.index.documents.values()) total += doc.codingCount;
  const knownCodes = scratch.ints(0, total);
  const knownInformants = scratch.ints(1, total);
  let known = 0;
  const keepAll = selection.keepsAll();
  /** An informant's number, given one the first time it is seen; -1 for none. */
  const informantNumber = (id: string | undefined): number => {
    if (id === undefined) return -1;
    let informant = listedNumbers.get(id) ?? otherNumbers.get(id);
    if (informant === undefined) {
      otherNumbers.set(id, (informant = informants.length + otherNumbers.size));
      codingsOfInformant.push(0);
    }
    return informant;
  };
  for (const doc of project.index.documents.values()) {
    if (!keepAll && !selection.documentPasses(doc.uri)) continue;
    const parsed = doc.parsed;
    // The document's code paths and speaker labels in the study's numbers, each looked up once
    // (when first used, so that informants are numbered in the order their codings come): a
    // comment dump's 150,000 codings name a few hundred paths and 20,000 commenters.
    const codeOfPath = parsed.columns.paths.map((path) => codeNumbers.get(path) ?? -1);
    const informantOfSpeaker = new Int32Array(parsed.speakerLabels.length).fill(unnumbered);
    let documentInformant = unnumbered;
    for (let i = 0; i < doc.codingCount; i++) {
      // Read from the columns, as the counts are: a filter made the document's coding objects,
      // and kept them (50 MB on a comment dump of 150,000 codings).
      if (!keepAll && !selection.keepsCoding(doc, i)) continue;
      const turn = parsed.turnOfCoding(i);
      let informant: number;
      if (turn >= 0 && parsed.isQuote(turn)) {
        const speaker = parsed.speakerNumberOf(turn);
        informant = informantOfSpeaker[speaker];
        if (informant === unnumbered) informant = informantOfSpeaker[speaker] = informantNumber(doc.speakerInformants[speaker]);
      } else {
        if (documentInformant === unnumbered) documentInformant = informantNumber(doc.documentInformant);
        informant = documentInformant;
      }
      if (informant >= 0) codingsOfInformant[informant]++;
      const path = parsed.pathNumberOfCoding(i);
      const code = codeOfPath[path];
      if (code >= 0) {
        knownCodes[known] = code;
        knownInformants[known++] = informant;
      } else {
        const name = parsed.columns.paths[path];
        unknown.set(name, (unknown.get(name) ?? 0) + 1);
      }
    }
  }
  const width = informants.length + otherNumbers.size;
  const codings = new Int32Array(codeNumbers.size);
  const carriers = new Int32Array(codeNumbers.size);
  /** Carriers among `informants` (not the ids found only in the transcripts). */
  const listedCarriers = new Int32Array(codeNumbers.size);
  for (let i = 0; i < known; i++) for (const code of ancestors[knownCodes[i]]) codings[code]++;
  // The codings by informant (a counting sort), then each informant's codes marked with its
  // number: one mark per code, not one per code and informant (10 million on 20,000 commenters).
  const next = new Int32Array(width + 1);
  for (let i = 0; i < known; i++) if (knownInformants[i] >= 0) next[knownInformants[i] + 1]++;
  for (let informant = 0; informant < width; informant++) next[informant + 1] += next[informant];
  const byOwner = scratch.ints(2, next[width]);
  for (let i = 0; i < known; i++) if (knownInformants[i] >= 0) byOwner[next[knownInformants[i]]++] = knownCodes[i];
  const markedBy = new Int32Array(codeNumbers.size).fill(-1);
  for (let informant = 0, k = 0; informant < width; informant++) {
    for (const end = next[informant]; k < end; k++) {
      for (const code of ancestors[byOwner[k]]) {
        if (markedBy[code] === informant) continue;
        markedBy[code] = informant;
        carriers[code]++;
        if (informant < informants.length) listedCarriers[code]++;
      }
    }
  }
  return {
    unknown,
    codingsOfInformant(id) {
      const informant = listedNumbers.get(id) ?? otherNumbers.get(id);
      return informant === undefined ? 0 : codingsOfInformant[informant];
    },
    stats(path) {
      const code = codeNumbers.get(path);
      return code === undefined ? { codings: 0, informants: 0 } : { codings: codings[code], informants: carriers[code] };
    },
    notCarryingCount(path) {
      const code = codeNumbers.get(path);
      return informants.length - (code === undefined ? 0 : listedCarriers[code]);
    },
    notCarrying(path) {
      const code = codeNumbers.get(path);
      if (code === undefined) return [...informants];
      const carrying = new Uint8Array(informants.length);
      for (let i = 0; i < known; i++) {
        const informant = knownInformants[i];
        if (informant >= 0 && informant < informants.length && ancestors[knownCodes[i]].includes(code)) carrying[informant] = 1;
      }
      return informants.filter((_, informant) => carrying[informant] === 0);
    },
  };
}

// ---- the tree ---------------------------------------------------------------------------------
//
// The tree comes in two forms. The full one (`qda tree`) holds every branch and quote. The
// outline (`{ quotes: false }`, what the views ask for first) holds themes, codes and informants
// with their counts; `treeBranches` gives the informants of a code (or the codes of an
// informant) and `treeQuotes` the quotes of one branch, when the view expands them. On 1,000
// transcripts the full tree is tens of megabytes; the outline is a few hundred kilobytes.

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
  /** Codings of exactly this code, by informant. In the full tree only; `treeBranches` otherwise. */
  byInformant?: InformantBranch[];
  children: CodeNode[];
  /** Themes only: how many informants of informants.yaml (of those the filter keeps) have no coding of the theme or below it. */
  notCodedCount?: number;
  /**
   * Themes only, in the full tree only: those informants, in file order. The outline sends the
   * count (on a comment dump of 20,000 commenters the ids were most of it); `treeBranches` with
   * `{ kind: 'notCoded', path }` gives them when the view expands them.
   */
  notCoded?: string[];
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
  /** The informant's codings by code, codebook order first, then unknown codes. In the full tree only. */
  byCode?: CodeBranch[];
}

export interface CodeTree {
  root: string;
  /** Informants of informants.yaml that pass the filter. */
  totalInformants: number;
  themes: CodeNode[];
  /** The informants the filter keeps; the outline lists the first of them (`TreeOptions.informants`). */
  informants: InformantSummary[];
  /** How many informants the filter keeps, those found only in the transcripts too (`totalInformants` counts informants.yaml's): what `informants` holds in the full tree. */
  informantCount: number;
  /** Each attribute of informants.yaml with its values in file order, unfiltered: the choices of the attribute filter. */
  attributeValues: Record<string, string[]>;
  /** Codings of codes missing from the codebook, by code. */
  unknownCodes: CodeBranch[];
  untaggedQuotes: number;
  /** In the full tree only. */
  untagged?: QuoteLeaf[];
  /** Files with a merge conflict left in them, whose codings inside it are not counted (whatever the filter). */
  conflicts: ConflictedFile[];
}

/** One branch of the tree whose quotes `treeQuotes` lists. */
export type QuoteBranch =
  /** Codings of exactly `code` whose informant is `informant` (null: a speaker mapped to no informant). */
  | { kind: 'codings'; code: string; informant: string | null }
  /** Codings of every code missing from the codebook. */
  | { kind: 'unknownCodes' }
  /** Quotes without a tag block; with `informant`, that informant's only (null: unmapped speakers). */
  | { kind: 'untagged'; informant?: string | null };

/** An informant of informants.yaml who has no coding of a theme (nor of a code below it). */
export interface NotCodedBranch {
  id: string;
}

/** The untagged quotes of one informant (undefined: speakers mapped to no informant). */
export interface UntaggedBranch {
  id?: string;
  quotes: number;
}

/** The filter, with what the tree lists under it: branches and quotes. */
class Selection extends FilterTest {
  /** Leaves by document URI and coding number: the full tree lists each coding twice (by code and by informant). */
  private readonly leafCache = new Map<string, QuoteLeaf>();

  leaf(ref: CodingRef): QuoteLeaf {
    const key = `${ref.index} ${ref.uri}`;
    let leaf = this.leafCache.get(key);
    if (!leaf) this.leafCache.set(key, (leaf = leafOf(this.project.index.documents.get(ref.uri)!.parsed, ref)));
    return leaf;
  }

  leaves(refs: CodingRef[]): QuoteLeaf[] {
    return refs.map((ref) => this.leaf(ref));
  }

  /** Codings of exactly `path` by informant (unmapped speakers last), with their quotes if asked. */
  codeBranches(path: string, withQuotes: boolean): InformantBranch[] {
    const refs = this.project.index.codingsOf(path, false).filter((ref) => this.keep(ref));
    return byInformant(refs).map(([id, group]) => ({ id, codings: group.length, quotes: withQuotes ? this.leaves(group) : undefined }));
  }

  /** An informant's codings by code, codebook order first, then unknown codes by name. */
  informantBranches(id: string, withQuotes: boolean): CodeBranch[] {
    const groups = new Map<string, CodingRef[]>();
    for (const ref of this.project.index.codingsOfInformant(id)) if (this.keep(ref)) push(groups, ref.coding.code, ref);
    const order = this.codeOrder();
    const rank = (code: string) => order.get(code) ?? order.size;
    return [...groups.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
      .map(([code, refs]) => ({ code, codings: refs.length, quotes: withQuotes ? this.leaves(refs) : undefined }));
  }

  private order?: Map<string, number>;
  private codeOrder(): Map<string, number> {
    return (this.order ??= new Map([...this.project.codebook.codes.keys()].map((code, i) => [code, i])));
  }

  /**
   * Each untagged quote that passes the filter, in order, as its document, turn number and
   * informant; with `informant`, that informant's only (null: unmapped speakers). Read from the
   * columns: on a large study the untagged quotes are thousands, and their documents' turn
   * objects, made and kept, took 30 MB.
   */
  private eachUntagged(informant: string | null | undefined, visit: (doc: IndexedDocument, turn: number, id: string | undefined) => void): void {
    for (const doc of this.project.index.documentsWithUntaggedQuotes()) {
      if (!this.documentPasses(doc.uri)) continue;
      const parsed = doc.parsed;
      for (let t = 0; t < parsed.turnCount; t++) {
        if (!parsed.isQuote(t) || parsed.tagBlockCountOf(t) !== 0) continue;
        const id = doc.informantOfTurn(t);
        if (informant !== undefined && (id ?? null) !== informant) continue;
        if (!this.informantPasses(id)) continue;
        if (!this.quoteTextPasses(doc, t)) continue;
        visit(doc, t, id);
      }
    }
  }

  untaggedCount(): number {
    let count = 0;
    this.eachUntagged(undefined, () => count++);
    return count;
  }

  untaggedLeaves(informant?: string | null): QuoteLeaf[] {
    const leaves: QuoteLeaf[] = [];
    this.eachUntagged(informant, (doc, turn) => leaves.push(untaggedLeaf(doc, turn)));
    return leaves;
  }

  /** Untagged quotes by informant, unmapped speakers last. */
  untaggedBranches(): UntaggedBranch[] {
    const counts = new Map<string | undefined, number>();
    this.eachUntagged(undefined, (_doc, _turn, id) => counts.set(id, (counts.get(id) ?? 0) + 1));
    return [...counts.entries()].sort(([a], [b]) => compareInformants(a, b)).map(([id, quotes]) => ({ id, quotes }));
  }
}

/** Groups by informant, in order of id, with the speakers mapped to no informant last. */
function byInformant<T extends { informant?: string }>(items: T[]): [string | undefined, T[]][] {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) push(groups, item.informant, item);
  return [...groups.entries()].sort(([a], [b]) => compareInformants(a, b));
}

/** In order of id, with the speakers mapped to no informant last. */
function compareInformants(a: string | undefined, b: string | undefined): number {
  return a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b);
}

/** Informants of informants.yaml that pass the filter, in file order (not to be changed: without a filter, one array per table). */
function visibleInformants(project: Project, selection: Selection): readonly string[] {
  const table = project.informants.informants;
  if (!selection.filtersInformants()) {
    let all = everyInformantOf.get(table);
    if (!all) everyInformantOf.set(table, (all = [...table.keys()]));
    return all;
  }
  return [...table.keys()].filter((id) => selection.informantPasses(id));
}

const everyInformantOf = new WeakMap<object, readonly string[]>();

/** The informants (of those the filter keeps) with no coding of a theme or below it, in file order; none for what is not a theme. */
function notCodedOf(project: Project, selection: Selection, path: string): NotCodedBranch[] {
  if (project.codebook.codes.get(path)?.depth !== 0) return [];
  return countCodings(project, selection, visibleInformants(project, selection))
    .notCarrying(path)
    .map((id) => ({ id }));
}

/** What the tree holds: everything (`qda tree`), or the outline the views ask for first. */
export interface TreeOptions {
  /** The full tree, every branch and quote (the default); false for the outline. */
  quotes?: boolean;
  /** How many informants the outline lists, rounded up to whole pages of `informantPage` (the Informants view asks for one more than it lists, as the researcher does). */
  informants?: number;
}

export function codeTree(project: Project, filter: TreeFilter = {}, options: TreeOptions = {}): CodeTree {
  const full = options.quotes ?? true;
  const index = project.index;
  const codebook = project.codebook;
  const selection = new Selection(project, filter);
  const visible = visibleInformants(project, selection);

  const counts = countCodings(project, selection, visible);

  const node = (path: string): CodeNode => {
    const definition = codebook.codes.get(path)!;
    const stats = counts.stats(path);
    return {
      path,
      name: definition.name,
      label: definition.label,
      description: definition.description,
      color: colorOf(codebook, path),
      codings: stats.codings,
      informants: stats.informants,
      byInformant: full ? selection.codeBranches(path, true) : undefined,
      children: definition.children.map(node),
      notCodedCount: definition.depth === 0 ? counts.notCarryingCount(path) : undefined,
      notCoded: definition.depth === 0 && full ? counts.notCarrying(path) : undefined,
    };
  };

  // Every informant the filter keeps: informants.yaml's in file order, then the transcripts' others.
  const onlyInData = informantsOnlyInData(project).filter((id) => selection.informantPasses(id));
  const informants = onlyInData.length === 0 ? visible : [...visible, ...onlyInData];
  const untagged = full ? selection.untaggedLeaves() : undefined;
  return {
    root: project.root,
    totalInformants: visible.length,
    themes: codebook.themes.map(node),
    informants: informantSummaries(project, selection, counts, full ? informants : informants.slice(0, outlineLength(options.informants)), full),
    informantCount: informants.length,
    attributeValues: attributeValues(project),
    unknownCodes: [...counts.unknown.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, codings]) => ({ code, codings, quotes: full ? selection.leaves(index.codingsOf(code, false).filter((ref) => selection.keep(ref))) : undefined })),
    untaggedQuotes: untagged ? untagged.length : selection.untaggedCount(),
    untagged,
    conflicts: mergeConflicts(project),
  };
}

/**
 * Informants an outline lists unless asked for more: a comment dump's 20,000 commenters were most
 * of the outline (2.4 MB of JSON written and read on each refresh) for a view that shows a
 * screenful. The view asks for a page more at a time, in the outline itself, so that the list and
 * its counts always come from one state of the study.
 */
export const informantPage = 500;

/** How many informants an outline lists when asked for `wanted` (from the client: anything): whole pages, at least one. */
function outlineLength(wanted: number | undefined): number {
  return typeof wanted === 'number' && wanted > informantPage ? Math.ceil(wanted / informantPage) * informantPage : informantPage;
}

/** Each attribute of informants.yaml with its values, in file order, whatever the filter: what a filter can choose from. */
function attributeValues(project: Project): Record<string, string[]> {
  const table = project.informants.informants;
  // Read once per informants.yaml (a new table each time it is read): 20,000 commenters took 5 ms on each refresh.
  let result = attributeValuesOf.get(table);
  if (!result) {
    const values = new Map<string, Set<string>>();
    for (const informant of table.values()) {
      for (const [key, value] of Object.entries(informant.attributes)) getOrCreate(values, key, () => new Set<string>()).add(value);
    }
    result = Object.fromEntries([...values].map(([key, set]) => [key, [...set]]));
    attributeValuesOf.set(table, result);
  }
  return result;
}

const attributeValuesOf = new WeakMap<object, Record<string, string[]>>();

/** These informants with their counts (and, for the full tree, their codings by code). */
function informantSummaries(project: Project, selection: Selection, counts: CodingCounts, ids: readonly string[], withQuotes: boolean): InformantSummary[] {
  const index = project.index;
  const informantTable = project.informants.informants;
  // Each document's quotes counted by its own speaker numbers, then named once per speaker: a
  // comment dump's 200,000 turns are by 20,000 commenters, and a lookup by name per turn was most
  // of the tree's time. Under a text filter a quote counts where its text holds the filter's text
  // or a coding of it passes, and counts as coded where a coding of it passes: as its codings and
  // the untagged quotes are counted under the filter.
  const filtersText = selection.filtersText();
  // Counted for the informants listed only (an outline's page of 500, not 20,000 commenters).
  const quoteCounts = new Map<string, { quotes: number; coded: number }>(ids.map((id) => [id, { quotes: 0, coded: 0 }]));
  for (const doc of index.documents.values()) {
    if (!selection.documentPasses(doc.uri)) continue;
    const parsed = doc.parsed;
    const quotes = new Uint32Array(parsed.speakerLabels.length);
    const coded = new Uint32Array(parsed.speakerLabels.length);
    const speakers: number[] = [];
    for (let t = 0; t < parsed.turnCount; t++) {
      if (!parsed.isQuote(t)) continue;
      const isCoded = filtersText ? selection.keepsCodingIn(doc, t) : parsed.codingCountOf(t) > 0;
      if (filtersText && !isCoded && !selection.quoteTextPasses(doc, t)) continue;
      const speaker = parsed.speakerNumberOf(t);
      if (quotes[speaker]++ === 0) speakers.push(speaker);
      if (isCoded) coded[speaker]++;
    }
    for (const speaker of speakers) {
      const informant = doc.speakerInformants[speaker];
      const perInformant = informant === undefined ? undefined : quoteCounts.get(informant);
      if (perInformant === undefined) continue;
      perInformant.quotes += quotes[speaker];
      perInformant.coded += coded[speaker];
    }
  }
  return ids.map(
    (id): InformantSummary => ({
      id,
      attributes: informantTable.get(id)?.attributes ?? {},
      listed: informantTable.has(id),
      quotes: quoteCounts.get(id)?.quotes ?? 0,
      coded: quoteCounts.get(id)?.coded ?? 0,
      codings: counts.codingsOfInformant(id),
      byCode: withQuotes ? selection.informantBranches(id, true) : undefined,
    }),
  );
}

/**
 * The informants who carry a code (exactly that code), the codes an informant carries, or the
 * informants who have untagged quotes, with counts.
 */
export type BranchesOf = { kind: 'code'; path: string } | { kind: 'informant'; id: string } | { kind: 'untagged' } | { kind: 'notCoded'; path: string };

/** What `treeBranches` lists: the informants of a code, the codes of an informant, the untagged quotes by informant, or the informants without a theme. */
export type TreeBranch = InformantBranch | CodeBranch | UntaggedBranch | NotCodedBranch;

/** The next level of the outline below a code, an informant or the untagged quotes, under the same filter as the tree. */
export function treeBranches(project: Project, filter: TreeFilter, of: BranchesOf): TreeBranch[] {
  const selection = new Selection(project, filter);
  switch (of?.kind) {
    case 'code':
      return selection.codeBranches(of.path, false);
    case 'informant':
      return selection.informantBranches(of.id, false);
    case 'untagged':
      return selection.untaggedBranches();
    case 'notCoded':
      return notCodedOf(project, selection, of.path);
    default:
      return []; // a request the protocol does not define
  }
}

/** Every node of a tree of codes, each before its children. */
export function allNodes(nodes: CodeNode[]): CodeNode[] {
  return nodes.flatMap((node) => [node, ...allNodes(node.children)]);
}

/** The quotes of one branch of the tree, under the same filter as the tree. */
export function treeQuotes(project: Project, filter: TreeFilter, branch: QuoteBranch): QuoteLeaf[] {
  const selection = new Selection(project, filter);
  const index = project.index;
  switch (branch?.kind) {
    case 'codings':
      return selection.leaves(index.codingsOf(branch.code, false).filter((ref) => (ref.informant ?? null) === branch.informant && selection.keep(ref)));
    case 'unknownCodes':
      return selection.leaves(
        index
          .unknownCodings((code) => project.codebook.codes.has(code))
          .filter((ref) => selection.keep(ref))
          .sort((a, b) => a.coding.code.localeCompare(b.coding.code)),
      );
    case 'untagged':
      return selection.untaggedLeaves(branch.informant);
    default:
      return []; // a request the protocol does not define
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

function untaggedLeaf(doc: IndexedDocument, turn: number): QuoteLeaf {
  const parsed = doc.parsed;
  const content = parsed.contentSpanOf(turn);
  return {
    uri: doc.uri,
    range: parsed.lines.rangeOf(content),
    text: parsed.plainIndex.sliceSource(content),
    code: '',
    speaker: parsed.speakerOf(turn),
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
  return plainTextBetween(parsed, coding.plainStart, coding.plainEnd);
}
