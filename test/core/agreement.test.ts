// Inter-coder agreement: the measures against published worked examples and an independent
// computation, and the comparison of two coders' copies of a project.
import * as assert from 'assert';
import fc from 'fast-check';
import { agreement, type Coder } from '../../server/src/core/analyses/agreement';
import { Coincidences, cohen } from '../../server/src/core/analyses/agreementMeasures';
import { QdaWorkspace } from '../../server/src/core/project/workspace';

const codebook = 'trust:\n  description: T.\n  codes:\n    quality: {description: Q.}\n    testimonials: {description: R.}\nprice:\n  description: P.\n  codes:\n    discount: {description: D.}\n    unused: {description: U.}\n';

/** A coder's copy of a project: the codebook above and the given transcripts. */
function coder(name: string, transcripts: Record<string, string>): Coder {
  const workspace = new QdaWorkspace({ list: async () => [], read: async () => '' });
  const root = `file:///${name}`;
  workspace.setFile(`${root}/codebook.yaml`, codebook);
  for (const [path, text] of Object.entries(transcripts)) workspace.setFile(`${root}/${path}`, text);
  return { name, project: workspace.projects.get(root)! };
}

describe('agreement measures', () => {
  it("gives NVivo's published example: 1,000 characters, 50 coded by both, 150 by one only, 800 by neither", () => {
    // A codes 150 characters, B 100, 50 of them the same.
    assert.deepStrictEqual(cohen({ both: 50, firstOnly: 100, secondOnly: 50, neither: 800 }).percentAgreement, 85);
    assert.strictEqual(Math.round(cohen({ both: 50, firstOnly: 100, secondOnly: 50, neither: 800 }).kappa! * 1000) / 1000, 0.318);
    // The same through two coders' transcripts of 1,000 plain characters.
    const x = (n: number) => 'x'.repeat(n);
    const a = coder('A', { 'n.transcript.md': `[${x(150)}]{#trust/quality}${x(850)}` });
    const b = coder('B', { 'n.transcript.md': `${x(100)}[${x(100)}]{#trust/quality}${x(800)}` });
    const report = agreement([a, b], 'character');
    assert.deepStrictEqual(report.codes['trust/quality'].pairs, [{ coders: ['A', 'B'], percentAgreement: 85, kappa: 0.318, units: 1000 }]);
    assert.deepStrictEqual(report.codes['trust/quality'].coded, [150, 100]);
  });

  it("gives Krippendorff's published reliability data: 4 coders, 12 units, missing values, nominal alpha 0.743", () => {
    // Krippendorff, "Computing Krippendorff's alpha-reliability" (2011), the example with missing data.
    const data = [
      [1, 1, undefined, 1],
      [2, 2, 3, 2],
      [3, 3, 3, 3],
      [3, 3, 3, 3],
      [2, 2, 2, 2],
      [1, 2, 3, 4],
      [4, 4, 4, 4],
      [1, 1, 2, 1],
      [2, 2, 2, 2],
      [undefined, 5, 5, 5],
      [undefined, undefined, 1, 1],
      [undefined, 3, undefined, undefined],
    ];
    const coincidences = new Coincidences();
    for (const unit of data) coincidences.addValues(unit.map((v) => (v === undefined ? undefined : String(v))));
    assert.strictEqual(Math.round(coincidences.alpha()! * 1000) / 1000, 0.743);
  });

  /** Cohen's kappa written from its definition, over the units themselves. */
  function kappaByHand(a: boolean[], b: boolean[]): number | null {
    const n = a.length;
    let agree = 0;
    for (let i = 0; i < n; i++) if (a[i] === b[i]) agree++;
    const po = agree / n;
    const share = (v: boolean[], value: boolean) => v.filter((x) => x === value).length / n;
    const pe = share(a, true) * share(b, true) + share(a, false) * share(b, false);
    return pe === 1 ? null : (po - pe) / (1 - pe);
  }

  /** Krippendorff's nominal alpha from every pair of values within each unit, written out. */
  function alphaByHand(units: (string | undefined)[][]): number | null {
    const pairable = units.map((u) => u.filter((v): v is string => v !== undefined)).filter((u) => u.length >= 2);
    const values = pairable.flat();
    const n = values.length;
    let observed = 0;
    for (const u of pairable) for (let i = 0; i < u.length; i++) for (let j = 0; j < u.length; j++) if (i !== j && u[i] !== u[j]) observed += 1 / (u.length - 1);
    let expected = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j && values[i] !== values[j]) expected += 1;
    if (n <= 1 || expected === 0) return null;
    return 1 - (n - 1) * (observed / expected);
  }

  it('computes kappa and alpha as written out by hand, over generated units', () => {
    const pair = fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(pair, (units) => {
        const a = units.map((u) => u[0]);
        const b = units.map((u) => u[1]);
        const table = { both: 0, firstOnly: 0, secondOnly: 0, neither: 0 };
        for (const [x, y] of units) table[x && y ? 'both' : x ? 'firstOnly' : y ? 'secondOnly' : 'neither']++;
        const expected = kappaByHand(a, b);
        const kappa = cohen(table).kappa;
        if (expected === null) assert.strictEqual(kappa, null);
        else assert.ok(Math.abs(kappa! - expected) < 1e-9, `${kappa} vs ${expected}`);
      }),
      { numRuns: 1000 },
    );
    const values = fc.array(fc.array(fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }), { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(values, (units) => {
        const coincidences = new Coincidences();
        for (const u of units) coincidences.addValues(u);
        const expected = alphaByHand(units);
        const alpha = coincidences.alpha();
        if (expected === null) assert.strictEqual(alpha, null);
        else assert.ok(Math.abs(alpha! - expected) < 1e-9, `${alpha} vs ${expected}`);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('agreement between coders', () => {
  const text = (coding: string) => `---
informant: SR
interviewer: P
---
P: Kenapa belanja di sana?

SR: ${coding}

P: Lalu?

SR: Saya lihat ulasan dulu. {#trust/testimonials}

SR: Tidak ada lagi.
`;
  const first = coder('coder1', { 'a.transcript.md': text('[Barangnya bagus]{#trust/quality} dan murah. {#price/discount}') });
  const second = coder('coder2', { 'a.transcript.md': text('Barangnya [bagus dan murah]{#price/discount}.') });

  it('counts quotes reviewed by both: who held each code, and the theme from any of its codes', () => {
    const report = agreement([first, second], 'quote');
    // Quotes: 1 (coded differently), 2 (both: testimonials), 3 (untagged by both: not compared).
    assert.deepStrictEqual(report.codes['trust/quality'].pairs[0], { coders: ['coder1', 'coder2'], percentAgreement: 50, kappa: 0, units: 2 });
    assert.deepStrictEqual(report.codes['price/discount'].pairs[0], { coders: ['coder1', 'coder2'], percentAgreement: 100, kappa: 1, units: 2 });
    assert.deepStrictEqual(report.codes.trust.pairs[0], { coders: ['coder1', 'coder2'], percentAgreement: 50, kappa: 0, units: 2 });
    assert.deepStrictEqual(report.codes['price/unused'], { percentAgreement: 100, kappa: null, alpha: null, units: 2, coded: [0, 0], pairs: [{ coders: ['coder1', 'coder2'], percentAgreement: 100, kappa: null, units: 2 }] });
    assert.deepStrictEqual(report.disagreements, [
      { path: 'a.transcript.md', line: 7, turn: 1, speaker: 'SR', text: 'Barangnya bagus dan murah.', codes: [['trust/quality', 'price/discount'], ['price/discount']], differ: ['trust', 'trust/quality'] },
    ]);
  });

  it('gives 100 %, kappa 1 and alpha 1 for identical coders, and the same figures whichever coder comes first', () => {
    const copy = coder('copy', { 'a.transcript.md': text('[Barangnya bagus]{#trust/quality} dan murah. {#price/discount}') });
    for (const unit of ['quote', 'character'] as const) {
      const same = agreement([first, copy], unit);
      assert.deepStrictEqual([same.overall.percentAgreement, same.overall.kappa, same.overall.alpha, same.disagreements.length], [100, 1, 1, 0], unit);
      const ab = agreement([first, second], unit);
      const ba = agreement([second, first], unit);
      const figures = (r: typeof ab) => Object.entries(r.codes).map(([code, m]) => [code, m.percentAgreement, m.kappa, m.alpha, m.units]);
      assert.deepStrictEqual(figures(ba), figures(ab), unit);
    }
  });

  it('reports a transcript whose plain text differs, with the first difference, and compares the rest', () => {
    const changed = coder('coder2', {
      'a.transcript.md': text('Barangnya [bagus dan murah]{#price/discount}'),
      'b.transcript.md': 'SR: Satu dua tiga.\n',
    });
    const original = coder('coder1', { 'a.transcript.md': text('[Barangnya bagus]{#trust/quality} dan murah. {#price/discount}'), 'b.transcript.md': 'SR: Satu dua empat.\n', 'c.transcript.md': 'SR: x\n' });
    const report = agreement([original, changed], 'quote');
    assert.deepStrictEqual(report.documents, []);
    assert.deepStrictEqual(report.skipped, [
      // Columns of the first coder's file: the full stop after "murah", and "empat".
      { path: 'a.transcript.md', reason: 'the plain text differs from line 7, column 48: coder1 has ". P: Lalu? SR: Saya lihat ul", coder2 has "P: Lalu? SR: Saya lihat ula"' },
      { path: 'b.transcript.md', reason: 'the plain text differs from line 1, column 14: coder1 has "empat.", coder2 has "tiga."' },
      { path: 'c.transcript.md', reason: 'not in coder2' },
    ]);
    assert.deepStrictEqual([report.overall.percentAgreement, report.overall.kappa, report.overall.alpha, report.overall.units], [null, null, null, 0]);
  });
});
