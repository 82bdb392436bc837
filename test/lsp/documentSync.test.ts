// The length an open document's change reports to the host (`afterDocumentChange`, which on Node
// decides a full collection): the longer of the text before and after, taken as each change comes,
// so that changes queued while the workspace loads still count the text they replaced.
import * as assert from 'assert';
import { TextDocuments } from 'vscode-languageserver';
import { MemoryFileSystem, textString, type FileText } from '../../server/src/core/project/fileSystem';
import type { CompactUtf8 } from '../../server/src/core/text/compactUtf8';
import type { PreparedText } from '../../server/src/core/text/preparedText';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { syncDocuments, type SyncContext } from '../../server/src/lsp/documentSync';
import { MutationQueue } from '../../server/src/lsp/mutationQueue';
import { openDocumentConfiguration, Utf8Text } from '../../server/src/lsp/openDocument';

const uri = 'file:///studi/komentar.transcript.md';

/** The editor's side: the notifications TextDocuments listens to, sent by hand. */
function editor(keptAsBytesFrom?: number) {
  const handlers = new Map<string, (event: unknown) => void>();
  const on = (name: string) => (handler: (event: unknown) => void) => (handlers.set(name, handler), { dispose: () => undefined });
  const connection = {
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onWillSaveTextDocument: on('willSave'),
    onWillSaveTextDocumentWaitUntil: on('willSaveWaitUntil'),
    onDidSaveTextDocument: on('save'),
  };
  const documents = new TextDocuments(openDocumentConfiguration(keptAsBytesFrom));
  documents.listen(connection as never);
  let version = 1;
  return {
    documents,
    open: (text: string | Utf8Text) => handlers.get('open')!({ textDocument: { uri, languageId: 'qda-transcript', version: 1, text } }),
    replaceAll: (text: string) => handlers.get('change')!({ textDocument: { uri, version: ++version }, contentChanges: [{ text }] }),
    type: (line: number, character: number, text: string) =>
      handlers.get('change')!({ textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] }),
    close: () => handlers.get('close')!({ textDocument: { uri } }),
  };
}

function synced(queue: MutationQueue) {
  const reported: number[] = [];
  const e = editor();
  const context = {
    documents: e.documents,
    workspace: new QdaWorkspace(new MemoryFileSystem({})),
    queue,
    followUp: { fileChanged: () => undefined },
    afterDocumentChange: (length: number) => reported.push(length),
  };
  syncDocuments(context as unknown as SyncContext);
  return { ...e, reported };
}

const silent = { info: () => undefined, error: () => undefined, alert: () => undefined };

describe('the length of an open document\'s change, for the host', () => {
  it('is the longer text of each change: opened with 9 characters, emptied, closed', async () => {
    const queue = new MutationQueue(silent);
    queue.open();
    const s = synced(queue);
    s.open('c1: murah');
    await queue.settled();
    s.replaceAll('');
    await queue.settled();
    s.close();
    await queue.settled();
    assert.deepStrictEqual(s.reported, [9, 9, 0]);
  });

  it('is taken as each change comes, not when the queue runs it: changes queued together report the longest text they replaced', async () => {
    const queue = new MutationQueue(silent);
    const s = synced(queue);
    s.open('c1: murah sekali');
    s.replaceAll('c1');
    s.replaceAll('');
    queue.open();
    await queue.settled();
    assert.deepStrictEqual(s.reported, [16]);
  });
});

describe('changes to an open document that come while one is queued', () => {
  /** An editor synced through a queue not yet open, with the texts the workspace is given (and `<the disk>` for a refresh), in order. */
  function recorded() {
    const queue = new MutationQueue(silent);
    const e = editor();
    const texts: string[] = [];
    const workspace = new QdaWorkspace(new MemoryFileSystem({}));
    const setFile = workspace.setFile.bind(workspace);
    workspace.setFile = (u: string, text: string) => (texts.push(text), setFile(u, text));
    workspace.refresh = async () => void texts.push('<the disk>');
    syncDocuments({ documents: e.documents, workspace, queue, followUp: { fileChanged: () => undefined } } as unknown as SyncContext);
    return { queue, e, texts };
  }

  it('are applied once, with the latest text (typing during a long parse parses it once, not once a keystroke)', async () => {
    const { queue, e, texts } = recorded();
    e.open('c1: a');
    for (const text of ['c1: ab', 'c1: abc', 'c1: abcd']) e.replaceAll(text);
    queue.open();
    await queue.settled();
    assert.deepStrictEqual(texts, ['c1: abcd']);
    // Once applied, the next change is queued anew.
    e.replaceAll('c1: abcde');
    await queue.settled();
    assert.deepStrictEqual(texts, ['c1: abcd', 'c1: abcde']);
  });

  it('after the document is closed and opened again, are the new document\'s: it is applied after the close', async () => {
    const { queue, e, texts } = recorded();
    e.open('c1: lama');
    e.replaceAll('c1: lama sekali');
    e.close();
    e.open('c1: baru');
    queue.open();
    await queue.settled();
    assert.deepStrictEqual(texts, ['c1: lama sekali', '<the disk>', 'c1: baru']);
  });
});

describe('a long open document, kept as bytes', () => {
  it('reaches the workspace as its compact form, and a keystroke in it as the editor\'s text', async () => {
    const queue = new MutationQueue(silent);
    queue.open();
    const e = editor(0); // every document is long here
    const workspace = new QdaWorkspace(new MemoryFileSystem({}));
    syncDocuments({ documents: e.documents, workspace, queue, followUp: { fileChanged: () => undefined } } as unknown as SyncContext);
    e.open('c1: harga 😀 murah\r\nc2: bagus 😀 kak\r\n');
    await queue.settled();
    // Typed on the second line after its emoji (two UTF-16 units), as VS Code counts columns.
    e.type(1, 16, ' {#harga}');
    await queue.settled();
    const source = workspace.transcript(uri)!.source;
    assert.strictEqual(source.text, 'c1: harga 😀 murah\r\nc2: bagus 😀 kak {#harga}\r\n');
    assert.strictEqual(source.compact, true);
    assert.strictEqual(e.documents.get(uri)!.keptAsBytes, true);
    const parsed = workspace.transcript(uri)!;
    assert.deepStrictEqual(parsed.codings.map((c) => [c.code, source.slice(c.textSpan.start, c.textSpan.end)]), [['harga', 'bagus 😀 kak']]);
  });
});

describe('a long document opened as it is on disk', () => {
  /** A workspace that has parsed `onDisk`, synced with an editor that keeps every document as bytes; `parses` lists the texts it is given after that. */
  async function openedOver(onDisk: string) {
    const queue = new MutationQueue(silent);
    queue.open();
    const workspace = new QdaWorkspace(new MemoryFileSystem({ [uri]: onDisk }));
    await workspace.addFolder('file:///studi');
    const parses: string[] = [];
    const setFile = workspace.setFile.bind(workspace);
    workspace.setFile = (u: string, text: FileText, prepared?: PreparedText) => (parses.push(textString(text)), setFile(u, text, prepared));
    const e = editor(0);
    const changed: string[] = [];
    syncDocuments({ documents: e.documents, workspace, queue, followUp: { fileChanged: (u: string) => changed.push(u) } } as unknown as SyncContext);
    return { queue, workspace, e, parses, changed };
  }
  const onDisk = 'c1: harga 😀 murah\nc2: bagus 😀 kak {#harga}\n';

  it('is not parsed again, and shares the bytes of the parse from disk', async () => {
    const { queue, workspace, e, parses, changed } = await openedOver(onDisk);
    const fromDisk = workspace.transcript(uri)!;
    e.open(onDisk);
    await queue.settled();
    assert.deepStrictEqual(parses, []);
    assert.strictEqual(workspace.transcript(uri), fromDisk);
    // Its diagnostics and views follow as for any change.
    assert.deepStrictEqual(changed, [uri]);
    const shared = fromDisk.source.utf8Range(0, fromDisk.source.length)!.bytes;
    assert.strictEqual((e.documents.get(uri)!.read().text as CompactUtf8).utf8.buffer, shared.buffer);
    // The next keystroke is parsed.
    e.type(0, 4, 'x');
    await queue.settled();
    assert.deepStrictEqual(parses, ['c1: xharga 😀 murah\nc2: bagus 😀 kak {#harga}\n']);
  });

  it('is parsed where its text differs from the disk\'s, by one character or by its length', async () => {
    for (const opened of ['c1: harga 😀 murah\nc2: bagus 😀 kak {#hargo}\n', `${onDisk}\n`]) {
      const { queue, e, parses } = await openedOver(onDisk);
      e.open(opened);
      await queue.settled();
      assert.deepStrictEqual(parses, [opened]);
    }
  });
});

describe('a keystroke in a long transcript kept as bytes', () => {
  it('lets the old parse go before the new text is read, and tells the host (which collects there) the length', async () => {
    const queue = new MutationQueue(silent);
    queue.open();
    const workspace = new QdaWorkspace(new MemoryFileSystem({}));
    const calls: { length: number; parsed: boolean }[] = [];
    const texts: string[] = [];
    const setFile = workspace.setFile.bind(workspace);
    const compact: boolean[] = [];
    workspace.setFile = (u: string, text: FileText, prepared?: PreparedText) => (texts.push(textString(text)), compact.push(typeof text !== 'string'), setFile(u, text, prepared));
    const e = editor(0);
    const context = { documents: e.documents, workspace, queue, followUp: { fileChanged: () => undefined }, beforeDocumentParse: (length: number) => calls.push({ length, parsed: workspace.transcript(uri) !== undefined }) };
    syncDocuments(context as unknown as SyncContext);
    const text = 'c1: harga 😀 murah\n';
    e.open(text);
    await queue.settled();
    e.type(0, 4, 'x');
    await queue.settled();
    // Before each parse, no parse of the document was held; the text parsed is the editor's.
    assert.deepStrictEqual(calls, [
      { length: text.length, parsed: false },
      { length: text.length + 1, parsed: false },
    ]);
    assert.deepStrictEqual(texts, [text, 'c1: xharga 😀 murah\n']);
    // Each given as its compact form: the whole string of a long document is never made for a parse.
    assert.deepStrictEqual(compact, [true, true]);
    assert.strictEqual(workspace.transcript(uri)!.source.text, 'c1: xharga 😀 murah\n');
  });

  it('changes its bytes in place, the parse of the text before released first, where the buffer has room', async () => {
    const queue = new MutationQueue(silent);
    queue.open();
    const workspace = new QdaWorkspace(new MemoryFileSystem({}));
    const e = editor(0);
    syncDocuments({ documents: e.documents, workspace, queue, followUp: { fileChanged: () => undefined } } as unknown as SyncContext);
    const text = 'c1: harga 😀 murah\n';
    const encoded = new TextEncoder().encode(text);
    const buffer = new Uint8Array(encoded.length + 16);
    buffer.set(encoded);
    e.open(new Utf8Text(buffer.subarray(0, encoded.length), true));
    await queue.settled();
    const before = workspace.transcript(uri)!;
    e.type(0, 4, 'x');
    // Until the change is parsed, the parse before reads its own text.
    assert.strictEqual(before.source.slice(0, before.source.length), text);
    await queue.settled();
    const after = workspace.transcript(uri)!;
    assert.strictEqual(after.source.slice(0, after.source.length), 'c1: xharga 😀 murah\n');
    assert.strictEqual(after.source.utf8Range(0, 1)!.bytes.buffer, buffer.buffer);
    assert.strictEqual(before.source.released, true);
  });

  it('is not needed for a short document, a string: its parse is replaced as before', async () => {
    const queue = new MutationQueue(silent);
    queue.open();
    const workspace = new QdaWorkspace(new MemoryFileSystem({}));
    const calls: number[] = [];
    const e = editor();
    syncDocuments({ documents: e.documents, workspace, queue, followUp: { fileChanged: () => undefined }, beforeDocumentParse: (length: number) => calls.push(length) } as unknown as SyncContext);
    e.open('c1: harga 😀 murah\n');
    await queue.settled();
    assert.deepStrictEqual(calls, []);
    assert.strictEqual(workspace.transcript(uri)!.source.text, 'c1: harga 😀 murah\n');
  });
});
