// A client that sends a header the server cannot read (`Content-Length: abc`) has put the stream
// out of step: the server must exit with a message (the client restarts it), not stay deaf.
import * as assert from 'assert';
import { spawn } from 'child_process';
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

  it('exits once its standard input is closed, and prints nothing on standard output', async () => {
    const server = spawn(process.execPath, [path.join(repo, 'dist/server.js'), '--stdio']);
    let stdout = '';
    server.stdout.on('data', (data) => (stdout += String(data)));
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.stdin.end();
    assert.strictEqual(await exited, 1);
    assert.strictEqual(stdout, '');
  });
});
