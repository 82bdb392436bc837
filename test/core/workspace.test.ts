import * as assert from 'assert';
import fc from 'fast-check';
import {
  allNodes,
  codeStats,
  codeTree,
  projectStats,
  treeBranches,
  treeQuotes,
  type BranchesOf,
  type CodeNode,
  type CodeTree,
  type QuoteBranch,
  type QuoteLeaf,
  type TreeBranch,
  type UntaggedBranch,
} from '../../server/src/core/analyses/codeTree';
import type { TreeFilter } from '../../server/src/core/analyses/treeFilter';
import { MemoryFileSystem, type FileChange } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

const codebook = `trust:
  label: Kepercayaan
  description: Trust.
  codes:
    quality: {label: Kualitas, description: Quality.}
    testimonial: {description: Testimonials.}
price:
  description: Price.
  codes:
    discount: {description: Discounts.}
`;

const informants = `A: {role: owner, age: 25}
SR: {role: customer, age: 24}
W: {role: customer, age: 22}
`;

const interviewA = `---
informant: A
interviewer: P
---
P: Bagaimana menjaga kualitas?

A: [Foto asli]{#trust/quality} dan [testimoni]{#trust/testimonial #trust/quality}.

A: Belum tahu.
`;

const interviewSR = `---
informant: SR
interviewer: P
speakers: {R: SR}
---
P: Kenapa belanja di sana?

R: Karena [diskon]{#price/discount} dan [murah]{#price/cheap}.

R: Itu saja. {-}

Catatan: tidak jelas.
`;

function files(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'file:///w/study/codebook.yaml': codebook,
    'file:///w/study/informants.yaml': informants,
    'file:///w/study/interviews/a.transcript.md': interviewA,
    'file:///w/study/interviews/sr.transcript.md': interviewSR,
    'file:///w/study/notes.md': '# not a transcript {#trust}',
    'file:///w/loose.transcript.md': 'X: di luar proyek',
    ...extra,
  };
}

async function load(fs: MemoryFileSystem): Promise<QdaWorkspace> {
  const workspace = new QdaWorkspace(fs);
  await workspace.addFolder('file:///w');
  return workspace;
}

describe('workspace index', () => {
  it('finds projects, their transcripts, and transcripts outside any project', async () => {
    const workspace = await load(new MemoryFileSystem(files()));
    assert.deepStrictEqual([...workspace.projects.keys()], ['file:///w/study']);
    const project = workspace.projects.get('file:///w/study')!;
    assert.deepStrictEqual([...project.index.documents.keys()].sort(), [
      'file:///w/study/interviews/a.transcript.md',
      'file:///w/study/interviews/sr.transcript.md',
    ]);
    assert.deepStrictEqual([...workspace.looseDocuments.keys()], ['file:///w/loose.transcript.md']);
    assert.strictEqual(workspace.projectFor('file:///w/study/interviews/deep/x.transcript.md'), project);
    assert.strictEqual(workspace.projectFor('file:///w/other.transcript.md'), undefined);
  });

  it('answers codings by code (a theme includes its codes), by informant, untagged quotes and unknown codes', async () => {
    const project = (await load(new MemoryFileSystem(files()))).projects.get('file:///w/study')!;
    const index = project.index;
    const summary = (refs: { coding: { code: string }; informant?: string }[]) => refs.map((ref) => `${ref.coding.code}@${ref.informant}`);
    assert.deepStrictEqual(summary(index.codingsOf('trust')), ['trust/quality@A', 'trust/testimonial@A', 'trust/quality@A']);
    assert.deepStrictEqual(summary(index.codingsOf('trust', false)), []);
    assert.deepStrictEqual(summary(index.codingsOfInformant('SR')), ['price/discount@SR', 'price/cheap@SR']);
    assert.deepStrictEqual(
      index.untaggedQuotes().map((q) => `${q.turn.speaker}@${q.informant}`),
      ['A@A', 'Catatan@undefined'],
    );
    assert.deepStrictEqual(summary(index.unknownCodings((c) => project.codebook.codes.has(c))), ['price/cheap@SR']);
    assert.deepStrictEqual(Object.fromEntries(index.usedCodes()), { 'trust/quality': 2, 'trust/testimonial': 1, 'price/discount': 1, 'price/cheap': 1 });
  });

  it('lists every #code written for a code, also in a tag block that codes no text', async () => {
    const w = 'W: ada teks]{#trust/quality #price/only-tagged} tanpa kurung buka.\n';
    const index = (await load(new MemoryFileSystem(files({ 'file:///w/study/interviews/w.transcript.md': w })))).projects.get('file:///w/study')!.index;
    const tags = (path: string) => index.tagsOf(path).map((t) => `${t.uri.split('/').pop()}#${t.index}:${t.code.range.start.line}:${t.code.range.start.character}`);
    // Where each path is written: after the '#' of its n-th occurrence in the fixture.
    const at = (text: string, needle: string, n = 0) => {
      let offset = -1;
      for (let i = 0; i <= n; i++) offset = text.indexOf(needle, offset + 1);
      const before = text.slice(0, offset + 1).split('\n');
      return `${before.length - 1}:${before[before.length - 1].length}`;
    };
    assert.deepStrictEqual(tags('trust/quality'), [
      `a.transcript.md#0:${at(interviewA, '#trust/quality')}`,
      `a.transcript.md#2:${at(interviewA, '#trust/quality', 1)}`,
      `w.transcript.md#0:${at(w, '#trust/quality')}`,
    ]);
    // Written only in the block that codes nothing: no coding has it, the tag still counts.
    assert.deepStrictEqual(tags('price/only-tagged'), [`w.transcript.md#1:${at(w, '#price/only-tagged')}`]);
    assert.deepStrictEqual(index.codingsOf('price/only-tagged'), []);
    assert.deepStrictEqual(index.taggedCodes().sort(), ['price/cheap', 'price/discount', 'price/only-tagged', 'trust/quality', 'trust/testimonial']);
  });

  it('counts per informant and per code, zeros included', async () => {
    const project = (await load(new MemoryFileSystem(files()))).projects.get('file:///w/study')!;
    assert.deepStrictEqual(projectStats(project), {
      root: 'file:///w/study',
      documents: 2,
      quotes: 5,
      codedQuotes: 2,
      codings: 5,
      untagged: 2,
      unknownCodes: 1,
      informants: {
        A: { quotes: 2, coded: 1, codings: 3 },
        SR: { quotes: 2, coded: 1, codings: 2 },
        W: { quotes: 0, coded: 0, codings: 0 },
      },
      codes: {
        trust: { codings: 3, informants: 1 },
        'trust/quality': { codings: 2, informants: 1 },
        'trust/testimonial': { codings: 1, informants: 1 },
        price: { codings: 1, informants: 1 },
        'price/discount': { codings: 1, informants: 1 },
      },
    });
  });

  it('builds the tree of themes, codes, informants and quotes', async () => {
    const tree = codeTree((await load(new MemoryFileSystem(files()))).projects.get('file:///w/study')!);
    const trust = tree.themes[0];
    assert.deepStrictEqual(
      { path: trust.path, codings: trust.codings, informants: trust.informants, notCoded: trust.notCoded, notCodedCount: trust.notCodedCount, children: trust.children.map((c) => c.path) },
      { path: 'trust', codings: 3, informants: 1, notCoded: ['SR', 'W'], notCodedCount: 2, children: ['trust/quality', 'trust/testimonial'] },
    );
    // Only themes say who coded nothing of them.
    assert.deepStrictEqual([trust.children[0].notCoded, trust.children[0].notCodedCount, tree.themes[1].notCoded, tree.themes[1].notCodedCount], [undefined, undefined, ['A', 'W'], 2]);
    const quality = trust.children[0];
    assert.deepStrictEqual(
      quality.byInformant!.map((b) => [b.id, b.codings, b.quotes!.map((q) => [q.text, q.range.start.line, q.range.start.character])]),
      [['A', 2, [['Foto asli', 6, 4], ['testimoni', 6, 36]]]],
    );
    assert.deepStrictEqual(tree.informants.map((i) => [i.id, i.listed, i.quotes, i.coded, i.codings]), [
      ['A', true, 2, 1, 3],
      ['SR', true, 2, 1, 2],
      ['W', true, 0, 0, 0],
    ]);
    assert.deepStrictEqual(tree.unknownCodes.map((u) => [u.code, u.quotes!.map((q) => q.text)]), [['price/cheap', ['murah']]]);
    assert.deepStrictEqual(tree.untagged!.map((q) => q.text), ['Belum tahu.', 'tidak jelas.']);
  });

  it('gives an outline of the tree with counts only, and the quotes of each branch on request', async () => {
    const unmapped = '---\ninformant: W\ninterviewer: P\nsource: observation\n---\nZ: [aneh]{#trust/quality} dan [lain]{#nope #price/discount}\n';
    const project = (await load(new MemoryFileSystem(files({ 'file:///w/study/interviews/z.transcript.md': unmapped })))).projects.get('file:///w/study')!;
    const filters: TreeFilter[] = [{}, { attributes: { role: 'customer' } }, { sources: ['observation'] }, { text: 'MURAH' }, { text: 'nope' }];
    for (const filter of filters) {
      const full = codeTree(project, filter);
      const outline = codeTree(project, filter, { quotes: false });
      // Every list of quotes in the full tree, with the branch that lists it in the outline; and
      // every level the outline leaves out, with the request that gives it.
      const lists: [QuoteBranch, QuoteLeaf[]][] = [];
      const levels: [BranchesOf, TreeBranch[]][] = [];
      const strip = (node: CodeNode): CodeNode => {
        levels.push([{ kind: 'code', path: node.path }, node.byInformant!.map((b) => ({ id: b.id, codings: b.codings, quotes: undefined }))]);
        for (const b of node.byInformant!) lists.push([{ kind: 'codings', code: node.path, informant: b.id ?? null }, b.quotes!]);
        // A theme's informants who coded nothing of it: counted in both, listed on request.
        if (node.notCoded) {
          assert.strictEqual(node.notCodedCount, node.notCoded.length);
          levels.push([{ kind: 'notCoded', path: node.path }, node.notCoded.map((id) => ({ id }))]);
        }
        return { ...node, byInformant: undefined, notCoded: undefined, children: node.children.map(strip) };
      };
      const expected: CodeTree = {
        ...full,
        themes: full.themes.map(strip),
        informants: full.informants.map((i) => {
          levels.push([{ kind: 'informant', id: i.id }, i.byCode!.map((c) => ({ code: c.code, codings: c.codings, quotes: undefined }))]);
          for (const c of i.byCode!) lists.push([{ kind: 'codings', code: c.code, informant: i.id }, c.quotes!]);
          return { ...i, byCode: undefined };
        }),
        unknownCodes: full.unknownCodes.map((u) => ({ code: u.code, codings: u.codings, quotes: undefined })),
        untagged: undefined,
      };
      lists.push([{ kind: 'unknownCodes' }, full.unknownCodes.flatMap((u) => u.quotes!)], [{ kind: 'untagged' }, full.untagged!]);
      assert.deepStrictEqual(outline, expected, JSON.stringify(filter));
      for (const [of, branches] of levels) assert.deepStrictEqual(treeBranches(project, filter, of), branches, JSON.stringify([filter, of]));
      for (const [branch, quotes] of lists) assert.deepStrictEqual(treeQuotes(project, filter, branch), quotes, JSON.stringify([filter, branch]));
      // Untagged quotes by informant: together, exactly the untagged quotes of the full tree.
      const untagged = treeBranches(project, filter, { kind: 'untagged' }) as UntaggedBranch[];
      const byInformant = untagged.flatMap((b) => {
        const quotes = treeQuotes(project, filter, { kind: 'untagged', informant: b.id ?? null });
        assert.strictEqual(quotes.length, b.quotes, JSON.stringify([filter, b]));
        return quotes;
      });
      const key = (q: QuoteLeaf) => `${q.uri}:${q.range.start.line}`;
      assert.deepStrictEqual(byInformant.map(key).sort(), full.untagged!.map(key).sort(), JSON.stringify(filter));
      assert.strictEqual(full.untaggedQuotes, full.untagged!.length);
    }
    // The fixture reaches every kind of branch: an unmapped speaker's codings, unknown codes, untagged quotes.
    const full = codeTree(project);
    assert.deepStrictEqual(
      full.themes[0].children[0].byInformant!.map((b) => [b.id ?? null, b.codings]),
      [['A', 2], [null, 1]],
    );
    assert.deepStrictEqual(full.unknownCodes.map((u) => [u.code, u.codings]), [['nope', 1], ['price/cheap', 1]]);
    assert.deepStrictEqual(treeBranches(project, {}, { kind: 'untagged' }), [{ id: 'A', quotes: 1 }, { id: undefined, quotes: 1 }]);
    // Who coded nothing of a theme, under the filter; nothing listed for a code that is not a theme.
    assert.deepStrictEqual(treeBranches(project, {}, { kind: 'notCoded', path: 'trust' }), [{ id: 'SR' }, { id: 'W' }]);
    assert.deepStrictEqual(treeBranches(project, { attributes: { role: 'customer' } }, { kind: 'notCoded', path: 'price' }), [{ id: 'W' }]);
    assert.deepStrictEqual(treeBranches(project, {}, { kind: 'notCoded', path: 'trust/quality' }), []);
    assert.deepStrictEqual(treeBranches(project, {}, { kind: 'notCoded', path: 'nope' }), []);
    assert.deepStrictEqual(treeQuotes(project, { text: 'aneh' }, { kind: 'codings', code: 'trust/quality', informant: null }).map((q) => q.text), ['aneh']);
    // The filter's text matches itself, in any case, in the coded text, the memo or the code.
    assert.deepStrictEqual(codeTree(project, { text: 'MURAH' }).unknownCodes.map((u) => u.code), ['price/cheap']);
    assert.deepStrictEqual(codeTree(project, { text: 'mur.h' }).unknownCodes, []);
    assert.deepStrictEqual(codeTree(project, { text: 'NOPE' }).unknownCodes.map((u) => u.code), ['nope']);
    assert.deepStrictEqual(treeQuotes(project, { attributes: { role: 'owner' } }, { kind: 'codings', code: 'trust/quality', informant: null }), []);
  });

  it("filters by a coding's memo, code or coded text (after an emoji), counts an informant's quotes under it, and makes no coding objects to do it", async () => {
    // Five codings of W: the filter "kurir" is in the memo of the first, "disc" in the code of the
    // first two, "pas" in the coded text of the third only (after an emoji: code points, not units).
    const dump = '---\ninformant: W\nsource: documentation\n---\nW: 😀 [Ongkir gratis]{#price/discount | kurir cepat} [hemat]{#price/discount} 👍 [harga pas]{#price} [kirim]{#trust}\n\nW: [lain]{#trust/quality}\n';
    const project = (await load(new MemoryFileSystem(files({ 'file:///w/study/interviews/w.transcript.md': dump })))).projects.get('file:///w/study')!;
    const doc = project.index.documents.get('file:///w/study/interviews/w.transcript.md')!;
    // Counted here by hand, not by the code under test: which of W's codings each filter keeps.
    // W's quotes under the filter: those whose text holds it or that hold a coding it keeps; coded:
    // those that hold a coding it keeps. (A's, for "asli": "Foto asli" is coded, "Belum tahu." is not.)
    const cases: [string, string[], [number, number], [number, number]][] = [
      ['KURIR', ['Ongkir gratis'], [1, 1], [0, 0]],
      ['disc', ['Ongkir gratis', 'hemat'], [1, 1], [0, 0]],
      ['pas', ['harga pas'], [1, 1], [0, 0]],
      ['😀', [], [1, 0], [0, 0]],
      ['gratis', ['Ongkir gratis'], [1, 1], [0, 0]],
      ['lain', ['lain'], [1, 1], [0, 0]],
      ['asli', [], [0, 0], [1, 1]],
      ['tahu', [], [0, 0], [1, 0]],
    ];
    // Made (and kept) by the document on its first read of `codings`, by the parse on its first read of `codings`/`tagBlocks`.
    const made: string[] = [];
    const watch = (target: object, name: string) => {
      const getter = Object.getOwnPropertyDescriptor(target, name)!.get!;
      Object.defineProperty(target, name, { configurable: true, get: function (this: unknown) { made.push(name); return getter.call(this); } });
      return () => Object.defineProperty(target, name, { configurable: true, get: getter });
    };
    const restore = [watch(Object.getPrototypeOf(doc), 'codings'), watch(Object.getPrototypeOf(doc.parsed), 'codings'), watch(Object.getPrototypeOf(doc.parsed), 'tagBlocks')];
    try {
      for (const [text, kept, wQuotes, aQuotes] of cases) {
        const outline = codeTree(project, { text }, { quotes: false });
        const w = outline.informants.find((i) => i.id === 'W')!;
        const a = outline.informants.find((i) => i.id === 'A')!;
        assert.deepStrictEqual([w.codings, w.quotes, w.coded, a.quotes, a.coded], [kept.length, ...wQuotes, ...aQuotes], text);
        // The price theme holds SR's `price/discount` too, whose code has "disc" in it.
        assert.strictEqual(outline.themes.find((t) => t.path === 'price')!.codings, kept.filter((k) => k !== 'lain').length + (text === 'disc' ? 1 : 0), text);
        const quotes = ['price/discount', 'price', 'trust/quality'].flatMap((code) => treeQuotes(project, { text }, { kind: 'codings', code, informant: 'W' }));
        assert.deepStrictEqual(quotes.map((q) => q.text).sort(), [...kept].sort(), text);
      }
      assert.deepStrictEqual(made, []);
    } finally {
      for (const undo of restore) undo();
    }
  });

  it('counts every informant, those only the transcripts name too, edit by edit', async () => {
    const workspace = await load(new MemoryFileSystem(files()));
    const project = workspace.projects.get('file:///w/study')!;
    const q = 'file:///w/study/interviews/q.transcript.md';
    // Counted by hand: informants.yaml lists A, SR and W; Q1 is named by a speakers map only, Q2 by
    // the front matter only (its codings outside any turn are Q2's).
    const steps: [string, () => void, number][] = [
      ['as loaded', () => undefined, 3],
      ['Q1 comes in', () => workspace.setFile(q, '---\ninterviewer: P\nspeakers: {R: Q1}\n---\nR: Satu.\n'), 4],
      ['an edit of words', () => workspace.setFile(q, '---\ninterviewer: P\nspeakers: {R: Q1}\n---\nR: Satu dua. {#trust}\n'), 4],
      ['Q2 codes outside turns', () => workspace.setFile(q, '---\ninformant: Q2\ninterviewer: P\nspeakers: {R: Q1}\n---\nR: Satu dua.\n\nCatatan {#trust}\n'), 5],
      ['Q1 listed', () => project.setInformantsText(`${informants}Q1: {role: owner}\n`), 5],
      ['Q2 codes no more', () => workspace.setFile(q, '---\ninformant: Q2\ninterviewer: P\nspeakers: {R: Q1}\n---\nR: Satu dua.\n\nCatatan\n'), 4],
      ['Q1 unlisted again', () => project.setInformantsText(informants), 4],
      ['the file goes', () => workspace.deleteFile(q), 3],
      ['another edit of words', () => workspace.setFile('file:///w/study/interviews/a.transcript.md', interviewA.replace('Belum tahu.', 'Belum tahu juga.')), 3],
    ];
    for (const [step, change, total] of steps) {
      change();
      assert.deepStrictEqual([step, project.informantTotal()], [step, total]);
    }
  });

  it('moves transcripts into a project that appears below them, and back when it goes', async () => {
    const fs = new MemoryFileSystem(files());
    const workspace = await load(fs);
    workspace.setFile('file:///w/study/interviews/codebook.yaml', 'other: {description: x}');
    assert.deepStrictEqual([...workspace.projects.get('file:///w/study')!.index.documents.keys()], []);
    assert.strictEqual(workspace.projects.get('file:///w/study/interviews')!.index.documents.size, 2);
    workspace.setFile('file:///w/codebook.yaml', 'top: {description: y}');
    assert.deepStrictEqual([...workspace.projects.get('file:///w')!.index.documents.keys()], ['file:///w/loose.transcript.md']);
    assert.strictEqual(workspace.looseDocuments.size, 0);
    workspace.deleteFile('file:///w/study/interviews/codebook.yaml');
    assert.strictEqual(workspace.projects.get('file:///w/study')!.index.documents.size, 2);
    workspace.deleteFile('file:///w/codebook.yaml');
    assert.deepStrictEqual([...workspace.looseDocuments.keys()], ['file:///w/loose.transcript.md']);
  });

  it('keeps the last good codebook while the file has a YAML error, and shows the error', async () => {
    const workspace = await load(new MemoryFileSystem(files()));
    const project = workspace.projects.get('file:///w/study')!;
    workspace.setFile(project.codebookUri, 'trust:\n  codes: {quality: x}}\n');
    assert.ok(project.codebook.codes.has('trust/testimonial'), 'the last good codebook is in use');
    assert.deepStrictEqual(
      project.codebookProblems.filter((p) => p.severity === 'error').map((p) => [p.code, p.range.start.line]),
      [['codebook-yaml', 1]],
    );
    workspace.setFile(project.codebookUri, 'trust: {description: x}\n');
    assert.deepStrictEqual([...project.codebook.codes.keys()], ['trust']);
  });

  it('resolves speakers again when informants.yaml changes, without parsing transcripts again', async () => {
    const workspace = await load(new MemoryFileSystem(files()));
    const project = workspace.projects.get('file:///w/study')!;
    const parsed = project.index.documents.get('file:///w/study/interviews/a.transcript.md')!.parsed;
    workspace.setFile(project.informantsUri, 'SR: {role: customer}\n');
    assert.deepStrictEqual(project.index.quotesOfInformant('A'), []);
    workspace.setFile(project.informantsUri, informants);
    assert.strictEqual(project.index.quotesOfInformant('A').length, 2);
    assert.strictEqual(project.index.documents.get('file:///w/study/interviews/a.transcript.md')!.parsed, parsed);
  });

  it('counts a code again after an edit, a new codebook or new informants', async () => {
    const workspace = await load(new MemoryFileSystem(files()));
    const project = workspace.projects.get('file:///w/study')!;
    assert.deepStrictEqual(codeStats(project, 'trust'), { codings: 3, informants: 1 });
    workspace.setFile('file:///w/study/interviews/w.transcript.md', '---\ninformant: W\n---\nW: [baru]{#trust/quality}\n');
    assert.deepStrictEqual(codeStats(project, 'trust'), { codings: 4, informants: 2 });
    workspace.setFile(project.codebookUri, 'trust: {description: Trust only.}\n');
    // trust/quality is no longer in the codebook: its codings are nobody's.
    assert.deepStrictEqual(codeStats(project, 'trust'), { codings: 0, informants: 0 });
    workspace.setFile(project.codebookUri, codebook);
    workspace.setFile(project.informantsUri, 'SR: {role: customer}\n');
    // Neither A nor W is an informant now: their turns' codings belong to no one.
    assert.deepStrictEqual(codeStats(project, 'trust'), { codings: 4, informants: 0 });
    assert.deepStrictEqual(codeStats(project, 'nope'), { codings: 0, informants: 0 });
  });

  it('reads changes through the file system watcher', async () => {
    const fs = new MemoryFileSystem(files());
    const workspace = await load(fs);
    const applied: Promise<void>[] = [];
    const watcher = fs.watch('file:///w', (changes) => applied.push(workspace.applyChanges(changes)));
    fs.write('file:///w/study/interviews/w.transcript.md', 'W: [baru]{#trust}');
    fs.delete('file:///w/study/interviews/a.transcript.md');
    await Promise.all(applied);
    watcher.dispose();
    const project = workspace.projects.get('file:///w/study')!;
    assert.deepStrictEqual([...project.index.documents.keys()].sort(), [
      'file:///w/study/interviews/sr.transcript.md',
      'file:///w/study/interviews/w.transcript.md',
    ]);
    assert.deepStrictEqual(project.index.codingsOfInformant('W').map((c) => c.coding.code), ['trust']);
  });

  it('applies many changes at once in their order, as a rebuild reads the files', async () => {
    const fs = new MemoryFileSystem(files());
    const workspace = await load(fs);
    const interviews = 'file:///w/study/interviews';
    const changes: FileChange[] = [];
    const write = (uri: string, text: string) => {
      fs.write(uri, text);
      changes.push({ uri, type: 'changed' });
    };
    for (let i = 0; i < 20; i++) write(`${interviews}/n${i}.transcript.md`, `A: [baru ${i}]{#trust}`);
    write(`${interviews}/a.transcript.md`, 'A: [lain]{#price/discount}');
    fs.delete(`${interviews}/sr.transcript.md`);
    changes.push({ uri: `${interviews}/sr.transcript.md`, type: 'deleted' });
    write(`${interviews}/sr.transcript.md`, 'SR: [lagi]{#trust}');
    fs.delete(`${interviews}/n3.transcript.md`);
    changes.push({ uri: `${interviews}/n3.transcript.md`, type: 'deleted' }, { uri: 'file:///w/study/notes.txt', type: 'changed' });
    await workspace.applyChanges(changes);
    const project = workspace.projects.get('file:///w/study')!;
    const fresh = (await load(fs)).projects.get('file:///w/study')!;
    assert.deepStrictEqual(project.index.snapshot(), fresh.index.snapshot());
    assert.strictEqual(project.index.documents.size, 21);
    assert.deepStrictEqual(project.index.codingsOf('trust').length, 20);
  });

  it('reports a file it cannot read, and forgets the report when the file is readable again', async () => {
    const fs = new MemoryFileSystem(files());
    fs.read = async (uri: string) => {
      if (uri.endsWith('sr.transcript.md')) throw new Error('cannot read sr.transcript.md: it is not valid UTF-8 text');
      return MemoryFileSystem.prototype.read.call(fs, uri);
    };
    const workspace = await load(fs);
    assert.deepStrictEqual([...workspace.unreadable.keys()], ['file:///w/study/interviews/sr.transcript.md']);
    workspace.setFile('file:///w/study/interviews/sr.transcript.md', 'R: ok {-}');
    assert.strictEqual(workspace.unreadable.size, 0);
  });

  describe('incremental updates', () => {
    const uris = ['file:///w/study/interviews/a.transcript.md', 'file:///w/study/interviews/sr.transcript.md', 'file:///w/study/x/new.transcript.md'];
    const variants = [
      interviewA,
      interviewSR,
      'A: [satu]{#trust} dua {#price/discount}\nSR: tiga',
      '---\ninformant: W\n---\nCatatan [lapangan]{#trust/quality | rame}.\n',
      'X: {#unknown} [',
      '---\ninterviewer: P\nspeakers: {R: Q1}\n---\nR: kata {#trust}\n\nP: ya?\n',
      '',
    ];
    const informantVariants = [informants, 'A: {role: owner}\n', 'A: {role: owner}\nX: {}\nR: {}\n'];
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), uri: fc.constantFrom(...uris), text: fc.constantFrom(...variants) }),
      fc.record({ kind: fc.constant('delete' as const), uri: fc.constantFrom(...uris) }),
      fc.record({ kind: fc.constant('informants' as const), text: fc.constantFrom(...informantVariants) }),
      fc.record({ kind: fc.constant('subproject' as const), present: fc.boolean() }),
      fc.record({ kind: fc.constant('codebook' as const), text: fc.constantFrom(codebook, 'trust: {codes: {quality: {}}}\nprice: {}\n', 'trust: [') }),
    );

    it('give the same index as a rebuild from scratch after any sequence of edits', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(operation, { maxLength: 12 }), async (operations) => {
          const fs = new MemoryFileSystem(files());
          const workspace = await load(fs);
          const current = new Map(Object.entries(files()));
          // Code statistics are kept up to date from here on, edit by edit.
          codeStats(workspace.projects.get('file:///w/study')!, 'trust');
          for (const op of operations) {
            if (op.kind === 'codebook') {
              workspace.setFile('file:///w/study/codebook.yaml', op.text);
              current.set('file:///w/study/codebook.yaml', op.text);
            } else if (op.kind === 'set') {
              workspace.setFile(op.uri, op.text);
              current.set(op.uri, op.text);
            } else if (op.kind === 'delete') {
              workspace.deleteFile(op.uri);
              current.delete(op.uri);
            } else if (op.kind === 'informants') {
              workspace.setFile('file:///w/study/informants.yaml', op.text);
              current.set('file:///w/study/informants.yaml', op.text);
            } else if (op.present) {
              workspace.setFile('file:///w/study/x/codebook.yaml', 'sub: {description: s}');
              current.set('file:///w/study/x/codebook.yaml', 'sub: {description: s}');
            } else {
              workspace.deleteFile('file:///w/study/x/codebook.yaml');
              current.delete('file:///w/study/x/codebook.yaml');
            }
          }
          const rebuilt = await load(new MemoryFileSystem(Object.fromEntries(current)));
          assert.deepStrictEqual([...workspace.projects.keys()].sort(), [...rebuilt.projects.keys()].sort());
          for (const [root, project] of workspace.projects) {
            const fresh = rebuilt.projects.get(root)!;
            assert.deepStrictEqual(project.index.snapshot(), fresh.index.snapshot());
            // The informant total, kept up to date key by key, against a count of the ids in the data now.
            const listed = project.informants.informants;
            assert.strictEqual(project.informantTotal(), listed.size + [...project.index.informantsInData()].filter((id) => !listed.has(id)).length);
            // A codebook with a YAML error keeps the last good one, which the rebuild never saw.
            if (project.codebook.codes.size === fresh.codebook.codes.size) {
              const paths = [...project.codebook.codes.keys(), 'nope'];
              assert.deepStrictEqual(paths.map((p) => codeStats(project, p)), paths.map((p) => codeStats(fresh, p)));
              // The tree counts the same codings its own way (in one pass, under a filter).
              const tree = allNodes(codeTree(project, {}, { quotes: false }).themes);
              assert.deepStrictEqual(tree.map((n) => ({ codings: n.codings, informants: n.informants })), tree.map((n) => codeStats(project, n.path)));
            }
          }
          assert.deepStrictEqual([...workspace.looseDocuments.keys()].sort(), [...rebuilt.looseDocuments.keys()].sort());
        }),
        { numRuns: 150 },
      );
    });
  });
});
