#!/usr/bin/env node
// The `qda` command: a thin launcher for the bundled command line in dist/.
'use strict';
require('../dist/qda.js').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`qda: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);
