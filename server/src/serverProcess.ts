// How the language server's process is started. The VS Code client, the protocol tests and the
// benchmark all start it with these options, so what is measured is what users run.

/**
 * Node options of the server process. `--max-semi-space-size`: V8 lets the young generation grow
 * to two 16 MB halves; the server's garbage is one document's parse per keystroke, which 8 MB
 * halves hold with room to spare, and its resident memory is 15 MB lower for it.
 */
export const serverExecArgv: readonly string[] = ['--max-semi-space-size=8'];
