// A small study held in memory, for testing the language features as the pure functions they
// are: no server, no disk, no sample. Each file may carry fixture marks (⟦…⟧ ranges, ¦ positions;
// see fixture.ts), which are removed before the file is read.
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import type { Position, Range } from '../../server/src/core/text/text';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { fixture, type Fixture } from './fixture';

export const studyRoot = 'file:///study';

/** A codebook of two themes: `trust` (coloured, with two codes, one fully defined) and `price`. */
export const codebookYaml = `trust:
  label: Kepercayaan
  description: Buyers believe the shop.
  color: '#1f77b4'
  codes:
    quality:
      label: Kualitas
      description: Goods arrive as shown.
      include: Real photos.
      exclude: Price alone.
      example: Barangnya sama dengan foto.
    testimonials: {label: Testimoni, description: Reviews from buyers.}
price:
  description: What things cost.
  codes:
    discount: {description: Lower prices for a while.}
`;

export const informantsYaml = `A: {role: owner, age: 25}
SR: {role: customer, age: 24}
W: {role: customer}
`;

export interface TestStudy {
  workspace: QdaWorkspace;
  /** The URI of a file of the study, by its path in the study folder. */
  uri(name: string): string;
  /** A file's text without marks, and its marks. */
  file(name: string): Fixture;
  /** The k-th marked position of a file. */
  at(name: string, k?: number): { uri: string; position: Position };
  /** The k-th marked range of a file, as a location. */
  location(name: string, k?: number): { uri: string; range: Range };
}

/**
 * A study of the given files (path in the study folder → text with marks). `codebook.yaml` and
 * `informants.yaml` default to the ones above; pass `null` to leave one out.
 */
export function study(files: Record<string, string | null>): TestStudy {
  const all: Record<string, string | null> = { 'codebook.yaml': codebookYaml, 'informants.yaml': informantsYaml, ...files };
  const fixtures = new Map<string, Fixture>();
  const workspace = new QdaWorkspace(new MemoryFileSystem());
  const uri = (name: string) => `${studyRoot}/${name}`;
  // The codebook first: the transcripts then belong to its project as they are added.
  for (const name of Object.keys(all).sort((a, b) => Number(b === 'codebook.yaml') - Number(a === 'codebook.yaml'))) {
    const text = all[name];
    if (text === null) continue;
    const f = fixture(text);
    fixtures.set(name, f);
    workspace.setFile(uri(name), f.text);
  }
  const file = (name: string) => {
    const f = fixtures.get(name);
    if (!f) throw new Error(`no file ${name} in the study`);
    return f;
  };
  return {
    workspace,
    uri,
    file,
    at: (name, k = 0) => ({ uri: uri(name), position: file(name).positions[k] }),
    location: (name, k = 0) => ({ uri: uri(name), range: file(name).ranges[k] }),
  };
}
