// The length an open document's change reports to the host (`afterDocumentChange`, which on Node
// decides a full collection): the longer of the text before and after, taken as each change comes,
// so that changes queued while the workspace loads still count the text they replaced.
import * as assert from 'assert';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MemoryFileSystem } from '../../server/src/core/project/fileSystem';
import { QdaWorkspace } from '../../server/src/core/project/workspace';
import { syncDocuments, type SyncContext } from '../../server/src/lsp/documentSync';
import { MutationQueue } from '../../server/src/lsp/mutationQueue';

const uri = 'file:///studi/komentar.transcript.md';

/** The editor's side: the notifications TextDocuments listens to, sent by hand. */
function editor() {
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
  const documents = new TextDocuments(TextDocument);
  documents.listen(connection as never);
  let version = 1;
  return {
    documents,
    open: (text: string) => handlers.get('open')!({ textDocument: { uri, languageId: 'qda-transcript', version: 1, text } }),
    replaceAll: (text: string) => handlers.get('change')!({ textDocument: { uri, version: ++version }, contentChanges: [{ text }] }),
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
