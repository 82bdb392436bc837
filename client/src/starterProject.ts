// "QDA: Create a starter project": the files of a new project, written in the open folder.
import * as vscode from 'vscode';
import { codebookFileName, informantsFileName } from '../../server/src/core/project/projectFiles';
import { writeNewFile } from './safeWrite';

export function registerStarterProject(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('qda.createStarterProject', createStarterProject));
}

const starterFiles: Record<string, string> = {
  [codebookFileName]: `# Themes are the top-level keys; their codes go under \`codes:\`.
# A code's path is its keys joined by "/", e.g. trust/quality.
trust:
  label: Trust
  description: The informant explains why they believe, or doubt, what they are told.
  color: "#2e7d32"
  codes:
    quality:
      label: Quality assurance
      description: Promises about the quality of goods or services, and whether they were kept.
      example: The parcel looked exactly like the photo.
networks:
  label: Networks
  description: Relationships between people that make exchange possible.
  color: "#1565c0"
  codes:
    friendship:
      label: Friendship and kin
      description: Friends or relatives as a channel to others.
`,
  [informantsFileName]: `# Informant id → attributes. An id can be used directly as a speaker label.
R1:
  role: respondent
  age: 30
`,
  'interview-01.transcript.md': `---
informant: R1
source: interview
date: 2024-01-01
interviewer: I
---
# Interview with R1

I: How did you first hear about the shop?

R1: [A friend from my class sent me their account.]{#networks/friendship}

I: And why did you order?

R1: The photos looked real, so I trusted them.
`,
};

/** Writes a starter codebook.yaml, informants.yaml and an example transcript; never overwrites a file. */
async function createStarterProject(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first; the starter project is created in it.'));
    return;
  }
  const created: string[] = [];
  for (const [name, text] of Object.entries(starterFiles)) {
    const target = vscode.Uri.joinPath(folder.uri, name);
    try {
      // An existing file is the researcher's: left alone.
      await writeNewFile(target, new TextEncoder().encode(text));
      created.push(name);
    } catch {
      continue;
    }
  }
  if (created.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('codebook.yaml, informants.yaml and the example transcript already exist.'));
    return;
  }
  const transcript = vscode.Uri.joinPath(folder.uri, 'interview-01.transcript.md');
  if (created.includes('interview-01.transcript.md')) await vscode.window.showTextDocument(transcript);
  void vscode.window.showInformationMessage(vscode.l10n.t('Created {0}.', created.join(', ')));
}
