// Bundles the command line (and later the language server and the client) with esbuild.
// Type checking is tsc's job (`npm run typecheck`, and the test build); esbuild only bundles.
import * as esbuild from 'esbuild';
import { readFileSync } from 'fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: { qda: 'server/src/cli/qda.ts' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { QDA_VERSION: JSON.stringify(version) },
});
