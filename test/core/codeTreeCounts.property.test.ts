// The tree's counts of informants per code (a counting sort by informant, then one mark per code)
// against counting them from the full tree's own lists of codings by informant: the same for any
// project, any filter.
import * as assert from 'assert';
import fc from 'fast-check';
import { allNodes, codeTree, treeBranches, type CodeNode } from '../../server/src/core/analyses/codeTree';
import type { TreeFilter } from '../../server/src/core/analyses/treeFilter';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace, type Project } from '../../server/src/core/project/workspace';

const codebook = 'a:\n  codes:\n    b:\n      codes:\n        c: {}\n    d: {}\ne: {}\nf:\n  codes:\n    g: {}\n';
const codes = ['a', 'a/b', 'a/b/c', 'a/d', 'e', 'f', 'f/g', 'a/x', 'zz'];
const speakers = ['I0', 'I1', 'I2', 'I3', 'I4', 'X9', 'P'];
const informants = 'I0: {role: owner}\nI1: {role: customer}\nI2: {role: customer}\nI3: {role: owner}\nI4: {role: customer}\n';

const turn = fc.record({
  speaker: fc.constantFrom(...speakers),
  span: fc.option(fc.constantFrom(...codes), { nil: undefined }),
  block: fc.uniqueArray(fc.constantFrom(...codes), { maxLength: 3 }),
});
const transcript = fc.record({ informant: fc.option(fc.constantFrom('I0', 'I3', 'Q7'), { nil: undefined }), turns: fc.array(turn, { maxLength: 8 }) });

function text(t: { informant?: string; turns: { speaker: string; span?: string; block: string[] }[] }): string {
  const front = `---\n${t.informant ? `informant: ${t.informant}\n` : ''}interviewer: P\n---\n`;
  const turns = t.turns.map(({ speaker, span, block }) => `${speaker}: kata ${span ? `[murah]{#${span}}` : 'murah'}${block.length ? ` {${block.map((c) => `#${c}`).join(' ')}}` : ''}`);
  return front + turns.join('\n\n') + '\n';
}

/** A project of the codebook, informants.yaml and these transcripts, indexed. */
async function projectOf(transcripts: string[]): Promise<Project> {
  const files: Record<string, string> = { 'file:///p/codebook.yaml': codebook, 'file:///p/informants.yaml': informants };
  transcripts.forEach((t, i) => (files[`file:///p/t${i}.transcript.md`] = t));
  const workspace = new QdaWorkspace(new MemoryFileSystem(files));
  await workspace.addFolder('file:///p');
  return workspace.projects.get('file:///p')!;
}

/** Distinct informants among the codings of a node and every node below it, from the full tree's lists. */
function carriersOf(node: CodeNode): Set<string> {
  const ids = new Set<string>();
  for (const n of allNodes([node])) for (const b of n.byInformant!) if (b.id !== undefined) ids.add(b.id);
  return ids;
}

describe('the tree counts informants per code', () => {
  it('as many as the full tree lists, and the listed informants without a theme are the rest', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(transcript, { minLength: 1, maxLength: 4 }), fc.constantFrom<TreeFilter>({}, { attributes: { role: 'customer' } }, { text: 'murah' }), async (transcripts, filter) => {
        const project = await projectOf(transcripts.map(text));
        const full = codeTree(project, filter);
        const outline = codeTree(project, filter, { quotes: false });
        const listed = ['I0', 'I1', 'I2', 'I3', 'I4'].filter((id) => !filter.attributes || ['I1', 'I2', 'I4'].includes(id));
        for (const node of allNodes(full.themes)) {
          const carriers = carriersOf(node);
          const codings = allNodes([node]).reduce((sum, n) => sum + n.byInformant!.reduce((s, b) => s + b.codings, 0), 0);
          assert.deepStrictEqual([node.codings, node.informants], [codings, carriers.size], node.path);
          if (node.path.includes('/')) {
            assert.deepStrictEqual([node.notCoded, node.notCodedCount], [undefined, undefined], node.path);
            continue;
          }
          const absent = listed.filter((id) => !carriers.has(id));
          assert.deepStrictEqual([node.notCoded, node.notCodedCount], [absent, absent.length], node.path);
          assert.deepStrictEqual(treeBranches(project, filter, { kind: 'notCoded', path: node.path }), absent.map((id) => ({ id })), node.path);
        }
        const counts = (nodes: CodeNode[]) => allNodes(nodes).map((n) => [n.path, n.codings, n.informants, n.notCodedCount]);
        assert.deepStrictEqual(counts(outline.themes), counts(full.themes));
        if (Object.keys(filter).length === 0) assert.deepStrictEqual(informantCounts(full.informants), countedFromTheText(transcripts));
      }),
      { numRuns: 150 },
    );
  });
});

type Generated = { informant?: string; turns: { speaker: string; span?: string; block: string[] }[] };
type Counts = Record<string, { quotes: number; coded: number; codings: number }>;

/** The Informants view's figures, for those with any. */
function informantCounts(summaries: { id: string; quotes: number; coded: number; codings: number }[]): Counts {
  const result: Counts = {};
  for (const { id, quotes, coded, codings } of [...summaries].sort((a, b) => (a.id < b.id ? -1 : 1))) if (quotes + coded + codings > 0) result[id] = { quotes, coded, codings };
  return result;
}

/**
 * The same counted from what was generated, not from a parse: every turn not the interviewer's
 * (P) is a quote of its speaker, coded if it has a span or a tag, and counts where the speaker is
 * an informant of informants.yaml (X9 is nobody's); the interviewer's codings are the front
 * matter's informant's, listed or not (Q7).
 */
function countedFromTheText(transcripts: Generated[]): Counts {
  const result: Counts = {};
  const of = (id: string) => (result[id] ??= { quotes: 0, coded: 0, codings: 0 });
  for (const t of transcripts) {
    for (const turn of t.turns) {
      const codings = (turn.span ? 1 : 0) + turn.block.length;
      if (turn.speaker === 'P') {
        if (t.informant && codings > 0) of(t.informant).codings += codings;
        continue;
      }
      if (turn.speaker === 'X9') continue;
      const counts = of(turn.speaker);
      counts.quotes++;
      if (codings > 0) counts.coded++;
      counts.codings += codings;
    }
  }
  return informantCounts(Object.entries(result).map(([id, c]) => ({ id, ...c })));
}


// Under a text filter, every figure against a plain test of what was generated: a coding passes
// where its code, its memo or its coded text holds the text (in any case), a quote where its text
// does or a coding of it passes, and it is coded where a coding of it passes.
const words = ['kata', 'murah', 'Harga', 'ongkir', '😀'];
const memo = fc.option(fc.constantFrom('memo satu', 'HARGA pas', 'kurir 😀'), { nil: undefined });
const filteredTurn = fc.record({
  speaker: fc.constantFrom(...speakers),
  words: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }),
  span: fc.option(fc.record({ word: fc.constantFrom(...words), code: fc.constantFrom(...codes), memo }), { nil: undefined }),
  block: fc.option(fc.record({ codes: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 2 }), memo }), { nil: undefined }),
});
type FilteredTurn = { speaker: string; words: string[]; span?: { word: string; code: string; memo?: string }; block?: { codes: string[]; memo?: string } };
const filteredTranscript = fc.record({ informant: fc.option(fc.constantFrom('I0', 'Q7'), { nil: undefined }), turns: fc.array(filteredTurn, { maxLength: 6 }) });

function filteredText(t: { informant?: string; turns: FilteredTurn[] }): string {
  const front = `---\n${t.informant ? `informant: ${t.informant}\n` : ''}interviewer: P\n---\n`;
  const tag = (codes: string[], memo?: string) => `{${codes.map((c) => `#${c}`).join(' ')}${memo ? ` | ${memo}` : ''}}`;
  const turns = t.turns.map(({ speaker, words, span, block }) => `${speaker}: ${words.join(' ')}${span ? ` [${span.word}]${tag([span.code], span.memo)}` : ''}${block ? ` ${tag(block.codes, block.memo)}` : ''}`);
  return front + turns.join('\n\n') + '\n';
}

function countedUnderFilter(transcripts: { informant?: string; turns: FilteredTurn[] }[], filter: string): { informants: Counts; codings: number } {
  const holds = (text: string | undefined) => text !== undefined && text.toLowerCase().includes(filter.toLowerCase());
  const result: Counts = {};
  const of = (id: string) => (result[id] ??= { quotes: 0, coded: 0, codings: 0 });
  let all = 0;
  for (const t of transcripts) {
    for (const turn of t.turns) {
      const text = [...turn.words, ...(turn.span ? [turn.span.word] : [])].join(' ');
      const codings = [...(turn.span ? [{ code: turn.span.code, memo: turn.span.memo, text: turn.span.word }] : []), ...(turn.block?.codes ?? []).map((code) => ({ code, memo: turn.block!.memo, text }))];
      const kept = codings.filter((c) => holds(c.code) || holds(c.memo) || holds(c.text)).length;
      all += kept;
      if (turn.speaker === 'P') {
        if (t.informant && kept > 0) of(t.informant).codings += kept;
        continue;
      }
      if (turn.speaker === 'X9' || !(kept > 0 || holds(text))) continue;
      const counts = of(turn.speaker);
      counts.quotes++;
      if (kept > 0) counts.coded++;
      counts.codings += kept;
    }
  }
  return { informants: informantCounts(Object.entries(result).map(([id, c]) => ({ id, ...c }))), codings: all };
}

describe('the tree under a text filter', () => {
  it('counts the codings, quotes and coded quotes a plain test of each gives', async () => {
    const filters = fc.constantFrom('mur', 'HARGA', 'harga pas', 'a/b', 'memo', '😀', 'kurir', 'ongkir murah', 'kata', 'zz', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(filteredTranscript, { minLength: 1, maxLength: 3 }), filters, async (transcripts, text) => {
        const project = await projectOf(transcripts.map(filteredText));
        const outline = codeTree(project, { text }, { quotes: false });
        const expected = countedUnderFilter(transcripts, text);
        assert.deepStrictEqual(informantCounts(outline.informants), expected.informants);
        const counted = outline.themes.reduce((sum, theme) => sum + theme.codings, 0) + outline.unknownCodes.reduce((sum, u) => sum + u.codings, 0);
        assert.strictEqual(counted, expected.codings);
      }),
      { numRuns: 300 },
    );
  });
});
