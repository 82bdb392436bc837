// What the status bar and the code colours show of one document, and the codes to pick from.
import * as assert from 'assert';
import { codeChoices, documentInfo } from '../../server/src/languageService/documentInfo';
import { codebookYaml, study } from '../helpers/project';

describe('document info', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace("    quality:\n", "    quality:\n      color: '#ff0000'\n"),
    'a.transcript.md': `---
interviewer: P
---
P: Apa kabar?

A: [Foto]{#⟦trust/quality⟧ #⟦trust/testimonials⟧ #price/discount #⟦trust⟧}.

A: Belum tahu.

A: Sudah. {-}

A: Lagi. {#⟦trust/x⟧}
`,
  });

  it('counts quotes, coded and untagged; colours each tag by its code, else its theme', () => {
    const r = s.file('a.transcript.md').ranges;
    assert.deepStrictEqual(documentInfo(s.workspace, s.uri('a.transcript.md')), {
      quotes: 4,
      coded: 2,
      untagged: 1,
      codeColors: [
        { range: r[0], path: 'trust/quality', color: '#ff0000' },
        { range: r[1], path: 'trust/testimonials', color: '#1f77b4' },
        { range: r[2], path: 'trust', color: '#1f77b4' },
      ],
    });
    assert.strictEqual(documentInfo(s.workspace, s.uri('codebook.yaml')), null);
  });

  it('lists the codebook codes with their depth, for "Code selection…"', () => {
    assert.deepStrictEqual(codeChoices(s.workspace, s.uri('a.transcript.md')), [
      { path: 'trust', label: 'Kepercayaan', description: 'Buyers believe the shop.', depth: 0 },
      { path: 'trust/quality', label: 'Kualitas', description: 'Goods arrive as shown.', depth: 1 },
      { path: 'trust/testimonials', label: 'Testimoni', description: 'Reviews from buyers.', depth: 1 },
      { path: 'price', label: undefined, description: 'What things cost.', depth: 0 },
      { path: 'price/discount', label: undefined, description: 'Lower prices for a while.', depth: 1 },
    ]);
    assert.deepStrictEqual(codeChoices(s.workspace, 'file:///elsewhere/a.transcript.md'), []);
  });
});
