// The outline lists the first page of informants; the rest come a page at a time
// (`treeBranches` with `{ kind: 'informants', from }`). Expected lists and counts are built from
// how the study below was written, not from the tree.
import * as assert from 'assert';
import { codeTree, informantPage, treeBranches, type InformantSummary } from '../../server/src/core/analyses/codeTree';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

const listedCount = 1234;
const listed = Array.from({ length: listedCount }, (_, i) => `C${String(i).padStart(4, '0')}`);
const roleOf = (i: number) => (i % 3 === 0 ? 'owner' : 'customer');
const informantsYaml = listed.map((id, i) => `${id}: {role: ${roleOf(i)}, group: g${i % 7}}\n`).join('');
const codebook = 'trust:\n  codes:\n    quality: {}\nprice:\n  codes:\n    cheap: {}\n';

/** C0700 (on the second page) says two things, one with two codes; X2 and X1 are in no informants.yaml. */
const files = {
  'file:///p/codebook.yaml': codebook,
  'file:///p/informants.yaml': informantsYaml,
  'file:///p/a.transcript.md': '---\ninformant: C0700\ninterviewer: P\nspeakers: {R: C0700}\n---\nP: Bagaimana?\n\nR: [Barangnya bagus]{#trust/quality #price/cheap}.\n\nR: Itu saja.\n',
  'file:///p/b.transcript.md': '---\ninformant: X2\ninterviewer: P\nspeakers: {R: X2}\n---\nR: [Murah]{#price/cheap}.\n',
  'file:///p/c.transcript.md': '---\ninformant: X1\ninterviewer: P\nspeakers: {R: X1}\n---\nR: Tidak tahu.\n',
};

async function study(fs = new MemoryFileSystem(files)) {
  const workspace = new QdaWorkspace(fs);
  await workspace.addFolder('file:///p');
  return workspace.projects.get('file:///p')!;
}

describe('the outline lists informants a page at a time', () => {
  it('lists the first page, counts them all, and gives each next page on request until none is left', async () => {
    const project = await study();
    const ids = [...listed, 'X1', 'X2'];
    const outline = codeTree(project, {}, { quotes: false });
    assert.strictEqual(informantPage, 500);
    assert.strictEqual(outline.informantCount, 1236);
    assert.deepStrictEqual(
      outline.informants.map((i) => i.id),
      ids.slice(0, 500),
    );
    const pages = [500, 1000, 1236].map((from) => treeBranches(project, {}, { kind: 'informants', from }) as InformantSummary[]);
    assert.deepStrictEqual(
      pages.map((page) => page.length),
      [500, 236, 0],
    );
    assert.deepStrictEqual(
      pages[0].map((i) => i.id),
      ids.slice(500, 1000),
    );
    assert.deepStrictEqual(
      pages[1].map((i) => i.id),
      ids.slice(1000),
    );
    // Joined, the pages are the full tree's informants without their codings by code.
    const full = codeTree(project, {}, { quotes: true });
    assert.deepStrictEqual(
      [...outline.informants, ...pages[0], ...pages[1]],
      full.informants.map((i) => ({ ...i, byCode: undefined })),
    );
    assert.deepStrictEqual(pages[0][200], { id: 'C0700', attributes: { role: 'customer', group: 'g0' }, listed: true, quotes: 2, coded: 1, codings: 2, byCode: undefined });
    assert.deepStrictEqual(pages[1][235], { id: 'X2', attributes: {}, listed: false, quotes: 1, coded: 1, codings: 1, byCode: undefined });
  });

  it('pages what the filter keeps, and offers every attribute value whatever the filter', async () => {
    const project = await study();
    const customers = listed.filter((_, i) => roleOf(i) === 'customer');
    assert.strictEqual(customers.length, 822);
    const filter = { attributes: { role: 'customer' } };
    const outline = codeTree(project, filter, { quotes: false });
    assert.strictEqual(outline.informantCount, 822);
    const rest = treeBranches(project, filter, { kind: 'informants', from: outline.informants.length }) as InformantSummary[];
    assert.deepStrictEqual(
      [outline.informants.length, rest.length],
      [500, 322],
    );
    assert.deepStrictEqual(
      [...outline.informants, ...rest].map((i) => i.id),
      customers,
    );
    assert.deepStrictEqual(outline.attributeValues, { role: ['owner', 'customer'], group: ['g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'g6'] });
  });

  it('offers the attribute values of informants.yaml as it is now', async () => {
    const fs = new MemoryFileSystem(files);
    const workspace = new QdaWorkspace(fs);
    await workspace.addFolder('file:///p');
    const before = codeTree(workspace.projects.get('file:///p')!, {}, { quotes: false }).attributeValues;
    assert.deepStrictEqual(before.role, ['owner', 'customer']);
    fs.write('file:///p/informants.yaml', 'A: {role: seller, city: Padang}\nB: {role: buyer}\n');
    await workspace.applyChanges([{ uri: 'file:///p/informants.yaml', type: 'changed' }]);
    const project = workspace.projects.get('file:///p')!;
    assert.deepStrictEqual(codeTree(project, {}, { quotes: false }).attributeValues, { role: ['seller', 'buyer'], city: ['Padang'] });
  });

  it('reads a start that is not a count as the first informant', async () => {
    const project = await study();
    const first = treeBranches(project, {}, { kind: 'informants', from: 0 });
    for (const from of [-3, Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
      assert.deepStrictEqual(treeBranches(project, {}, { kind: 'informants', from }), first, String(from));
    }
  });
});
