// The index is kept up to date edit by edit; it must always equal one built anew from the files.
// This compares the two (tests call it directly; the server runs it after changes when
// `qda.debug.checkIndexConsistency` is on, and answers `qda/checkIndex` with it).
import { allNodes, codeStats, codeTree } from './codeTree';
import { QdaWorkspace } from '../project/workspace';

export interface ConsistencyReport {
  consistent: boolean;
  /** Transcripts in the rebuilt workspace (up to the first difference). */
  documents: number;
  /** What differs first, when something does. */
  details?: string;
}

/**
 * Compares `live` with a workspace rebuilt from its file system and folders: every project's
 * index, and the code statistics kept up to date edit by edit against a count of the index as it is.
 */
export async function checkIndexConsistency(live: QdaWorkspace): Promise<ConsistencyReport> {
  const rebuilt = new QdaWorkspace(live.fs);
  for (const folder of live.folderUris()) await rebuilt.addFolder(folder);
  const roots = [...new Set([...live.projects.keys(), ...rebuilt.projects.keys()])].sort();
  let documents = 0;
  for (const root of roots) {
    const project = live.projects.get(root);
    const fresh = rebuilt.projects.get(root);
    documents += fresh?.index.documents.size ?? 0;
    if (JSON.stringify(project?.index.snapshot() ?? null) !== JSON.stringify(fresh?.index.snapshot() ?? null)) return { consistent: false, documents, details: `project ${root} differs` };
    for (const node of project ? allNodes(codeTree(project, {}, { quotes: false }).themes) : []) {
      const stats = codeStats(project!, node.path);
      if (stats.codings !== node.codings || stats.informants !== node.informants) return { consistent: false, documents, details: `code statistics of ${node.path} differ` };
    }
  }
  return { consistent: true, documents };
}
