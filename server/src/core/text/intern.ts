// One shared string object for each code path, speaker label and informant id.
//
// These names are cut out of whole files. A file with one emoji is stored by V8 as two bytes per
// character, and so is every string cut out of it, while the codebook's keys are stored with one
// byte: a Map lookup that compares the two representations takes the slow path, about six times
// slower than comparing one string object with itself. Interned names are compact, shared by
// every document that uses them, and compare by identity.

const pool = new Map<string, string>();
/** Names by a hash of their characters, to find a name in a text without cutting it out first. */
const byHash = new Map<number, string | string[]>();
/** The pools only hold names, but a fuzzer or a pathological file could write millions. */
const maxPoolSize = 200_000;

export function intern(name: string): string {
  const known = pool.get(name);
  if (known !== undefined) return known;
  if (pool.size >= maxPoolSize) pool.clear();
  const flat = detach(name);
  pool.set(flat, flat);
  return flat;
}

/** The interned name written at text[start, end). */
export function internSlice(text: string, start: number, end: number): string {
  let hash = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  const entry = byHash.get(hash);
  if (entry !== undefined) {
    if (typeof entry === 'string') {
      if (entry.length === end - start && text.startsWith(entry, start)) return entry;
    } else {
      for (const name of entry) if (name.length === end - start && text.startsWith(name, start)) return name;
    }
  }
  const name = intern(text.slice(start, end));
  if (byHash.size >= maxPoolSize) byHash.clear();
  if (entry === undefined) byHash.set(hash, name);
  else byHash.set(hash, typeof entry === 'string' ? [entry, name] : [...entry, name]);
  return name;
}

/**
 * A fresh, flat copy of a string cut out of a file: one byte per character when it can be, and
 * not a view into the file's text, which would keep all of it alive after the text is stored more
 * compactly (see SourceText).
 */
export function detach(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * A copy of a string cut out of a file, not a view into the file's text: as `detach`, but kept in
 * the string's own width, at a tenth of the cost (for the many quotes of a report). The joined
 * string is flattened into a new one, of which the copy is a view.
 */
export function copyOut(text: string): string {
  return ` ${text}`.slice(1);
}
