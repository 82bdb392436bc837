// A segment query as an editor asks it: the expression as typed, its mistakes as the reason shown.
import { parseSegmentExpression, segments, type SegmentResult } from '../core/analyses/segments';
import type { AnalysisFilter } from '../core/analyses/analysisScope';
import type { Project } from '../core/project/workspace';
import type { Refusable } from './refusable';

export function querySegments(project: Project, query: { expression: string; overlap?: boolean; text?: string; filter?: AnalysisFilter }): Refusable<SegmentResult[]> {
  try {
    return { ok: segments(project, { expression: parseSegmentExpression(query.expression), overlap: query.overlap, text: query.text, filter: query.filter }) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
