// Getting a study in and out: REFI-QDA exchange with NVivo, ATLAS.ti, MAXQDA and QualCoder
// (refiExchange.ts), and interview transcripts from Zoom, Teams, Whisper, Otter, oTranscribe or
// Word (importInterviews.ts), and a new transcription of a coded transcript, its codings kept
// (replaceTranscriptText.ts). The server converts; these commands ask and write the files.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { importInterviews } from './importInterviews';
import { replaceTranscriptText } from './replaceTranscriptText';
import { exportToRefi, importFromRefi, importRefiProjectFolder } from './refiExchange';
import type { TreeModel } from './treeModel';

export function registerImportExport(context: vscode.ExtensionContext, client: LanguageClient, model: TreeModel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('qda.exportRefi', () => exportToRefi(client, model)),
    vscode.commands.registerCommand('qda.importRefi', () => importFromRefi(client)),
    vscode.commands.registerCommand('qda.importRefiProject', () => importRefiProjectFolder(client)),
    vscode.commands.registerCommand('qda.importInterviews', () => importInterviews(client)),
    vscode.commands.registerCommand('qda.replaceTranscriptText', (uri?: vscode.Uri) => replaceTranscriptText(client, uri)),
  );
}
