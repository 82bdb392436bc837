// Reading the elements of a REFI-QDA project as fast-xml-parser gives them (attributes without a
// prefix, values left as raw text): each value decoded once, children always as a list.
import { decodeXmlText } from './refiImport';

export type XmlNode = Record<string, unknown>;

/** The text of an XML element read with the parser's raw values: decoded once. */
export function textOf(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node === 'object') return textOf((node as XmlNode)['#text']);
  return decodeXmlText(String(node));
}

/** An element's children of a name, as a list (one child, or none, as the parser may give them). */
export function list(node: unknown, key: string): XmlNode[] {
  const value = node && typeof node === 'object' ? (node as XmlNode)[key] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : value && typeof value === 'object' ? [value as XmlNode] : [];
}

/** An attribute's value, decoded. */
export function attr(node: XmlNode, key: string): string | undefined {
  return node[key] === undefined ? undefined : decodeXmlText(String(node[key]));
}

/** The GUID a reference element (`CodeRef`, `NoteRef`, `SourceRef`…) points to. */
export function target(node: unknown): string {
  return node && typeof node === 'object' ? (attr(node as XmlNode, 'targetGUID') ?? '') : '';
}
