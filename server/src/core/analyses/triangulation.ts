// Triangulation (the study's check of interviews against observation and documents): for each
// theme and code, the kinds of evidence its codings stand on, with counts. A code that stands on
// one kind only is marked: its conclusion rests on one source of evidence.
import { codesInScope, forEachCoding, type AnalysisFilter } from './analysisScope';
import { sourceKinds } from '../model/frontMatter';
import type { Project } from '../project/workspace';

/** The kinds of evidence, and the column of documents whose front matter names no source. */
export const evidenceKinds = [...sourceKinds, '(none)'] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

export interface TriangulationRow {
  code: string;
  /** Codings of the code (and its sub-codes) in documents of each kind. */
  codings: Record<EvidenceKind, number>;
  /** Documents of each kind holding it. */
  documents: Record<EvidenceKind, number>;
  /** Kinds of evidence (interview, observation, documentation) it stands on. */
  kinds: number;
  /** Coded, but on one kind of evidence only. */
  singleKind: boolean;
}

export function triangulation(project: Project, filter: AnalysisFilter = {}): TriangulationRow[] {
  const zero = () => Object.fromEntries(evidenceKinds.map((k) => [k, 0])) as Record<EvidenceKind, number>;
  const rows = new Map(codesInScope(project.codebook, filter).map((code) => [code, { codings: zero(), documents: new Map<EvidenceKind, Set<number>>() }]));
  forEachCoding(project, filter, (coding) => {
    const source = coding.doc.parsed.frontMatter?.source?.value;
    const kind: EvidenceKind = source && (sourceKinds as readonly string[]).includes(source) ? (source as EvidenceKind) : '(none)';
    for (const path of coding.paths) {
      const row = rows.get(path)!;
      row.codings[kind]++;
      let documents = row.documents.get(kind);
      if (!documents) row.documents.set(kind, (documents = new Set()));
      documents.add(coding.docNumber);
    }
  });
  return [...rows].map(([code, row]) => {
    const documents = zero();
    for (const [kind, set] of row.documents) documents[kind] = set.size;
    const kinds = sourceKinds.filter((kind) => row.codings[kind] > 0).length;
    return { code, codings: row.codings, documents, kinds, singleKind: kinds === 1 };
  });
}
