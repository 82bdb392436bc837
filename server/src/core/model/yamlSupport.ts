// YAML through the `yaml` library, with every position mapped back into the file that holds it
// (a transcript's front matter starts some lines into its file). No custom tags are enabled, so
// no YAML content can construct anything but plain maps, lists and scalars.
import { LineCounter, parseDocument, type Node, type YAMLError } from 'yaml';
import type { Diagnostic, DiagnosticCode } from './diagnostic';
import { isScalarNode, readSimpleNodes, readSimpleYaml, type SimpleNode } from './simpleYaml';
import type { LineIndex, Range, Span } from '../text/text';

export interface YamlSource<N = Node> {
  /** The document's top node and syntax errors: all the readers use of it. */
  doc: { contents: N | null; errors: readonly YAMLError[] };
  /** Offset of the YAML text inside its file. */
  base: number;
  lines: LineIndex;
  /** Set when the text was too deeply nested to parse. */
  tooDeep?: boolean;
}

const maxFlowDepth = 64;
const maxReportedErrors = 20;

/** The deepest nesting of flow brackets and braces (quotes and comments skipped), and where it is first reached. */
function flowDepth(text: string): { max: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\n')) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) break;
      i = eol;
    }
  }
  return { max, at };
}

/** Parses YAML that starts at `base` in the file described by `lines`; syntax errors become diagnostics. */
export function parseYaml(yamlText: string, base: number, lines: LineIndex, code: DiagnosticCode, problems: Diagnostic[]): YamlSource {
  return parseYamlReading(readSimpleYaml, yamlText, base, lines, code, problems);
}

/**
 * The same, where the text is of the simple kind, in the simple reader's light nodes rather than
 * the library's: for a reader that takes either (`isMapNode`, `isScalarNode`).
 */
export function parseYamlLight(yamlText: string, base: number, lines: LineIndex, code: DiagnosticCode, problems: Diagnostic[]): YamlSource<Node | SimpleNode> {
  return parseYamlReading<Node | SimpleNode>(readSimpleNodes, yamlText, base, lines, code, problems);
}

function parseYamlReading<N>(readSimple: (text: string) => N | undefined, yamlText: string, base: number, lines: LineIndex, code: DiagnosticCode, problems: Diagnostic[]): YamlSource<N | Node> {
  // Most codebooks and informants files are of the simple kind that is read without the library.
  const simple = readSimple(yamlText);
  if (simple) return { doc: { contents: simple, errors: [] }, base, lines };
  // The YAML library slows down more than linearly on flow collections nested hundreds deep;
  // no codebook or front matter needs that, so such text is reported, not parsed.
  const depth = flowDepth(yamlText);
  if (depth.max > maxFlowDepth) {
    problems.push({
      range: lines.rangeOf({ start: base + depth.at, end: base + depth.at + 1 }),
      severity: 'error',
      code,
      message: `Invalid YAML: brackets or braces nested more than ${maxFlowDepth} deep.`,
    });
    return { doc: parseDocument('', { customTags: [] }), base, lines, tooDeep: true };
  }
  // uniqueKeys is off: duplicate keys are reported by the callers, who know what they mean.
  const doc = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false, lineCounter: new LineCounter(), customTags: [] });
  const shown = doc.errors.slice(0, maxReportedErrors);
  if (doc.errors.length > shown.length) {
    const last = doc.errors[shown.length].pos[0];
    problems.push({
      range: lines.rangeOf({ start: base + Math.min(last, yamlText.length), end: base + Math.min(last, yamlText.length) }),
      severity: 'error',
      code,
      message: `Invalid YAML: ${doc.errors.length - shown.length} more errors from here on.`,
    });
  }
  for (const error of shown) {
    // The library may point one past its text (an unexpected end); keep the range in the YAML.
    const start = Math.min(error.pos[0], yamlText.length);
    const end = Math.min(Math.max(error.pos[1], start), yamlText.length);
    problems.push({
      range: lines.rangeOf({ start: base + start, end: base + end }),
      severity: 'error',
      code,
      message: `Invalid YAML: ${firstLine(error.message)}`,
    });
  }
  return { doc, base, lines };
}

function firstLine(message: string): string {
  const line = message.split(/\r?\n/)[0];
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** The span of a YAML node in its file (the node's value, without trailing comments). */
export function nodeSpan(source: YamlSource<unknown>, node: Node | SimpleNode | null | undefined, fallback: Span): Span {
  const r = node?.range;
  if (!r) return fallback;
  return { start: source.base + r[0], end: source.base + r[1] };
}

export function nodeRange(source: YamlSource<unknown>, node: Node | SimpleNode | null | undefined, fallback: Span): Range {
  return source.lines.rangeOf(nodeSpan(source, node, fallback));
}

/** The key text of a map pair, or undefined when the key is not a scalar. */
export function keyText(pair: { key: unknown }): string | undefined {
  const key = pair.key;
  if (isScalarNode(key) && key.value !== null && key.value !== undefined && typeof key.value !== 'object') return String(key.value);
  return undefined;
}

/** A scalar value as text (numbers and booleans as written), or undefined for other nodes. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalarNode(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return node.source ?? String(v);
  return undefined;
}

/** No value: an empty key (`key:`), `null` or `~`. */
export function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalarNode(node) && (node.value === null || node.value === undefined));
}
