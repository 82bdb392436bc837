// Document symbols (the outline): each turn with its codings, and codings outside turns.
import * as assert from 'assert';
import { SymbolKind } from 'vscode-languageserver-types';
import { documentSymbols } from '../../server/src/languageService/symbols';
import { study } from '../helpers/project';

describe('document symbols', () => {
  const s = study({
    'a.transcript.md': `---
interviewer: P
---
⟦⟦P⟧: Apa kabar?⟧

⟦⟦A⟧: [⟦Foto asli]{#⟦trust/quality⟧}⟧ dan
   [⟦baris 😀 kedua]{#⟦price/discount⟧ #⟦trust⟧}⟧.⟧

⟦⟦A⟧: Belum.⟧

Observasi toko [⟦ramai]{#⟦trust⟧}⟧.
`,
  });

  it('lists turns (quotes as strings, the interviewer as events) with their codings, then codings outside turns', () => {
    const r = s.file('a.transcript.md').ranges;
    const coding = (name: string, detail: string, range: number, code: number) => ({ name, detail, kind: SymbolKind.Key, range: r[range], selectionRange: r[code] });
    assert.deepStrictEqual(documentSymbols(s.workspace.transcript(s.uri('a.transcript.md'))!), [
      { name: 'P: Apa kabar?', detail: undefined, kind: SymbolKind.Event, range: r[0], selectionRange: r[1], children: [] },
      {
        name: 'A: Foto asli dan baris 😀 kedua.',
        detail: '#trust/quality #price/discount #trust',
        kind: SymbolKind.String,
        range: r[2],
        selectionRange: r[3],
        children: [coding('#trust/quality', 'Foto asli', 4, 5), coding('#price/discount', 'baris 😀 kedua', 6, 7), coding('#trust', 'baris 😀 kedua', 6, 8)],
      },
      { name: 'A: Belum.', detail: 'untagged', kind: SymbolKind.String, range: r[9], selectionRange: r[10], children: [] },
      coding('#trust', 'ramai', 11, 12),
    ]);
  });
});
