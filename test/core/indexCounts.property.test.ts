// The index counts codings by code and by informant, and quotes by informant, by the numbers of
// each document's code paths and speaker labels. Checked against counting the documents' own
// coding and quote objects (each asks `informantOfCoding`, `informantOfTurn`), after the project
// is indexed, after a transcript is edited and after one is deleted: no count and no key is left
// behind by a document that changed or left.
import * as assert from 'assert';
import fc from 'fast-check';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import type { ProjectIndex } from '../../server/src/core/project/projectIndex';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

const codebook = 'a:\n  codes:\n    b: {}\ne: {}\n';
const codes = ['a', 'a/b', 'e', 'a/x', 'zz'];
// P is the interviewer; I0 and I1 are informants; X9 resolves to none; S maps to I1 through `speakers`.
const speakers = ['I0', 'I1', 'X9', 'P', 'S'];
const informants = 'I0: {role: owner}\nI1: {role: customer}\n';

const turn = fc.record({
  speaker: fc.constantFrom(...speakers),
  span: fc.option(fc.constantFrom(...codes), { nil: undefined }),
  block: fc.array(fc.constantFrom(...codes), { maxLength: 3 }),
});
const transcript = fc.record({
  informant: fc.option(fc.constantFrom('I0', 'I1', 'Q7'), { nil: undefined }),
  // Codings in a paragraph before any turn belong to the document's informant.
  preamble: fc.array(fc.constantFrom(...codes), { maxLength: 2 }),
  turns: fc.array(turn, { maxLength: 8 }),
});
type Transcript = typeof transcript extends fc.Arbitrary<infer T> ? T : never;

function text(t: Transcript): string {
  const front = `---\n${t.informant ? `informant: ${t.informant}\n` : ''}interviewer: P\nspeakers:\n  S: I1\n---\n`;
  const preamble = t.preamble.length ? `[Catatan]{${t.preamble.map((c) => `#${c}`).join(' ')}}\n\n` : '';
  const turns = t.turns.map(({ speaker, span, block }) => `${speaker}: kata ${span ? `[murah]{#${span}}` : 'murah'}${block.length ? ` {${block.map((c) => `#${c}`).join(' ')}}` : ''}`);
  return front + preamble + turns.join('\n\n') + '\n';
}

/** Counts from the documents' objects, keys in sorted order; undefined informants left out. */
function countedFromDocuments(index: ProjectIndex) {
  const byCode = new Map<string, number>();
  const codings = new Map<string, number>();
  const quotes = new Map<string, number>();
  const add = (map: Map<string, number>, key: string | undefined) => key !== undefined && map.set(key, (map.get(key) ?? 0) + 1);
  for (const doc of index.documents.values()) {
    for (const coding of doc.codings) {
      add(byCode, coding.coding.code);
      add(codings, coding.informant);
    }
    for (const quote of doc.quotes) add(quotes, quote.informant);
  }
  const sorted = (map: Map<string, number>) => [...map].sort((x, y) => (x[0] < y[0] ? -1 : 1));
  return { byCode: sorted(byCode), codings: sorted(codings), quotes: sorted(quotes) };
}

function countedByIndex(index: ProjectIndex) {
  const sorted = (keys: Iterable<string>, count: (key: string) => number) => [...keys].sort().map((key) => [key, count(key)]).filter(([, n]) => n !== 0);
  const ids = index.informantsInData();
  return {
    byCode: sorted(index.usedCodes().keys(), (code) => index.usedCodes().get(code)!),
    codings: sorted(ids, (id) => index.codingCountOfInformant(id)),
    quotes: sorted(ids, (id) => index.quoteCountOfInformant(id)),
  };
}

describe('the index counts by each document’s numbers', () => {
  it('the same as counting the documents’ codings and quotes, after indexing, an edit and a deletion', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 4 }), transcript, async (transcripts, edited) => {
        const files: Record<string, string> = { 'file:///p/codebook.yaml': codebook, 'file:///p/informants.yaml': informants };
        transcripts.forEach((t, i) => (files[`file:///p/t${i}.transcript.md`] = text(t)));
        const workspace = new QdaWorkspace(new MemoryFileSystem(files));
        await workspace.addFolder('file:///p');
        const index = workspace.projects.get('file:///p')!.index;
        assert.deepStrictEqual(countedByIndex(index), countedFromDocuments(index));
        workspace.setFile('file:///p/t0.transcript.md', text(edited));
        assert.deepStrictEqual(countedByIndex(index), countedFromDocuments(index));
        workspace.deleteFile('file:///p/t0.transcript.md');
        assert.deepStrictEqual(countedByIndex(index), countedFromDocuments(index));
        // Every informant the index still knows has a quote or a coding in some document.
        for (const id of index.informantsInData()) assert.ok(index.quoteCountOfInformant(id) + index.codingCountOfInformant(id) > 0, id);
      }),
      { numRuns: 150 },
    );
  });
});
