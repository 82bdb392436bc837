// Coded-segment queries: the expression, its evaluation by quote and by overlapping text.
import * as assert from 'assert';
import { parseSegmentExpression, segments } from '../../server/src/core/analyses/segments';
import { study } from '../helpers/project';

describe('segment queries', () => {
  const s = study({
    'a.transcript.md': `---
informant: A
interviewer: P
source: interview
---
P: Apa?

A: [Foto asli]{#trust/quality | difoto sendiri} dan [harga pas]{#price/discount}.

A: [Murah sekali [dan bagus]{#trust/testimonials}]{#price/discount}.

A: Hanya [percaya]{#trust}.
`,
    'b.transcript.md': `---
informant: SR
interviewer: P
source: observation
---
SR: [Diskon]{#price/discount} saja.
`,
  });
  const project = s.workspace.projects.get('file:///study')!;
  const found = (expression: string, options: { overlap?: boolean; text?: string; sources?: string[] } = {}) =>
    segments(project, { expression: parseSegmentExpression(expression), overlap: options.overlap, text: options.text, filter: { sources: options.sources } }).map((r) => `${r.uri.split('/').pop()}:${r.line}:${r.column} ${r.code} "${r.text}"${r.memo ? ` | ${r.memo}` : ''}`);

  it('reads expressions: AND binds tighter than OR, NOT and parentheses, keywords in any case', () => {
    assert.deepStrictEqual(parseSegmentExpression('trust and price or NOT (networks)'), {
      kind: 'or',
      operands: [{ kind: 'and', operands: [{ kind: 'code', path: 'trust' }, { kind: 'code', path: 'price' }] }, { kind: 'not', operand: { kind: 'code', path: 'networks' } }],
    });
    assert.throws(() => parseSegmentExpression('trust AND'), /ends too early/);
    assert.throws(() => parseSegmentExpression('(trust'), /not closed/);
    assert.throws(() => parseSegmentExpression('trust price'), /'price' after the end/);
  });

  it('finds the codings of quotes that hold both codes, a theme holding its codes', () => {
    assert.deepStrictEqual(found('trust AND price/discount'), [
      'a.transcript.md:8:5 trust/quality "Foto asli" | difoto sendiri',
      'a.transcript.md:8:54 price/discount "harga pas"',
      'a.transcript.md:10:5 price/discount "Murah sekali dan bagus"',
      'a.transcript.md:10:19 trust/testimonials "dan bagus"',
    ]);
  });

  it('finds, on overlapping text, only where the codes hold the same words', () => {
    assert.deepStrictEqual(found('trust AND price', { overlap: true }), ['a.transcript.md:10:5 price/discount "Murah sekali dan bagus"', 'a.transcript.md:10:19 trust/testimonials "dan bagus"']);
  });

  it('takes OR and NOT, and filters by source and text', () => {
    assert.deepStrictEqual(found('price AND NOT trust'), ['b.transcript.md:6:6 price/discount "Diskon"']);
    assert.deepStrictEqual(found('trust/testimonials OR price', { sources: ['interview'], text: 'MURAH' }), ['a.transcript.md:10:5 price/discount "Murah sekali dan bagus"']);
  });

  it('refuses a code missing from the codebook', () => {
    assert.throws(() => found('trust AND prise'), /'prise' is not in codebook.yaml/);
  });
});
