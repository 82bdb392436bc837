// Code paths: segments of Unicode letters (with their combining marks), decimal digits, "_" and
// "-", joined by "/". The first segment is the theme: `trust/quality` is the code `quality` of
// the theme `trust`.

const segment = String.raw`[\p{L}\p{M}\p{Nd}_\-]+`;
const pathPattern = new RegExp(`^${segment}(?:/${segment})*$`, 'u');
const segmentPattern = new RegExp(`^${segment}$`, 'u');

/** Matches a code path at `lastIndex` (sticky); used by the transcript scanner. */
export const codePathAt = new RegExp(`${segment}(?:/${segment})*`, 'uy');

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
