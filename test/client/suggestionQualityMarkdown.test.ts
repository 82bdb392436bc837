// "How good are the suggestions?": the table as Markdown, exactly; names from the study escaped.
import * as assert from 'assert';
import { qualityMarkdown } from '../../client/src/suggestionQualityMarkdown';

describe('the table of how good the suggestions are', () => {
  it('lists every code with its figures, marks those offered under minKappa, and escapes names', () => {
    const table = {
      folds: 5,
      codes: {
        'price/low-prices': { support: 8, precision: 0.667, recall: 0.5, kappa: 0.523 },
        'trust/<b>bold</b>|x': { support: 1, precision: null, recall: 0, kappa: -0.015 },
        'trust/quality': { support: 5, precision: 0.4, recall: 0.4, kappa: 0.4 },
      },
      overall: { macroKappa: 0.4615, microF1: 0.484, top3Recall: null },
    };
    const labels = { title: 'How good?', intro: 'sample: 5 folds.', headers: ['code', 'support', 'precision', 'recall', 'kappa', 'offered'], footnote: 'See *docs*.' };
    assert.strictEqual(
      qualityMarkdown(table, 0.4, labels),
      [
        '# How good?',
        '',
        'sample: 5 folds\\.',
        '',
        '| code | support | precision | recall | kappa | offered |',
        '| --- | ---: | ---: | ---: | ---: | :---: |',
        '| price/low\\-prices | 8 | 0.667 | 0.500 | 0.523 | ✓ |',
        '| trust/\\<b\\>bold\\</b\\>\\|x | 1 | — | 0.000 | -0.015 |  |',
        '| trust/quality | 5 | 0.400 | 0.400 | 0.400 | ✓ |',
        '',
        '**macroKappa** 0.462 · **microF1** 0.484 · **top3Recall** —',
        '',
        'See \\*docs\\*\\.',
        '',
      ].join('\n'),
    );
  });
});
