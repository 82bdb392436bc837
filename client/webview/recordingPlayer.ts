// The recording player's page (runs in the webview, bundled for the browser): an <audio> or
// <video> element that the extension drives (seek, play or pause, skip) and that reports its time,
// so that the extension highlights the turn being heard. The element, and the message shown when
// the editor has no decoder for the recording, are in the page the extension writes.
import type { FromPlayer, ToPlayer } from '../src/recordingPlayerMessages';

declare function acquireVsCodeApi(): { postMessage(message: FromPlayer): void };

const vscode = acquireVsCodeApi();
const player = document.getElementById('player') as HTMLMediaElement;
const problem = document.getElementById('problem') as HTMLElement;

function fail(): void {
  problem.hidden = false;
  vscode.postMessage({ type: 'error', message: problem.textContent ?? '' });
}

// A format the element says it cannot play fails at once, before the researcher presses play.
const type = player.dataset.type;
if (type && player.canPlayType(type) === '') fail();
player.addEventListener('error', fail);

let last = -1;
/** The time, on every event while paused and every 0.2 s while playing. */
function report(): void {
  const time = player.currentTime;
  if (Math.abs(time - last) < 0.2 && !player.paused) return;
  last = time;
  vscode.postMessage({ type: 'time', time, paused: player.paused });
}
for (const event of ['timeupdate', 'seeked', 'play', 'pause', 'ended']) player.addEventListener(event, report);

window.addEventListener('message', (event: MessageEvent<ToPlayer>) => {
  const message = event.data;
  switch (message.type) {
    case 'seek':
      player.currentTime = message.time;
      if (message.play) player.play().catch(() => report());
      return;
    case 'toggle':
      if (player.paused) player.play().catch(() => report());
      else player.pause();
      return;
    case 'skip':
      player.currentTime = Math.max(0, player.currentTime + message.by);
      return;
  }
});

vscode.postMessage({ type: 'ready' });
