// The reason in the hover: on an untagged quote's words, its suggested codes good enough to offer
// (kappa at least minKappa), each with its score, its kappa and the coded passages most like the
// quote, linked to where they stand; nothing when the feature is off or no code reaches minKappa.
import * as assert from 'assert';
import { codeActions } from '../../server/src/languageService/codeActions';
import { hover } from '../../server/src/languageService/navigation';
import { study } from '../helpers/project';
import { qualityTable, suggestionStudyFiles } from '../helpers/suggestionStudy';

const files = suggestionStudyFiles('⟦Saya pesan nasi¦ goreng telur.⟧');

describe('the reason for a suggestion, in the hover', () => {
  const s = study(files);
  const w = s.file('w.transcript.md');
  const uri = s.uri('w.transcript.md');
  const sr = s.uri('sr.transcript.md');
  const context = (kappas: Record<string, number | null>, enabled = true, minKappa = 0.4) => ({ settings: { enabled, minKappa }, quality: () => qualityTable(kappas) });
  const hoverWith = (kappas: Record<string, number | null>, enabled = true, minKappa = 0.4) => hover(s.workspace, uri, w.positions[0], context(kappas, enabled, minKappa));

  it('shows the codes offered, best first, with score, kappa and the passages like the quote', () => {
    const kappas = { 'food/rice': 0.5, 'food/noodles': 0.45, 'transport/bus': 0.3 };
    const result = hoverWith(kappas);
    // The scores are those of the quick fixes' titles, computed by the other path.
    const titles = codeActions(s.workspace, uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { untaggedQuote: 'warning' }, context(kappas)).filter((a) => a.title.startsWith('Code as')).map((a) => a.title);
    const [rice, noodles] = titles.map((t) => /— (\d\.\d\d)/.exec(t)![1]);
    assert.deepStrictEqual(titles.length, 2);
    assert.deepStrictEqual(result, {
      contents: {
        kind: 'markdown',
        value: [
          '**Suggested codes** (learned from this study’s coding)',
          '',
          `- **food/rice** ${rice} · κ 0.50, like:`,
          `  - [sr line 7](${sr}#L7) “Saya makan nasi goreng setiap pagi\\.”`,
          `- **food/noodles** ${noodles} · κ 0.45, like:`,
          `  - [sr line 9](${sr}#L9) “Mie goreng pedas\\.”`,
        ].join('\n'),
      },
      range: w.ranges[0],
    });
  });

  it('shows nothing when the feature is off, or no code reaches minKappa', () => {
    assert.strictEqual(hoverWith({ 'food/rice': 0.9, 'food/noodles': 0.9 }, false), null);
    assert.strictEqual(hoverWith({ 'food/rice': 0.39, 'food/noodles': null, 'transport/bus': 0.9 }), null);
    assert.match((hoverWith({ 'food/rice': 0.39 }, true, 0.3)?.contents as { value: string }).value, /\*\*food\/rice\*\* \d\.\d\d · κ 0\.39/);
  });

  it('shows nothing on a coded quote, nor on the interviewer’s turn', () => {
    const coded = s.file('sr.transcript.md').text.indexOf('goreng pedas');
    const position = { line: 8, character: 'A: Mie '.length };
    assert.ok(coded > 0);
    assert.strictEqual(hover(s.workspace, sr, position, context({ 'food/rice': 0.9, 'food/noodles': 0.9 })), null);
    assert.strictEqual(hover(s.workspace, uri, { line: 4, character: 5 }, context({ 'food/rice': 0.9, 'food/noodles': 0.9 })), null);
  });
});
