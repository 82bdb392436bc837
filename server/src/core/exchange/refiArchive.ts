// A `.qdpx` is a zip, and untrusted: its entries are unpacked only when wanted (the project's XML,
// then the texts it names: never a picture, a recording or a video it also holds, however large),
// each checked before it is unpacked against the limits of archiveLimits.ts (its size, the size of
// all, how much it was packed) and against how much all were packed together (entries whose stated
// sizes lie, each small, add up); an entry packed like a bomb is refused even where it is not
// wanted. A zip's sizes are its own word: fflate unpacks an entry into a buffer of the size the
// archive states and never past it, so the stated sizes are what memory is spent on. Two entries
// of one name are refused (tools and unzip programs disagree on which one is meant). No entry is
// ever written to disk from here.
import { unzipSync } from 'fflate';
import { ArchiveBudget, qdpxLimits } from './archiveLimits';

const megabyte = 1024 * 1024;

/** The entries `wanted` picks, unpacked within the limits, by their names. */
export function unpackQdpx(bytes: Uint8Array, fileName: string, wanted: (name: string) => boolean): { entries: Record<string, Uint8Array> } | { error: string } {
  const { maxCompressionRatio } = qdpxLimits;
  const budget = new ArchiveBudget(qdpxLimits);
  let refused: string | undefined;
  let total = 0;
  const names = new Set<string>();
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (refused) return false;
        if (names.has(file.name)) refused = ` holds two entries named ${file.name}: refused, as either could be the one meant`;
        names.add(file.name);
        if (refused || file.name.endsWith('/')) return false;
        // A bomb is refused even where it is not read: the archive is not what it says it is.
        if (file.originalSize > megabyte && file.originalSize > file.size * maxCompressionRatio) refused = `: ${file.name} unpacks to more than ${maxCompressionRatio} times its size (a zip bomb?); refused`;
        if (refused || !wanted(file.name)) return false;
        total += file.originalSize;
        const overBudget = budget.admit(file);
        if (overBudget) refused = `: ${overBudget}; refused`;
        else if (total > megabyte && total > bytes.length * maxCompressionRatio) refused = `: its entries unpack to more than ${maxCompressionRatio} times the archive's size (a zip bomb?); refused`;
        return !refused;
      },
    });
  } catch (error) {
    return { error: `${fileName} is not a readable .qdpx (zip): ${(error as Error).message}` };
  }
  if (refused) return { error: fileName + refused };
  return { entries };
}
