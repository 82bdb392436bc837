// The merge git itself does, line by line, with its conflict markers: what the transcript and YAML
// merges fall back to where they cannot merge by meaning (a side with broken markup, a file that is
// not YAML). Nothing is lost: every line of both sides is in the result, in a conflict where the
// sides changed the same lines differently.
import { conflictBlock, defaultConflictLabels, type ConflictLabels } from './conflictMarkers';
import { mergeTexts } from './wordAlignment';

export interface LineMerge {
  text: string;
  conflicts: number;
}

export function mergeLines(base: string, ours: string, theirs: string, labels: ConflictLabels = defaultConflictLabels): LineMerge {
  const merged = mergeTexts(base, ours, theirs, 'lines');
  const eol = ours.includes('\r\n') ? '\r\n' : '\n';
  let text = '';
  let at = 0;
  for (const c of merged.conflicts) {
    text += merged.text.slice(at, c.start);
    // A side's last line may lack its line break: the markers must start lines of their own.
    if (text !== '' && !text.endsWith('\n')) text += eol;
    text += conflictBlock(ours.slice(...c.ours), base.slice(...c.base), theirs.slice(...c.theirs), eol, labels);
    at = c.end;
  }
  return { text: text + merged.text.slice(at), conflicts: merged.conflicts.length };
}
