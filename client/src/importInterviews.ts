// "Import interview transcripts…": files from Zoom, Teams, Whisper, Otter, oTranscribe, Word or
// plain text become transcripts in a folder the researcher picks. The server converts them
// (qda/importInterviews) twice: once to learn who speaks, then, after the researcher has said who
// the interviewer is and which informant each other speaker is, for the transcripts this writes.
// An existing file is never overwritten.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { bytesToBase64 } from '../../server/src/core/text/base64';
import { importInterviewsRequest, type ImportedInterviewFile, type InterviewImportOptions } from '../../server/src/protocol';
import { writeNewFile } from './safeWrite';

const extensions = ['vtt', 'srt', 'json', 'tsv', 'txt', 'otr', 'docx'];
/** Informant ids are speaker labels too. */
const validId = /^[\p{L}\p{M}\p{Nd}_.-]+$/u;

export async function importInterviews(client: LanguageClient): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: true,
    filters: { [vscode.l10n.t('Transcripts (Zoom, Teams, Whisper, Otter, oTranscribe, Word, text)')]: extensions },
    openLabel: vscode.l10n.t('Import'),
  });
  if (!picked || picked.length === 0) return;
  const workspaceFolder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const [folder] =
    (await vscode.window.showOpenDialog({ canSelectFiles: false, canSelectFolders: true, defaultUri: workspaceFolder, openLabel: vscode.l10n.t('Put the transcripts here') })) ?? [];
  if (!folder) return;
  const files = await Promise.all(picked.map(async (uri) => ({ name: uri.path.split('/').pop() ?? 'transcript', base64: bytesToBase64(await vscode.workspace.fs.readFile(uri)) })));

  const first = await client.sendRequest(importInterviewsRequest, { files, options: {} });
  const names = [...new Set(first.flatMap((f) => ('imported' in f ? f.imported.speakers.map((s) => s.name).filter(Boolean) : [])))];
  const options: InterviewImportOptions = {};
  if (names.length > 0) {
    const nobody = vscode.l10n.t('(nobody: every turn is a quote)');
    const interviewer = await vscode.window.showQuickPick([...names, nobody], { placeHolder: vscode.l10n.t('Who is the interviewer? Their turns are not quotes.') });
    if (interviewer === undefined) return;
    if (interviewer !== nobody) options.interviewer = interviewer;
    const speakers: Record<string, string> = {};
    for (const name of names.filter((n) => n !== options.interviewer)) {
      const id = await vscode.window.showInputBox({
        prompt: vscode.l10n.t("The informant id of '{0}' (as in informants.yaml); empty: label the turns with initials", name),
        validateInput: (value) => (value.trim() === '' || validId.test(value.trim()) ? undefined : vscode.l10n.t("Letters, digits, '_', '.' and '-' only")),
      });
      if (id === undefined) return;
      if (id.trim()) speakers[name] = id.trim();
    }
    if (Object.keys(speakers).length > 0) options.speakers = speakers;
  }

  const results = options.interviewer || options.speakers ? await client.sendRequest(importInterviewsRequest, { files, options }) : first;
  const written: vscode.Uri[] = [];
  const problems: string[] = [];
  for (const result of results) {
    const outcome = await write(folder, result);
    if (outcome instanceof vscode.Uri) written.push(outcome);
    else problems.push(outcome);
  }
  for (const problem of problems) void vscode.window.showWarningMessage(problem);
  if (written.length > 0) {
    await vscode.window.showTextDocument(written[0]);
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Imported {0} of {1} files into {2}.', written.length, results.length, vscode.workspace.asRelativePath(folder)),
    );
  }
}

async function write(folder: vscode.Uri, result: ImportedInterviewFile): Promise<vscode.Uri | string> {
  if ('error' in result) return result.error;
  const target = vscode.Uri.joinPath(folder, result.fileName);
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists) return vscode.l10n.t('{0} exists: an imported transcript never replaces one.', vscode.workspace.asRelativePath(target));
  try {
    await writeNewFile(target, new TextEncoder().encode(result.imported.text));
  } catch (error) {
    return (error as Error).message;
  }
  return target;
}
