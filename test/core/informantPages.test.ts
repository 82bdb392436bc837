// The outline lists the first page of informants, and more pages when asked for more. Expected
// lists and counts are built from how the study below was written, not from the tree.
import * as assert from 'assert';
import { codeTree, informantPage } from '../../server/src/core/analyses/codeTree';
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
  it('lists the first page, counts them all, and lists whole pages more when asked for more', async () => {
    const project = await study();
    const ids = [...listed, 'X1', 'X2'];
    const outline = (informants?: number) => codeTree(project, {}, { quotes: false, informants });
    assert.strictEqual(informantPage, 500);
    assert.strictEqual(outline().informantCount, 1236);
    // Asked for: how many are listed (whole pages of 500, and never more than there are).
    const asked = [undefined, 1, 500, 501, 1000, 1001, 1236, 1500, 99999];
    assert.deepStrictEqual(
      asked.map((n) => outline(n).informants.length),
      [500, 500, 500, 1000, 1000, 1236, 1236, 1236, 1236],
    );
    for (const n of asked) {
      const tree = outline(n);
      assert.deepStrictEqual(
        tree.informants.map((i) => i.id),
        ids.slice(0, tree.informants.length),
        String(n),
      );
      assert.strictEqual(tree.informantCount, 1236);
    }
    // All of them listed are the full tree's informants without their codings by code.
    const full = codeTree(project, {}, { quotes: true });
    assert.deepStrictEqual(
      outline(1236).informants,
      full.informants.map((i) => ({ ...i, byCode: undefined })),
    );
    const all = outline(1236).informants;
    assert.deepStrictEqual(all[700], { id: 'C0700', attributes: { role: 'customer', group: 'g0' }, listed: true, quotes: 2, coded: 1, codings: 2, byCode: undefined });
    assert.deepStrictEqual(all[1235], { id: 'X2', attributes: {}, listed: false, quotes: 1, coded: 1, codings: 1, byCode: undefined });
  });

  it('pages what the filter keeps, and offers every attribute value whatever the filter', async () => {
    const project = await study();
    const customers = listed.filter((_, i) => roleOf(i) === 'customer');
    assert.strictEqual(customers.length, 822);
    const filter = { attributes: { role: 'customer' } };
    const outline = codeTree(project, filter, { quotes: false });
    assert.deepStrictEqual([outline.informantCount, outline.informants.length], [822, 500]);
    assert.deepStrictEqual(
      codeTree(project, filter, { quotes: false, informants: 501 }).informants.map((i) => i.id),
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

  it('lists one page for a count that is not one', async () => {
    const project = await study();
    for (const informants of [-3, 0, Number.NaN, 'many', null, {}]) {
      assert.strictEqual(codeTree(project, {}, { quotes: false, informants: informants as number }).informants.length, 500, String(informants));
    }
    assert.strictEqual(codeTree(project, {}, { quotes: false, informants: 500.5 }).informants.length, 1000);
  });
});
