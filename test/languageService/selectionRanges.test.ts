// Selection ranges (expand selection): from a code out through its tag block, the coded span,
// the turn's text, the turn, to the whole document.
import * as assert from 'assert';
import type { SelectionRange } from 'vscode-languageserver-types';
import { selectionRanges } from '../../server/src/languageService/symbols';
import { study } from '../helpers/project';

describe('selection ranges', () => {
  const text = `⟦---
interviewer: P
---
⟦P: ⟦Apa kabar?⟧⟧

⟦A: ⟦Saya suka ⟦[⟦Foto¦ asli⟧]⟦{#⟦trust/qu¦ality⟧ #trust}⟧⟧ itu.⟧⟧
⟧`;
  const s = study({ 'a.transcript.md': text });
  const chain = (range: SelectionRange | undefined) => {
    const result = [];
    for (let at = range; at; at = at.parent) result.push(at.range);
    return result;
  };

  it('expands from a code path and from coded text, innermost first', () => {
    const f = s.file('a.transcript.md');
    const r = f.ranges;
    const [fromCode, fromText] = selectionRanges(s.workspace.transcript(s.uri('a.transcript.md'))!, [f.positions[1], f.positions[0]]);
    // r: 0 document, 1 P's turn, 2 its text, 3 A's turn, 4 its text, 5 the coded span, 6 the coded text, 7 the tag block, 8 the code.
    assert.deepStrictEqual(chain(fromCode), [r[8], r[7], r[5], r[4], r[3], r[0]]);
    assert.deepStrictEqual(chain(fromText), [r[6], r[5], r[4], r[3], r[0]]);
  });

  it('gives an empty range where nothing holds the position', () => {
    const far = { line: 99, character: 0 };
    assert.deepStrictEqual(selectionRanges(s.workspace.transcript(s.uri('a.transcript.md'))!, [far]), [{ range: { start: far, end: far } }]);
  });
});
