// Find all references: every tag of a code (exactly that path) in every transcript, and every
// place that names an informant; with or without the declaration.
import * as assert from 'assert';
import { references } from '../../server/src/languageService/navigation';
import { codebookYaml, informantsYaml, study } from '../helpers/project';

describe('find all references', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace('    quality:\n', '    ⟦qua¦lity⟧:\n'),
    'informants.yaml': informantsYaml.replace('SR: {', '⟦S¦R⟧: {'),
    'a.transcript.md': `---
informant: A
interviewer: P
---
P: Apa kabar?

A: [Foto asli]{#⟦trust/quality⟧ #trust} dan [ulasan]{#trust/testimonials}.

A: Lagi. {#⟦trust/qu¦ality⟧}
`,
    'b.transcript.md': `---
informant: ⟦SR⟧
speakers: {R: ⟦SR⟧}
interviewer: P
---
P: Kenapa?

⟦R⟧: [Barangnya bagus]{#⟦trust/quality⟧ #trust/quality/x}.

⟦SR⟧: Itu saja. {-}
`,
  });
  const where = (list: { uri: string; range: unknown }[]) => list.map((l) => JSON.stringify(l));
  const locations = (...marks: [string, number][]) => marks.map(([name, k]) => JSON.stringify(s.location(name, k)));

  it('lists the tags of a code in file order, with the codebook key first when asked', () => {
    const { uri, position } = s.at('codebook.yaml');
    const tags = locations(['a.transcript.md', 0], ['a.transcript.md', 1], ['b.transcript.md', 3]);
    assert.deepStrictEqual(where(references(s.workspace, uri, position, true)), [...locations(['codebook.yaml', 0]), ...tags]);
    assert.deepStrictEqual(where(references(s.workspace, uri, position, false)), tags);
  });

  it('finds the same from a tag, and only that exact path (not its theme, not a longer path)', () => {
    const { uri, position } = s.at('a.transcript.md');
    assert.deepStrictEqual(where(references(s.workspace, uri, position, false)), locations(['a.transcript.md', 0], ['a.transcript.md', 1], ['b.transcript.md', 3]));
  });

  it("lists an informant's mentions: front matter, speakers map and the labels of its quotes", () => {
    const { uri, position } = s.at('informants.yaml');
    assert.deepStrictEqual(
      where(references(s.workspace, uri, position, true)),
      locations(['informants.yaml', 0], ['b.transcript.md', 0], ['b.transcript.md', 1], ['b.transcript.md', 2], ['b.transcript.md', 4]),
    );
  });
});
