// A fast reader for the YAML that codebooks and informants files are nearly always made of:
// block maps of `key: value` lines nested by indentation, with one-line plain values and one-line
// flow maps `{key: value, …}`. It makes the nodes the `yaml` library makes of such text (the same
// values, sources and ranges) several times faster: the library took 40 ms for a codebook of 500
// codes and 1,000 informants once warm, and four times that in a new process. Anything else
// (comments, quotes, lists, multi-line values, tabs, carriage returns, anchors, values YAML reads
// as anything but a string or a plain integer) is left to the library. A property test compares
// the two on generated YAML.
//
// It reads into light nodes of its own (`SimpleMap`, `SimpleScalar`: the same values, sources and
// ranges), which `readSimpleYaml` turns into the library's. A reader that takes either kind
// (`isMapNode`, `isScalarNode`) skips that step: the library's nodes are costly to make (each
// defines a property on itself), and informants.yaml of 20,000 commenters took 150 ms to read
// into them, most of it making them and collecting them.
import { isMap, isScalar, Pair, Scalar, YAMLMap, type Node } from 'yaml';

/** A plain scalar as the reader read it: as the library's `Scalar` holds it. */
export class SimpleScalar {
  constructor(
    readonly value: string | number | null,
    readonly source: string,
    /** Start, end of the value, end of the node (past the line feed), as the library's. */
    readonly range: [number, number, number],
  ) {}
}

/** A block or flow map as the reader read it: as the library's `YAMLMap` holds it. */
export class SimpleMap {
  readonly items: { key: SimpleScalar; value: SimpleNode }[] = [];
  range: [number, number, number] = [0, 0, 0];
  constructor(readonly flow: boolean) {}
}

export type SimpleNode = SimpleScalar | SimpleMap;

/** A map, of the library's or of this reader's. */
export function isMapNode(node: unknown): node is YAMLMap<unknown, unknown> | SimpleMap {
  return node instanceof SimpleMap || isMap(node);
}

/** A scalar, of the library's or of this reader's. */
export function isScalarNode(node: unknown): node is Scalar | SimpleScalar {
  return node instanceof SimpleScalar || isScalar(node);
}

/** What YAML 1.2's core schema reads as null, a boolean or a number (the `yaml` library's default). */
export const notAString =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:[0-9]+|\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Integers that read back as written: the only values other than strings taken here. */
export const plainInteger = /^(?:0|[1-9][0-9]{0,14})$/;

/** ` key:` then the end of the line, or spaces and a value. Keys: letters, digits, '_', '.', '-'. */
const keyLine = /^( *)([\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}_.-]*):(?:( +)(.*))?$/u;
/** A value in block context: no indicator first, no ':', '#', brackets or braces, no space at the end. */
const blockValue = /^[^\s\-?:,[\]{}#&*!|>'"%@`][^:#[\]{}]*(?<! )$/;
/** A flow map on one line, `{}` or `{key: value, key: value}`. */
const flowItem = '[\\p{L}\\p{Nd}_][\\p{L}\\p{M}\\p{Nd}_.-]*: [^\\s\\-?:,[\\]{}#&*!|>\'"%@`][^:#,[\\]{}]*(?<! )';
const flowMap = new RegExp(String.raw`^\{(?:${flowItem}(?:, ${flowItem})*)?\}$`, 'u');
/** Characters the reader never takes: tabs, carriage returns, other controls, separators, byte order marks. */
const refused = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;

interface Line {
  indent: number;
  key: string;
  keyStart: number;
  /** Offset of the value, or -1 where the line ends after the colon. */
  valueStart: number;
  value: string;
  /** Offset of the line's end (its line feed, or the end of the text). */
  end: number;
  newline: boolean;
}

/** The top map of `text`, as the `yaml` library reads it; undefined where the text is not of the simple kind. */
export function readSimpleYaml(text: string): Node | undefined {
  const map = readSimpleNodes(text);
  return map && libraryNode(map);
}

/** The same, in this reader's light nodes. */
export function readSimpleNodes(text: string): SimpleMap | undefined {
  if (refused.test(text)) return undefined;
  const lines: Line[] = [];
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    const newline = end >= 0;
    if (!newline) end = text.length;
    if (end > at) {
      const match = keyLine.exec(text.slice(at, end));
      if (!match) return undefined;
      const [, indent, key, gap, value] = match;
      if (notAString.test(key)) return undefined;
      const keyStart = at + indent.length;
      if (gap !== undefined && value === '') return undefined; // spaces at the end of the line
      lines.push({ indent: indent.length, key, keyStart, valueStart: gap === undefined ? -1 : keyStart + key.length + 1 + gap.length, value: value ?? '', end, newline });
    }
    at = end + 1;
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined;
  const read = readBlockMap(text, lines, 0);
  return read && read.next === lines.length ? read.map : undefined;
}

/** The block map whose keys are the lines from `first` on at its indentation. */
function readBlockMap(text: string, lines: Line[], first: number): { map: SimpleMap; next: number } | undefined {
  const indent = lines[first].indent;
  const map = new SimpleMap(false);
  let i = first;
  let end = 0;
  while (i < lines.length && lines[i].indent === indent) {
    const line = lines[i];
    const keyEnd = line.keyStart + line.key.length;
    const key = scalar(line.key, line.key, line.keyStart, keyEnd, keyEnd);
    let value: SimpleNode;
    if (line.valueStart >= 0) {
      const read = line.value.startsWith('{') ? readFlowMap(line) : blockScalar(line);
      if (!read) return undefined;
      value = read;
      i++;
    } else if (i + 1 < lines.length && lines[i + 1].indent > indent) {
      const child = readBlockMap(text, lines, i + 1);
      if (!child) return undefined;
      value = child.map;
      i = child.next;
    } else {
      // `key:` and nothing below it: a null, as YAML reads it, just after the colon.
      value = scalar(null, '', keyEnd + 1, keyEnd + 1, keyEnd + 1);
      i++;
    }
    map.items.push({ key, value });
    end = value.range[2];
  }
  // A line indented deeper that no key opened.
  if (i < lines.length && lines[i].indent > indent) return undefined;
  map.range = [lines[first].keyStart, end, end];
  return { map, next: i };
}

function blockScalar(line: Line): SimpleScalar | undefined {
  if (!blockValue.test(line.value)) return undefined;
  const value = valueOf(line.value);
  if (value === undefined) return undefined;
  const end = line.valueStart + line.value.length;
  return scalar(value, line.value, line.valueStart, end, end + (line.newline ? 1 : 0));
}

function readFlowMap(line: Line): SimpleMap | undefined {
  if (!flowMap.test(line.value)) return undefined;
  const map = new SimpleMap(true);
  const inner = line.value.slice(1, -1);
  let at = line.valueStart + 1;
  if (inner !== '') {
    for (const item of inner.split(', ')) {
      const colon = item.indexOf(': ');
      const name = item.slice(0, colon);
      const text = item.slice(colon + 2);
      const value = valueOf(text);
      if (value === undefined || notAString.test(name)) return undefined;
      const valueStart = at + colon + 2;
      map.items.push({ key: scalar(name, name, at, at + colon, at + colon), value: scalar(value, text, valueStart, valueStart + text.length, valueStart + text.length) });
      at += item.length + 2;
    }
  }
  const close = line.valueStart + line.value.length;
  map.range = [line.valueStart, close, close + (line.newline ? 1 : 0)];
  return map;
}

/** A plain value as YAML reads it: a string, or a plain integer; undefined for anything else. */
function valueOf(text: string): string | number | undefined {
  if (!notAString.test(text)) return text;
  return plainInteger.test(text) ? Number(text) : undefined;
}

function scalar(value: string | number | null, source: string, start: number, end: number, nodeEnd: number): SimpleScalar {
  return new SimpleScalar(value, source, [start, end, nodeEnd]);
}

/** The library's node of a light one. */
function libraryNode(node: SimpleNode): Scalar | YAMLMap {
  if (node instanceof SimpleScalar) {
    const scalar = new Scalar(node.value);
    scalar.source = node.source;
    scalar.type = Scalar.PLAIN;
    scalar.range = [...node.range];
    return scalar;
  }
  const map = new YAMLMap();
  if (node.flow) map.flow = true;
  for (const item of node.items) map.items.push(new Pair(libraryNode(item.key), libraryNode(item.value)));
  map.range = [...node.range];
  return map;
}
