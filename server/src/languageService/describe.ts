// Markdown descriptions of codes and informants, shared by hover and completion. Text from the
// user's files is escaped: it is shown as written, never interpreted as Markdown or HTML.
import type { CodeDefinition } from '../core/model/codebook';
import type { Informant } from '../core/model/informants';
import { codeStats, type CodeStats } from '../core/analyses/codeTree';
import type { Project } from '../core/project/workspace';

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`);
}

export interface CodeCounts extends CodeStats {
  totalInformants: number;
}

export function codeCounts(project: Project, path: string): CodeCounts {
  return { ...codeStats(project, path), totalInformants: project.informantTotal() };
}

export function describeCode(definition: CodeDefinition, counts: CodeCounts): string {
  const lines = [`**${escapeMarkdown(definition.path)}**${definition.label ? ` · ${escapeMarkdown(definition.label)}` : ''}`];
  if (definition.description) lines.push('', escapeMarkdown(definition.description));
  const rules: [string, string | undefined][] = [
    ['Include', definition.include],
    ['Exclude', definition.exclude],
    ['Example', definition.example],
  ];
  const shown = rules.filter(([, text]) => text);
  if (shown.length) lines.push('', ...shown.map(([name, text]) => `*${name}:* ${escapeMarkdown(text!)}  `));
  const informants = counts.totalInformants > 0 ? `${counts.informants}/${counts.totalInformants}` : `${counts.informants}`;
  lines.push('', `${counts.codings} ${counts.codings === 1 ? 'coding' : 'codings'} · ${informants} informants`);
  return lines.join('\n');
}

export function describeUnknownCode(path: string): string {
  return `**${escapeMarkdown(path)}**\n\nNot in codebook.yaml.`;
}

export function describeInformant(id: string, informant: Informant | undefined, quotes: number, codings: number): string {
  const lines = [`**${escapeMarkdown(id)}**`];
  if (!informant) {
    lines.push('', 'Not in informants.yaml.');
    return lines.join('\n');
  }
  const attributes = Object.entries(informant.attributes);
  if (attributes.length) lines.push('', ...attributes.map(([k, v]) => `${escapeMarkdown(k)}: ${escapeMarkdown(v)}  `));
  lines.push('', `${quotes} ${quotes === 1 ? 'quote' : 'quotes'} · ${codings} ${codings === 1 ? 'coding' : 'codings'}`);
  return lines.join('\n');
}
