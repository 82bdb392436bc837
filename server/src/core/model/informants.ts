// informants.yaml, beside codebook.yaml: informant id → attributes (role, age, shop, anything).
import type { Node } from 'yaml';
import { conflictDiagnostics } from './conflictMarkers';
import type { Diagnostic } from './diagnostic';
import { intern } from '../text/intern';
import { bomLength, LineIndex, type Range } from '../text/text';
import { isMapNode, isScalarNode, type SimpleNode } from './simpleYaml';
import { isEmptyNode, keyText, nodeRange, parseYamlLight } from './yamlSupport';
import { informantsFileName } from './fileNames';
import { readFlatInformants } from './flatInformants';
import type { InformantTable } from './informantTable';

export { emptyInformantTable, type Informant, type InformantTable } from './informantTable';

/** Informant ids double as speaker labels, so they follow the same rule. */
const informantIdPattern = /^[\p{L}\p{M}\p{Nd}_.\-]+$/u;


export function parseInformants(text: string): InformantTable {
  // Most files list each informant on a line or a few, read without YAML nodes.
  return readFlatInformants(text) ?? parseInformantsFromYaml(text);
}

/** Any informants.yaml, through the YAML readers' nodes (exported for the test that compares it with the flat reader). */
export function parseInformantsFromYaml(text: string): InformantTable {
  const lines = new LineIndex(text);
  // The conflicts' diagnostics start the list (not spread into a push: a file may hold thousands).
  const problems: Diagnostic[] = conflictDiagnostics(text, lines, informantsFileName);
  const bom = bomLength(text);
  // Light nodes where the file is of the simple kind: a comment dump's file lists 20,000 commenters.
  const source = parseYamlLight(text.slice(bom), bom, lines, 'informants-yaml', problems);
  const table: InformantTable = { informants: new Map(), problems, hasSyntaxErrors: source.doc.errors.length > 0 || !!source.tooDeep };
  const whole = { start: 0, end: text.length };
  const contents = source.doc.contents;
  if (isEmptyNode(contents)) return table;
  if (!isMapNode(contents)) {
    if (!table.hasSyntaxErrors) invalid(problems, nodeRange(source, contents, whole), 'informants.yaml must map each informant id to its attributes, e.g. `SR: {role: customer, age: 24}`.');
    return table;
  }
  for (const pair of contents.items) {
    const keyNode = pair.key as Node | SimpleNode | null;
    const id = keyText(pair);
    const keyRange = nodeRange(source, keyNode, whole);
    if (id === undefined || !informantIdPattern.test(id)) {
      invalid(problems, keyRange, `'${id ?? '?'}' is not a valid informant id: use letters, digits, '_', '.' and '-' (ids are also speaker labels).`);
      continue;
    }
    const first = table.informants.get(id);
    if (first) {
      problems.push({
        range: keyRange,
        severity: 'error',
        code: 'duplicate-informant',
        message: `The informant '${id}' is listed twice; the first entry is used.`,
        related: [{ range: first.keyRange, message: 'First entry' }],
      });
      continue;
    }
    const value = pair.value as Node | SimpleNode | null;
    const attributes: Record<string, string> = {};
    if (isMapNode(value)) {
      for (const attribute of value.items) {
        const name = keyText(attribute);
        const v = attribute.value as Node | SimpleNode | null;
        if (name === undefined) {
          invalid(problems, nodeRange(source, attribute.key as Node | SimpleNode | null, whole), 'Attribute names must be plain words.');
          continue;
        }
        if (isEmptyNode(v)) attributes[name] = '';
        else if (isScalarNode(v)) attributes[name] = v.source ?? String(v.value);
        else invalid(problems, nodeRange(source, v, whole), `The attribute '${name}' of '${id}' must be a single value.`);
      }
    } else if (!isEmptyNode(value)) {
      invalid(problems, nodeRange(source, value, whole), `The attributes of '${id}' must be a map, e.g. \`{role: owner, age: 25}\`.`);
    }
    const start = keyNode?.range ? bom + keyNode.range[0] : 0;
    const end = value?.range ? bom + value.range[1] : keyNode?.range ? bom + keyNode.range[1] : 0;
    table.informants.set(intern(id), { id: intern(id), attributes, keyRange, range: lines.rangeOf({ start, end }) });
  }
  return table;
}

function invalid(problems: Diagnostic[], range: Range, message: string): void {
  problems.push({ range, severity: 'error', code: 'informants-invalid', message });
}
