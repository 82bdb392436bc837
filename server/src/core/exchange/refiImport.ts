// Import of a REFI-QDA codebook (docs/refi-qda.md): the `CodeBook` of a `.qdc`, or of the
// `project.qde` inside a `.qdpx`, becomes a codebook.yaml. Codes keep their nesting, names
// (as labels), colours and descriptions; a description in this tool's own export form
// ("Include: …", "Exclude: …", "Example: …" paragraphs) is split back into those fields.
//
// The input is untrusted: a document with a DTD is refused (no entity of it is ever expanded),
// only XML's five predefined entities and character references are decoded, and a `.qdpx` is
// read for its `project.qde` alone, within the caps of refiArchive.ts.
import { XMLParser } from 'fast-xml-parser';
import { stringify } from 'yaml';
import { fromBase64 } from '../text/base64';
import type { CodeDefinition } from '../model/codebook';
import { unpackQdpx } from './refiArchive';

export interface ImportedCodebook {
  /** The codebook.yaml text. */
  yaml: string;
  /** Every code and theme, counted. */
  codes: number;
  /** What could not be carried over, one line each. */
  notes: string[];
  /** True when the file was a project (its sources, codings and cases are not imported yet). */
  fromProject: boolean;
}

export type ImportResult = { ok: ImportedCodebook } | { error: string };

export interface XmlCode {
  guid?: string;
  name?: string;
  color?: string;
  isCodable?: string;
  Description?: string;
  Code?: XmlCode[];
}

/** A codebook.yaml entry: the fields a code definition has, and its codes below. */
type YamlCode = Partial<Pick<CodeDefinition, 'label' | 'description' | 'include' | 'exclude' | 'example' | 'color'>> & { codes?: Record<string, YamlCode> };

const predefined: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's own entities and character references, decoded in one pass (so `&amp;#65;` stays `&#65;`). */
export function decodeXmlText(text: string): string {
  return text.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (whole, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
    if (name) return predefined[name];
    const code = parseInt(hex ?? decimal!, hex ? 16 : 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** A code path segment from a name: letters, digits, "_" and "-" (codePath.ts), lower case. */
export function keyOf(name: string): string {
  const key = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{Nd}_]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return key || 'code';
}

/** Splits this tool's exported description back into definition, include, exclude and example. */
function describe(description: string | undefined, into: YamlCode): void {
  if (!description) return;
  const rest: string[] = [];
  for (const paragraph of description.split(/\r?\n\s*\r?\n/)) {
    const rule = /^(Include|Exclude|Example): ([\s\S]*)$/.exec(paragraph.trim());
    const field = rule?.[1].toLowerCase() as 'include' | 'exclude' | 'example' | undefined;
    if (rule && field && into[field] === undefined) into[field] = rule[2].trim();
    else rest.push(paragraph.trim());
  }
  const definition = rest.filter(Boolean).join('\n\n');
  if (definition) into.description = definition;
}

/** The codebook's codes as codebook.yaml entries; `paths` gets each code's path by its GUID. */
export function convertCodes(codes: XmlCode[], notes: string[], counter: { codes: number }, parentPath: string, paths?: Map<string, string>): Record<string, YamlCode> {
  const out: Record<string, YamlCode> = {};
  for (const code of codes) {
    const name = decodeXmlText(String(code.name ?? '')).trim();
    let key = keyOf(name);
    for (let n = 2; key in out; n++) key = `${keyOf(name)}-${n}`;
    const path = parentPath ? `${parentPath}/${key}` : key;
    if (key !== keyOf(name)) notes.push(`two codes named "${name}" under ${parentPath || 'the top'}: the second is ${path}`);
    const entry: YamlCode = {};
    if (name && name !== key) entry.label = name;
    describe(code.Description === undefined ? undefined : decodeXmlText(String(code.Description)), entry);
    if (code.color && /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(code.color)) entry.color = code.color.toLowerCase();
    counter.codes++;
    if (code.guid) paths?.set(code.guid, path);
    if (code.Code && code.Code.length > 0) entry.codes = convertCodes(code.Code, notes, counter, path, paths);
    out[key] = entry;
  }
  return out;
}

function codebookXml(bytes: Uint8Array, fileName: string): { xml: string } | { error: string } {
  if (/\.qdpx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    const unpacked = unpackQdpx(bytes, fileName, (name) => name === 'project.qde');
    if ('error' in unpacked) return unpacked;
    const { entries } = unpacked;
    const qde = entries['project.qde'];
    if (!qde) return { error: `${fileName} holds no project.qde: not a REFI-QDA project` };
    return { xml: new TextDecoder().decode(qde) };
  }
  return { xml: new TextDecoder().decode(bytes) };
}

export function importRefiCodebookBase64(base64: string, fileName: string): ImportResult {
  return fromBase64(base64, fileName, importRefiCodebook);
}

/**
 * REFI-QDA XML read safely: a document with a DTD is refused (no entity of it is ever expanded),
 * and the parser decodes no entity (decodeXmlText does XML's own five); values stay text.
 */
export function parseRefiXml<T>(xml: string, fileName: string, options: { isArray: (name: string) => boolean; stopNodes?: string[]; trimValues?: boolean }): { ok: T } | { error: string } {
  if (/<!DOCTYPE/i.test(xml)) return { error: `${fileName} declares a DTD: refused, as REFI-QDA files have none and its entities could be unsafe` };
  try {
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      processEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      ...options,
    });
    return { ok: parser.parse(xml, true) as T };
  } catch (error) {
    return { error: `${fileName} is not well-formed XML: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** The codebook of a `.qdc` or `.qdpx` file as a codebook.yaml. Never throws. */
export function importRefiCodebook(bytes: Uint8Array, fileName: string): ImportResult {
  const read = codebookXml(bytes, fileName);
  if ('error' in read) return read;
  const xml = read.xml.replace(/^\uFEFF/, '');
  const codebook = parseRefiXml<{ CodeBook?: { Codes?: { Code?: XmlCode[] } }; Project?: { CodeBook?: { Codes?: { Code?: XmlCode[] } } } }>(xml, fileName, {
    isArray: (name) => name === 'Code',
    // Only the codebook is read: a project's sources, cases and notes are kept as raw text, not parsed.
    stopNodes: ['Project.Users', 'Project.Cases', 'Project.Sources', 'Project.Notes', 'Project.Links', 'Project.Sets', 'Project.Graphs', 'Project.Variables', 'Project.Description'],
  });
  if ('error' in codebook) return codebook;
  const parsed = codebook.ok;
  const codes = (parsed.CodeBook ?? parsed.Project?.CodeBook)?.Codes?.Code;
  if (!parsed.CodeBook && !parsed.Project) return { error: `${fileName} is neither a REFI-QDA codebook nor a project` };
  const notes: string[] = [];
  const counter = { codes: 0 };
  const tree = convertCodes(codes ?? [], notes, counter, '');
  return { ok: { yaml: codebookYamlText(tree, counter.codes, fileName), codes: counter.codes, notes, fromProject: parsed.Project !== undefined } };
}

/** codebook.yaml's text: a header saying where it came from, then the codes. */
export function codebookYamlText(tree: Record<string, YamlCode>, codes: number, fileName: string): string {
  const header = `# Imported from ${fileName} (REFI-QDA): ${codes} codes.\n# Themes are the top-level keys; codes sit under \`codes:\`.\n\n`;
  return header + (codes > 0 ? stringify(tree, { lineWidth: 0 }) : '');
}
