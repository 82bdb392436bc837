// The live code counts (completion's and hover's), kept up to date edit by edit, against a count
// made from scratch by another way: every coding's code walked up the codebook, and a set of
// informants per code. With arrays of counts, with maps (no budget for arrays), and a mix.
import * as assert from 'assert';
import fc from 'fast-check';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { LiveCodeStats } from '../../server/src/core/project/liveCodeStats';
import type { Project } from '../../server/src/core/project/workspace';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

const codebook = 'trust:\n  codes:\n    quality: {}\n    price:\n      codes:\n        discount: {}\nservice: {}\n';
const informants = 'A: {}\nB: {}\nC: {}\nD: {}\nE: {}\nF: {}\n';
const paths = ['trust', 'trust/quality', 'trust/price', 'trust/price/discount', 'service', 'unknown', 'trust/nope'];
const uris = [0, 1, 2, 3].map((n) => `file:///w/t${n}.transcript.md`);

/** Counts from scratch: each coding counted for its code and every code above it. */
function fromScratch(project: Project): Record<string, [number, number]> {
  const codings = new Map<string, number>();
  const carriers = new Map<string, Set<string>>();
  for (const doc of project.index.documents.values()) {
    for (const ref of doc.codings) {
      for (let path = project.codebook.codes.has(ref.coding.code) ? ref.coding.code : undefined; path; path = project.codebook.codes.get(path)!.parent) {
        codings.set(path, (codings.get(path) ?? 0) + 1);
        if (ref.informant !== undefined) carriers.set(path, (carriers.get(path) ?? new Set()).add(ref.informant));
      }
    }
  }
  return Object.fromEntries(paths.map((p) => [p, [codings.get(p) ?? 0, carriers.get(p)?.size ?? 0]]));
}

function live(stats: LiveCodeStats): Record<string, [number, number]> {
  return Object.fromEntries(paths.map((p) => [p, [stats.stats(p).codings, stats.stats(p).informants]]));
}

describe('live code counts', () => {
  const turn = fc.tuple(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G', 'P'), fc.constantFrom(...paths), fc.boolean());
  const transcript = fc
    .array(turn, { maxLength: 8 })
    .map((turns) => ['---', 'informant: A', 'interviewer: P', '---', ...turns.map(([label, code, span]) => (span ? `${label}: ya [kak]{#${code}}` : `${label}: ya kak {#${code}, #trust}`)), 'Catatan {#service}'].join('\n\n'));
  const operation = fc.oneof(
    fc.record({ kind: fc.constant('set' as const), uri: fc.constantFrom(...uris), text: transcript }),
    fc.record({ kind: fc.constant('delete' as const), uri: fc.constantFrom(...uris) }),
  );

  it('equal a count from scratch after any sequence of edits, with arrays, maps or both', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 3 }), fc.array(operation, { maxLength: 10 }), async (initial, operations) => {
        const files: Record<string, string> = { 'file:///w/codebook.yaml': codebook, 'file:///w/informants.yaml': informants };
        initial.forEach((text, n) => (files[uris[n]] = text));
        const workspace = new QdaWorkspace(new MemoryFileSystem(files));
        await workspace.addFolder('file:///w');
        const project = workspace.projects.get('file:///w')!;
        // Arrays for all, maps for all, and arrays until 8 cells are taken.
        const kept = [new LiveCodeStats(project.index, project.codebook), new LiveCodeStats(project.index, project.codebook, 0), new LiveCodeStats(project.index, project.codebook, 8)];
        for (const op of operations) {
          if (op.kind === 'set') workspace.setFile(op.uri, op.text);
          else workspace.deleteFile(op.uri);
          const expected = fromScratch(project);
          for (const stats of kept) assert.deepStrictEqual(live(stats), expected);
        }
        for (const stats of kept) stats.dispose();
      }),
      { numRuns: 300 },
    );
  });

  it('count past 65,535 codings of one code by one informant, and back', async () => {
    // 65,537 codings of `service` by A (the tag blocks of one turn), one by B; counted independently by their number.
    const many = `---\ninformant: A\n---\nA: ${'x {#service} '.repeat(65537)}\n\nB: y {#service}\n`;
    const workspace = new QdaWorkspace(new MemoryFileSystem({ 'file:///w/codebook.yaml': codebook, 'file:///w/informants.yaml': informants, [uris[0]]: many }));
    await workspace.addFolder('file:///w');
    const project = workspace.projects.get('file:///w')!;
    const stats = new LiveCodeStats(project.index, project.codebook);
    assert.deepStrictEqual(stats.stats('service'), { codings: 65538, informants: 2 });
    // A's count goes from 65,537 to 65,536 and on down to none: A no longer carries the code.
    workspace.setFile(uris[0], `---\ninformant: A\n---\nA: ${'x {#service} '.repeat(65536)}\n\nB: y {#service}\n`);
    assert.deepStrictEqual(stats.stats('service'), { codings: 65537, informants: 2 });
    workspace.setFile(uris[0], `---\ninformant: A\n---\nA: x\n\nB: y {#service}\n`);
    assert.deepStrictEqual(stats.stats('service'), { codings: 1, informants: 1 });
    stats.dispose();
  });
});
