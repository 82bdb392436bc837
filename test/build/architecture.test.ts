// The house as docs/architecture.md draws it, held by reading every source file's imports with
// TypeScript's own pre-processor (type imports included): the core's rooms and their floors, no
// upward import and no circle, the core free of the editor and of Node, the client free of the
// parser. A file added in the wrong place, or an import that climbs a floor, fails here by name.
import * as assert from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { builtinModules } from 'module';
import * as path from 'path';
import * as ts from 'typescript';

const repo = path.resolve(__dirname, '../../..');
const core = path.join(repo, 'server/src/core');
/** The core's rooms, lowest floor first: a room imports only from its own floor and those below. */
const floors = ['text', 'model', 'project', 'analyses', 'exchange'];
/** The npm packages the core may use: none of them knows about editors, Node or the network. */
const corePackages = ['yaml', 'vscode-uri', 'fflate', 'uuid', 'fast-xml-parser', 'htmlparser2', 'mammoth', 'webvtt-parser', 'docx'];
/** What the client may take from the core at run time: small pure helpers, never the parser or the index. */
const clientCoreModules = ['project/projectFiles', 'model/fileNames', 'analyses/csv', 'analyses/percentages', 'text/excerpt', 'text/base64', 'model/timestamp'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

interface Import {
  /** The imported file (resolved, with `.ts`), or the package's name. */
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const typeOnly = new Set<string>();
  // `import type { … } from '…'` and `export type { … } from '…'` bring no code at run time.
  for (const m of text.matchAll(/^(?:import|export) type [^;]*?from '([^']+)'/gms)) typeOnly.add(m[1]);
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => {
    const isRelative = fileName.startsWith('.');
    const resolved = isRelative ? resolveRelative(file, fileName) : fileName.startsWith('node:') ? fileName : packageName(fileName);
    return { target: resolved, typeOnly: typeOnly.has(fileName) };
  });
}

function resolveRelative(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (safeIsFile(candidate)) return candidate;
  return base;
}

function safeIsFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const roomOf = (file: string) => path.relative(core, file).split(path.sep)[0];
const relative = (file: string) => path.relative(repo, file).split(path.sep).join('/');

describe('the architecture (docs/architecture.md)', () => {
  const coreFiles = sourceFiles(core);

  it('puts every core file in a room, and every room has an index that names each of its files', () => {
    const loose = coreFiles.filter((file) => !floors.includes(roomOf(file)) || path.dirname(file) !== path.join(core, roomOf(file)));
    assert.deepStrictEqual(loose.map(relative), []);
    for (const room of floors) {
      const index = path.join(core, room, 'index.ts');
      const text = readFileSync(index, 'utf8');
      assert.match(text, /^\/\/ \S/, `${relative(index)} starts with the room's README line`);
      const listed = [...text.matchAll(/^export \* from '\.\/([A-Za-z0-9]+)';$/gm)].map((m) => m[1]).sort();
      const files = readdirSync(path.join(core, room)).filter((name) => name.endsWith('.ts') && name !== 'index.ts').map((name) => name.slice(0, -3)).sort();
      assert.deepStrictEqual(listed, files, `${relative(index)} re-exports every file of the room`);
    }
  });

  it('has no upward import between the core\'s rooms: text, model, project, analyses, exchange', () => {
    const upward: string[] = [];
    for (const file of coreFiles) {
      for (const { target } of importsOf(file)) {
        if (!target.startsWith(core + path.sep)) continue;
        if (floors.indexOf(roomOf(target)) > floors.indexOf(roomOf(file))) upward.push(`${relative(file)} → ${relative(target)}`);
      }
    }
    assert.deepStrictEqual(upward, []);
  });

  it('has no import circle in the core, type imports included', () => {
    const graph = new Map(coreFiles.map((file) => [file, importsOf(file).map((i) => i.target).filter((t) => t.startsWith(core + path.sep) && !t.endsWith(`${path.sep}index.ts`))]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        circles.push([...trail.slice(trail.indexOf(file)), file].map(relative).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of coreFiles) visit(file, []);
    assert.deepStrictEqual(circles, []);
  });

  it('keeps the core free of the editor, the language server and Node: only its listed packages', () => {
    const foreign: string[] = [];
    for (const file of coreFiles) {
      for (const { target } of importsOf(file)) {
        if (path.isAbsolute(target)) {
          if (!target.startsWith(core + path.sep)) foreign.push(`${relative(file)} → ${relative(target)}`);
        } else if (!corePackages.includes(target) || builtinModules.includes(target)) foreign.push(`${relative(file)} → ${target}`);
      }
    }
    assert.deepStrictEqual(foreign, []);
  });

  it('gives the language service the core and LSP types, never the server, Node or the editor', () => {
    const allowed = (target: string) =>
      target.startsWith(core + path.sep) || target.startsWith(path.join(repo, 'server/src/languageService') + path.sep) || ['vscode-languageserver-types', 'vscode-uri'].includes(target);
    const foreign = sourceFiles(path.join(repo, 'server/src/languageService')).flatMap((file) => importsOf(file).filter((i) => !allowed(i.target)).map((i) => `${relative(file)} → ${relative(i.target)}`));
    assert.deepStrictEqual(foreign, []);
  });

  it('lets the client take from the server only the protocol, its types, and a few pure core helpers: never the parser', () => {
    const server = path.join(repo, 'server/src') + path.sep;
    const allowed = new Set([path.join(repo, 'server/src/protocol.ts'), path.join(repo, 'server/src/serverProcess.ts'), ...clientCoreModules.map((m) => path.join(core, `${m}.ts`))]);
    const foreign: string[] = [];
    for (const file of sourceFiles(path.join(repo, 'client'))) {
      for (const { target, typeOnly } of importsOf(file)) {
        if (target.startsWith(server) && !typeOnly && !allowed.has(target)) foreign.push(`${relative(file)} → ${relative(target)}`);
      }
    }
    assert.deepStrictEqual(foreign, []);
    // The allowed helpers themselves reach nothing else at run time.
    for (const m of clientCoreModules) {
      const reached = importsOf(path.join(core, `${m}.ts`)).filter((i) => !i.typeOnly && path.isAbsolute(i.target) && !allowed.has(i.target));
      assert.deepStrictEqual(reached.map((i) => relative(i.target)), [], m);
    }
  });

  it('keeps every source file under 800 lines', () => {
    const long = ['server/src', 'client', 'test', 'bench', 'scripts']
      .flatMap((folder) => sourceFiles(path.join(repo, folder)))
      .map((file) => [relative(file), readFileSync(file, 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 800);
    assert.deepStrictEqual(long, []);
  });

  it('spells which files make a project once: each name in one file (the globs and the suffix in project/projectFiles.ts)', () => {
    const homes: Record<string, string> = {
      'codebook.yaml': path.join(core, 'model', 'fileNames.ts'),
      'informants.yaml': path.join(core, 'model', 'fileNames.ts'),
    };
    const projectFiles = path.join(core, 'project', 'projectFiles.ts');
    const spelled: string[] = [];
    for (const file of [...sourceFiles(path.join(repo, 'server/src')), ...sourceFiles(path.join(repo, 'client'))]) {
      // Strings only: comments may name the files.
      const code = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
      for (const m of code.matchAll(/(['"`])(?:\*\*\/)?\*?(\.transcript\.md|codebook\.yaml|informants\.yaml|memos\/\*\*[^'"`]*)\1/g)) {
        if (file !== (homes[m[2]] ?? projectFiles)) spelled.push(`${relative(file)}: ${m[0]}`);
      }
    }
    assert.deepStrictEqual(spelled, []);
  });
});
