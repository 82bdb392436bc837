// codebook.yaml: themes at the top, codes under `codes:` to any depth. It marks a project's root.
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { isValidCodePath, isValidSegment } from './codePath';
import { conflictDiagnostics } from './conflictMarkers';
import type { Diagnostic } from './diagnostic';
import { intern } from '../text/intern';
import { suggestSimilar } from './similarNames';
import { bomLength, LineIndex, type Range, type Span } from '../text/text';
import { isEmptyNode, keyText, nodeRange, parseYaml, scalarText, type YamlSource } from './yamlSupport';
import { codebookFileName } from './fileNames';

export interface CodeDefinition {
  /** Full path, e.g. `trust/quality`. */
  path: string;
  /** The last segment, e.g. `quality`. */
  name: string;
  theme: string;
  parent?: string;
  /** Depth below the theme: 0 for a theme. */
  depth: number;
  label?: string;
  description?: string;
  include?: string;
  exclude?: string;
  example?: string;
  color?: string;
  /** Paths the code had before it was renamed, moved or had others merged into it (`formerly:`). */
  formerly?: string[];
  /** Paths of the direct children, in file order. */
  children: string[];
  /** Range of the key that names the code: what go-to-definition selects and rename replaces. */
  keyRange: Range;
  /** Range of the whole entry, key and value. */
  range: Range;
}

const entryKeys = new Set(['label', 'description', 'include', 'exclude', 'example', 'color', 'formerly', 'codes']);

export interface Codebook {
  /** Every code and theme by path, in file order. */
  codes: Map<string, CodeDefinition>;
  /** Theme paths in file order. */
  themes: string[];
  problems: Diagnostic[];
  /** Each former path (`formerly:`) and the path the code has now. */
  renames: Map<string, string>;
  /** True when the YAML could not be read; the server keeps the last good codebook then. */
  hasSyntaxErrors: boolean;
}

export function emptyCodebook(): Codebook {
  return { codes: new Map(), themes: [], problems: [], renames: new Map(), hasSyntaxErrors: false };
}

/** The colour a code is shown in: its own, else its theme's, if the codebook gives one. */
export function colorOf(codebook: Codebook, path: string): string | undefined {
  const definition = codebook.codes.get(path);
  return definition?.color ?? (definition ? codebook.codes.get(definition.theme)?.color : undefined);
}

export function parseCodebook(text: string): Codebook {
  const lines = new LineIndex(text);
  // The conflicts' diagnostics start the list (not spread into a push: a file may hold thousands).
  const problems: Diagnostic[] = conflictDiagnostics(text, lines, codebookFileName);
  const bom = bomLength(text);
  const source = parseYaml(text.slice(bom), bom, lines, 'codebook-yaml', problems);
  const codebook: Codebook = { codes: new Map(), themes: [], problems, renames: new Map(), hasSyntaxErrors: source.doc.errors.length > 0 || !!source.tooDeep };
  const contents = source.doc.contents;
  const whole = { start: 0, end: text.length };
  if (isEmptyNode(contents)) return codebook;
  if (!isMap(contents)) {
    if (!codebook.hasSyntaxErrors) {
      invalid(problems, nodeRange(source, contents, whole), 'The codebook must map each theme to its definition, e.g. `trust: {label: …, description: …}`.');
    }
    return codebook;
  }
  readEntries(source, contents, undefined, codebook, whole);
  return codebook;
}

function readEntries(source: YamlSource, map: YAMLMap, parent: CodeDefinition | undefined, codebook: Codebook, fallback: Span): void {
  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    const name = keyText(pair);
    const keyRange = nodeRange(source, keyNode, fallback);
    if (name === undefined || !isValidSegment(name)) {
      invalid(
        codebook.problems,
        keyRange,
        `'${name ?? '?'}' is not a valid code name: use letters, digits, '_' and '-' (nest codes under 'codes:' instead of writing '/').`,
      );
      continue;
    }
    const path = parent ? `${parent.path}/${name}` : name;
    const first = codebook.codes.get(path);
    if (first) {
      codebook.problems.push({
        range: keyRange,
        severity: 'error',
        code: 'duplicate-code',
        message: `The code '${path}' is defined twice; the first definition is used.`,
        related: [{ range: first.keyRange, message: 'First definition' }],
      });
      continue;
    }
    const value = pair.value as Node | null;
    const keyStart = keyNode?.range ? source.base + keyNode.range[0] : fallback.start;
    const valueEnd = value?.range ? source.base + value.range[1] : keyNode?.range ? source.base + keyNode.range[1] : fallback.end;
    const definition: CodeDefinition = {
      path: intern(path),
      name,
      theme: parent ? parent.theme : name,
      parent: parent?.path,
      depth: parent ? parent.depth + 1 : 0,
      children: [],
      keyRange,
      range: source.lines.rangeOf({ start: keyStart, end: valueEnd }),
    };
    codebook.codes.set(definition.path, definition);
    if (parent) parent.children.push(path);
    else codebook.themes.push(path);

    if (isMap(value)) readDefinition(source, value, definition, codebook, fallback);
    else if (isScalar(value) && typeof value.value === 'string') definition.label = value.value; // `code: Label` shorthand
    else if (!isEmptyNode(value)) {
      invalid(codebook.problems, nodeRange(source, value, fallback), `The definition of '${path}' must be a map with label, description and codes.`);
    }
    if (definition.description === undefined) {
      codebook.problems.push({
        range: keyRange,
        severity: 'hint',
        code: 'missing-description',
        message: `The code '${path}' has no description; a definition helps every coder apply it the same way.`,
      });
    }
  }
}

function readDefinition(source: YamlSource, map: YAMLMap, definition: CodeDefinition, codebook: Codebook, fallback: Span): void {
  let children: YAMLMap | undefined;
  for (const pair of map.items) {
    const key = keyText(pair);
    const keyRange = nodeRange(source, pair.key as Node | null, fallback);
    const value = pair.value as Node | null;
    if (key === 'codes') {
      if (isMap(value)) children = value;
      else if (!isEmptyNode(value)) {
        invalid(codebook.problems, nodeRange(source, value, fallback), "'codes' must map each code name to its definition.");
      }
      continue;
    }
    if (key === 'formerly') {
      const paths = isSeq(value) ? value.items.map(scalarText) : [scalarText(value)];
      if (paths.some((p) => p === undefined || !isValidCodePath(p))) {
        if (!isEmptyNode(value)) invalid(codebook.problems, nodeRange(source, value, fallback), `'formerly' of '${definition.path}' lists the code's former paths, e.g. [trust/quality].`);
        continue;
      }
      definition.formerly = paths as string[];
      for (const old of paths as string[]) if (old !== definition.path) codebook.renames.set(old, definition.path);
      continue;
    }
    if (key === undefined || !entryKeys.has(key)) {
      const suggestion = isMap(value) ? ` Child codes go under 'codes:'.` : ` Known keys: ${[...entryKeys].join(', ')}.`;
      codebook.problems.push({
        range: keyRange,
        severity: 'warning',
        code: 'codebook-unknown-key',
        message: `Unknown key '${key ?? '?'}' in the definition of '${definition.path}'.${suggestion}`,
        data: { suggestions: key ? suggestSimilar(key, [...entryKeys]) : [] },
      });
      continue;
    }
    const text = scalarText(value);
    if (text === undefined) {
      if (!isEmptyNode(value)) {
        invalid(codebook.problems, nodeRange(source, value, fallback), `'${key}' of '${definition.path}' must be text.`);
      }
      continue;
    }
    (definition as unknown as Record<string, string>)[key] = text;
  }
  if (children) readEntries(source, children, definition, codebook, fallback);
}

function invalid(problems: Diagnostic[], range: Range, message: string): void {
  problems.push({ range, severity: 'error', code: 'codebook-invalid', message });
}

/** All paths at or below `path`, in file order. */
export function descendantsOf(codebook: Codebook, path: string): string[] {
  const result: string[] = [];
  const visit = (p: string) => {
    result.push(p);
    for (const child of codebook.codes.get(p)?.children ?? []) visit(child);
  };
  if (codebook.codes.has(path)) visit(path);
  return result;
}

/**
 * The path a code has now, where the codebook says it was renamed or merged (`formerly:`): a former
 * path, or a path below one (a renamed code's sub-codes moved with it), followed to the newest name.
 * Undefined for a path that was never renamed.
 */
export function renamedPath(renames: ReadonlyMap<string, string>, code: string): string | undefined {
  if (renames.size === 0) return undefined;
  let current = code;
  for (let step = 0; step < 16; step++) {
    let next: string | undefined;
    for (const [old, now] of renames) {
      if (current === old) next = now;
      else if (current.startsWith(`${old}/`)) next = now + current.slice(old.length);
      if (next !== undefined) break;
    }
    if (next === undefined || next === current) break;
    current = next;
  }
  return current === code ? undefined : current;
}
