// Folding: the front matter, and every turn of more than one line.
import * as assert from 'assert';
import { FoldingRangeKind } from 'vscode-languageserver-types';
import { foldingRanges } from '../../server/src/languageService/symbols';
import { study } from '../helpers/project';

describe('folding ranges', () => {
  it('folds the front matter to its closing line and each turn of several lines', () => {
    const text = ['---', 'informant: A', 'interviewer: P', '---', 'P: Satu baris.', '', 'A: Baris satu', 'baris dua', '  baris tiga', '', 'A: Satu lagi.', ''].join('\r\n');
    const s = study({ 'a.transcript.md': text });
    assert.deepStrictEqual(foldingRanges(s.workspace.transcript(s.uri('a.transcript.md'))!), [
      { startLine: 0, endLine: 3, kind: FoldingRangeKind.Region },
      { startLine: 6, endLine: 8 },
    ]);
  });

  it('folds nothing in a transcript of one-line turns without front matter', () => {
    const s = study({ 'a.transcript.md': 'A: Satu.\n\nB: Dua.' });
    assert.deepStrictEqual(foldingRanges(s.workspace.transcript(s.uri('a.transcript.md'))!), []);
  });
});
