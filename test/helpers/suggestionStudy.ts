// A small study for the code suggestions' language features (quick fixes, hover): three codes,
// each coded once in `sr`, and an untagged quote of `w` given by the test, with the quality table
// the server would hold (each code's cross-validated kappa as the test sets it).
import type { SuggestionQualityTable } from '../../server/src/languageService/suggestionActions';

const codebook = `food:
  codes:
    rice: {label: Nasi, description: Meals of rice}
    noodles: {label: Mie, description: Noodle dishes}
transport:
  codes:
    bus: {label: Bis kota, description: Taking the city bus}
`;

/**
 * The study's files. In `sr.transcript.md` the rice coding's words start on line 7, the noodles
 * turn is on line 9, the bus turn on line 11; `w.transcript.md` holds `untaggedAnswer` as A's
 * turn on line 7 (after the interviewer's on line 5).
 */
export function suggestionStudyFiles(untaggedAnswer: string): Record<string, string> {
  return {
    'codebook.yaml': codebook,
    'informants.yaml': 'A: {}\n',
    'sr.transcript.md': '---\ninformant: A\ninterviewer: P\n---\nP: Lalu?\n\nA: [Saya makan nasi goreng setiap pagi.]{#food/rice}\n\nA: Mie goreng pedas. {#food/noodles}\n\nA: Bis kota penuh. {#transport/bus}\n',
    'w.transcript.md': `---\ninformant: A\ninterviewer: P\n---\nP: Lalu?\n\nA: ${untaggedAnswer}\n`,
  };
}

/** The suggestions' quality table with these kappas (support 5 each, the rest unknown). */
export function qualityTable(kappas: Record<string, number | null>): SuggestionQualityTable {
  return {
    folds: 5,
    codes: Object.fromEntries(Object.entries(kappas).map(([code, kappa]) => [code, { support: 5, precision: null, recall: null, kappa }])),
    overall: { macroKappa: null, microF1: null, top3Recall: null },
  };
}
