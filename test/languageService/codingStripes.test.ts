// Coding stripes: one per run of lines a code covers, in lanes that never overlap, in the code's
// (or its theme's) colour; past the lanes, the crowded lines list every code on them.
import * as assert from 'assert';
import { codingStripes } from '../../server/src/languageService/codingStripes';
import { study } from '../helpers/project';

describe('coding stripes', () => {
  const s = study({
    // Lines:    0    1   2   3   4   5   6   7    8    9   10  11
    'a.transcript.md': [
      '---',
      'informant: A',
      '---',
      'A: [Foto asli]{#trust/quality} dan',
      '   harga [murah]{#price/discount}. {#trust}',
      '',
      'A: Lagi',
      '   dan lagi. {#trust/quality}',
      '',
      'A: [Satu [dua [tiga [empat]{#trust/testimonials}]{#price}]{#trust/quality}]{#price/discount}',
      '',
      'A: Akhir. {#trust/quality}',
    ].join('\n'),
  });
  const parsed = s.workspace.transcript(s.uri('a.transcript.md'))!;
  const project = s.workspace.projectFor(s.uri('a.transcript.md'));

  it('draws a stripe per run of lines, in non-overlapping lanes, in the codebook colours', () => {
    const { stripes } = codingStripes(parsed, project, 3);
    const shown = stripes.map((x) => `${x.code} ${x.startLine}-${x.endLine} lane ${x.lane} ${x.color ?? '-'}`);
    assert.deepStrictEqual(shown, [
      'trust 3-4 lane 0 #1f77b4',
      'trust/quality 3-3 lane 1 #1f77b4',
      'price/discount 4-4 lane 1 -',
      'trust/quality 6-7 lane 0 #1f77b4',
      'price 9-9 lane 0 -',
      'price/discount 9-9 lane 1 -',
      'trust/quality 9-9 lane 2 #1f77b4',
      'trust/quality 11-11 lane 0 #1f77b4',
    ]);
    // No two stripes share a lane on a line.
    for (const a of stripes) for (const b of stripes) if (a !== b && a.lane === b.lane) assert.ok(a.endLine < b.startLine || b.endLine < a.startLine, `${a.code} and ${b.code}`);
  });

  it('lists every code of a line with more codes than lanes', () => {
    const { stripes, crowded } = codingStripes(parsed, project, 3);
    assert.ok(!stripes.some((x) => x.code === 'trust/testimonials'));
    assert.deepStrictEqual(crowded, [{ line: 9, codes: ['price', 'price/discount', 'trust/quality', 'trust/testimonials'] }]);
    assert.deepStrictEqual(codingStripes(parsed, project, 4).crowded, []);
  });
});
