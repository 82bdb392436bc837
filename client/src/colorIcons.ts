// Tree item icons in a codebook colour. Tree views take icon files, not colours, so each colour
// gets a small SVG circle in the extension's own storage (never in the user's workspace). Desktop
// only: the browser build has no disk to write them to, and shows the views' plain icons.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const made = new Map<string, vscode.Uri>();

export function colorIcon(storage: vscode.Uri, color: string): vscode.Uri | undefined {
  // Only plain colour values: a codebook's text never reaches the SVG otherwise.
  if (!/^#[0-9a-fA-F]{3,8}$|^[a-zA-Z]{3,20}$/.test(color)) return undefined;
  let uri = made.get(color);
  if (!uri) {
    const file = path.join(storage.fsPath, `code-${color.replace('#', '')}.svg`);
    try {
      fs.mkdirSync(storage.fsPath, { recursive: true });
      // Written beside, then renamed: a window closed mid-write never leaves a broken icon that a later one would show.
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="5" fill="${color}"/></svg>`);
      fs.renameSync(temporary, file);
    } catch {
      return undefined;
    }
    uri = vscode.Uri.file(file);
    made.set(color, uri);
  }
  return uri;
}
