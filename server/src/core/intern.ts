// One shared string object for each code path, speaker label and informant id.
//
// These names are cut out of whole files. A file with one emoji is stored by V8 as two bytes per
// character, and so is every string cut out of it, while the codebook's keys are stored with one
// byte: a Map lookup that compares the two representations takes the slow path, about six times
// slower than comparing one string object with itself. Interned names are compact, shared by
// every document that uses them, and compare by identity.

const pool = new Map<string, string>();
/** The pool only holds names, but a fuzzer or a pathological file could write millions. */
const maxPoolSize = 200_000;

export function intern(name: string): string {
  const known = pool.get(name);
  if (known !== undefined) return known;
  if (pool.size >= maxPoolSize) pool.clear();
  // A fresh, flat copy: one byte per character when it can be, and not a view into a whole file.
  const flat = JSON.parse(JSON.stringify(name)) as string;
  pool.set(flat, flat);
  return flat;
}
