// Caps on what an untrusted zip archive (a `.qdpx`, a Word `.docx`) may unpack to, checked before
// anything is unpacked: the size of each entry, the total, and the compression ratio (text and
// XML pack 3 to 30 times; a zip bomb thousands). A zip's directory may lie about the sizes, and a
// library may unpack all of an entry before it compares (JSZip, in mammoth, does):
// `checkArchive` also inflates each entry in small steps, keeping nothing, and refuses one that
// unpacks to more than its directory says.
import { Inflate } from 'fflate';

export interface ArchiveLimits {
  /** The largest entry, unpacked. */
  maxEntryBytes: number;
  /** All entries together, unpacked. */
  maxTotalBytes: number;
  /** Unpacked size over packed size, for entries past 1 MB. */
  maxCompressionRatio: number;
}

const megabyte = 1024 * 1024;

/** A REFI-QDA project: its sources may be long, and it may hold recordings. */
export const qdpxLimits: ArchiveLimits = { maxEntryBytes: 256 * megabyte, maxTotalBytes: 1024 * megabyte, maxCompressionRatio: 200 };

/** A Word interview: hours of speech are a few megabytes of XML; photos pack barely at all. */
export const docxLimits: ArchiveLimits = { maxEntryBytes: 64 * megabyte, maxTotalBytes: 256 * megabyte, maxCompressionRatio: 200 };

/** An entry as a zip's directory declares it (fflate's `UnzipFileInfo` has these fields). */
export interface DeclaredEntry {
  name: string;
  /** Packed. */
  size: number;
  /** Unpacked. */
  originalSize: number;
}

/**
 * The entries of one archive counted against the limits, one at a time (an `unzipSync` filter
 * calls `admit` for each): the reason the archive is refused, or undefined.
 */
export class ArchiveBudget {
  private total = 0;

  constructor(private readonly limits: ArchiveLimits) {}

  admit(entry: DeclaredEntry): string | undefined {
    const { maxEntryBytes, maxTotalBytes, maxCompressionRatio } = this.limits;
    this.total += entry.originalSize;
    if (entry.originalSize > maxEntryBytes) return `${entry.name} is larger than ${maxEntryBytes / megabyte} MB`;
    if (this.total > maxTotalBytes) return `it unpacks to more than ${maxTotalBytes / megabyte} MB`;
    if (entry.originalSize > megabyte && entry.originalSize > entry.size * maxCompressionRatio) return `${entry.name} unpacks to more than ${maxCompressionRatio} times its size (a zip bomb?)`;
    return undefined;
  }
}

interface DirectoryEntry extends DeclaredEntry {
  /** 0 stored, 8 deflated. */
  method: number;
  /** Where its packed data starts. */
  dataStart: number;
}

/** Why an archive is not unpacked: past the limits (`refused`), or not a zip that can be read. */
export interface ArchiveProblem {
  refused: boolean;
  reason: string;
}

/**
 * Checks a zip before a library unpacks it: every entry its directory lists within the limits,
 * and no deflated entry unpacking to more than the directory says. Undefined when it may be
 * unpacked.
 */
export function checkArchive(bytes: Uint8Array, limits: ArchiveLimits): ArchiveProblem | undefined {
  const entries = zipDirectory(bytes);
  if (typeof entries === 'string') return { refused: false, reason: entries };
  const budget = new ArchiveBudget(limits);
  for (const entry of entries) {
    const refused = budget.admit(entry);
    if (refused) return { refused: true, reason: refused };
  }
  for (const entry of entries) {
    if (entry.method !== 8) continue;
    let unpacked = 0;
    let over = false;
    const inflate = new Inflate((chunk) => {
      unpacked += chunk.length;
      if (unpacked > entry.originalSize) {
        over = true;
        // Thrown out of push: nothing more is inflated.
        throw new RangeError('past its declared size');
      }
    });
    const end = entry.dataStart + entry.size;
    try {
      // Small steps: 4 KB of deflate unpack to 4 MB at most, whatever the file.
      for (let at = entry.dataStart; at < end; at += 4096) inflate.push(bytes.subarray(at, Math.min(at + 4096, end)), at + 4096 >= end);
    } catch (error) {
      if (over) return { refused: true, reason: `${entry.name} unpacks to more than the ${entry.originalSize} bytes its archive says (a zip bomb?)` };
      return { refused: false, reason: `${entry.name} cannot be unpacked: ${(error as Error).message}` };
    }
  }
  return undefined;
}

/** The entries a zip's central directory lists (ZIP64 included), or why it cannot be read. */
function zipDirectory(bytes: Uint8Array): DirectoryEntry[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => u32(at) + u32(at + 4) * 2 ** 32;
  // The end of central directory record, within the last 64 KB (its comment) of the file.
  let end = bytes.length - 22;
  while (end >= 0 && end >= bytes.length - 22 - 0xffff && u32(end) !== 0x06054b50) end--;
  if (end < 0 || end < bytes.length - 22 - 0xffff) return 'not a zip archive';
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && u32(end - 20) === 0x07064b50) {
    const end64 = Number(u64(end - 12));
    if (end64 + 56 > bytes.length || u32(end64) !== 0x06064b50) return 'its ZIP64 directory cannot be read';
    count = u64(end64 + 32);
    offset = u64(end64 + 48);
  }
  const entries: DirectoryEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(at) !== 0x02014b50) return 'its directory cannot be read';
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let size = u32(at + 20);
    let originalSize = u32(at + 24);
    let local = u32(at + 42);
    // ZIP64: the sizes and the offset that do not fit 32 bits are in an extra field, in this order.
    for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; extra += 4 + u16(extra + 2)) {
      if (u16(extra) !== 0x0001) continue;
      let field = extra + 4;
      if (originalSize === 0xffffffff) (originalSize = u64(field)), (field += 8);
      if (size === 0xffffffff) (size = u64(field)), (field += 8);
      if (local === 0xffffffff) local = u64(field);
    }
    if (local + 30 > bytes.length || u32(local) !== 0x04034b50) return `${name}: its entry cannot be read`;
    const dataStart = local + 30 + u16(local + 26) + u16(local + 28);
    if (dataStart + size > bytes.length) return `${name}: its entry runs past the end of the file`;
    entries.push({ name, size, originalSize, method: u16(at + 10), dataStart });
    at += 46 + nameLength + extraLength + u16(at + 32);
  }
  return entries;
}
