// The study report (`qda report`): the codebook appendix, the informant table, the matrices by
// role and by source, co-occurrence, triangulation, and exemplar quotes for each code, as one
// model written out as HTML (one self-contained page that prints), Markdown or Word.
//
// Exemplars: for each code, first the codings the researcher marked (a tag block whose memo
// starts with "exemplar"), then the others in the order of the transcripts, up to `exemplars`
// per code (3 by default; 'all' for every one).
import { projectMemos } from './memos';
import { codeStats, informantIds, projectStats } from './codeTree';
import { codesInScope } from './analysisScope';
import { cooccurrence } from './cooccurrence';
import { excerpt } from '../text/excerpt';
import { escapeHtml, gridHtmlTable, gridMarkdown, htmlPage, type Grid } from './grid';
import { matrix } from './matrix';
import { triangulation } from './triangulation';
import type { Project } from '../project/workspace';

export interface ReportOptions {
  title?: string;
  /** Exemplar quotes per code: a number, or 'all'. */
  exemplars?: number | 'all';
}

export interface Exemplar {
  code: string;
  text: string;
  informant?: string;
  /** The transcript's path in the project, and the line. */
  place: string;
  memo?: string;
  marked: boolean;
}

export interface ReportSection {
  title: string;
  intro?: string;
  grid?: Grid;
  /** Definitions of the codebook appendix, one entry per code. */
  entries?: { heading: string; lines: [string, string][] }[];
  exemplars?: { code: string; quotes: Exemplar[] }[];
}

export interface ReportModel {
  title: string;
  summary: string;
  sections: ReportSection[];
}

const exemplarMark = /^exemplar\b/i;

export function buildReport(project: Project, options: ReportOptions = {}): ReportModel {
  const stats = projectStats(project);
  const codes = codesInScope(project.codebook);
  const informantCount = project.informants.informants.size;
  const sections: ReportSection[] = [];

  sections.push({
    title: 'Codebook',
    intro: 'Each theme and code with its definition, and how often it was applied.',
    entries: codes.map((path) => {
      const definition = project.codebook.codes.get(path)!;
      const counts = codeStats(project, path);
      const lines: [string, string][] = [];
      if (definition.label) lines.push(['Label', definition.label]);
      if (definition.description) lines.push(['Definition', definition.description]);
      if (definition.include) lines.push(['Include', definition.include]);
      if (definition.exclude) lines.push(['Exclude', definition.exclude]);
      if (definition.example) lines.push(['Example', definition.example]);
      lines.push(['Applied', `${counts.codings} ${counts.codings === 1 ? 'coding' : 'codings'}, ${counts.informants} of ${informantCount} informants`]);
      return { heading: path, lines };
    }),
  });

  const attributeKeys = [...new Set([...project.informants.informants.values()].flatMap((i) => Object.keys(i.attributes)))];
  sections.push({
    title: 'Informants',
    grid: {
      header: ['informant', ...attributeKeys, 'quotes', 'coded', 'codings'],
      rows: informantIds(project).map((id) => {
        const informant = project.informants.informants.get(id);
        const s = stats.informants[id];
        return [id, ...attributeKeys.map((key) => informant?.attributes[key] ?? ''), s?.quotes ?? 0, s?.coded ?? 0, s?.codings ?? 0];
      }),
      textColumns: attributeKeys.map((_, i) => i + 1),
    },
  });

  for (const [columns, title] of [
    ['role', 'Codings by role'],
    ['source', 'Codings by source'],
  ] as const) {
    const m = matrix(project, { rows: 'codes', columns, count: 'codings' });
    if (m.columns.length === 0) continue;
    sections.push({ title, grid: { header: ['code', ...m.columns, 'total'], rows: [...m.rows.map((row, r) => [row, ...m.cells[r], m.rowTotals[r]]), ['total', ...m.columnTotals, m.total]] } });
  }

  const c = cooccurrence(project);
  const pairs: [string, string, number, number | null][] = [];
  for (let i = 0; i < c.codes.length; i++) for (let j = i + 1; j < c.codes.length; j++) if (c.cells[i][j] > 0 && !c.codes[j].startsWith(`${c.codes[i]}/`)) pairs.push([c.codes[i], c.codes[j], c.cells[i][j], c.coefficients[i][j]]);
  pairs.sort((a, b) => b[2] - a[2] || (b[3] ?? 0) - (a[3] ?? 0));
  sections.push({
    title: 'Co-occurrence',
    intro: 'Pairs of codes applied in the same quote, most frequent first (a theme and its own codes left out); c is n12 / (n1 + n2 − n12).',
    grid: { header: ['code', 'with code', 'quotes', 'c'], rows: pairs.slice(0, 30).map(([a, b, n, coefficient]) => [a, b, n, coefficient]), textColumns: [1] },
  });

  const rows = triangulation(project);
  sections.push({
    title: 'Triangulation',
    intro: 'The kinds of evidence each code stands on; a code coded on one kind only rests on one source.',
    grid: { header: ['code', 'interview', 'observation', 'documentation', ''], rows: rows.map((r) => [r.code, r.codings.interview, r.codings.observation, r.codings.documentation, r.singleKind ? 'one kind only' : '']), textColumns: [4] },
  });

  sections.push({ title: 'Exemplar quotes', intro: exemplarIntro(options.exemplars ?? 3), exemplars: codes.map((code) => ({ code, quotes: exemplarsOf(project, code, options.exemplars ?? 3) })) });

  const memos = projectMemos(project);
  sections.push({
    title: 'Memos',
    intro: 'The memos about each code: those written on a quote in its tag block, and the memo files of memos/ that name the code.',
    entries: codes
      .map((code) => ({
        heading: code,
        lines: memos
          .filter((memo) => memo.codes.includes(code))
          .map((memo): [string, string] => [
            [`${project.pathOf(memo.uri)}:${memo.range.start.line + 1}`, memo.informant].filter(Boolean).join(' · '),
            memo.kind === 'file' ? `${memo.title}: ${excerpt(memo.text.replace(/^#{1,6}[ \t].*\r?\n/, ''), 300)}` : memo.text,
          ]),
      }))
      .filter((entry) => entry.lines.length > 0),
  });

  return {
    title: options.title ?? 'Coding report',
    summary: `${stats.documents} transcripts, ${stats.quotes} quotes (${stats.codedQuotes} coded), ${stats.codings} codings of ${codes.length} codes, ${informantCount} informants.`,
    sections,
  };
}

function exemplarIntro(exemplars: number | 'all'): string {
  return exemplars === 'all'
    ? 'Every coded quote of each code.'
    : `For each code, up to ${exemplars} quotes: first those marked as exemplars (a memo that starts with "exemplar"), then the first others in the order of the transcripts.`;
}

function exemplarsOf(project: Project, code: string, limit: number | 'all'): Exemplar[] {
  const all = project.index.codingsOf(code).map((ref) => {
    const parsed = project.index.documents.get(ref.uri)!.parsed;
    const memo = ref.coding.memo;
    return {
      code: ref.coding.code,
      text: excerpt(parsed.plainIndex.slice(parsed.plainIndex.codePoints.toUtf16(ref.coding.plainStart), parsed.plainIndex.codePoints.toUtf16(ref.coding.plainEnd)), 400),
      informant: ref.informant,
      place: `${project.pathOf(ref.uri)}:${ref.coding.textRange.start.line + 1}`,
      ...(memo ? { memo } : {}),
      marked: memo !== undefined && exemplarMark.test(memo.trim()),
    };
  });
  const ordered = [...all.filter((e) => e.marked), ...all.filter((e) => !e.marked)];
  return limit === 'all' ? ordered : ordered.slice(0, limit);
}

// ---- HTML and Markdown ---------------------------------------------------------------------------

export function reportHtml(report: ReportModel): string {
  const body = [`<p>${escapeHtml(report.summary)}</p>`];
  for (const section of report.sections) {
    body.push(`<h2>${escapeHtml(section.title)}</h2>`);
    if (section.intro) body.push(`<p class="note">${escapeHtml(section.intro)}</p>`);
    if (section.grid) body.push(gridHtmlTable(section.grid));
    for (const entry of section.entries ?? []) {
      body.push(`<h3>${escapeHtml(entry.heading)}</h3>`, '<dl>');
      for (const [k, v] of entry.lines) body.push(`<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`);
      body.push('</dl>');
    }
    for (const group of section.exemplars ?? []) {
      body.push(`<h3>${escapeHtml(group.code)}</h3>`);
      if (group.quotes.length === 0) body.push('<p class="note">No quote yet.</p>');
      for (const quote of group.quotes) {
        const source = [quote.informant, quote.place].filter(Boolean).join(', ');
        body.push(`<blockquote><p>${escapeHtml(quote.text)}</p><footer>${escapeHtml(source)}${quote.memo ? ` · ${escapeHtml(quote.memo)}` : ''}</footer></blockquote>`);
      }
    }
  }
  return htmlPage(report.title, body.join('\n'));
}

export function reportMarkdown(report: ReportModel): string {
  const md = (text: string) => text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
  const out = [`# ${md(report.title)}`, '', md(report.summary)];
  for (const section of report.sections) {
    out.push('', `## ${md(section.title)}`);
    if (section.intro) out.push('', md(section.intro));
    if (section.grid) out.push('', gridMarkdown(section.grid));
    for (const entry of section.entries ?? []) {
      out.push('', `### ${md(entry.heading)}`, '');
      for (const [k, v] of entry.lines) out.push(`- **${md(k)}:** ${md(v)}`);
    }
    for (const group of section.exemplars ?? []) {
      out.push('', `### ${md(group.code)}`);
      if (group.quotes.length === 0) out.push('', 'No quote yet.');
      for (const quote of group.quotes) {
        const source = [quote.informant, quote.place].filter(Boolean).join(', ');
        out.push('', `> ${md(quote.text)}`, `> — ${md(source)}${quote.memo ? ` · ${md(quote.memo)}` : ''}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}
