// Document highlights: the same code in the file, or the same speaker's labels.
import * as assert from 'assert';
import { documentHighlights } from '../../server/src/languageService/navigation';
import { study } from '../helpers/project';

describe('document highlights', () => {
  const s = study({
    'a.transcript.md': `---
interviewer: P
---
P: Apa kabar? ¦

⟦A⟧: [Foto asli]{#⟦trust/qu¦ality⟧ #trust} dan [ulasan]{#trust/testimonials}.

⟦¦A⟧: Lagi. {#⟦trust/quality⟧}

W: Saya juga. {#trust/quality/x}
`,
  });
  const highlight = (k: number) => documentHighlights(s.workspace, s.uri('a.transcript.md'), s.file('a.transcript.md').positions[k]);
  const ranges = (...k: number[]) => k.map((i) => ({ range: s.file('a.transcript.md').ranges[i], kind: 1 }));

  it('highlights each tag of the code under the cursor, and no other path', () => {
    assert.deepStrictEqual(highlight(1), ranges(1, 3));
  });

  it("highlights the speaker's labels", () => {
    assert.deepStrictEqual(highlight(2), ranges(0, 2));
  });

  it('highlights nothing in plain text', () => {
    assert.deepStrictEqual(highlight(0), []);
  });
});
