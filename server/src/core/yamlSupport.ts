// YAML through the `yaml` library, with every position mapped back into the file that holds it
// (a transcript's front matter starts some lines into its file). No custom tags are enabled, so
// no YAML content can construct anything but plain maps, lists and scalars.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostic, DiagnosticCode } from './diagnostic';
import type { LineIndex, Range, Span } from './text';

export interface YamlSource {
  doc: Document.Parsed;
  /** Offset of the YAML text inside its file. */
  base: number;
  lines: LineIndex;
}

/** Parses YAML that starts at `base` in the file described by `lines`; syntax errors become diagnostics. */
export function parseYaml(
  yamlText: string,
  base: number,
  lines: LineIndex,
  code: DiagnosticCode,
  problems: Diagnostic[],
): YamlSource {
  // uniqueKeys is off: duplicate keys are reported by the callers, who know what they mean.
  const doc = parseDocument(yamlText, { uniqueKeys: false, prettyErrors: false, lineCounter: new LineCounter(), customTags: [] });
  for (const error of doc.errors) {
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
export function nodeSpan(source: YamlSource, node: Node | null | undefined, fallback: Span): Span {
  const r = node?.range;
  if (!r) return fallback;
  return { start: source.base + r[0], end: source.base + r[1] };
}

export function nodeRange(source: YamlSource, node: Node | null | undefined, fallback: Span): Range {
  return source.lines.rangeOf(nodeSpan(source, node, fallback));
}

/** The key text of a map pair, or undefined when the key is not a scalar. */
export function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key) && key.value !== null && key.value !== undefined && typeof key.value !== 'object') return String(key.value);
  return undefined;
}

/** A scalar value as text (numbers and booleans as written), or undefined for other nodes. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return node.source ?? String(v);
  return undefined;
}

export function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

export function isEmptyNode(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}
