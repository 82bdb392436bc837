// The bad-input matrix (docs/reliability.md): each bad input gets a clear problem at the right
// place, and everything else keeps working. Inputs already covered elsewhere are named there.
import * as assert from 'assert';
import { codeStats, codeTree, projectStats, treeBranches, treeQuotes } from '../../server/src/core/analyses/codeTree';
import type { TreeFilter } from '../../server/src/core/analyses/treeFilter';
import { gridText } from '../../server/src/core/analyses/grid';
import { parseCodebook } from '../../server/src/core/model/codebook';
import { parseInformants } from '../../server/src/core/model/informants';
import { diagnoseWorkspace } from '../../server/src/core/project/diagnostics';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { parseTranscript } from '../../server/src/core/model/transcriptParser';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { rankCodes } from '../../server/src/languageService/completion';
import { describeCode, escapeMarkdown } from '../../server/src/languageService/describe';
import { checkInvariants } from '../fuzz/fuzzer';

describe('bad inputs', function () {
  this.timeout(60000);

  it('a codebook with 10,000 codes: read, completed and counted', async () => {
    const lines: string[] = [];
    for (let t = 0; t < 100; t++) {
      lines.push(`t${t}:`, '  description: A theme.', '  codes:');
      for (let c = 0; c < 99; c++) lines.push(`    c${c}: {description: A code.}`);
    }
    const codebook = parseCodebook(lines.join('\n'));
    assert.strictEqual(codebook.codes.size, 100 * 100);
    assert.deepStrictEqual(codebook.problems, []);
    // And 7,000 informants: 70 million code-and-informant pairs, which the counting never enumerates.
    const informants = Array.from({ length: 7000 }, (_, i) => `I${i}: {role: customer}`).join('\n');
    const workspace = new QdaWorkspace(
      new MemoryFileSystem({
        'file:///p/codebook.yaml': lines.join('\n'),
        'file:///p/informants.yaml': informants,
        'file:///p/a.transcript.md': 'I6999: [x]{#t42/c7}\n\nI5: [y]{#t42/c7} [z]{#t42}',
      }),
    );
    await workspace.addFolder('file:///p');
    const project = workspace.projects.get('file:///p')!;
    assert.deepStrictEqual(rankCodes(project, 't42/c7').slice(0, 1), ['t42/c7']);
    const tree = codeTree(project, {}, { quotes: false });
    assert.deepStrictEqual([tree.themes[42].codings, tree.themes[42].informants, tree.themes[42].notCodedCount, tree.themes[42].notCoded], [3, 2, 6998, undefined]);
    const notCoded = treeBranches(project, {}, { kind: 'notCoded', path: 't42' }) as { id: string }[];
    assert.deepStrictEqual([notCoded.length, notCoded.some((b) => b.id === 'I5' || b.id === 'I6999')], [6998, false]);
    assert.deepStrictEqual(codeStats(project, 't42/c7'), { codings: 2, informants: 2 });
  });

  it('a 10 MB transcript and a line of 5 MB parse whole, every invariant held (their speed is the benchmark\'s)', () => {
    const turn = 'SR: [barangnya bagus]{#trust} dan harganya murah sekali, Kak 😀 {#price}\n\nP: oke?\n\n';
    const big = turn.repeat(Math.ceil((10 << 20) / turn.length));
    assert.strictEqual(checkInvariants(big), undefined);
    assert.strictEqual(parseTranscript(big).codings.length, 2 * Math.ceil((10 << 20) / turn.length));
    const line = `SR: ${'kata [x]{#a} '.repeat((5 << 20) / 13)}`;
    assert.strictEqual(checkInvariants(line), undefined);
  });

  it('a table of 300,000 rows is aligned (no spread of its rows into one call)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`code ${i}`, i]);
    const lines = gridText({ header: ['code', 'n'], rows }).split('\n');
    assert.deepStrictEqual([lines.length, lines[1], lines[300_000]], [300_001, 'code 0            0', 'code 299999  299999']);
  });

  it('a codebook.yaml and an informants.yaml of 200,000 stray conflict markers are read, each marker reported (no spread into one call)', () => {
    const codebook = parseCodebook('=======\n'.repeat(200_000));
    const informants = parseInformants('>>>>>>>\n'.repeat(200_000));
    assert.deepStrictEqual(
      [codebook, informants].map((file) => file.problems.filter((p) => p.code === 'merge-conflict').length),
      [200_000, 200_000],
    );
  });

  it('empty files: no codes, no turns, no problem, nothing breaks', async () => {
    const workspace = new QdaWorkspace(
      new MemoryFileSystem({ 'file:///p/codebook.yaml': '', 'file:///p/informants.yaml': '', 'file:///p/a.transcript.md': '', 'file:///p/b.transcript.md': 'A: ya {#x}' }),
    );
    await workspace.addFolder('file:///p');
    assert.deepStrictEqual(
      diagnoseWorkspace(workspace).map((f) => [f.uri, f.diagnostics.map((d) => d.code)]),
      [['file:///p/b.transcript.md', ['unmapped-speaker', 'unknown-code']]],
    );
    assert.deepStrictEqual(codeTree(workspace.projects.get('file:///p')!).themes, []);
  });

  it('tree requests of another shape than the protocol\'s: what is well formed filters, the rest is nothing, nothing throws', async () => {
    const workspace = new QdaWorkspace(new MemoryFileSystem({ 'file:///p/codebook.yaml': 't: {}\n', 'file:///p/informants.yaml': 'A: {role: owner}\n', 'file:///p/a.transcript.md': 'A: ya {#t}\n' }));
    await workspace.addFolder('file:///p');
    const project = workspace.projects.get('file:///p')!;
    const whole = codeTree(project, {}, { quotes: false });
    for (const filter of [null, { text: 5 }, { attributes: 'role' }, { attributes: { role: 7 } }, { sources: 'interview' }]) {
      assert.deepStrictEqual(codeTree(project, filter as unknown as TreeFilter, { quotes: false }), whole, JSON.stringify(filter));
    }
    for (const of of [null, undefined, { kind: 'nope' }, 7]) {
      assert.deepStrictEqual(treeBranches(project, {}, of as never), [], JSON.stringify(of));
      assert.deepStrictEqual(treeQuotes(project, {}, of as never), [], JSON.stringify(of));
    }
  });

  it('an informant and a code named __proto__ are counted as any other (no prototype is set)', async () => {
    const workspace = new QdaWorkspace(
      new MemoryFileSystem({ 'file:///p/codebook.yaml': '__proto__: {}\nt: {}\n', 'file:///p/informants.yaml': '__proto__: {role: owner}\nB: {}\n', 'file:///p/a.transcript.md': '__proto__: ya {#__proto__}\n\nB: tidak {#t}\n' }),
    );
    await workspace.addFolder('file:///p');
    const stats = JSON.parse(JSON.stringify(projectStats(workspace.projects.get('file:///p')!)));
    assert.deepStrictEqual(Object.keys(stats.informants), ['__proto__', 'B']);
    assert.deepStrictEqual(stats.informants.__proto__, { quotes: 1, coded: 1, codings: 1 });
    assert.deepStrictEqual(Object.keys(stats.codes), ['__proto__', 't']);
    assert.deepStrictEqual(stats.codes.__proto__, { codings: 1, informants: 1 });
  });

  it('YAML tags are not constructors: a !!js/function stays text, nothing runs', () => {
    const codebook = parseCodebook('trust:\n  description: !!js/function "function () { globalThis.ran = true }"\n  label: !custom x\n');
    assert.strictEqual((globalThis as Record<string, unknown>).ran, undefined);
    const trust = codebook.codes.get('trust')!;
    assert.strictEqual(typeof trust.description, 'string');
    assert.strictEqual(trust.label, 'x');
  });

  it('text from transcripts and codebooks is escaped wherever it becomes Markdown', () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> [link](javascript:alert(1))';
    const escaped = escapeMarkdown(hostile);
    const unescaped = /(^|[^\\])[<[(]/;
    assert.ok(!unescaped.test(escaped), escaped);
    assert.strictEqual(escaped.replace(/\\(.)/g, '$1'), hostile, 'escaping loses no character');
    const codebook = parseCodebook(`trust:\n  label: "${hostile.replace(/"/g, '\\"')}"\n  description: "${hostile.replace(/"/g, '\\"')}"\n`);
    const markdown = describeCode(codebook.codes.get('trust')!, { codings: 0, informants: 0, totalInformants: 0 });
    assert.ok(!unescaped.test(markdown.replace(/^\*\*trust\*\*/, '')), markdown);
  });
});
