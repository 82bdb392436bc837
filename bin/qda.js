#!/usr/bin/env node
// The `qda` command: a thin launcher for the bundled command line in dist/. `qda agree` has a
// bundle of its own, which loads in half the time (it is timed on large studies); so has
// `qda merge-file`, which git runs once for each file it merges.
'use strict';
const args = process.argv.slice(2);
const run =
  args[0] === 'agree'
    ? (rest) => require('../dist/qda-agree.js').agreeMain(rest.slice(1))
    : args[0] === 'merge-file'
      ? (rest) => require('../dist/qda-merge.js').mergeFileMain(rest.slice(1))
      : (rest) => require('../dist/qda.js').main(rest);
run(args).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`qda: internal error: ${err && err.stack ? err.stack : err}`); process.exitCode = 2; },
);
