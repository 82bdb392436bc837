// The three-way merge of the project's YAML: codebook.yaml by code path, informants.yaml by
// informant id, a transcript's front matter by key. Maps are merged key by key, to any depth: an
// entry added on either side is kept, a value changed on one side is taken, one changed two ways
// (or changed on one side and deleted on the other) is a conflict on that entry only, written with
// git's markers around each side's lines. Ours is the document the changes are made in, through
// the `yaml` library's document API, so its order, comments and styles stay; entries only the
// other side has go after the entry they follow there.
//
// A code renamed on one side (the codebook entry records `formerly: [old/path]`, rename.ts and
// restructureCodes.ts write it) is the same entry as the old one on the other side.
import { isMap, isScalar, isSeq, parseDocument, Scalar, YAMLSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { conflictBlock, defaultConflictLabels, mayHoldConflictMarkers, type ConflictLabels } from './conflictMarkers';
import { mergeLines } from './lineMerge';

export type YamlKind = 'codebook' | 'informants' | 'front matter';

export interface YamlMerge {
  text: string;
  conflicts: number;
  notes: string[];
}

interface Parsed {
  text: string;
  doc: Document;
  map: YAMLMap | undefined;
}

interface Conflict {
  sentinel: string;
  ours: string;
  base: string;
  theirs: string;
}

const stringifyOptions = { lineWidth: 0, flowCollectionPadding: false } as const;

export function mergeYaml(base: string, ours: string, theirs: string, kind: YamlKind, labels: ConflictLabels = defaultConflictLabels): YamlMerge {
  if (ours === theirs || base === theirs) return { text: ours, conflicts: 0, notes: [] };
  if (base === ours) return { text: theirs, conflicts: 0, notes: [] };
  const parse = (text: string): Parsed | undefined => {
    if (mayHoldConflictMarkers(text)) return undefined;
    const doc = parseDocument(text, { uniqueKeys: false, customTags: [] });
    if (doc.errors.length > 0) return undefined;
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { text, doc, map: undefined };
    return isMap(doc.contents) ? { text, doc, map: doc.contents } : undefined;
  };
  const sides = [parse(base), parse(ours), parse(theirs)];
  if (sides.some((s) => s === undefined)) {
    const lines = mergeLines(base, ours, theirs, labels);
    return { text: lines.text, conflicts: lines.conflicts, notes: [`A side of the ${kind} is not valid YAML: merged line by line.`] };
  }
  const [o, a, b] = sides as Parsed[];
  const notes: string[] = [];
  let renamedInOurs = false;
  if (kind === 'codebook') {
    renamedInOurs = renameFormerCodes(o, [a, b], notes, a) || renameFormerCodes(b, [a], notes, a);
    renameFormerCodes(a, [b], notes, a);
  }
  if (!a.map) {
    // Ours is empty: the entries come from theirs, as the merge of an empty document would have them.
    a.doc.contents = a.doc.createNode({}) as Node;
    a.map = a.doc.contents as YAMLMap;
  }
  const merger = new YamlMerger(o, a, b, kind);
  merger.mergeMaps(o.map, a.map, b.map, []);
  let text = merger.conflicts.length === 0 && !merger.changed && !renamedInOurs ? a.text : a.doc.toString(stringifyOptions);
  const eol = ours.includes('\r\n') ? '\r\n' : '\n';
  for (const conflict of merger.conflicts) {
    const line = new RegExp(`^([ \\t]*)(?:- )?${conflict.sentinel}:.*(?:\\r?\\n|$)`, 'm').exec(text);
    if (!line) continue;
    const indent = line[1];
    const block = conflictBlock(reindent(conflict.ours, indent), reindent(conflict.base, indent), reindent(conflict.theirs, indent), eol, labels);
    text = text.slice(0, line.index) + block + text.slice(line.index + line[0].length);
  }
  if (eol === '\r\n') text = text.replace(/\r?\n/g, '\r\n');
  return { text, conflicts: merger.conflicts.length, notes };
}

class YamlMerger {
  readonly conflicts: Conflict[] = [];
  changed = false;

  constructor(
    private readonly o: Parsed,
    private readonly a: Parsed,
    private readonly b: Parsed,
    private readonly kind: YamlKind,
  ) {}

  /** Merges `b`'s changes from `o` into `a`; returns false where a conflict inside a flow map must take the whole map. */
  mergeMaps(o: YAMLMap | undefined, a: YAMLMap, b: YAMLMap | undefined, path: string[]): boolean {
    const keys = new Set<string>([...keysOf(a), ...keysOf(b), ...keysOf(o)]);
    for (const key of keys) {
      const po = pairOf(o, key);
      const pa = pairOf(a, key);
      const pb = pairOf(b, key);
      const vo = po?.value as Node | undefined;
      const va = pa?.value as Node | undefined;
      const vb = pb?.value as Node | undefined;
      if (pa && pb && isMap(va) && isMap(vb) && (!po || isMap(vo))) {
        if (!this.mergeMaps(isMap(vo) ? vo : undefined, va, vb, [...path, key])) {
          if (a.flow) return false;
          this.conflict(a, key, po, pa, pb);
        }
        continue;
      }
      const [jo, ja, jb] = [po, pa, pb].map((p) => (p ? JSON.stringify(valueOf(p.value)) : undefined));
      if (ja === jb) continue;
      if (key === 'formerly' && this.kind === 'codebook' && pa && pb) {
        // Former names of a code only grow: both sides' are kept.
        const all = [...new Set([...names(va), ...names(vb)])];
        pa.value = this.a.doc.createNode(all, { flow: true }) as Node;
        this.changed = true;
        continue;
      }
      if (ja === jo) {
        // Only theirs changed it: taken (added, replaced or removed).
        if (!pb) a.items.splice(a.items.indexOf(pa!), 1);
        else if (pa) pa.value = this.copy(vb);
        else this.insert(a, b!, key, this.a.doc.createPair(key, this.copy(vb)) as Pair, o);
        this.changed = true;
        continue;
      }
      if (jb === jo) continue;
      if (a.flow) return false;
      this.conflict(a, key, po, pa, pb, b, o);
    }
    return true;
  }

  private conflict(a: YAMLMap, key: string, po: Pair | undefined, pa: Pair | undefined, pb: Pair | undefined, b?: YAMLMap, o?: YAMLMap): void {
    const sentinel = `__qda_conflict_${this.conflicts.length}__`;
    this.conflicts.push({ sentinel, ours: pairText(this.a.text, pa), base: pairText(this.o.text, po), theirs: pairText(this.b.text, pb) });
    const pair = this.a.doc.createPair(sentinel, null) as Pair;
    if (pa) a.items.splice(a.items.indexOf(pa), 1, pair);
    else if (b) this.insert(a, b, key, pair, o);
    else a.items.push(pair);
    this.changed = true;
  }

  /** Puts a pair of theirs into ours after the key it follows in theirs (or first), and after what ours added there. */
  private insert(a: YAMLMap, b: YAMLMap, key: string, pair: Pair, o?: YAMLMap): void {
    const order = keysOf(b);
    let at = 0;
    for (let k = order.indexOf(key) - 1; k >= 0; k--) {
      const before = pairOf(a, order[k]);
      if (before) {
        at = a.items.indexOf(before) + 1;
        break;
      }
    }
    const oursOnly = (p: Pair) => {
      const k = keyOf(p);
      return k !== undefined && !pairOf(b, k) && !pairOf(o, k) && !k.startsWith('__qda_conflict_');
    };
    while (at < a.items.length && oursOnly(a.items[at])) at++;
    a.items.splice(at, 0, pair);
  }

  /** A node of theirs as a node of ours' document, with its comments and styles. */
  private copy(node: Node | undefined): Node | null {
    if (node === undefined || node === null) return null;
    return node.clone() as Node;
  }
}

function keysOf(map: YAMLMap | undefined): string[] {
  if (!map) return [];
  return map.items.map((p) => keyOf(p)).filter((k): k is string => k !== undefined);
}

function keyOf(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function pairOf(map: YAMLMap | undefined, key: string): Pair | undefined {
  return map?.items.find((p) => keyOf(p) === key);
}

function valueOf(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (typeof node === 'object' && 'toJSON' in (node as object)) return (node as { toJSON: () => unknown }).toJSON();
  return node;
}

function names(node: unknown): string[] {
  const value = valueOf(node);
  return Array.isArray(value) ? value.map(String) : value === null ? [] : [String(value)];
}

/** The lines of a pair in its file, from its key's line to the end of its value's last line; '' without one. */
function pairText(text: string, pair: Pair | undefined): string {
  if (!pair) return '';
  const key = pair.key as Node | undefined;
  const value = pair.value as Node | undefined;
  const start = key?.range?.[0];
  if (start === undefined) return '';
  const end = Math.max(value?.range?.[2] ?? key!.range![2], key!.range![2]);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', Math.max(start, end - 1));
  return text.slice(lineStart, newline < 0 ? text.length : newline + 1);
}

/** Lines moved to an indentation (their first line's indentation becomes `indent`). */
function reindent(lines: string, indent: string): string {
  if (lines === '') return '';
  const first = /^[ \t]*/.exec(lines)![0];
  return lines
    .split('\n')
    .map((line) => (line.startsWith(first) ? indent + line.slice(first.length) : line))
    .join('\n');
}

// ---- codes renamed on one side --------------------------------------------------------------------

/** Code paths of a codebook document with each one's `formerly` paths. */
function formerPaths(map: YAMLMap | undefined, parent = ''): { path: string; formerly: string[] }[] {
  const result: { path: string; formerly: string[] }[] = [];
  for (const pair of map?.items ?? []) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    const path = parent ? `${parent}/${key}` : key;
    const value = pair.value;
    if (!isMap(value)) continue;
    const formerly = value.get('formerly', true);
    const list = isSeq(formerly) ? (formerly as YAMLSeq).items.map((i) => String(isScalar(i) ? i.value : i)) : isScalar(formerly) ? [String(formerly.value)] : [];
    result.push({ path, formerly: list });
    const codes = value.get('codes', true);
    if (isMap(codes)) result.push(...formerPaths(codes, path));
  }
  return result;
}

/** The map of codes (a theme's `codes:`, or the top) that holds a path's entry, and the entry's pair. */
function entryOf(map: YAMLMap | undefined, path: string): { holder: YAMLMap; pair: Pair } | undefined {
  const segments = path.split('/');
  let holder = map;
  for (let k = 0; k < segments.length; k++) {
    const pair = pairOf(holder, segments[k]);
    if (!pair) return undefined;
    if (k === segments.length - 1) return { holder: holder!, pair };
    const value = pair.value;
    const codes = isMap(value) ? value.get('codes', true) : undefined;
    holder = isMap(codes) ? codes : undefined;
  }
  return undefined;
}

/** In each of `others`, the entry of a code that `side` renamed (in the same parent) takes the new name; says whether `ours` changed. */
function renameFormerCodes(side: Parsed, others: Parsed[], notes: string[], ours: Parsed): boolean {
  let oursChanged = false;
  for (const { path, formerly } of formerPaths(side.map)) {
    for (const old of formerly) {
      const parent = (p: string) => p.split('/').slice(0, -1).join('/');
      if (parent(old) !== parent(path) || old === path) continue;
      for (const other of others) {
        if (entryOf(other.map, path)) continue;
        const entry = entryOf(other.map, old);
        if (!entry) continue;
        entry.pair.key = new Scalar(path.split('/').pop()!);
        if (other === ours) oursChanged = true;
        const note = `codebook.yaml: '${old}' is '${path}' now (formerly).`;
        if (!notes.includes(note)) notes.push(note);
      }
    }
  }
  return oursChanged;
}
