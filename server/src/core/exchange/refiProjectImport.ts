// Import of a whole REFI-QDA project (`.qdpx` from NVivo, ATLAS.ti, MAXQDA, QualCoder, qc or our
// own export) as a project folder: codebook.yaml, informants.yaml (from Cases and their Variables),
// one transcript per TextSource whose text is the source's text exactly, with its variables as
// front matter and each selection a span around its text (refiTranscript.ts), and a memo file
// under `memos/` for each note that is not a span's memo (refiNotes.ts). What this tool has no
// place for (pictures, recordings, links, sets, graphs…) is counted in one note, never dropped in
// silence. The files are returned, not written: the command line writes them to a temporary folder
// and moves it into place.
//
// The archive is untrusted (refiArchive.ts): only the project's XML and the texts it names are
// unpacked, within caps; no entry is ever written (files are named from names, never from paths in
// the archive: refiFileNames.ts); XML with a DTD is refused and no entity but XML's own five is
// decoded. Every transcript is parsed back before it is returned: a selection whose span does not
// come back on exactly its text is left out and reported, so none is lost silently.
import { stringify } from 'yaml';
import { fromBase64 } from '../text/base64';
import { replaceControlCharacters } from '../text/controlCharacters';
import { decodeText } from '../text/text';
import { codebookFileName, informantsFileName } from '../project/projectFiles';
import { codebookYamlText, convertCodes, parseRefiXml, type XmlCode } from './refiImport';
import { parseMemoFile } from '../model/memoFile';
import { unpackQdpx } from './refiArchive';
import { Guids } from './refiExport';
import { transcriptPath } from './refiFileNames';
import { frontMatterValue, frontMatterYaml, variableValueElements } from './refiFrontMatter';
import { linkFromMemo, NoteMemos, type ProjectNote } from './refiNotes';
import { placeSelections, type SourceSelection } from './refiTranscript';
import { attr, list, target, textOf, type XmlNode } from './refiXml';

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
  /** Everything not carried over, one line each: each selection not placed, each source not read, what has no place here. */
  notes: string[];
}

export type ProjectImportResult = { ok: ImportedProject } | { error: string };

const arrays = new Set(['Code', 'TextSource', 'PlainTextSelection', 'Coding', 'NoteRef', 'Case', 'Variable', 'VariableValue', 'SourceRef', 'Note', 'Set', 'MemberSource', 'User', 'PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);
const sourceKinds = new Set(['interview', 'observation', 'documentation']);
const otherSources = [
  ['PictureSource', 'picture source', ['PictureSelection']],
  ['PDFSource', 'PDF source', ['PDFSelection']],
  ['AudioSource', 'audio source', ['AudioSelection', 'Transcript.TranscriptSelection']],
  ['VideoSource', 'video source', ['VideoSelection', 'Transcript.TranscriptSelection']],
] as const;

/** The project's XML: `project.qde`, or the one `.qde` at the archive's top. */
function projectXml(entries: Record<string, Uint8Array>, fileName: string): { xml: string } | { error: string } {
  const candidates = Object.keys(entries).filter((name) => /^[^/\\]+\.qde$/i.test(name));
  const name = candidates.find((c) => c.toLowerCase() === 'project.qde') ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!name) return { error: candidates.length > 1 ? `${fileName} holds ${candidates.length} .qde files and no project.qde` : `${fileName} holds no project.qde: not a REFI-QDA project` };
  const xml = decodeText(entries[name]);
  if (xml === undefined) return { error: `${fileName}: ${name} is not text in UTF-8 or UTF-16` };
  return { xml };
}

/** The same, of a file sent as base64 text (as the editor sends it to the language server). */
export function importRefiProjectBase64(base64: string, fileName: string): ProjectImportResult {
  return fromBase64(base64, fileName, importRefiProject);
}

/** A transcript about to be written: its path, front matter, body and speakers. */
interface ImportedTranscript {
  path: string;
  frontMatter: Map<string, unknown>;
  body: string;
  speakers: Map<string, number>;
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
  const leftOut = new LeftOut();

  // The codebook, and each code's path by its GUID.
  const codePaths = new Map<string, string>();
  const counter = { codes: 0 };
  const codes = list(root.CodeBook, 'Codes').flatMap((c) => list(c, 'Code'));
  const tree = convertCodes(codes as XmlCode[], notes, counter, '', codePaths);
  const files: ImportedProjectFile[] = [{ path: codebookFileName, text: codebookYamlText(tree, counter.codes, fileName) }];

  // Cases become informants, their variables (and description) attributes; a case's sources are its transcripts.
  const variableNames = new Map(list(root.Variables, 'Variable').map((v) => [attr(v, 'guid') ?? '', attr(v, 'name') ?? '']));
  leftOut.add('description of a variable', 'descriptions of variables', list(root.Variables, 'Variable').filter((v) => textOf(v.Description)?.trim()).length);
  const informants: Record<string, Record<string, string>> = {};
  const informantOfSource = new Map<string, string>();
  for (const node of list(root.Cases, 'Case')) {
    const id = uniqueKey(informantId(attr(node, 'name') ?? 'case'), informants);
    const attributes: Record<string, string> = {};
    for (const value of list(node, 'VariableValue')) {
      const name = variableNames.get(target(value.VariableRef));
      const text = Object.values(variableValueElements).map((k) => textOf(value[k])).find((v) => v !== undefined);
      if (name && text !== undefined) attributes[name] = replaceControlCharacters(text.trim()).text;
    }
    const description = textOf(node.Description)?.trim();
    if (description && attributes.description === undefined) attributes.description = replaceControlCharacters(description).text;
    informants[id] = attributes;
    for (const ref of list(node, 'SourceRef')) {
      const source = target(ref);
      if (source && !informantOfSource.has(source)) informantOfSource.set(source, id);
    }
    leftOut.add('code given to a case', 'codes given to cases', list(node, 'CodeRef').length);
    leftOut.add('selection given to a case', 'selections given to cases', list(node, 'SelectionRef').length);
  }
  files.push({ path: informantsFileName, text: `# Imported from ${fileName} (REFI-QDA): its cases and their variables.\n\n${Object.keys(informants).length > 0 ? stringify(informants, { lineWidth: 0 }) : ''}` });

  // Sets named after the kinds of data say each source's kind; other sets have no place here.
  const kindOfSource = new Map<string, string>();
  for (const set of list(root.Sets, 'Set')) {
    const kind = (attr(set, 'name') ?? '').trim().toLowerCase();
    if (sourceKinds.has(kind)) for (const member of list(set, 'MemberSource')) kindOfSource.set(target(member), kind);
    else leftOut.add('set', 'sets', 1);
  }

  // Notes: a span's memo, or a memo file.
  const noteControls = { count: 0, first: undefined as string | undefined };
  const projectNotes = new Map<string, ProjectNote>();
  for (const note of list(root.Notes, 'Note')) {
    const cleaned = replaceControlCharacters(textOf(note.PlainTextContent) ?? '');
    noteControls.count += cleaned.count;
    noteControls.first ??= cleaned.first;
    projectNotes.set(attr(note, 'guid') ?? '', { name: replaceControlCharacters(attr(note, 'name') ?? '').text, text: cleaned.text });
  }
  // The project's description is a note on the project too.
  const description = textOf(root.Description)?.trim();
  if (description) projectNotes.set('\0description', { name: `Description of ${attr(root, 'name') ?? 'the project'}`, text: replaceControlCharacters(description).text });
  const memos = new NoteMemos(projectNotes, /QDA Workbench/.test(attr(root, 'origin') ?? '') ? retargetReferences(new Guids(attr(root, 'name') ?? ''), codePaths) : undefined);

  // Text sources become transcripts; the others are counted as left out.
  const nvivo = /nvivo/i.test(attr(root, 'origin') ?? ''); // NVivo counts UTF-16 code units, not code points
  const sources = (root.Sources ?? {}) as XmlNode;
  const textSources = list(sources, 'TextSource');
  for (const [element, one, selectionElements] of otherSources) {
    const others = list(sources, element);
    leftOut.add(one, `${one}s`, others.length);
    for (const other of others) for (const path of selectionElements) leftOut.add('selection of them', 'selections of them', path.split('.').reduce<XmlNode[]>((nodes, key) => nodes.flatMap((n) => list(n, key)), [other]).length);
  }
  const textPaths = new Set(textSources.flatMap((source) => archivePaths(attr(source, 'plainTextPath'))));
  const texts = unpackQdpx(bytes, fileName, (name) => textPaths.has(name.toLowerCase()));
  if ('error' in texts) return texts;
  const usedPaths = new Set<string>();
  const transcripts: ImportedTranscript[] = [];
  let selections = 0;
  let placed = 0;
  for (const source of textSources) {
    const name = attr(source, 'name') ?? attr(source, 'guid') ?? 'source';
    const readText = sourceText(source, texts.entries);
    const nodes = list(source, 'PlainTextSelection');
    selections += nodes.length;
    if (typeof readText !== 'string') {
      notes.push(`source "${name}": its text ${readText.undecodable ? `(${readText.undecodable}) is not UTF-8 or UTF-16 text` : 'is not in the archive'}; left out with its ${nodes.length} selection(s)`);
      continue;
    }
    // One for one: selections keep their places.
    const cleaned = replaceControlCharacters(readText);
    if (cleaned.count > 0) notes.push(`source "${name}": ${replacedControls(cleaned.count, cleaned.first)}, one for one (selections keep their places)`);
    const guid = attr(source, 'guid') ?? '';
    const frontMatter = frontMatterOf(source, { informant: informantOfSource.get(guid), kind: kindOfSource.get(guid), variableNames });
    const sourceSelections = nodes.map((node) => selectionOf(node, codePaths, memos));
    const written = placeSelections(cleaned.text, sourceSelections, `---\n${frontMatterYaml(frontMatter)}---\n`, { name, nvivo }, notes);
    if (!written) continue;
    placed += written.placed;
    const path = transcriptPath(name, usedPaths);
    transcripts.push({ path, frontMatter, body: written.body, speakers: written.speakers });
    // A selection's notes are its span's memo; those of a selection not placed are memo files.
    const unplaced = new Set(written.unplaced);
    nodes.forEach((node, index) => {
      for (const ref of list(node, 'NoteRef')) {
        if (!unplaced.has(index)) memos.placedInSpan(target(ref));
        else {
          const { codes, start, end } = sourceSelections[index];
          memos.addFile(target(ref), (memo) => `On a selection of ${codes.map((c) => `#${c}`).join(' ') || 'no code'} at ${start}–${end} of ${linkFromMemo(memo, path)}, which could not be placed (see the import's notes).`);
        }
      }
    });
    for (const ref of list(source, 'NoteRef')) memos.addFile(target(ref), (memo) => `On ${linkFromMemo(memo, path)}.`);
    leftOut.add('coding of a whole source', 'codings of whole sources', list(source, 'Coding').length);
  }

  // Notes on codes, then on the project.
  const codeNotes = (nodes: XmlNode[]): void => {
    for (const code of nodes) {
      const path = codePaths.get(attr(code, 'guid') ?? '');
      for (const ref of list(code, 'NoteRef')) memos.addFile(target(ref), () => (path ? `On the code #${path}.` : 'On a code.'));
      codeNotes(list(code, 'Code'));
    }
  };
  codeNotes(codes);
  for (const ref of list(root, 'NoteRef')) memos.addFile(target(ref));
  const memoFiles = memos.memoFiles();
  leftOut.add('link', 'links', list(root.Links, 'Link').length);
  leftOut.add('graph', 'graphs', list(root.Graphs, 'Graph').length);

  // A project of this tool's says who the interviewer is, or has none (a focus group, documents).
  if (!/QDA Workbench/.test(attr(root, 'origin') ?? '')) offerInterviewer(transcripts, informants, notes);
  for (const transcript of transcripts) files.push({ path: transcript.path, text: `---\n${frontMatterYaml(transcript.frontMatter)}---\n${transcript.body}` });
  for (const memo of memoFiles) files.push(memo);
  if (noteControls.count > 0) notes.push(`notes: ${replacedControls(noteControls.count, noteControls.first)}`);
  const leftOutNote = leftOut.note();
  if (leftOutNote) notes.push(leftOutNote);
  return { ok: { files, codes: counter.codes, sources: textSources.length, informants: Object.keys(informants).length, selections, placed, notes } };
}

/**
 * This tool's memo files refer to codes by their paths (`#trust/quality`), and the import makes new
 * keys from the codes' names: each reference whose path gives (as the export made them) the GUID
 * of an imported code is rewritten to that code's new path.
 */
function retargetReferences(guids: Guids, codePaths: Map<string, string>): (text: string) => string {
  return (text) => {
    let out = '';
    let at = 0;
    for (const ref of parseMemoFile('memo', text).refs) {
      const path = codePaths.get(guids.of('code', ref.path));
      if (path === undefined) continue;
      out += text.slice(at, ref.start) + path;
      at = ref.end;
    }
    return out + text.slice(at);
  };
}

/** As the interview import says it (interviewImport.ts). */
function replacedControls(count: number, first: string | undefined): string {
  return `${count} control character${count > 1 ? 's' : ''} (the first: ${first}) ${count > 1 ? 'are' : 'is'} replaced by U+FFFD (a vertical tab or form feed by a space)`;
}

/** What the project holds that this tool has no place for, counted, for one note. */
class LeftOut {
  private readonly counts = new Map<string, { one: string; many: string; count: number }>();

  add(one: string, many: string, count: number): void {
    if (count <= 0) return;
    const entry = this.counts.get(one) ?? { one, many, count: 0 };
    entry.count += count;
    this.counts.set(one, entry);
  }

  note(): string | undefined {
    const parts = [...this.counts.values()].map((e) => `${e.count} ${e.count === 1 ? e.one : e.many}`);
    return parts.length > 0 ? `left out, as this tool has no place for them: ${parts.join(', ')}` : undefined;
  }
}

/**
 * A project from another tool says nothing of who asked the questions. A speaker label that takes
 * two turns or more in every transcript with turns (two transcripts at least), beside another
 * speaker, and names no informant, is most likely the researcher's: it is written as `interviewer:`
 * in each of those transcripts, so that the researcher's turns are not counted as quotes, and a
 * note says so. (A heading-like `Abstract:` once in each of ten papers is no speaker.) Several such
 * labels are only named in a note.
 */
function offerInterviewer(transcripts: ImportedTranscript[], informants: Record<string, unknown>, notes: string[]): void {
  const withTurns = transcripts.filter((t) => t.speakers.size > 0);
  if (withTurns.length < 2 || transcripts.some((t) => t.frontMatter.has('interviewer'))) return;
  const mapped = (t: ImportedTranscript, label: string) => {
    const speakers = t.frontMatter.get('speakers');
    return speakers instanceof Map && speakers.has(label);
  };
  const speaks = (t: ImportedTranscript, label: string) => (t.speakers.get(label) ?? 0) >= 2 && t.speakers.size >= 2 && !mapped(t, label);
  const everywhere = [...withTurns[0].speakers.keys()].filter((label) => !(label in informants) && withTurns.every((t) => speaks(t, label)));
  if (everywhere.length === 1) {
    const [label] = everywhere;
    for (const t of withTurns) {
      const entries = [...t.frontMatter];
      entries.splice(entries.findIndex(([key]) => key === 'source') + 1, 0, ['interviewer', label]);
      t.frontMatter = new Map(entries);
    }
    notes.push(`interviewer: ${label} written in the front matter of the ${withTurns.length} transcripts with turns, as ${label} speaks in every one and names no informant (so ${label}'s turns are not counted as quotes); change it where ${label} is not the researcher`);
  } else if (everywhere.length > 1) {
    notes.push(`the speakers ${everywhere.join(', ')} speak in every one of the ${withTurns.length} transcripts with turns: if one of them is the researcher, write it as interviewer: in their front matter, so that its turns are not counted as quotes`);
  }
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
 * its kind (else documentation) first; the source's description as `description`.
 */
function frontMatterOf(source: XmlNode, derived: { informant?: string; kind?: string; variableNames: Map<string, string> }): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const value of list(source, 'VariableValue')) {
    const name = derived.variableNames.get(target(value.VariableRef));
    const element = Object.values(variableValueElements).find((e) => value[e] !== undefined);
    const text = element === undefined ? undefined : textOf(value[element]);
    if (!name || element === undefined || text === undefined || variables.has(name)) continue;
    variables.set(name, frontMatterValue(name, element, replaceControlCharacters(text).text));
  }
  const description = textOf(source.Description)?.trim();
  if (description && !variables.has('description')) variables.set('description', replaceControlCharacters(description).text);
  const frontMatter = new Map<string, unknown>();
  const informant = variables.get('informant') ?? derived.informant;
  if (informant !== undefined) frontMatter.set('informant', informant);
  frontMatter.set('source', variables.get('source') ?? derived.kind ?? 'documentation');
  for (const [name, value] of variables) if (!frontMatter.has(name)) frontMatter.set(name, value);
  return frontMatter;
}

/** A PlainTextSelection as positions, the paths of the codes its codings name, and its notes' texts and its description as memos. */
function selectionOf(node: XmlNode, codePaths: Map<string, string>, memos: NoteMemos): SourceSelection {
  const codes: string[] = [];
  for (const coding of list(node, 'Coding')) {
    const path = codePaths.get(target(coding.CodeRef));
    if (path && !codes.includes(path)) codes.push(path);
  }
  const texts = [...list(node, 'NoteRef').map((ref) => memos.spanMemo(target(ref))), textOf(node.Description)];
  const spanMemos = texts.map((t) => t?.trim() ?? '').filter(Boolean);
  return { start: Number(attr(node, 'startPosition')), end: Number(attr(node, 'endPosition')), codes, memos: spanMemos };
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
