// Quick fixes for a merge conflict left in a transcript (git's markers) where only the codings
// differ: both sides have the same words. Keep ours, keep theirs, or keep both: the union of the
// two sides' codings, merged by the core (core/model/transcriptMerge.ts), the words as they are.
import type { WorkspaceEdit } from 'vscode-languageserver-types';
import { scanConflicts } from '../core/model/conflictMarkers';
import type { ParsedTranscript } from '../core/model/transcript';
import { mergeTranscripts } from '../core/model/transcriptMerge';
import { parseTranscript } from '../core/model/transcriptParser';
import { writeRegion } from '../core/model/transcriptWriter';

export function conflictFixes(parsed: ParsedTranscript, uri: string, line: number): { title: string; edit: WorkspaceEdit }[] {
  const text = parsed.text;
  const region = scanConflicts(text).regions.find((r) => parsed.lines.positionAt(r.start).line === line);
  if (!region) return [];
  const ours = text.slice(region.oursStart, region.oursEnd);
  const theirs = text.slice(region.theirsStart, region.theirsEnd);
  // Parsed on a line of their own: a side that starts with `---` is no front matter.
  const words = (side: string) => parseTranscript(`\n${side}`).plainText;
  if (words(ours) !== words(theirs)) return [];
  const range = parsed.lines.rangeOf({ start: region.start, end: region.end });
  const replaceWith = (newText: string): WorkspaceEdit => ({ changes: { [uri]: [{ range, newText }] } });
  const fixes = [
    { title: 'Keep our codings (resolve the conflict)', edit: replaceWith(ours) },
    { title: 'Keep their codings (resolve the conflict)', edit: replaceWith(theirs) },
  ];
  const plain = words(ours).slice(1);
  const uncoded = writeRegion({ text: plain, from: 0, to: plain.length, codings: [], memos: new Map(), reviews: [], timestamps: new Map() });
  const both = mergeTranscripts(uncoded, ours, theirs);
  if (both.conflicts === 0 && words(both.text) === words(ours)) fixes.push({ title: 'Keep both sides\' codings (resolve the conflict)', edit: replaceWith(both.text) });
  return fixes;
}
