// The recording beside the transcript: "Play from here" (the Code Lens above a timed turn, the
// palette, a key) opens a small media panel at the turn's time. While it plays, the turn being
// heard is highlighted and, unless switched off, followed. Keys play and pause, skip 5 s, and
// insert the current time as a timestamp while transcribing. The server says where the recording
// is and when each turn starts (qda/recordingTimeline); the panel is an <audio>/<video> element
// behind a strict Content-Security-Policy that loads nothing but the recording and the page's
// script (client/webview/recordingPlayer.ts); their messages are typed in recordingPlayerMessages.ts.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { formatClock, formatTimestamp } from '../../server/src/core/model/timestamp';
import { recordingTimelineRequest, type RecordingTimeline } from '../../server/src/protocol';
import type { FromPlayer, ToPlayer } from './recordingPlayerMessages';

/** What each container plays in, for the element's canPlayType; the rest are tried as they come. */
const mediaTypes: Record<string, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4; codecs="mp4a.40.2"',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg; codecs="opus"',
  wav: 'audio/wav',
  flac: 'audio/flac',
  weba: 'audio/webm',
  webm: 'video/webm',
  mp4: 'video/mp4; codecs="avc1.42E01E, mp4a.40.2"',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  ogv: 'video/ogg',
};
const videoExtensions = new Set(['webm', 'mp4', 'm4v', 'mov', 'ogv']);

/** "Play from here" (Code Lens, palette, key) and the player's keys. */
export function registerRecordingPlayer(context: vscode.ExtensionContext, client: LanguageClient): void {
  const player = new RecordingPlayer(client, vscode.Uri.joinPath(context.extensionUri, 'dist'));
  context.subscriptions.push(
    player,
    vscode.commands.registerCommand('qda.playFrom', (uri?: string, time?: number) => player.playFrom(typeof uri === 'string' ? uri : undefined, typeof time === 'number' ? time : undefined)),
    vscode.commands.registerCommand('qda.player.togglePlay', () => player.togglePlay()),
    vscode.commands.registerCommand('qda.player.back', () => player.skip(-5)),
    vscode.commands.registerCommand('qda.player.forward', () => player.skip(5)),
    vscode.commands.registerCommand('qda.player.insertTimestamp', () => player.insertTimestamp()),
    vscode.commands.registerCommand('qda.player.toggleFollow', () => player.toggleFollow()),
  );
}

class RecordingPlayer implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private transcript: vscode.Uri | undefined;
  private timeline: RecordingTimeline | undefined;
  private media: string | undefined;
  private time = 0;
  private paused = true;
  private currentTurn = -1;
  private pending: ToPlayer | undefined;
  /** Whether the page's script runs and takes messages. */
  private ready = false;
  private readonly highlight = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly status = vscode.window.createStatusBarItem('qda.recording', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: LanguageClient,
    /** The extension's bundles, where the page's script is. */
    private readonly scripts: vscode.Uri,
  ) {
    this.status.name = vscode.l10n.t('QDA recording');
    this.status.command = 'qda.player.togglePlay';
    this.disposables.push(
      this.highlight,
      this.status,
      vscode.window.onDidChangeVisibleTextEditors(() => this.paint()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.transcript && e.document.uri.toString() === this.transcript.toString()) void this.reloadTimeline();
      }),
    );
  }

  /** Plays the transcript's recording from `time`; without arguments, from the turn at the cursor. */
  async playFrom(uri?: string, time?: number): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ? vscode.Uri.parse(uri) : editor?.document.uri;
    if (!target) return;
    const timeline = await this.client.sendRequest(recordingTimelineRequest, { uri: target.toString() }).catch(() => null);
    if (!timeline) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Play from here works in a transcript (*.transcript.md).'));
      return;
    }
    if (time === undefined) {
      const line = editor && editor.document.uri.toString() === target.toString() ? editor.selection.active.line : 0;
      const turn = [...timeline.turns].reverse().find((t) => t.line <= line);
      if (!turn) {
        void vscode.window.showInformationMessage(
          timeline.turns.length === 0
            ? vscode.l10n.t('This transcript has no timestamps: a turn starts with one, e.g. "R: [00:12:34] …".')
            : vscode.l10n.t('No timestamp at or above the cursor: put the cursor in a turn that has one.'),
        );
        return;
      }
      time = turn.time;
    }
    if (!timeline.media) {
      void vscode.window.showWarningMessage(
        timeline.mediaProblem ?? vscode.l10n.t('This transcript names no recording: add "media: recordings/name.ogg" to its front matter (the path is relative to the transcript).'),
      );
      return;
    }
    const exists = await vscode.workspace.fs.stat(vscode.Uri.parse(timeline.media)).then(
      () => true,
      () => false,
    );
    if (!exists) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The recording {0} (media: {1}) is not there.', vscode.workspace.asRelativePath(vscode.Uri.parse(timeline.media)), timeline.mediaName ?? ''));
      return;
    }
    this.transcript = target;
    this.timeline = timeline;
    this.open(timeline.media);
    this.send({ type: 'seek', time, play: true });
    this.time = time;
    this.paint();
  }

  togglePlay(): void {
    if (this.panel) this.send({ type: 'toggle' });
    else void this.playFrom();
  }

  skip(by: number): void {
    if (this.panel) this.send({ type: 'skip', by });
  }

  /** Writes the player's time as a timestamp at the cursor, `[00:12:34] `, for the researcher transcribing. */
  async insertTimestamp(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    if (!this.panel) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Start the recording first ("Play from here"): the timestamp is its current time.'));
      return;
    }
    const stamp = `${formatTimestamp(this.time)} `;
    await editor.edit((edit) => {
      for (const selection of editor.selections) edit.replace(selection, stamp);
    });
  }

  async toggleFollow(): Promise<void> {
    const config = vscode.workspace.getConfiguration('qda');
    await config.update('player.followTurn', !config.get<boolean>('player.followTurn', true), vscode.ConfigurationTarget.Global);
  }

  private open(media: string): void {
    const mediaUri = vscode.Uri.parse(media);
    if (this.panel && this.media === media) {
      this.panel.reveal(undefined, true);
      return;
    }
    this.media = media;
    const folder = vscode.Uri.joinPath(mediaUri, '..');
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('qda.recording', vscode.l10n.t('Recording'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [folder, this.scripts] });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.media = undefined;
        this.currentTurn = -1;
        this.status.hide();
        void vscode.commands.executeCommand('setContext', 'qda.playerOpen', false);
        this.paint();
      });
      this.panel.webview.onDidReceiveMessage((message: FromPlayer) => this.receive(message));
      void vscode.commands.executeCommand('setContext', 'qda.playerOpen', true);
    } else {
      this.panel.webview.options = { enableScripts: true, localResourceRoots: [folder, this.scripts] };
    }
    this.panel.title = vscode.l10n.t('Recording: {0}', mediaUri.path.split('/').pop() ?? '');
    this.pending = undefined;
    this.ready = false;
    this.panel.webview.html = this.html(this.panel.webview, mediaUri);
  }

  private send(message: ToPlayer): void {
    // The page takes messages once its script runs: the first seek waits for it.
    if (!this.ready) this.pending = message;
    else this.post(message);
  }

  private post(message: ToPlayer): void {
    void this.panel?.webview.postMessage(message);
  }

  private receive(message: FromPlayer): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) this.post(this.pending);
        this.pending = undefined;
        return;
      case 'time':
        this.time = message.time;
        this.paused = message.paused;
        this.paint();
        return;
      case 'error':
        void vscode.window.showWarningMessage(message.message);
        return;
    }
  }

  private async reloadTimeline(): Promise<void> {
    if (!this.transcript) return;
    this.timeline = (await this.client.sendRequest(recordingTimelineRequest, { uri: this.transcript.toString() }).catch(() => null)) ?? this.timeline;
    this.currentTurn = -1;
    this.paint();
  }

  /** Highlights the turn being heard (the last that starts at or before the time), follows it, and says it in the status bar. */
  private paint(): void {
    const turns = this.timeline?.turns ?? [];
    let index = -1;
    if (this.panel) for (let i = 0; i < turns.length && turns[i].time <= this.time + 0.05; i++) index = i;
    const changed = index !== this.currentTurn;
    this.currentTurn = index;
    const turn = turns[index];
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.toString() !== this.transcript?.toString()) continue;
      const range = turn ? new vscode.Range(turn.line, 0, turn.endLine, 0) : undefined;
      editor.setDecorations(this.highlight, range ? [range] : []);
      if (range && changed && !this.paused && vscode.workspace.getConfiguration('qda').get<boolean>('player.followTurn', true)) {
        editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
    }
    if (!this.panel) return;
    this.status.text = `${this.paused ? '$(debug-pause)' : '$(play)'} ${formatClock(this.time)}${turn ? ` · ${turn.speaker}, ${vscode.l10n.t('line {0}', turn.line + 1)}` : ''}`;
    this.status.tooltip = vscode.l10n.t('The recording: click to play or pause');
    this.status.show();
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const name = media.path.split('/').pop() ?? '';
    const extension = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
    const element = videoExtensions.has(extension) ? 'video' : 'audio';
    // Shown (and sent back as a warning) by the page's script when the element cannot play the recording.
    const cannotPlay = vscode.l10n.t(
      'VS Code cannot play {0}: the editor has no decoder for its {1} format (the desktop version plays no AAC, the sound of .m4a files and of most .mp4 files, as Zoom records them, and no Opus). Convert it to .ogg, .mp3, .wav or .webm, e.g. "ffmpeg -i {0} {2}.ogg", and name the new file in "media:".',
      name,
      extension || '?',
      name.replace(/\.[^.]*$/, ''),
    );
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.scripts, 'recordingPlayerView.js'));
    return `<!doctype html>
<html lang="${vscode.env.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src ${webview.cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0.5rem 1rem; }
audio, video { width: 100%; max-height: 70vh; }
p { opacity: 0.85; } .error { color: var(--vscode-errorForeground); opacity: 1; }
</style>
</head>
<body>
<${element} id="player" controls preload="auto" src="${escapeAttribute(webview.asWebviewUri(media).toString())}" data-type="${escapeAttribute(mediaTypes[extension] ?? '')}"></${element}>
<p id="name">${escapeText(name)}</p>
<p id="problem" class="error" hidden>${escapeText(cannotPlay)}</p>
<script nonce="${nonce}" src="${escapeAttribute(script.toString())}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
