// A segment query as an editor asks it: the expression as typed, its mistakes as the reason shown.
import { parseSegmentExpression, segments, type SegmentResult } from '../core/segments';
import type { AnalysisFilter } from '../core/analysisScope';
import type { Project } from '../core/workspace';
import type { Refusable } from './refusable';

export function querySegments(project: Project, query: { expression: string; overlap?: boolean; text?: string; filter?: AnalysisFilter }): Refusable<SegmentResult[]> {
  try {
    return { ok: segments(project, { expression: parseSegmentExpression(query.expression), overlap: query.overlap, text: query.text, filter: query.filter }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
