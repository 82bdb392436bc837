// The files a REFI-QDA project import writes are named from names in the archive (a source's name,
// a note's), never from its paths: cleaned of separators, `..`, roots and characters file systems
// refuse, composed (NFC), and kept under 100 bytes of UTF-8 per folder or file name: a longer one is
// shortened and ends in a short hash of the whole name, so two long names stay apart.
import { memoFolderName, transcriptSuffix } from '../project/projectFiles';

/** Bytes of UTF-8 a folder's or file's name may take (file systems allow 255; paths get long). */
const maxNameBytes = 100;
const encoder = new TextEncoder();

/** FNV-1a of the name's UTF-16 units, as 8 hex digits: stable across runs and machines. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A name's longest start of at most `bytes` bytes of UTF-8, whole characters only. */
function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let out = '';
  for (const char of text) {
    used += encoder.encode(char).length;
    if (used > bytes) break;
    out += char;
  }
  return out;
}

/**
 * A folder's or file's name made from a name: letters, marks, digits, `_ . - ` and spaces, anything
 * else `-`; no dots or spaces at its ends (Windows drops them); not a device name of Windows; and,
 * when with `suffix` it would pass 100 bytes, shortened to end in `-` and a hash of the whole name.
 */
export function fileNameOf(name: string, suffix = ''): string {
  let stem = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{Nd}_.\- ]+/gu, '-')
    .replace(/^[. ]+|[. ]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(stem)) stem += '_';
  if (!stem) return '';
  if (encoder.encode(stem + suffix).length <= maxNameBytes) return stem + suffix;
  // Room for `-` and the hash, and for a `-2` should two shortened names still meet.
  const cut = cutToBytes(stem, maxNameBytes - encoder.encode(suffix).length - 9 - 4).replace(/[. -]+$/, '');
  return `${cut}-${shortHash(name.normalize('NFC'))}${suffix}`;
}

/** `name` with `-2`, `-3`… before its suffix until no name in `used` (compared in lower case) is it; then kept in `used`. */
function unique(stem: string, suffix: string, used: Set<string>): string {
  let path = stem + suffix;
  for (let n = 2; used.has(path.toLowerCase()); n++) path = `${stem}-${n}${suffix}`;
  used.add(path.toLowerCase());
  return path;
}

/**
 * Where a source's transcript goes: its own path when it names a transcript (this tool's export
 * keeps them), else `transcripts/<name>.transcript.md`. Never outside the project: no `..`, no root.
 */
export function transcriptPath(name: string, used: Set<string>): string {
  const parts = name.split(/[\\/]+/).filter((p) => p && p !== '.' && p !== '..');
  const last = parts[parts.length - 1] ?? '';
  if (last.endsWith(transcriptSuffix) && last.length > transcriptSuffix.length) {
    const folders = parts.slice(0, -1).map((p) => fileNameOf(p)).filter(Boolean);
    const file = fileNameOf(last.slice(0, -transcriptSuffix.length), transcriptSuffix);
    if (file !== transcriptSuffix && file) return unique([...folders, file.slice(0, -transcriptSuffix.length)].join('/'), transcriptSuffix, used);
  }
  const file = fileNameOf(last.replace(/\.(txt|docx?|rtf|pdf)$/i, ''), transcriptSuffix) || `source${transcriptSuffix}`;
  return unique(`transcripts/${file.slice(0, -transcriptSuffix.length)}`, transcriptSuffix, used);
}

/** Whether a name is the path of a memo file: a Markdown file in a `memos/` folder. */
export function namesMemoFile(name: string): boolean {
  const parts = name.split(/[\\/]+/).filter((p) => p && p !== '.' && p !== '..');
  return parts.slice(0, -1).includes(memoFolderName) && /\.md$/i.test(parts[parts.length - 1] ?? '');
}

/**
 * Where a note becomes a memo file: its own path when it names one in a `memos/` folder (this
 * tool's export keeps them), else `memos/<folder>/<name>.md`.
 */
export function memoPath(name: string, folder: string, used: Set<string>): string {
  const parts = name.split(/[\\/]+/).filter((p) => p && p !== '.' && p !== '..');
  const last = parts[parts.length - 1] ?? '';
  if (namesMemoFile(name)) {
    const folders = parts.slice(0, -1).map((p) => fileNameOf(p)).filter(Boolean);
    const file = fileNameOf(last.replace(/\.md$/i, ''), '.md');
    if (file && file !== '.md') return unique([...folders, file.slice(0, -3)].join('/'), '.md', used);
  }
  const file = fileNameOf(parts.join(' ').replace(/\.md$/i, '') || 'note', '.md') || 'note.md';
  return unique([memoFolderName, ...(folder ? [folder] : []), file.slice(0, -3)].join('/'), '.md', used);
}
