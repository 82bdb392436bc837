// Coding stripes, as NVivo and MAXQDA draw them beside the text: for each code, a bar over the
// lines its codings cover, in the code's colour. Codes that overlap get lanes side by side; past
// `lanes` of them on a line, the line counts how many more there are. Computed from the parse's
// columns (no objects per coding), so a 5,000-line transcript takes a few milliseconds.
import { colorOf } from '../core/model/codebook';
import type { ParsedTranscript } from '../core/model/transcript';
import type { Project } from '../core/project/workspace';

export interface CodingStripe {
  code: string;
  /** The code's colour, or its theme's; undefined where the codebook gives none. */
  color?: string;
  /** 0 is nearest the text. */
  lane: number;
  /** First and last line covered (0-based, inclusive). */
  startLine: number;
  endLine: number;
}

export interface CodingStripes {
  stripes: CodingStripe[];
  /** Lines with more codes than lanes: each line's codes, all of them, for the hover. */
  crowded: { line: number; codes: string[] }[];
}

/** The stripes of a transcript: one per run of consecutive lines a code covers. */
export function codingStripes(parsed: ParsedTranscript, project: Project | undefined, lanes = 3): CodingStripes {
  // Each code's line intervals, merged where they touch or overlap.
  const byCode = new Map<string, [number, number][]>();
  const lines = parsed.lines;
  for (let c = 0; c < parsed.codingCount; c++) {
    const start = parsed.textStartOf(c);
    const end = parsed.textEndOf(c);
    const first = lines.positionAt(start).line;
    const last = lines.positionAt(Math.max(start, end - 1)).line;
    const code = parsed.codeOfCoding(c);
    const intervals = byCode.get(code);
    if (intervals) intervals.push([first, last]);
    else byCode.set(code, [[first, last]]);
  }
  const runs: { code: string; startLine: number; endLine: number }[] = [];
  for (const [code, intervals] of byCode) {
    intervals.sort((a, b) => a[0] - b[0]);
    let [from, to] = intervals[0];
    for (const [a, b] of intervals.slice(1)) {
      if (a <= to + 1) to = Math.max(to, b);
      else {
        runs.push({ code, startLine: from, endLine: to });
        [from, to] = [a, b];
      }
    }
    runs.push({ code, startLine: from, endLine: to });
  }
  // Longer runs first at each start, so that a turn's code keeps the lane nearest the text.
  runs.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine || (a.code < b.code ? -1 : 1));
  // Greedy interval colouring: each run takes the first lane free from its first line on.
  const laneEnds: number[] = [];
  const stripes: CodingStripe[] = [];
  const hidden: { code: string; startLine: number; endLine: number }[] = [];
  for (const run of runs) {
    let lane = laneEnds.findIndex((end) => end < run.startLine);
    if (lane === -1) lane = laneEnds.length;
    laneEnds[lane] = run.endLine;
    if (lane < lanes) stripes.push({ ...run, lane, color: project ? colorOf(project.codebook, run.code) : undefined });
    else hidden.push(run);
  }
  // A line with a hidden run lists every code on it.
  const crowdedLines = new Set<number>();
  for (const run of hidden) for (let line = run.startLine; line <= run.endLine; line++) crowdedLines.add(line);
  // One sweep down the lines (runs are sorted by their first line): the runs on each crowded line.
  const crowded: { line: number; codes: string[] }[] = [];
  let active: typeof runs = [];
  let next = 0;
  for (const line of [...crowdedLines].sort((a, b) => a - b)) {
    while (next < runs.length && runs[next].startLine <= line) active.push(runs[next++]);
    active = active.filter((r) => r.endLine >= line);
    crowded.push({ line, codes: active.map((r) => r.code) });
  }
  return { stripes, crowded };
}
