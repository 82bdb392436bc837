// The REFI-QDA schemas and the real MAXQDA export live in the workplace's shared folder, not in the
// repository (third-party files are not committed). Tests find it beside the repository, or at the
// machine's fixed path when run from a clean clone elsewhere, or where QDA_SHARED says; without it
// they fail and say where they looked, rather than pass without checking.
import { existsSync } from 'fs';
import * as path from 'path';

const repo = path.resolve(__dirname, '../../..');

export function sharedFolder(): string {
  const candidates = [process.env.QDA_SHARED, path.resolve(repo, '../shared'), '/work/shared'].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(path.join(c, 'refi-qda', 'Project.xsd')));
  if (!found) throw new Error(`the shared folder with refi-qda/ is not at ${candidates.join(' nor ')}; set QDA_SHARED`);
  return found;
}
