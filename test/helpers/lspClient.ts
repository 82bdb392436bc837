// Drives the built language server (dist/server.js) over stdio, as an editor would.
import { spawn, type ChildProcess } from 'child_process';
import { serverEnvironment, serverExecArgv } from '../../server/src/serverProcess';
import * as path from 'path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  RequestType,
  RequestType0,
  type Diagnostic,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

import { didChangeTreeNotification, listFilesRequest, readFilesRequest } from '../../server/src/protocol';

const serverPath = path.resolve(__dirname, '../../../dist/server.js');

export interface ClientOptions {
  folders: string[];
  settings?: Record<string, unknown>;
  /**
   * Files this client serves through `qda/listFiles` and `qda/readFiles`, by URI, as the VS Code
   * client does for a workspace that is not on disk (a browser, a virtual workspace).
   */
  files?: Record<string, string>;
  /** Declares `window.workDoneProgress`, so that the server reports its progress. */
  workDoneProgress?: boolean;
}

export class TestClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly logs: string[] = [];
  /** The `$/progress` values the server sent, in order. */
  readonly progress: { kind: string; message?: string; percentage?: number; title?: string }[] = [];
  /** How many files the server asked this client for (`qda/readFiles`). */
  filesServed = 0;
  private readonly listeners = new Set<() => void>();
  private readonly versions = new Map<string, number>();
  private treeChanges = 0;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: ClientOptions): Promise<TestClient> {
    const child = spawn(process.execPath, [...serverExecArgv, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...serverEnvironment } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(connection, child);
    child.stderr!.on('data', (data) => client.logs.push(String(data)));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      client.diagnostics.set(params.uri, params.diagnostics);
      client.changed();
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      client.logs.push(params.message);
      client.changed();
    });
    connection.onNotification(didChangeTreeNotification, () => {
      client.treeChanges++;
      client.changed();
    });
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params: { value: TestClient['progress'][number] }) => {
      client.progress.push(params.value);
    });
    const served = options.files ?? {};
    connection.onRequest(listFilesRequest, ({ folder }) => Object.keys(served).filter((uri) => uri.startsWith(`${folder}/`)).sort());
    connection.onRequest(readFilesRequest, ({ uris }) => {
      client.filesServed += uris.length;
      return uris.map((uri) => (uri in served ? { text: served[uri] } : { error: `${uri}: not found` }));
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: options.folders.map((folder) => ({ uri: folder, name: path.basename(folder) })),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
        window: { workDoneProgress: options.workDoneProgress ?? false },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Waits until `predicate` holds, re-checking on every notification; fails after `ms`. */
  async waitFor(what: string, predicate: () => boolean, ms = 10000): Promise<void> {
    if (predicate()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve();
      };
      this.listeners.add(check);
    });
  }

  /** Resolves with the next diagnostics published for a file that satisfy `predicate`. */
  async diagnosticsFor(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    await this.waitFor(`diagnostics of ${uri}`, () => this.diagnostics.has(uri) && predicate(this.diagnostics.get(uri)!));
    return this.diagnostics.get(uri)!;
  }

  get treeChangeCount(): number {
    return this.treeChanges;
  }

  open(uri: string, text: string, languageId = 'qda-transcript'): Promise<void> {
    this.versions.set(uri, 1);
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Every method this client has requested, for the wiring test's check that each has a case. */
  readonly asked = new Set<string>();

  /** A custom request of the protocol module, typed by it. */
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  request<R>(type: RequestType0<R, void>): Promise<R>;
  /** A standard LSP request by its method; custom methods are named only in protocol.ts. */
  request<R>(method: string, params: unknown): Promise<R>;
  request(type: string | RequestType<unknown, unknown, void> | RequestType0<unknown, void>, params?: unknown): Promise<unknown> {
    this.asked.add(typeof type === 'string' ? type : type.method);
    if (typeof type === 'string') {
      if (type.startsWith('qda/')) throw new Error(`send ${type} through its request type in protocol.ts`);
      return this.connection.sendRequest(type, params);
    }
    return type instanceof RequestType0 ? this.connection.sendRequest(type) : this.connection.sendRequest(type, params);
  }

  get alive(): boolean {
    return this.child.exitCode === null && !this.child.killed;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
