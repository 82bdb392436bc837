// Code paths: segments of Unicode letters (with their combining marks), decimal digits, "_" and
// "-", joined by "/". The first segment is the theme: `trust/quality` is the code `quality` of
// the theme `trust`.

const segment = String.raw`[\p{L}\p{M}\p{Nd}_\-]+`;
const pathPattern = new RegExp(`^${segment}(?:/${segment})*$`, 'u');
const segmentPattern = new RegExp(`^${segment}$`, 'u');

/** Matches a code path at `lastIndex` (sticky); used by the transcript scanner. */
export const codePathAt = new RegExp(`${segment}(?:/${segment})*`, 'uy');

/**
 * End of the code path at `start` as `codePathAt` matches it, or `start` where none starts.
 * ASCII paths are read character by character, several times faster than the regular expression,
 * which reads the others.
 */
export function codePathEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (isAsciiSegmentCharacter(c)) i++;
    else if (c === 47 /* / */ && i > start) {
      const next = text.charCodeAt(i + 1);
      if (isAsciiSegmentCharacter(next)) i += 2;
      else if (next >= 128) break; // the regular expression decides
      else return i;
    } else if (c >= 128) break;
    else return i;
  }
  codePathAt.lastIndex = start;
  return codePathAt.test(text) ? codePathAt.lastIndex : start;
}

/** A-Z, a-z, 0-9, '_' and '-': the ASCII characters of a segment. */
function isAsciiSegmentCharacter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

export function isValidCodePath(path: string): boolean {
  return pathPattern.test(path);
}

export function isValidSegment(name: string): boolean {
  return segmentPattern.test(name);
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || (path.length > ancestor.length && path.startsWith(ancestor) && path[ancestor.length] === '/');
}
