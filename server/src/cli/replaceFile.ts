// How the command line writes a file it changes (merge-file, git setup, import --onto): a temporary
// file in the same folder, then a rename over the target, so a reader never sees half a file and a
// failure leaves the old one. One function, to be replaced by the project's safe writer.
import { promises as fs } from 'fs';
import * as path from 'path';

export async function replaceFile(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.qda-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(temporary, text, { flag: 'wx' });
    // Keep the file's mode (git's temporary files, a script's executable bit).
    const mode = await fs.stat(file).then((s) => s.mode, () => undefined);
    if (mode !== undefined) await fs.chmod(temporary, mode & 0o7777);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
