// The messages between the recording player (recordingPlayer.ts) and its page
// (client/webview/recordingPlayer.ts), typed once for both sides.

/** From the extension: play from a time (the turn's), play or pause, skip some seconds. */
export type ToPlayer = { type: 'seek'; time: number; play: boolean } | { type: 'toggle' } | { type: 'skip'; by: number };

/** From the page: its script runs; where the recording is and whether it plays; it cannot be played. */
export type FromPlayer = { type: 'ready' } | { type: 'time'; time: number; paused: boolean } | { type: 'error'; message: string };
