// What the display analyses (matrix, co-occurrence, triangulation, segment queries) count: the
// codings of a project that pass a filter, each with the codebook codes it counts for (its code
// and every code above it: a theme holds what any of its codes holds), its informant, its
// document and its quote. Read from the index's columns: no objects per coding.
import { isWithin } from '../model/codePath';
import type { Codebook } from '../model/codebook';
import type { IndexedDocument } from '../project/projectIndex';
import type { Project } from '../project/workspace';

/** Which codings an analysis counts. Empty: all. */
export interface AnalysisFilter {
  /** Informant attributes that must all match, e.g. `{ role: 'owner' }`. */
  attributes?: Record<string, string>;
  /** Sources of the documents to keep (`interview`, `observation`, `documentation`). */
  sources?: string[];
  /** A code or theme: only it and the codes below it. */
  code?: string;
}

/** One coding as the analyses see it. */
export interface ScopedCoding {
  doc: IndexedDocument;
  /** The document's number in the project's order. */
  docNumber: number;
  /** The coding's number in its document. */
  coding: number;
  /** The codebook codes it counts for, most specific first; empty for a code missing from the codebook. */
  paths: string[];
  informant: string | undefined;
  /** Its turn, or -1 for text outside turns. */
  turn: number;
}

/** The codebook's codes in order, or those of one subtree. */
export function codesInScope(codebook: Codebook, filter: AnalysisFilter = {}): string[] {
  const all = [...codebook.codes.keys()];
  return filter.code ? all.filter((path) => isWithin(path, filter.code!)) : all;
}

/** For each code written, the codebook codes it counts for (within the scope), most specific first. */
export function countedCodes(codebook: Codebook, scope: string[]): (code: string) => string[] {
  const inScope = new Set(scope);
  const cache = new Map<string, string[]>();
  return (code) => {
    let list = cache.get(code);
    if (list) return list;
    list = [];
    for (let path: string | undefined = codebook.codes.has(code) ? code : undefined; path !== undefined; path = codebook.codes.get(path)!.parent) {
      if (inScope.has(path)) list.push(path);
    }
    cache.set(code, list);
    return list;
  };
}

/** The project's documents in order (by URI), with the filter's document test applied. */
export function documentsInScope(project: Project, filter: AnalysisFilter = {}): IndexedDocument[] {
  const sources = filter.sources && filter.sources.length > 0 ? new Set(filter.sources) : undefined;
  return [...project.index.documents.values()]
    .filter((doc) => !sources || sources.has(doc.parsed.frontMatter?.source?.value ?? ''))
    .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** Whether an informant passes the filter's attributes. */
export function informantPasses(project: Project, filter: AnalysisFilter, id: string | undefined): boolean {
  const wanted = Object.entries(filter.attributes ?? {});
  if (wanted.length === 0) return true;
  const informant = id === undefined ? undefined : project.informants.informants.get(id);
  return informant !== undefined && wanted.every(([key, value]) => informant.attributes[key] === value);
}

/** Calls `visit` for each coding that passes the filter and counts for some code in scope. */
export function forEachCoding(project: Project, filter: AnalysisFilter, visit: (coding: ScopedCoding) => void): void {
  const counted = countedCodes(project.codebook, codesInScope(project.codebook, filter));
  documentsInScope(project, filter).forEach((doc, docNumber) => {
    const parsed = doc.parsed;
    for (let i = 0; i < parsed.codingCount; i++) {
      const paths = counted(parsed.codeOfCoding(i));
      if (paths.length === 0) continue;
      const informant = doc.informantOfCoding(i);
      if (!informantPasses(project, filter, informant)) continue;
      visit({ doc, docNumber, coding: i, paths, informant, turn: parsed.turnOfCoding(i) });
    }
  });
}

/** A key for the quote a coding lies in (its turn), or for the coding's own text outside turns. */
export function segmentKey(coding: ScopedCoding): string {
  const parsed = coding.doc.parsed;
  return coding.turn >= 0 ? `${coding.docNumber}:${coding.turn}` : `${coding.docNumber}:b${parsed.tagBlockOfCoding(coding.coding)}`;
}
