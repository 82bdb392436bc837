// A `.qdpx` is a zip, and untrusted: its entries are unpacked only when wanted (the project's XML,
// then the texts it names: never a picture, a recording or a video it also holds, however large),
// each checked before it is unpacked against caps on its size, on the size of all, and on how much
// it was packed, alone and all together (a zip bomb packs thousands of times; text and XML 3 to
// 30); an entry packed like a bomb is refused even where it is not wanted. A zip's sizes are its own word:
// fflate unpacks an entry into a buffer of the size the archive states and never past it, so the
// stated sizes are what memory is spent on. Two entries of one name are refused (tools and unzip
// programs disagree on which one is meant). No entry is ever written to disk from here.
import { unzipSync } from 'fflate';

/** The largest entry unpacked. */
export const maxQdpxEntryBytes = 256 * 1024 * 1024;
/** The most unpacked in all. */
const maxTotalBytes = 1024 * 1024 * 1024;
/** The most an entry, or all together past 1 MB, may have been packed. */
const maxCompressionRatio = 200;

/** The entries `wanted` picks, unpacked within the caps, by their names. */
export function unpackQdpx(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean): { entries: Record<string, Uint8Array> } | { error: string } {
  let refused: string | undefined;
  let total = 0;
  const names = new Set<string>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (refused) return false;
        if (names.has(file.name)) refused = `holds two entries named ${file.name}: refused, as either could be the one meant`;
        names.add(file.name);
        if (refused || file.name.endsWith('/')) return false;
        // A bomb is refused even where it is not read: the archive is not what it says it is.
        if (file.originalSize > 1024 * 1024 && file.originalSize > file.size * maxCompressionRatio) refused = `: ${file.name} unpacks to more than ${maxCompressionRatio} times its size (a zip bomb?); refused`;
        if (refused || !wanted(file.name)) return false;
        total += file.originalSize;
        if (file.originalSize > maxQdpxEntryBytes) refused = `: ${file.name} is larger than ${maxQdpxEntryBytes / 1024 / 1024} MB; refused`;
        else if (total > maxTotalBytes) refused = `: it unpacks to more than ${maxTotalBytes / 1024 / 1024} MB; refused`;
        else if (total > 1024 * 1024 && total > bytes.length * maxCompressionRatio) refused = `: its entries unpack to more than ${maxCompressionRatio} times the archive's size (a zip bomb?); refused`;
        return !refused;
      },
    });
  } catch (error) {
    return { error: `${fileName} is not a readable .qdpx (zip): ${(error as Error).message}` };
  }
  if (refused) return { error: `${fileName}${refused.startsWith(':') ? '' : ' '}${refused}` };
  return { entries };
}
