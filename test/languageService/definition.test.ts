// Go to definition: a code to its codebook key, a speaker or an informant id to informants.yaml.
import * as assert from 'assert';
import { definition } from '../../server/src/languageService/navigation';
import { codebookYaml, informantsYaml, study } from '../helpers/project';

describe('go to definition', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace('    quality:\n', '    ⟦quality⟧:\n').replace('trust:\n', '⟦trust⟧:\n'),
    'informants.yaml': informantsYaml.replace('A: {', '⟦A⟧: {').replace('SR: {', '⟦SR⟧: {'),
    'a.transcript.md': `---
informant: S¦R
speakers: {R: ¦SR}
interviewer: P
---
P: Apa¦ kabar?

¦R: [Foto asli]{#trust/q¦uality #¦trust #trust/quali¦ty-x}.

A¦: Ya. {-}
`,
  });
  const go = (k: number) => definition(s.workspace, s.uri('a.transcript.md'), s.file('a.transcript.md').positions[k]);

  it('goes from a code, or a theme, in a tag to its codebook key', () => {
    assert.deepStrictEqual(go(4), s.location('codebook.yaml', 1));
    assert.deepStrictEqual(go(5), s.location('codebook.yaml', 0));
  });

  it("goes from a speaker label to its informant's key, through the front matter's speakers map", () => {
    assert.deepStrictEqual(go(3), s.location('informants.yaml', 1));
    assert.deepStrictEqual(go(7), s.location('informants.yaml', 0));
  });

  it("goes from the front matter's informant and speakers values to informants.yaml", () => {
    assert.deepStrictEqual(go(0), s.location('informants.yaml', 1));
    assert.deepStrictEqual(go(1), s.location('informants.yaml', 1));
  });

  it('goes nowhere from a code missing from the codebook, or from plain text', () => {
    assert.strictEqual(go(6), null);
    assert.strictEqual(go(2), null);
  });
});
