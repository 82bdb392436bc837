// The one diagnostic shape of the core. The language server maps it to LSP's Diagnostic
// (severities 1-4) and the command line prints it; both read these fields unchanged.
import type { Range } from '../text/text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stable names of every problem the core reports; users filter and configure by these. */
export type DiagnosticCode =
  // transcript syntax
  | 'front-matter-unterminated'
  | 'front-matter-yaml'
  | 'front-matter-invalid'
  | 'empty-tag-block'
  | 'unterminated-tag-block'
  | 'unmatched-bracket'
  | 'invalid-code-path'
  | 'empty-code'
  | 'tag-block-unexpected-text'
  | 'reviewed-with-codes'
  | 'duplicate-code-in-block'
  | 'timestamp-out-of-order'
  // git's conflict markers left in a transcript, codebook.yaml or informants.yaml
  | 'merge-conflict'
  // transcript meaning, against the project
  | 'untagged-quote'
  | 'unknown-code'
  | 'renamed-code'
  | 'unmapped-speaker'
  | 'unknown-informant'
  | 'outside-project'
  | 'unreadable-file'
  // codebook.yaml
  | 'codebook-yaml'
  | 'codebook-invalid'
  | 'codebook-unknown-key'
  | 'duplicate-code'
  | 'missing-description'
  | 'unused-code'
  // informants.yaml
  | 'informants-yaml'
  | 'informants-invalid'
  | 'duplicate-informant';

export interface RelatedLocation {
  /** URI of the other file, or undefined for the same file. */
  uri?: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Machine-readable details for quick fixes (e.g. suggested codes). */
  data?: Record<string, unknown>;
  related?: RelatedLocation[];
}
