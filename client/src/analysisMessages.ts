// The messages between the Analysis view's page (client/webview/analysis.ts) and the extension
// (analysisPanel.ts). The page asks; the extension answers with figures from the language server.
import type { Cooccurrence, Matrix, MatrixCount, TriangulationRow } from '../../server/src/protocol';

/** What the page shows: kept by the webview across reloads, and by the panel serializer. */
export interface AnalysisState {
  /** The project shown, by its root folder's URI ('' for the first). */
  project?: string;
  tab: 'matrix' | 'cooccurrence' | 'triangulation';
  rows: 'codes' | 'informants';
  columns: string;
  count: MatrixCount;
  percent: 'none' | 'row' | 'column' | 'table';
  /** `quote`, `overlap`, or a number of quotes. */
  within: string;
  /** Informants of this role only ('' for all). */
  role: string;
  /** Documents of this source only ('' for all). */
  source: string;
}

export type FromView =
  | { type: 'ready'; state: AnalysisState }
  | { type: 'query'; state: AnalysisState }
  | { type: 'cell'; kind: 'matrix' | 'cooccurrence'; row: string; column: string }
  | { type: 'export'; kind: 'csv' | 'svg' | 'png' | 'report'; data?: string };

export type ToView =
  | { type: 'strings'; strings: Record<string, string> }
  | {
      type: 'data';
      title?: string;
      error?: string;
      matrix?: Matrix;
      percentages?: (number | null)[][];
      cooccurrence?: Cooccurrence;
      triangulation?: TriangulationRow[];
      choices?: { informantAttributes: string[]; documentAttributes: string[] };
      /** The values of the informants' `role`, for the filter. */
      roles?: string[];
      /** Every project of the workspace, to choose from where there are several. */
      projects?: { root: string; name: string }[];
    };
