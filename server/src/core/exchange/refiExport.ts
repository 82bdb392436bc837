// Export to the REFI-QDA exchange standard (QDA-XML 1.0; docs/refi-qda.md), which NVivo,
// ATLAS.ti, MAXQDA and QualCoder read: a `.qdpx` project (a zip of `project.qde` and each
// transcript's plain text as `sources/<GUID>.txt`) or a `.qdc` codebook.
//
// - The codebook: every theme and code, nested; a code's name is its label (its key without one);
//   its Description carries the definition and the include, exclude and example texts; colours.
// - Informants become Cases with their attributes as Variables (Integer where every value is one,
//   else Text); each Case refers to the transcripts whose quotes are its informant's.
// - Transcripts become TextSources of their plain text; every coding a PlainTextSelection with
//   its start and end in Unicode code points; a tag block's memo a Note of its selection; each key
//   of a transcript's front matter a Variable of the sources, with the transcript's value.
// - Memo files become Notes on the project, named by their paths.
// - The kinds of source (interview, observation, documentation) become Sets; the coder a User.
// - GUIDs are UUID version 5 of the project's name and the element's path, so that two exports
//   of the same project diff cleanly.
import { zipSync } from 'fflate';
import { v5 as uuid5 } from 'uuid';
import { bytesToBase64 } from '../text/base64';
import type { CodeDefinition } from '../model/codebook';
import { sourceKinds } from '../model/frontMatter';
import { frontMatterVariables, variableType, variableValueElements, type VariableValue } from './refiFrontMatter';
import type { Project } from '../project/workspace';

/** The namespace of every GUID this tool writes (itself a UUID version 5 of the tool's name). */
const toolNamespace = uuid5('qda-workbench', uuid5.URL);

export interface RefiOptions {
  /** The project's name in the export (and the seed of its GUIDs). */
  name: string;
  /** The coder, as a REFI-QDA User. */
  user?: string;
  /** When the export was made (ISO 8601); omitted, no dates are written. */
  date?: string;
}

function escapeXml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped, and a carriage return
  // written as a reference: a reader would turn a bare "\r\n" into "\n".
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}

const attribute = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${escapeXml(value)}"`);

/** `#rgb` or `#rrggbb`, as the schema takes colours; anything else is left out. */
function refiColor(color: string | undefined): string | undefined {
  return color && /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(color) ? color.toUpperCase() : undefined;
}

/** A code's REFI-QDA description: its definition and its rules, one paragraph each. */
function describe(code: CodeDefinition): string | undefined {
  const parts = [code.description, code.include && `Include: ${code.include}`, code.exclude && `Exclude: ${code.exclude}`, code.example && `Example: ${code.example}`].filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** The GUIDs of one project's export: UUID version 5 of the project's name and each element's kind and key. */
export class Guids {
  private readonly namespace: string;
  constructor(project: string) {
    this.namespace = uuid5(project, toolNamespace);
  }
  of(kind: string, key: string): string {
    return uuid5(`${kind}:${key}`, this.namespace);
  }
}

function codesXml(project: Project, guids: Guids, indent: string): string {
  const write = (path: string, depth: string): string => {
    const code = project.codebook.codes.get(path)!;
    const description = describe(code);
    const children = code.children.map((child) => write(child, `${depth}  `)).join('');
    const open = `${depth}<Code${attribute('guid', guids.of('code', path))}${attribute('name', code.label ?? code.path.split('/').pop())}${attribute('isCodable', 'true')}${attribute('color', refiColor(code.color))}`;
    if (!description && !children) return `${open}/>\n`;
    return `${open}>\n${description ? `${depth}  <Description>${escapeXml(description)}</Description>\n` : ''}${children}${depth}</Code>\n`;
  };
  return `${indent}<Codes>\n${project.codebook.themes.map((theme) => write(theme, `${indent}  `)).join('')}${indent}</Codes>\n`;
}

/** A `.qdc` codebook: the themes and codes, nested, with their descriptions and colours. */
export function refiCodebook(project: Project, options: RefiOptions): string {
  const guids = new Guids(options.name);
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="QDA Workbench">\n${codesXml(project, guids, '  ')}</CodeBook>\n`;
}

/** The files of a `.qdpx` project: `project.qde` and `sources/<GUID>.txt`, as bytes. */
function refiProjectFiles(project: Project, options: RefiOptions): Record<string, Uint8Array> {
  const guids = new Guids(options.name);
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {};
  const user = options.user ?? 'coder';
  const userGuid = guids.of('user', user);
  const dated = (prefix: string) => `${attribute(`${prefix}User`, userGuid)}${attribute(`${prefix}DateTime`, options.date)}`;
  const documents = [...project.index.documents.values()].sort((a, b) => (a.uri < b.uri ? -1 : 1));
  const sources: { guid: string; open: string; variables: [string, VariableValue][] }[] = [];
  const sourceVariables = new Map<string, VariableValue[]>();
  const notes: string[] = [];
  const bySource = new Map<string, string[]>(sourceKinds.map((kind) => [kind, []]));
  const documentsOfInformant = new Map<string, Set<string>>();
  for (const doc of documents) {
    const path = project.pathOf(doc.uri);
    const sourceGuid = guids.of('source', path);
    const parsed = doc.parsed;
    files[`sources/${sourceGuid}.txt`] = encoder.encode(parsed.plainText);
    const kind = parsed.frontMatter?.source?.value;
    if (kind && bySource.has(kind)) bySource.get(kind)!.push(sourceGuid);
    const selections: string[] = [];
    for (let i = 0; i < parsed.codingCount; i++) {
      const code = parsed.codeOfCoding(i);
      const informant = doc.informantOfCoding(i);
      if (informant !== undefined) {
        if (!documentsOfInformant.has(informant)) documentsOfInformant.set(informant, new Set());
        documentsOfInformant.get(informant)!.add(sourceGuid);
      }
      if (!project.codebook.codes.has(code)) continue; // a code missing from the codebook has no Code to refer to
      const selectionGuid = guids.of('selection', `${path}#${i}`);
      const coding = parsed.codings[i];
      let noteRef = '';
      if (coding.memo) {
        const noteGuid = guids.of('note', `${path}#${i}`);
        noteRef = `        <NoteRef targetGUID="${noteGuid}"/>\n`;
        notes.push(`    <Note${attribute('guid', noteGuid)}${attribute('name', `Memo: ${code}`)}${dated('creating')}>\n      <PlainTextContent>${escapeXml(coding.memo)}</PlainTextContent>\n    </Note>\n`);
      }
      selections.push(
        `      <PlainTextSelection${attribute('guid', selectionGuid)}${attribute('name', code)}${attribute('startPosition', String(parsed.plainStartOf(i)))}${attribute('endPosition', String(parsed.plainEndOf(i)))}${dated('creating')}>\n` +
          `        <Coding${attribute('guid', guids.of('coding', `${path}#${i}`))}${dated('creating')}>\n          <CodeRef targetGUID="${guids.of('code', code)}"/>\n        </Coding>\n${noteRef}      </PlainTextSelection>\n`,
      );
    }
    const variables = frontMatterVariables(parsed);
    for (const [key, value] of variables) sourceVariables.set(key, [...(sourceVariables.get(key) ?? []), value]);
    sources.push({ guid: sourceGuid, open: `    <TextSource${attribute('guid', sourceGuid)}${attribute('name', path)}${attribute('plainTextPath', `internal://${sourceGuid}.txt`)}${dated('creating')}>\n${selections.join('')}`, variables });
  }
  // The front matter: each key a Variable of the sources, typed from all its values.
  const sourceVariableTypes = new Map([...sourceVariables].map(([key, values]) => [key, variableType(values)]));
  const sourceXml = sources.map((source) => {
    const values = source.variables.map(([key, value]) => {
      const element = variableValueElements[sourceVariableTypes.get(key)!];
      return `      <VariableValue>\n        <VariableRef targetGUID="${guids.of('source-variable', key)}"/>\n        <${element}>${escapeXml(String(value))}</${element}>\n      </VariableValue>\n`;
    });
    return `${source.open}${values.join('')}    </TextSource>\n`;
  });

  // Variables: each informant attribute, typed Integer where every value is a whole number.
  const informants = [...project.informants.informants.values()];
  const keys = [...new Set(informants.flatMap((i) => Object.keys(i.attributes)))];
  const integer = (key: string) => informants.every((i) => i.attributes[key] === undefined || /^-?\d{1,15}$/.test(i.attributes[key]));
  const variables = keys.map((key) => `    <Variable${attribute('guid', guids.of('variable', key))}${attribute('name', key)}${attribute('typeOfVariable', integer(key) ? 'Integer' : 'Text')}/>\n`);
  for (const [key, type] of sourceVariableTypes) variables.push(`    <Variable${attribute('guid', guids.of('source-variable', key))}${attribute('name', key)}${attribute('typeOfVariable', type)}/>\n`);
  const cases = informants.map((informant) => {
    const values = keys
      .filter((key) => informant.attributes[key] !== undefined && informant.attributes[key] !== '')
      .map((key) => {
        const value = informant.attributes[key];
        const element = integer(key) ? `<IntegerValue>${escapeXml(value)}</IntegerValue>` : `<TextValue>${escapeXml(value)}</TextValue>`;
        return `      <VariableValue>\n        <VariableRef targetGUID="${guids.of('variable', key)}"/>\n        ${element}\n      </VariableValue>\n`;
      });
    const refs = [...(documentsOfInformant.get(informant.id) ?? [])].sort().map((guid) => `      <SourceRef targetGUID="${guid}"/>\n`);
    return `    <Case${attribute('guid', guids.of('case', informant.id))}${attribute('name', informant.id)}>\n${values.join('')}${refs.join('')}    </Case>\n`;
  });
  const sets = [...bySource]
    .filter(([, members]) => members.length > 0) // an empty Set is not valid
    .map(([kind, members]) => `    <Set${attribute('guid', guids.of('set', kind))}${attribute('name', kind)}>\n${members.map((guid) => `      <MemberSource targetGUID="${guid}"/>\n`).join('')}    </Set>\n`);

  // Memo files: notes on the whole project, named by their paths (the import puts them back there).
  const memoRefs: string[] = [];
  for (const [uri, memo] of [...project.memoFiles].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const path = project.pathOf(uri);
    const noteGuid = guids.of('memo', path);
    notes.push(`    <Note${attribute('guid', noteGuid)}${attribute('name', path)}${dated('creating')}>\n      <PlainTextContent>${escapeXml(memo.text)}</PlainTextContent>\n    </Note>\n`);
    memoRefs.push(`  <NoteRef targetGUID="${noteGuid}"/>\n`);
  }
  const section = (name: string, items: string[]) => (items.length > 0 ? `  <${name}>\n${items.join('')}  </${name}>\n` : '');
  const qde =
    `<?xml version="1.0" encoding="utf-8"?>\n` +
    `<Project xmlns="urn:QDA-XML:project:1.0"${attribute('name', options.name)} origin="QDA Workbench"${attribute('creatingUserGUID', userGuid)}${attribute('creationDateTime', options.date)}>\n` +
    `  <Users>\n    <User${attribute('guid', userGuid)}${attribute('name', user)}/>\n  </Users>\n` +
    (project.codebook.themes.length > 0 ? `  <CodeBook>\n${codesXml(project, guids, '    ')}  </CodeBook>\n` : '') +
    section('Variables', variables) +
    section('Cases', cases) +
    section('Sources', sourceXml) +
    section('Notes', notes) +
    section('Sets', sets) +
    memoRefs.join('') +
    `</Project>\n`;
  files['project.qde'] = encoder.encode(qde);
  return files;
}

/** A `.qdpx` file: the project's files zipped. */
export function refiProject(project: Project, options: RefiOptions): Uint8Array {
  // Entries are dated with the export's date, else a fixed one: a zip otherwise carries the time of
  // writing, and two exports of the same project would differ in those bytes.
  return zipSync(refiProjectFiles(project, options), { level: 6, mtime: options.date ?? '1980-01-01T00:00:00' });
}

/** The export as base64 text, for a client that writes the file (the language server sends text). */
export function refiExportBase64(project: Project, kind: 'qdpx' | 'qdc', name: string): string {
  const bytes = kind === 'qdpx' ? refiProject(project, { name }) : new TextEncoder().encode(refiCodebook(project, { name }));
  return bytesToBase64(bytes);
}
