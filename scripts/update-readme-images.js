// Copies the README's screenshots of the main views from the last end-to-end run in code-server
// (artifacts/e2e/views/, written by test/e2e/vscode.test.ts) into docs/images/, under names that
// stay the same from run to run. Run the suite first:
//
//   npm run build && npm run compile-tests
//   npx mocha --no-config --timeout 20000 out/test/e2e/vscode.test.js
//   node scripts/update-readme-images.js
'use strict';
const fs = require('fs');
const path = require('path');

const repo = path.resolve(__dirname, '..');
const views = path.join(repo, 'artifacts', 'e2e', 'views');
const images = path.join(repo, 'docs', 'images');
const names = ['themes', 'analysis', 'agreement', 'memos', 'player'];

// All or none: a half-updated set would mix two runs.
const missing = names.filter((name) => !fs.existsSync(path.join(views, `${name}.png`)));
if (missing.length > 0) {
  console.error(`Missing in ${path.relative(repo, views)}: ${missing.map((name) => `${name}.png`).join(', ')}. Run the end-to-end suite in code-server first (test/e2e/vscode.test.ts).`);
  process.exit(1);
}
fs.mkdirSync(images, { recursive: true });
for (const name of names) {
  fs.copyFileSync(path.join(views, `${name}.png`), path.join(images, `${name}.png`));
  console.log(`docs/images/${name}.png`);
}
