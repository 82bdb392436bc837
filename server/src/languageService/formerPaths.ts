// The edit of codebook.yaml that records a code's former path (`formerly:`), as an LSP text edit:
// rename.ts and restructureCodes.ts add it (core/model/formerPaths.ts says how it is written).
import type { TextEdit } from 'vscode-languageserver-types';
import { formerPathEdits } from '../core/model/formerPaths';
import { LineIndex } from '../core/text/text';

export { withFormerPath } from '../core/model/formerPaths';

export function formerPathTextEdits(text: string, path: string, old: string): TextEdit[] {
  const lines = new LineIndex(text);
  return formerPathEdits(text, path, old).map((e) => ({ range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.text }));
}
