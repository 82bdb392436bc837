// Workspace symbols: codebook codes by a fuzzy match on their path, quotes by their words.
import * as assert from 'assert';
import { SymbolKind } from 'vscode-languageserver-types';
import { workspaceSymbols } from '../../server/src/languageService/symbols';
import { codebookYaml, study } from '../helpers/project';

describe('workspace symbols', () => {
  const s = study({
    'codebook.yaml': codebookYaml.replace('    discount:', '    ⟦discount⟧:').replace('    quality:\n', '    ⟦quality⟧:\n'),
    'a.transcript.md': `---
interviewer: P
---
P: Ada foto?

⟦A: Ada [Foto asli]{#trust/quality} di toko,
  dan murah.⟧
`,
    'b.transcript.md': `⟦R: Fotonya bagus 😀.⟧

R: Tidak ada gambar.
`,
  });
  const names = (query: string) => workspaceSymbols(s.workspace, query).map((symbol) => symbol.name);

  it('finds quotes by their words, case aside, the interviewer left out, earliest words first', () => {
    assert.deepStrictEqual(workspaceSymbols(s.workspace, 'FOTO'), [
      { name: 'R: Fotonya bagus 😀.', kind: SymbolKind.String, containerName: undefined, location: s.location('b.transcript.md') },
      { name: 'A: Ada Foto asli di toko, dan murah.', kind: SymbolKind.String, containerName: 'A', location: s.location('a.transcript.md') },
    ]);
  });

  it('finds codes by a fuzzy match on the path, themes and codes alike', () => {
    assert.deepStrictEqual(workspaceSymbols(s.workspace, 'disc'), [
      { name: 'price/discount', kind: SymbolKind.EnumMember, containerName: undefined, location: s.location('codebook.yaml', 1) },
    ]);
    assert.deepStrictEqual(names('trqua'), ['trust/quality']);
  });

  it('takes the query as text, not as a pattern', () => {
    assert.deepStrictEqual(names('f.to'), []);
    assert.deepStrictEqual(names('(foto'), []);
  });
});
