// "Replace transcript text, keeping codings…": a corrected or better transcription of a coded
// transcript's interview (any format "Import interview transcripts…" reads) becomes its words; the
// server carries every coding, memo and `{-}` mark onto them (qda/replaceTranscriptText, as `qda
// import NEW --onto X`) and answers one edit, undone with Ctrl+Z: the transcript's changed lines,
// and the codings whose words are gone kept in memos/not-placed/. Nothing is saved until the
// researcher saves.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { transcriptSuffix } from '../../server/src/core/project/projectFiles';
import { bytesToBase64 } from '../../server/src/core/text/base64';
import { replaceTranscriptTextRequest, type InterviewImportOptions } from '../../server/src/protocol';

const extensions = ['vtt', 'srt', 'json', 'tsv', 'txt', 'otr', 'docx'];
/** A speaker label: letters, digits, `_`, `.` and `-`, as informant ids. */
const validLabel = /^[\p{L}\p{M}\p{Nd}_.-]+$/u;

export async function replaceTranscriptText(client: LanguageClient, target?: vscode.Uri): Promise<void> {
  const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !uri.path.endsWith(transcriptSuffix)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the transcript whose text to replace, then run the command again.'));
    return;
  }
  const [picked] =
    (await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: vscode.Uri.joinPath(uri, '..'),
      filters: { [vscode.l10n.t('Transcripts (Zoom, Teams, Whisper, Otter, oTranscribe, Word, text)')]: extensions },
      openLabel: vscode.l10n.t('Replace the text with this'),
    })) ?? [];
  if (!picked) return;
  const file = { name: picked.path.split('/').pop() ?? 'transcript', base64: bytesToBase64(await vscode.workspace.fs.readFile(picked)) };
  try {
    let result = await client.sendRequest(replaceTranscriptTextRequest, { uri: uri.toString(), file, options: {} });
    // Speakers the file names in full (Zoom, Teams, Otter) get the labels this transcript uses.
    const named = result.speakers.filter((s) => s.name !== '' && s.name !== s.label);
    if (named.length > 0) {
      const speakers: Record<string, string> = {};
      for (const speaker of named) {
        const label = await vscode.window.showInputBox({
          prompt: vscode.l10n.t('The label of {0} in this transcript (empty: {1})', speaker.name, speaker.label),
          validateInput: (value) => (value.trim() === '' || validLabel.test(value.trim()) ? undefined : vscode.l10n.t('Letters, digits, _ . and - only')),
        });
        if (label === undefined) return;
        if (label.trim()) speakers[speaker.name] = label.trim();
      }
      const options: InterviewImportOptions = { speakers };
      if (Object.keys(speakers).length > 0) result = await client.sendRequest(replaceTranscriptTextRequest, { uri: uri.toString(), file, options });
    }
    const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The editor did not apply the new text: {0} is unchanged.', vscode.workspace.asRelativePath(uri)));
      return;
    }
    await vscode.window.showTextDocument(uri, { preview: false });
    for (const note of result.notes) void vscode.window.showWarningMessage(note);
    const summary =
      result.memo === undefined
        ? vscode.l10n.t('Carried {0} of {1} codings; {2} not placed.', result.carried, result.codings, result.notPlaced.length)
        : vscode.l10n.t('Carried {0} of {1} codings; {2} not placed ({3}).', result.carried, result.codings, result.notPlaced.length, result.memo);
    const openMemo = vscode.l10n.t('Open the memo');
    const answer = await vscode.window.showInformationMessage(`${summary} ${vscode.l10n.t('Save to keep the change, or undo it.')}`, ...(result.memo ? [openMemo] : []));
    // The memo is the edit's other file.
    const memo = (result.edit.documentChanges ?? []).flatMap((change) => ('textDocument' in change ? [change.textDocument.uri] : [])).find((u) => u !== uri.toString());
    if (answer === openMemo && memo) await vscode.window.showTextDocument(vscode.Uri.parse(memo), { preview: false });
  } catch (error) {
    void vscode.window.showErrorMessage((error as Error).message);
  }
}
