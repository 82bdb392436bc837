// The YAML front matter of a transcript: who is speaking, what kind of source it is, and any
// other attribute the researcher wants to keep with the document.
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic';
import { detach, intern } from './intern';
import type { LineIndex, Range, Span } from './text';
import { notAString } from './simpleYaml';
import { keyText, nodeRange, nodeSpan, parseYaml, scalarText, type YamlSource } from './yamlSupport';

export const sourceKinds = ['interview', 'observation', 'documentation'] as const;
export type SourceKind = (typeof sourceKinds)[number];

export interface Located<T> {
  value: T;
  range: Range;
}

export interface SpeakerMapping {
  label: string;
  labelRange: Range;
  informant: string;
  informantRange: Range;
}

export interface FrontMatter {
  /** The whole block, from the opening `---` to the end of the closing line. */
  range: Range;
  informant?: Located<string>;
  source?: Located<SourceKind>;
  date?: Located<string>;
  interviewer?: Located<string>;
  speakers: SpeakerMapping[];
  /** Every other key, as plain JavaScript values. */
  attributes: Record<string, unknown>;
  /** Range of each key of the front matter, for navigation. */
  keyRanges: Record<string, Range>;
  /** Range of each key's value (quick fixes edit them). */
  valueRanges: Record<string, Range>;
}

const knownKeys = new Set(['informant', 'source', 'date', 'interviewer', 'speakers']);

/** Reads front matter YAML found at `base` in a transcript; problems go to `problems`. */
export function readFrontMatter(
  yamlText: string,
  base: number,
  blockSpan: Span,
  lines: LineIndex,
  problems: Diagnostic[],
): FrontMatter {
  return readSimpleFrontMatter(yamlText, base, blockSpan, lines, problems) ?? readFrontMatterYaml(yamlText, base, blockSpan, lines, problems);
}

/** The same through the YAML library, whatever the front matter holds. */
export function readFrontMatterYaml(
  yamlText: string,
  base: number,
  blockSpan: Span,
  lines: LineIndex,
  problems: Diagnostic[],
): FrontMatter {
  const source = parseYaml(yamlText, base, lines, 'front-matter-yaml', problems);
  const frontMatter: FrontMatter = { range: lines.rangeOf(blockSpan), speakers: [], attributes: {}, keyRanges: {}, valueRanges: {} };
  const contents = source.doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return frontMatter;
  if (!isMap(contents)) {
    if (source.doc.errors.length === 0) {
      invalid(problems, nodeRange(source, contents, blockSpan), 'Front matter must be a map of keys to values, e.g. `informant: SR`.');
    }
    return frontMatter;
  }
  const seen = new Set<string>();
  for (const pair of contents.items) {
    const key = keyText(pair);
    const keyNode = pair.key as Node | null;
    if (key === undefined) {
      invalid(problems, nodeRange(source, keyNode, blockSpan), 'Front matter keys must be plain words.');
      continue;
    }
    const keyRange = nodeRange(source, keyNode, blockSpan);
    if (seen.has(key)) {
      invalid(problems, keyRange, `The key '${key}' appears twice; the first one is used.`);
      continue;
    }
    seen.add(key);
    frontMatter.keyRanges[key] = keyRange;
    const value = pair.value as Node | null;
    const valueRange = nodeRange(source, value, nodeSpan(source, keyNode, blockSpan));
    frontMatter.valueRanges[key] = valueRange;
    if (!knownKeys.has(key)) {
      frontMatter.attributes[key] = attributeValue(source, value);
      continue;
    }
    if (key === 'speakers') {
      readSpeakers(source, value, valueRange, blockSpan, frontMatter, problems);
      continue;
    }
    setKnownValue(frontMatter, key, scalarText(value), valueRange, problems);
  }
  return frontMatter;
}

/** `informant`, `source`, `date` or `interviewer`, from the text of its value. */
function setKnownValue(frontMatter: FrontMatter, key: string, text: string | undefined, valueRange: Range, problems: Diagnostic[]): void {
  if (text === undefined || text.trim() === '') {
    invalid(problems, valueRange, `'${key}' needs a single value${key === 'source' ? `: ${sourceKinds.join(', ')}` : ''}.`);
    return;
  }
  const located = { value: intern(text.trim()), range: valueRange };
  if (key === 'source') {
    if ((sourceKinds as readonly string[]).includes(located.value)) frontMatter.source = located as Located<SourceKind>;
    else invalid(problems, valueRange, `Unknown source '${located.value}'; use one of ${sourceKinds.join(', ')}.`);
  } else if (key === 'informant') frontMatter.informant = located;
  else if (key === 'interviewer') frontMatter.interviewer = located;
  else frontMatter.date = located;
}

// The front matter of nearly every transcript is a few `key: value` lines whose values YAML reads
// as strings. Those are read here without the YAML library, which costs more than the rest of the
// parse while its code is not yet optimised (about 80 ms of the first 1,000 transcripts). Anything
// else (comments, quotes, lists, maps, numbers, booleans, nulls, a repeated key, CRLF, `speakers`)
// goes to the library. A property test compares the two on generated front matter.
const simpleLine = /^([A-Za-z_][A-Za-z0-9_-]*):( +)([^\s\-?:,[\]{}#&*!|>'"%@`\u007f-\u009f\u2028\u2029\ufeff][^:#[\]{}\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]*?) *$/;
export function readSimpleFrontMatter(yamlText: string, base: number, blockSpan: Span, lines: LineIndex, problems: Diagnostic[]): FrontMatter | undefined {
  const pairs: { key: string; keyStart: number; valueStart: number; value: string }[] = [];
  const seen = new Set<string>();
  let at = 0;
  while (at < yamlText.length) {
    let end = yamlText.indexOf('\n', at);
    if (end < 0) end = yamlText.length;
    if (end > at) {
      const match = simpleLine.exec(yamlText.slice(at, end));
      if (!match) return undefined;
      const [, key, gap, value] = match;
      if (key === 'speakers' || seen.has(key) || notAString.test(key) || notAString.test(value)) return undefined;
      seen.add(key);
      pairs.push({ key, keyStart: at, valueStart: at + key.length + 1 + gap.length, value });
    }
    at = end + 1;
  }
  if (pairs.length === 0) return undefined;
  const frontMatter: FrontMatter = { range: lines.rangeOf(blockSpan), speakers: [], attributes: {}, keyRanges: {}, valueRanges: {} };
  for (const { key, keyStart, valueStart, value } of pairs) {
    frontMatter.keyRanges[key] = lines.rangeOf({ start: base + keyStart, end: base + keyStart + key.length });
    const valueRange = lines.rangeOf({ start: base + valueStart, end: base + valueStart + value.length });
    frontMatter.valueRanges[key] = valueRange;
    if (knownKeys.has(key)) setKnownValue(frontMatter, key, value, valueRange, problems);
    else frontMatter.attributes[key] = detach(value);
  }
  return frontMatter;
}

/**
 * Any other key's value: a scalar as its value, a list or map as the YAML text it was written
 * as. Converting collections could blow up (alias bombs, maps as keys); keeping text cannot.
 */
function attributeValue(source: YamlSource, value: Node | null): unknown {
  if (value === null) return null;
  // Strings are detached from the file's text, which is kept more compactly once parsed.
  if (isScalar(value)) return typeof value.value === 'string' ? detach(value.value) : (value.value ?? null);
  const r = value.range;
  return r ? detach(source.lines.text.slice(source.base + r[0], source.base + r[1]).trim()) : null;
}

function readSpeakers(
  source: YamlSource,
  value: Node | null,
  valueRange: Range,
  fallback: Span,
  frontMatter: FrontMatter,
  problems: Diagnostic[],
): void {
  if (value === null || (isScalar(value) && value.value === null)) return;
  if (!isMap(value)) {
    invalid(problems, valueRange, "'speakers' maps speaker labels to informant ids, e.g. `speakers: {R: SR}`.");
    return;
  }
  const labels = new Set<string>();
  for (const pair of value.items) {
    const label = keyText(pair);
    const labelRange = nodeRange(source, pair.key as Node | null, fallback);
    const informant = scalarText(pair.value);
    if (label === undefined || informant === undefined || informant.trim() === '') {
      invalid(problems, labelRange, 'Each speaker needs a label and an informant id, e.g. `R: SR`.');
      continue;
    }
    if (labels.has(label)) {
      invalid(problems, labelRange, `The speaker '${label}' is mapped twice; the first one is used.`);
      continue;
    }
    labels.add(label);
    frontMatter.speakers.push({
      label: intern(label),
      labelRange,
      informant: intern(informant.trim()),
      informantRange: nodeRange(source, pair.value as Node | null, fallback),
    });
  }
}

function invalid(problems: Diagnostic[], range: Range, message: string): void {
  problems.push({ range, severity: 'error', code: 'front-matter-invalid', message });
}
