// A client that sends a header the server cannot read (`Content-Length: abc`) has put the stream
// out of step: the server must exit with a message (the client restarts it), not stay deaf.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const repo = path.resolve(__dirname, '../../..');

describe('the language server on stdio, given a malformed header', function () {
  this.timeout(30000);

  for (const [name, header] of [
    ['a length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
    ['no length at all', 'Content-Type: x\r\n\r\n{}'],
  ]) {
    it(`exits with a one-line message: ${name}`, async () => {
      for (const entry of ['dist/server.js', 'bin/qda-language-server.js']) {
        const server = spawn(process.execPath, [path.join(repo, entry), '--stdio']);
        let stderr = '';
        server.stderr.on('data', (data) => (stderr += String(data)));
        // Standard input stays open: the server must notice by itself.
        server.stdin.write(header);
        const code = await new Promise<number | null>((resolve) => server.once('exit', resolve));
        assert.strictEqual(code, 1, entry);
        assert.match(stderr, /^qda-language-server: unreadable message from the client \(.+\); exiting\n$/, entry);
        server.stdin.destroy();
      }
    });
  }
});

describe('the language server on stdio, when its client goes away', function () {
  this.timeout(30000);

  it('exits with 1 once its standard input is closed without a shutdown', async () => {
    const server = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio']);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.stdin.end();
    assert.strictEqual(await exited, 1);
  });

  it('exits with 1 at the end of a file given as its standard input (it ends, but never closes)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'qda-stdin-'));
    try {
      const frame = (message: object) => {
        const body = Buffer.from(JSON.stringify(message), 'utf8');
        return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
      };
      const file = path.join(dir, 'session.lsp');
      // The id of a live process, as editors send: the library then checks on it with a timer that keeps the server alive.
      writeFileSync(file, Buffer.concat([frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }), frame({ jsonrpc: '2.0', method: 'initialized', params: {} })]));
      const input = openSync(file, 'r');
      const server = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio'], { stdio: [input, 'ignore', 'ignore'] });
      closeSync(input);
      const timer = setTimeout(() => server.kill(), 10000);
      const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => server.once('exit', (c, s) => resolve([c, s])));
      clearTimeout(timer);
      assert.deepStrictEqual({ code, signal }, { code: 1, signal: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits with 0 once its standard input is closed after a shutdown', async () => {
    const server = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio']);
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    let stdout = '';
    server.stdout.on('data', (data) => (stdout += String(data)));
    const send = (message: object) => {
      const body = Buffer.from(JSON.stringify(message), 'utf8');
      server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      server.stdin.write(body);
    };
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    // Closed once the shutdown is answered (its id in a response), without an `exit`.
    await until(() => /"id":2/.test(stdout), server);
    server.stdin.end();
    assert.strictEqual(await exited, 0);
  });
});

/** Waits until `done()`, at most 10 s (the server killed after that). */
async function until(done: () => boolean, server: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 10000;
  while (!done()) {
    if (Date.now() > deadline) {
      server.kill();
      throw new Error('the server did not answer in 10 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the language server on stdio, given a message it cannot take', function () {
  this.timeout(30000);

  it('says so on standard error and goes on: a cancellation without params, a body that is not JSON', async () => {
    const server = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio']);
    let stdout = '';
    let stderr = '';
    let exited = false;
    server.stdout.on('data', (data) => (stdout += String(data)));
    server.stderr.on('data', (data) => (stderr += String(data)));
    server.once('exit', () => (exited = true));
    const sendBody = (body: Buffer) => {
      server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
      server.stdin.write(body);
    };
    const send = (message: object) => sendBody(Buffer.from(JSON.stringify(message), 'utf8'));
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    send({ jsonrpc: '2.0', method: '$/cancelRequest' });
    sendBody(Buffer.from('{"jsonrpc": "2.0", "id": 5,', 'utf8'));
    send({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    await until(() => /"id":2/.test(stdout), server);
    assert.strictEqual(exited, false);
    assert.strictEqual(stderr.match(/a message from the client was not taken/g)?.length, 2, stderr);
    const closed = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.stdin.end();
    assert.strictEqual(await closed, 0);
  });
});

describe('the language server on stdio, when something prints', () => {
  it('writes what is printed to standard error: standard output is the protocol\'s', () => {
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `process.argv.push('--stdio');
         require(${JSON.stringify(path.join(repo, 'dist/server.js'))}).processConnection();
         console.log('log'); console.info('info'); console.debug('debug'); console.dir({ dir: 1 }); console.table([7]);
         console.count('count'); console.group('group'); console.groupEnd(); console.timeLog('nothing');
         process.exit(0);`,
      ],
      { encoding: 'utf8', input: '' },
    );
    assert.strictEqual(child.stdout, '');
    for (const printed of ['log', 'info', 'debug', '{ dir: 1 }', '7', 'count: 1', 'group']) assert.ok(child.stderr.includes(printed), `${printed} in ${child.stderr}`);
  });
});
