// An esbuild plugin for the browser bundles: importing a Node built-in (`fs`, `node:path`…) fails
// the build with the importing file named, instead of a bundle that breaks in the browser.
// esbuild alone would not always refuse: a package's `browser` field can map a built-in to an
// empty module, and the failure would only show at run time.
'use strict';
const { builtinModules } = require('module');

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

module.exports = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /^[a-z:_/]+$/ }, (args) =>
      builtins.has(args.path)
        ? { errors: [{ text: `the browser build imports the Node built-in "${args.path}" (from ${args.importer}); the core, the language service and the web client must not` }] }
        : undefined,
    );
  },
};
