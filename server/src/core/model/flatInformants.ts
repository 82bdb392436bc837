// The usual informants.yaml read straight into informants, without YAML nodes: `id: {key: value, …}`
// lines, or `id:` with `key: value` lines indented below it. A comment dump lists 20,000
// commenters so; through the simple reader's nodes a new process's first read took 100-125 ms and
// later ones 40-80, a third of it collecting the nodes, lines and ranges made on the way; this
// reader takes 35-60 ms, then mostly 11 (node 20, two cores).
//
// It takes only text that the simple reader (simpleYaml.ts) takes, whose only problems are
// duplicate ids, and gives what parseInformants gives through that reader: the same informants,
// ranges and problems. Anything else (comments, quotes, tabs, carriage returns, conflict markers,
// single values, lists, maps in attributes) is left to that path. A property test compares the two.
import type { Diagnostic } from './diagnostic';
import type { Informant, InformantTable } from './informantTable';
import { notAString, plainInteger } from './simpleYaml';
import { intern } from '../text/intern';
import { bomLength, type Position, type Range } from '../text/text';

const lineFeed = 0x0a;
const space = 0x20;
const colon = 0x3a;
const comma = 0x2c;
const openBrace = 0x7b;
const closeBrace = 0x7d;

// What each ASCII character may be, as the simple reader's patterns have it.
const keyFirst = 1; // [\p{L}\p{Nd}_]
const keyRest = 2; // [\p{L}\p{M}\p{Nd}_.-]
const notValueFirst = 4; // [\s\-?:,[\]{}#&*!|>'"%@`], and the control characters the reader refuses
const notBlockValueRest = 8; // [:#[\]{}], and the refused control characters
const notFlowValueRest = 16; // [:#,[\]{}], and the refused control characters
const mayNotBeString = 32; // a first character of what `notAString` matches: ~ n N t T f F + - . 0-9

const asciiKinds = (() => {
  const kinds = new Uint8Array(128);
  const mark = (characters: string, kind: number) => {
    for (const c of characters) kinds[c.charCodeAt(0)] |= kind;
  };
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digits = '0123456789';
  mark(letters + digits + '_', keyFirst);
  mark(letters + digits + '_.-', keyRest);
  mark(' \t\n\v\f\r-?:,[]{}#&*!|>\'"%@`', notValueFirst);
  mark(':#[]{}', notBlockValueRest);
  mark(':#,[]{}', notFlowValueRest);
  mark('~nNtTfF+-.' + digits, mayNotBeString);
  // Control characters (the line feed ends a value before it is looked at).
  for (let c = 0; c < 0x20; c++) kinds[c] |= notValueFirst | notBlockValueRest | notFlowValueRest;
  kinds[0x7f] |= notValueFirst | notBlockValueRest | notFlowValueRest;
  return kinds;
})();

/** Names past this index of an informant's attributes are looked up each time (a bound on `recentNames`). */
const maxRecentNames = 32;

/** A key with a character beyond ASCII, as the simple reader's key pattern has it. */
const unicodeKey = /^[\p{L}\p{Nd}_][\p{L}\p{M}\p{Nd}_.-]*$/u;
const whiteSpace = /\s/y;

/** Characters beyond ASCII that the simple reader refuses anywhere in a text. */
function refusedBeyondAscii(c: number): boolean {
  return (c >= 0x80 && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff;
}

/** Informants of a text of the flat kind; undefined where it is not of that kind. */
export function readFlatInformants(text: string): InformantTable | undefined {
  return new FlatInformantsReader(text).read();
}

class FlatInformantsReader {
  private at: number;
  private line = 0;
  private lineStart = 0;
  private readonly informants = new Map<string, Informant>();
  private readonly problems: Diagnostic[] = [];
  /** The names last read at each index of an informant's attributes: '' (no key) until then, so every reader's list is one kind of array to the JIT. */
  private readonly recentNames: string[] = new Array<string>(maxRecentNames).fill('');

  constructor(private readonly text: string) {
    // A byte order mark is not part of the first line's key, but counts in its columns.
    this.at = bomLength(text);
  }

  read(): InformantTable | undefined {
    const text = this.text;
    this.skipEmptyLines();
    // No entry at all: the YAML reader reads an empty document.
    if (this.at >= text.length) return undefined;
    while (this.at < text.length) {
      if (!this.readEntry()) return undefined;
    }
    return { informants: this.informants, problems: this.problems, hasSyntaxErrors: false };
  }

  /** One informant, from the start of its line past the empty lines after it; false where the text is not of the flat kind. */
  private readEntry(): boolean {
    const text = this.text;
    const keyStart = this.at;
    const keyEnd = this.keyEnd(keyStart);
    if (keyEnd < 0) return false;
    const id = this.key(keyStart, keyEnd);
    if (id === undefined) return false;
    const line = this.line;
    const lineStart = this.lineStart;
    const keyRange = { start: { line, character: keyStart - lineStart }, end: { line, character: keyEnd - lineStart } };
    const attributes: Record<string, string> = {};
    let end: Position;
    let at = keyEnd + 1;
    const next = at < text.length ? text.charCodeAt(at) : lineFeed;
    if (next === space) {
      at = this.skipSpaces(at);
      // Only a flow map on the key's line: a single value, or trailing spaces, are for the general path.
      if (at >= text.length || text.charCodeAt(at) !== openBrace) return false;
      const close = this.readFlowMap(at, attributes);
      if (close < 0) return false;
      end = { line, character: close - lineStart };
      this.at = close;
      this.skipEmptyLines();
    } else if (next === lineFeed) {
      // `id:` alone, a null just after the colon, unless attributes follow on lines indented below.
      this.at = at;
      this.skipEmptyLines();
      if (this.at < text.length && text.charCodeAt(this.at) === space) {
        const blockEnd = this.readBlockAttributes(attributes);
        if (blockEnd === undefined) return false;
        end = blockEnd;
      } else end = { line, character: at - lineStart };
    } else return false;
    const first = this.informants.get(id);
    if (first) {
      this.problems.push({
        range: keyRange,
        severity: 'error',
        code: 'duplicate-informant',
        message: `The informant '${id}' is listed twice; the first entry is used.`,
        related: [{ range: first.keyRange, message: 'First entry' }],
      });
    } else {
      const range: Range = { start: { line, character: keyStart - lineStart }, end };
      this.informants.set(id, { id, attributes, keyRange, range });
    }
    return true;
  }

  /**
   * `key: value` lines, all indented alike, from the start of the first (at `this.at`): the
   * attributes of an informant. Where the block ends, as the YAML reader has it: past the last
   * value's line feed, or just after the colon of a last `key:` without a value.
   */
  private readBlockAttributes(attributes: Record<string, string>): Position | undefined {
    const text = this.text;
    const indent = this.skipSpaces(this.at) - this.at;
    let end: Position;
    let index = 0;
    do {
      const keyStart = this.at + indent;
      // Indented otherwise: a line no key opened, or a map in an attribute.
      if (this.skipSpaces(this.at) !== keyStart) return undefined;
      const keyEnd = this.keyEnd(keyStart);
      if (keyEnd < 0) return undefined;
      const name = this.attributeName(keyStart, keyEnd, index++);
      if (name === undefined) return undefined;
      let at = keyEnd + 1;
      const next = at < text.length ? text.charCodeAt(at) : lineFeed;
      if (next === space) {
        at = this.skipSpaces(at);
        if (at >= text.length || text.charCodeAt(at) === openBrace) return undefined;
        const valueEnd = this.blockValueEnd(at);
        if (valueEnd < 0) return undefined;
        const value = this.plainValue(at, valueEnd);
        if (value === undefined) return undefined;
        attributes[name] = value;
        end = valueEnd < text.length ? { line: this.line + 1, character: 0 } : { line: this.line, character: valueEnd - this.lineStart };
        at = valueEnd;
      } else if (next === lineFeed) {
        // `key:` alone: an empty value (a deeper line after it is caught above, at the next turn).
        attributes[name] = '';
        end = { line: this.line, character: at - this.lineStart };
      } else return undefined;
      this.at = at;
      this.skipEmptyLines();
    } while (this.at < text.length && text.charCodeAt(this.at) === space);
    return end;
  }

  /** A flow map `{key: value, …}` that ends its line, its `{` at `open`; the offset past its `}`, or -1. */
  private readFlowMap(open: number, attributes: Record<string, string>): number {
    const text = this.text;
    let at = open + 1;
    if (at < text.length && text.charCodeAt(at) === closeBrace) return this.endsLine(at + 1) ? at + 1 : -1;
    for (let index = 0; ; index++) {
      const nameEnd = this.keyEnd(at);
      if (nameEnd < 0 || nameEnd + 1 >= text.length || text.charCodeAt(nameEnd + 1) !== space) return -1;
      const name = this.attributeName(at, nameEnd, index);
      if (name === undefined) return -1;
      const valueStart = nameEnd + 2;
      const valueEnd = this.flowValueEnd(valueStart);
      if (valueEnd < 0) return -1;
      const value = this.plainValue(valueStart, valueEnd);
      if (value === undefined) return -1;
      attributes[name] = value;
      if (text.charCodeAt(valueEnd) === closeBrace) return this.endsLine(valueEnd + 1) ? valueEnd + 1 : -1;
      // A comma, then exactly one space and the next key.
      if (valueEnd + 1 >= text.length || text.charCodeAt(valueEnd + 1) !== space) return -1;
      at = valueEnd + 2;
    }
  }

  /** Where a key that starts at `start` ends, at its colon; -1 where there is no key of the simple kind. */
  private keyEnd(start: number): number {
    const text = this.text;
    if (start >= text.length) return -1;
    const first = text.charCodeAt(start);
    if (first < 0x80) {
      if (!(asciiKinds[first] & keyFirst)) return -1;
      let at = start + 1;
      let c = 0;
      for (; at < text.length; at++) {
        c = text.charCodeAt(at);
        if (c >= 0x80 || !(asciiKinds[c] & keyRest)) break;
      }
      if (at < text.length && c === colon) return at;
      if (at >= text.length || c < 0x80) return -1;
    }
    // A letter or digit beyond ASCII: the key up to the colon on its line, by the reader's pattern.
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== colon && text.charCodeAt(end) !== lineFeed) end++;
    if (end >= text.length || text.charCodeAt(end) !== colon) return -1;
    return unicodeKey.test(text.slice(start, end)) ? end : -1;
  }

  /** The key at [start, end), interned; undefined where YAML reads it as other than a string (`true`, `12`). */
  private key(start: number, end: number): string | undefined {
    // Cut out, then interned: cheaper than `internSlice` for the many ids seen for the first time.
    const key = intern(this.text.slice(start, end));
    const first = this.text.charCodeAt(start);
    if (first < 0x80 && asciiKinds[first] & mayNotBeString && notAString.test(key)) return undefined;
    return key;
  }

  /** The name of the attribute at `index` of its map, at [start, end): as `key`, but mostly the name at that index before. */
  private attributeName(start: number, end: number, index: number): string | undefined {
    // Informants mostly list the same attributes in the same order: no need to cut or look up each.
    const known = index < maxRecentNames ? this.recentNames[index] : '';
    if (known.length === end - start && this.text.startsWith(known, start)) return known;
    const name = this.key(start, end);
    if (name !== undefined && index < maxRecentNames) this.recentNames[index] = name;
    return name;
  }

  /** The end of a value in block context that starts at `start`: its line's end; -1 where the reader would not take it. */
  private blockValueEnd(start: number): number {
    if (!this.valueMayStart(start)) return -1;
    const text = this.text;
    let at = start + 1;
    for (; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c < 0x80) {
        if (c === lineFeed) break;
        if (asciiKinds[c] & notBlockValueRest) return -1;
      } else if (refusedBeyondAscii(c)) return -1;
    }
    return text.charCodeAt(at - 1) === space ? -1 : at;
  }

  /** The end of a value in a flow map that starts at `start`: its `,` or `}`; -1 where the reader would not take it. */
  private flowValueEnd(start: number): number {
    if (!this.valueMayStart(start)) return -1;
    const text = this.text;
    for (let at = start + 1; at < text.length; at++) {
      const c = text.charCodeAt(at);
      if (c < 0x80) {
        if (c === comma || c === closeBrace) return text.charCodeAt(at - 1) === space ? -1 : at;
        // A line feed is refused too: the map must close on its line.
        if (asciiKinds[c] & notFlowValueRest) return -1;
      } else if (refusedBeyondAscii(c)) return -1;
    }
    return -1;
  }

  private valueMayStart(at: number): boolean {
    const text = this.text;
    if (at >= text.length) return false;
    const c = text.charCodeAt(at);
    if (c < 0x80) return !(asciiKinds[c] & notValueFirst);
    whiteSpace.lastIndex = at;
    return !refusedBeyondAscii(c) && !whiteSpace.test(text);
  }

  /** The value at [start, end) as written; undefined where YAML reads it as other than a string or a plain integer. */
  private plainValue(start: number, end: number): string | undefined {
    const text = this.text;
    const value = text.slice(start, end);
    const first = text.charCodeAt(start);
    if (first >= 0x80 || !(asciiKinds[first] & mayNotBeString)) return value;
    // Digits only, as numbers mostly are: an integer that reads back as written, or not.
    let at = start;
    while (at < end && text.charCodeAt(at) >= 0x30 && text.charCodeAt(at) <= 0x39) at++;
    if (at === end) return end - start === 1 || (first !== 0x30 && end - start <= 15) ? value : undefined;
    return notAString.test(value) && !plainInteger.test(value) ? undefined : value;
  }

  private endsLine(at: number): boolean {
    return at >= this.text.length || this.text.charCodeAt(at) === lineFeed;
  }

  private skipSpaces(at: number): number {
    const text = this.text;
    while (at < text.length && text.charCodeAt(at) === space) at++;
    return at;
  }

  /** From the end of a line (or the start of one), past its line feed and any empty lines after it. */
  private skipEmptyLines(): void {
    const text = this.text;
    while (this.at < text.length && text.charCodeAt(this.at) === lineFeed) {
      this.at++;
      this.line++;
      this.lineStart = this.at;
    }
  }
}
