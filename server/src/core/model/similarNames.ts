// "Did you mean …?" for misspelt codes: case-insensitive matches first, then the nearest by edit
// distance, then codes whose last segment matches (a code written without its theme).

/** Up to `limit` candidates close to `word`, best first. */
export function suggestSimilar(word: string, candidates: Iterable<string>, limit = 3): string[] {
  const lower = word.toLowerCase();
  const lowerLast = lower.slice(lower.lastIndexOf('/') + 1);
  const scored: { candidate: string; score: number }[] = [];
  const maxDistance = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score: number;
    if (c === lower) score = 0;
    else {
      const distance = editDistance(lower, c, maxDistance);
      // A suggestion must keep something of the word: 'b' is one edit from 'a' but no help.
      if (distance <= maxDistance && distance < Math.max(lower.length, c.length)) score = distance;
      else if (c.slice(c.lastIndexOf('/') + 1) === lowerLast) score = maxDistance + 1;
      else continue;
    }
    scored.push({ candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** Levenshtein distance, giving up (returning max + 1) once it must exceed `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Two rows, reused: this runs for every code of the codebook against each unknown code.
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length], max + 1);
}
