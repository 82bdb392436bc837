// Import of a whole REFI-QDA project (`.qdpx` from NVivo, ATLAS.ti, MAXQDA, QualCoder or our own
// export) as a project folder: codebook.yaml, informants.yaml (from Cases and their Variables), and
// one transcript per TextSource whose text is the source's text exactly and whose codings are
// spans around the selected text: nested where selections nest, labelled where they cross. The files are returned, not
// written: the command line writes them to a temporary folder and moves it into place.
//
// The archive is untrusted: every entry is size-capped and its compression ratio checked before
// it is unpacked; no entry is ever written (the transcripts' names are made from the sources'
// names, never from paths in the archive); XML with a DTD is refused and no entity but XML's own
// five is decoded. Every transcript is parsed back before it is returned: a selection whose span
// does not come back on exactly its text is left out and reported, so none is lost silently.
import { stringify } from 'yaml';
import { fromBase64 } from '../text/base64';
import { codebookYamlText, convertCodes, decodeXmlText, parseRefiXml, type XmlCode } from './refiImport';
import { describeReplacedControls, replaceControlCharacters, type ReplacedControls } from '../text/controlCharacters';
import { decodeText } from '../text/text';
import { placeSelections, type SourceSelection } from './refiTranscript';
import { transcriptPath } from './refiFileNames';
import { unpackQdpx } from './refiArchive';
import { frontMatterValue, frontMatterYaml, variableValueElements } from './refiFrontMatter';
import { codebookFileName, informantsFileName } from '../project/projectFiles';

export interface ImportedProjectFile {
  /** Relative to the new project's folder, with '/'. */
  path: string;
  text: string;
}

export interface ImportedProject {
  files: ImportedProjectFile[];
  codes: number;
  sources: number;
  informants: number;
  selections: number;
  placed: number;
  /** Everything not carried over, one line each: each selection not placed, each source not read. */
  notes: string[];
}

export type ProjectImportResult = { ok: ImportedProject } | { error: string };

type XmlNode = Record<string, unknown>;
const arrays = new Set(['Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Case', 'Variable', 'VariableValue', 'SourceRef', 'Note', 'Set', 'MemberSource', 'User', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);
const sourceKinds = new Set(['interview', 'observation', 'documentation']);

/** The project's XML: `project.qde`, or the one `.qde` at the archive's top. */
function projectXml(entries: Record<string, Uint8Array>, fileName: string): { xml: string } | { error: string } {
  const candidates = Object.keys(entries).filter((name) => /^[^/\\]+\.qde$/i.test(name));
  const name = candidates.find((c) => c.toLowerCase() === 'project.qde') ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!name) return { error: candidates.length > 1 ? `${fileName} holds ${candidates.length} .qde files and no project.qde` : `${fileName} holds no project.qde: not a REFI-QDA project` };
  const xml = decodeText(entries[name]);
  if (xml === undefined) return { error: `${fileName}: ${name} is not text in UTF-8 or UTF-16` };
  return { xml };
}

/** The text of an XML element read with the parser's raw values: decoded once. */
function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'object') return textOf((node as XmlNode)['#text']);
  return decodeXmlText(String(node));
}

/** An element's children of a name, as a list (one child, or none, as the parser may give them). */
function list(node: unknown, key: string): XmlNode[] {
  const value = node && typeof node === 'object' ? (node as XmlNode)[key] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : value && typeof value === 'object' ? [value as XmlNode] : [];
}
const attr = (node: XmlNode, key: string): string | undefined => (node[key] === undefined ? undefined : decodeXmlText(String(node[key])));

/** The same, of a file sent as base64 text (as the editor sends it to the language server). */
export function importRefiProjectBase64(base64: string, fileName: string): ProjectImportResult {
  return fromBase64(base64, fileName, importRefiProject);
}

export function importRefiProject(bytes: Uint8Array, fileName: string): ProjectImportResult {
  // The project's XML first; the texts it names after.
  const unpacked = unpackQdpx(bytes, fileName, (name) => /^[^/\\]+\.qde$/i.test(name));
  if ('error' in unpacked) return unpacked;
  const read = projectXml(unpacked.entries, fileName);
  if ('error' in read) return read;
  const parsed = parseRefiXml<XmlNode>(read.xml, fileName, { isArray: (name) => arrays.has(name), trimValues: false });
  if ('error' in parsed) return parsed;
  const root = parsed.ok.Project as XmlNode;
  if (!root || typeof root !== 'object') return { error: `${fileName}: its .qde is not a REFI-QDA project` };
  const notes: string[] = [];

  // The codebook, and each code's path by its GUID.
  const codePaths = new Map<string, string>();
  const counter = { codes: 0 };
  const tree = convertCodes(list((root.CodeBook as XmlNode | undefined)?.Codes, 'Code') as XmlCode[], notes, counter, '', codePaths);
  const files: ImportedProjectFile[] = [{ path: codebookFileName, text: codebookYamlText(tree, counter.codes, fileName) }];

  // Cases become informants, their variables attributes; a case's sources are its transcripts.
  const variableNames = new Map(list(root.Variables, 'Variable').map((v) => [attr(v, 'guid') ?? '', attr(v, 'name') ?? '']));
  const informants: Record<string, Record<string, string>> = {};
  const informantOfSource = new Map<string, string>();
  for (const node of list(root.Cases, 'Case')) {
    const id = uniqueKey(informantId(attr(node, 'name') ?? 'case'), informants);
    const attributes: Record<string, string> = {};
    for (const value of list(node, 'VariableValue')) {
      const name = variableNames.get(attr((value.VariableRef as XmlNode) ?? {}, 'targetGUID') ?? '');
      const text = ['TextValue', 'IntegerValue', 'FloatValue', 'BooleanValue', 'DateValue', 'DateTimeValue'].map((k) => textOf(value[k])).find((v) => v !== undefined);
      if (name && text !== undefined) attributes[name] = text.trim();
    }
    informants[id] = attributes;
    for (const ref of list(node, 'SourceRef')) {
      const source = attr(ref, 'targetGUID');
      if (source && !informantOfSource.has(source)) informantOfSource.set(source, id);
    }
  }
  files.push({ path: informantsFileName, text: `# Imported from ${fileName} (REFI-QDA): its cases and their variables.\n\n${Object.keys(informants).length > 0 ? stringify(informants, { lineWidth: 0 }) : ''}` });

  // Sets named after the kinds of data say each source's kind; notes are memos.
  const kindOfSource = new Map<string, string>();
  for (const set of list(root.Sets, 'Set')) {
    const kind = (attr(set, 'name') ?? '').trim().toLowerCase();
    if (sourceKinds.has(kind)) for (const member of list(set, 'MemberSource')) kindOfSource.set(attr(member, 'targetGUID') ?? '', kind);
  }
  const noteTexts = new Map<string, string>();
  const noteControls: ReplacedControls = { text: '', count: 0, found: [] };
  for (const note of list(root.Notes, 'Note')) {
    const cleaned = replaceControlCharacters(textOf(note.PlainTextContent)?.trim() ?? '');
    noteControls.count += cleaned.count;
    for (const c of cleaned.found) if (!noteControls.found.includes(c)) noteControls.found.push(c);
    noteTexts.set(attr(note, 'guid') ?? '', cleaned.text);
  }

  // The unit of positions: code points by the standard; NVivo writes UTF-16 code units.
  const nvivo = /nvivo/i.test(attr(root, 'origin') ?? '');
  const sources = (root.Sources ?? {}) as XmlNode;
  const textSources = list(sources, 'TextSource');
  const textPaths = new Set(textSources.flatMap((source) => archivePaths(attr(source, 'plainTextPath'))));
  const texts = unpackQdpx(bytes, fileName, (name) => textPaths.has(name.toLowerCase()));
  if ('error' in texts) return texts;
  const { entries } = texts;
  for (const kind of ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']) {
    const others = list(sources, kind);
    if (others.length > 0) notes.push(`${others.length} ${kind.replace('Source', '').toLowerCase()} source(s) left out: only text sources become transcripts`);
  }
  const usedPaths = new Set<string>();
  let selections = 0;
  let placed = 0;
  for (const source of textSources) {
    const name = attr(source, 'name') ?? attr(source, 'guid') ?? 'source';
    const read = sourceText(source, entries);
    const sourceSelections = list(source, 'PlainTextSelection');
    selections += sourceSelections.length;
    if (typeof read !== 'string') {
      notes.push(`source "${name}": its text ${read.undecodable ? `(${read.undecodable}) is not UTF-8 or UTF-16 text` : 'is not in the archive'}; left out with its ${sourceSelections.length} selection(s)`);
      continue;
    }
    // One for one: selections keep their places.
    const cleaned = replaceControlCharacters(read);
    if (cleaned.count > 0) notes.push(`source "${name}": ${describeReplacedControls(cleaned)}, one for one (positions unchanged)`);
    const text = cleaned.text;
    const guid = attr(source, 'guid') ?? '';
    const head = `---\n${frontMatterYaml(frontMatterOf(source, { informant: informantOfSource.get(guid), kind: kindOfSource.get(guid), variableNames }))}---\n`;
    const written = placeSelections(text, sourceSelections.map((node) => selectionOf(node, codePaths, noteTexts)), head, { name, nvivo }, notes);
    if (!written) continue;
    placed += written.placed;
    files.push({ path: transcriptPath(name, usedPaths), text: head + written.body });
  }
  if (noteControls.count > 0) notes.push(`notes: ${describeReplacedControls(noteControls)}`);
  return { ok: { files, codes: counter.codes, sources: textSources.length, informants: Object.keys(informants).length, selections, placed, notes } };
}

/** A source's text: its `plainTextPath` in the archive (`internal://x.txt`, or a bare path; `sources/` or `Sources/`), or its inline `PlainTextContent`. */
function sourceText(source: XmlNode, entries: Record<string, Uint8Array>): string | { undecodable?: string } {
  const inline = textOf(source.PlainTextContent);
  const byLowerName = new Map(Object.keys(entries).map((k) => [k.toLowerCase(), k]));
  const entry = archivePaths(attr(source, 'plainTextPath')).map((name) => byLowerName.get(name)).find(Boolean);
  if (entry) return decodeText(entries[entry]) ?? { undecodable: entry };
  return inline ?? {};
}

/** Where a `plainTextPath` (`internal://x.txt`, or a bare path) may be in the archive, in lower case: as it is, or under `sources/` (or `Sources/`). */
function archivePaths(plainTextPath: string | undefined): string[] {
  if (!plainTextPath) return [];
  const bare = plainTextPath.replace(/^internal:\/\//i, '').replace(/^\.?\//, '').toLowerCase();
  return [bare, `sources/${bare}`];
}

/**
 * A transcript's front matter: its source's variables (this tool's export writes every key of the
 * front matter as one), `informant` else the case naming the source, `source` else the set naming
 * its kind (else documentation) first.
 */
function frontMatterOf(source: XmlNode, derived: { informant?: string; kind?: string; variableNames: Map<string, string> }): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const value of list(source, 'VariableValue')) {
    const name = derived.variableNames.get(attr((value.VariableRef as XmlNode) ?? {}, 'targetGUID') ?? '');
    const element = Object.values(variableValueElements).find((e) => value[e] !== undefined);
    const text = element === undefined ? undefined : textOf(value[element]);
    if (!name || element === undefined || text === undefined || variables.has(name)) continue;
    variables.set(name, frontMatterValue(name, element, replaceControlCharacters(text).text));
  }
  const frontMatter = new Map<string, unknown>();
  const informant = variables.get('informant') ?? derived.informant;
  if (informant !== undefined) frontMatter.set('informant', informant);
  frontMatter.set('source', variables.get('source') ?? derived.kind ?? 'documentation');
  for (const [name, value] of variables) if (!frontMatter.has(name)) frontMatter.set(name, value);
  return frontMatter;
}

/** A PlainTextSelection as positions, the paths of the codes its codings name, and its notes' texts. */
function selectionOf(node: XmlNode, codePaths: Map<string, string>, noteTexts: Map<string, string>): SourceSelection {
  const codes: string[] = [];
  for (const coding of list(node, 'Coding')) {
    const path = codePaths.get(attr((coding.CodeRef as XmlNode) ?? {}, 'targetGUID') ?? '');
    if (path && !codes.includes(path)) codes.push(path);
  }
  const memos = list(node, 'NoteRef').map((ref) => noteTexts.get(attr(ref, 'targetGUID') ?? '') ?? '').filter(Boolean);
  return { start: Number(attr(node, 'startPosition')), end: Number(attr(node, 'endPosition')), codes, memos };
}

/** An informant id from a case's name: letters, digits, `_`, `.` and `-`. */
function informantId(name: string): string {
  return name.trim().normalize('NFC').replace(/[^\p{L}\p{M}\p{Nd}_.\-]+/gu, '-').replace(/^-+|-+$/g, '') || 'case';
}

function uniqueKey(wanted: string, taken: Record<string, unknown>): string {
  let key = wanted;
  for (let n = 2; key in taken; n++) key = `${wanted}-${n}`;
  return key;
}
