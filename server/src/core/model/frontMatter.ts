// The YAML front matter of a transcript: who is speaking, what kind of source it is, and any
// other attribute the researcher wants to keep with the document.
import { isMap, isScalar, type Node } from 'yaml';
import type { Diagnostic } from './diagnostic';
import { detach, intern } from '../text/intern';
import type { LineIndex, Range, Span } from '../text/text';
import { isEmptyNode, keyText, nodeRange, nodeSpan, parseYaml, scalarText, type YamlSource } from './yamlSupport';

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
  /** The whole block, from the opening `---` to the end of the closing line (the start of the next, where there is one). */
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

/** The line of the closing `---` (or the last line of an unterminated front matter). */
export function closingLine(frontMatter: FrontMatter): number {
  const end = frontMatter.range.end;
  return end.character === 0 ? end.line - 1 : end.line;
}

const knownKeys = new Set(['informant', 'source', 'date', 'interviewer', 'speakers']);

/**
 * Reads front matter YAML found at `base` in a transcript; problems go to `problems`. The usual
 * few `key: value` lines are read without the YAML library (`parseYaml` tries `simpleYaml` first).
 */
export function readFrontMatter(
  yamlText: string,
  base: number,
  blockSpan: Span,
  lines: LineIndex,
  problems: Diagnostic[],
): FrontMatter {
  const source = parseYaml(yamlText, base, lines, 'front-matter-yaml', problems);
  const frontMatter: FrontMatter = { range: lines.rangeOf(blockSpan), speakers: [], attributes: {}, keyRanges: {}, valueRanges: {} };
  const contents = source.doc.contents;
  if (isEmptyNode(contents) || (isScalar(contents) && contents.value === '')) return frontMatter;
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

/**
 * Any other key's value: a scalar as its value, a list or map as the YAML text it was written
 * as. Converting collections could blow up (alias bombs, maps as keys); keeping text cannot.
 */
function attributeValue(source: YamlSource, value: Node | null): unknown {
  if (value === null) return null;
  // Strings are detached from the file's text, which is kept more compactly once parsed.
  if (isScalar(value)) return typeof value.value === 'string' ? detach(value.value) : (value.value ?? null);
  const r = value.range;
  return r ? detach(source.lines.source.slice(source.base + r[0], source.base + r[1]).trim()) : null;
}

function readSpeakers(
  source: YamlSource,
  value: Node | null,
  valueRange: Range,
  fallback: Span,
  frontMatter: FrontMatter,
  problems: Diagnostic[],
): void {
  if (isEmptyNode(value)) return;
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
