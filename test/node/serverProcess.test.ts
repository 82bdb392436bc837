// The server's peak memory is its own, not that of the process that started it.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

const serverProcess = path.resolve(__dirname, '../../server/src/serverProcess.js');

describe('server process memory', () => {
  it("reports its own peak, not the starting process's (Linux: maxRSS starts from the parent's)", function () {
    if (!existsSync('/proc/self/status')) this.skip();
    // The starting process holds 400 MB when it starts the child, as an editor's host does.
    const held = Buffer.alloc(400 * 1024 * 1024, 1);
    const child = spawnSync(
      process.execPath,
      ['-e', `const m = require(${JSON.stringify(serverProcess)}); console.log(JSON.stringify([m.processMemory().peakRssMB, process.resourceUsage().maxRSS / 1024]))`],
      { encoding: 'utf8' },
    );
    const [peak, maxRss] = JSON.parse(child.stdout) as [number, number];
    assert.ok(held.length > 0);
    // What the kernel's maxRSS says is the parent's size; the child's own peak is that of a small program.
    assert.ok(maxRss > 350, `maxRSS ${maxRss} MB`);
    assert.ok(peak < 150, `peak ${peak} MB`);
  });
});
