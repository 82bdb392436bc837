// The table of "How good are the suggestions?" as Markdown: pure, so a test reads it exactly.
// Every name from the study and every label is escaped: shown as written, never read as Markdown
// or HTML.
import type { SuggestionQualityTable } from '../../server/src/protocol';

/** The words around the figures, in the editor's language. */
export interface QualityLabels {
  title: string;
  intro: string;
  /** code, support, precision, recall, kappa, offered */
  headers: string[];
  footnote: string;
}

export function qualityMarkdown(table: SuggestionQualityTable, minKappa: number, labels: QualityLabels): string {
  const figure = (value: number | null) => (value === null ? '—' : value.toFixed(3));
  const lines = [`# ${escapeMarkdown(labels.title)}`, '', escapeMarkdown(labels.intro), '', `| ${labels.headers.map(escapeMarkdown).join(' | ')} |`, '| --- | ---: | ---: | ---: | ---: | :---: |'];
  for (const [code, q] of Object.entries(table.codes)) {
    const offered = q.kappa !== null && q.kappa >= minKappa;
    lines.push(`| ${escapeMarkdown(code)} | ${q.support} | ${figure(q.precision)} | ${figure(q.recall)} | ${figure(q.kappa)} | ${offered ? '✓' : ''} |`);
  }
  const o = table.overall;
  lines.push('', `**macroKappa** ${figure(o.macroKappa)} · **microF1** ${figure(o.microF1)} · **top3Recall** ${figure(o.top3Recall)}`, '', escapeMarkdown(labels.footnote));
  return lines.join('\n') + '\n';
}

/** Backslash before every character Markdown or HTML could read (CommonMark shows an escaped one as itself). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`);
}
