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

describe('server process garbage after a change to an open document', () => {
  it('collects in full soon after a change to a document of 8 million characters, once for changes that come together, and not after a shorter one', () => {
    // In a quiet child process, where V8 has no other reason for a full collection.
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const { PerformanceObserver, constants } = require('perf_hooks');
         const m = require(${JSON.stringify(serverProcess)});
         let full = 0;
         new PerformanceObserver((list) => { for (const e of list.getEntries()) if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++; }).observe({ entryTypes: ['gc'] });
         const wait = () => new Promise((resolve) => setTimeout(resolve, 200));
         (async () => {
           m.collectAfterDocumentChange(m.largeDocument - 1);
           await wait();
           const afterShort = full;
           // Two changes while a collection is due share it.
           m.collectAfterDocumentChange(m.largeDocument);
           m.collectAfterDocumentChange(m.largeDocument + 1);
           await wait();
           const afterTwo = full;
           m.collectAfterDocumentChange(m.largeDocument);
           await wait();
           console.log(JSON.stringify([afterShort, afterTwo, full]));
         })();`,
      ],
      { encoding: 'utf8' },
    );
    assert.deepStrictEqual(JSON.parse(child.stdout), [0, 1, 2]);
  });
});
