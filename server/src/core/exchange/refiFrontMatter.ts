// A transcript's front matter through REFI-QDA: each key is a source Variable (the standard's
// "named attribute of a case or a source", a `VariableValue` of the `TextSource`), so `informant`,
// `interviewer`, `speakers`, `date` and the researcher's own keys come back on import, and other
// tools show them as document variables (docs/refi-qda.md). Values are written as a reader of the
// other tool would expect them: text as it is, numbers and true/false typed, and `speakers` (a map
// from label to informant) as YAML's one-line form `{ R: SR, R2: AY }`.
import { parse, stringify } from 'yaml';
import type { ParsedTranscript } from '../model/transcriptParser';

export type VariableValue = string | number | boolean;

/** REFI-QDA's types of variable, and the element that holds a value of each. */
export const variableValueElements = { Text: 'TextValue', Integer: 'IntegerValue', Float: 'FloatValue', Boolean: 'BooleanValue', Date: 'DateValue', DateTime: 'DateTimeValue' } as const;
export type VariableType = keyof typeof variableValueElements;

/** A transcript's front matter as variables, key by key in the file's order; keys with no value are left out. */
export function frontMatterVariables(parsed: ParsedTranscript): [string, VariableValue][] {
  const frontMatter = parsed.frontMatter;
  if (!frontMatter) return [];
  const out: [string, VariableValue][] = [];
  for (const key of Object.keys(frontMatter.keyRanges)) {
    let value: unknown;
    if (key === 'speakers') value = frontMatter.speakers.length > 0 ? stringify(new Map(frontMatter.speakers.map((s) => [s.label, s.informant])), { collectionStyle: 'flow', lineWidth: 0 }).trim() : undefined;
    else if (key === 'informant' || key === 'source' || key === 'date' || key === 'interviewer') value = frontMatter[key]?.value;
    else value = frontMatter.attributes[key];
    // A value the model did not take (`source: interviu`) is kept as it was written.
    if (value === undefined) value = rawValue(parsed, key);
    if (typeof value === 'string' ? value.trim() !== '' : typeof value === 'number' ? Number.isFinite(value) : typeof value === 'boolean') out.push([key, value as VariableValue]);
  }
  return out;
}

function rawValue(parsed: ParsedTranscript, key: string): string | undefined {
  const range = parsed.frontMatter?.valueRanges[key];
  if (!range) return undefined;
  const text = parsed.text.slice(parsed.lines.offsetAt(range.start), parsed.lines.offsetAt(range.end)).trim();
  return text || undefined;
}

/** The type of a variable from all its values: Integer, Float or Boolean where every value is one, else Text. */
export function variableType(values: VariableValue[]): VariableType {
  if (values.length > 0 && values.every((v) => typeof v === 'boolean')) return 'Boolean';
  if (values.length > 0 && values.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) return 'Integer';
  if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'Float';
  return 'Text';
}

/**
 * A source's variables as front matter values: numbers and true/false as such, text as text, and
 * `speakers` back to a map when it is one (else kept as text, for the check to report).
 */
export function frontMatterValue(name: string, element: string, text: string): unknown {
  const trimmed = text.trim();
  if (element === 'IntegerValue' || element === 'FloatValue') return Number.isFinite(Number(trimmed)) && trimmed !== '' ? Number(trimmed) : trimmed;
  if (element === 'BooleanValue') return trimmed === 'true' || trimmed === '1' ? true : trimmed === 'false' || trimmed === '0' ? false : trimmed;
  if (name === 'speakers') {
    try {
      const map = parse(trimmed, { mapAsMap: true, maxAliasCount: 0 }) as unknown;
      if (map instanceof Map && [...map].every(([k, v]) => (typeof k === 'string' || typeof k === 'number') && (typeof v === 'string' || typeof v === 'number'))) return map;
    } catch {
      // Not YAML: kept as the text it is.
    }
  }
  return text;
}

/** Front matter YAML (without its `---` lines) of keys and values in order. */
export function frontMatterYaml(entries: Map<string, unknown>): string {
  return stringify(entries, { lineWidth: 0 });
}
