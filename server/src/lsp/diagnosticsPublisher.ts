// Diagnostics, computed by the core and published to the editor: one file after a pause in
// typing, or many files in chunks (a codebook change re-validates its whole project) that give
// way to requests between chunks and are cancelled by a newer round.
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/model/diagnostic';
import { diagnoseFile } from '../core/project/diagnostics';
import type { Project, QdaWorkspace } from '../core/project/workspace';
import { guard, type ServerLog } from './log';
import { yieldToEventLoop } from './yieldToEventLoop';
import type { SettingsStore } from './settings';

// Long enough to coalesce a burst of keystrokes, short enough to feel immediate.
const typingPauseMs = 10;
/** Files diagnosed between two yields to the event loop. */
const chunkSize = 50;

const severity: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

function toLspDiagnostic(uri: string, d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: severity[d.severity],
    code: d.code,
    source: 'qda',
    message: d.message,
    ...(d.data ? { data: d.data } : {}),
    ...(d.related ? { relatedInformation: d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message })) } : {}),
  };
}

export class DiagnosticsPublisher {
  /** Files whose last published list was not empty (they must be cleared when they have nothing left to say). */
  private readonly published = new Set<string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private round = 0;

  constructor(
    private readonly connection: Connection,
    private readonly workspace: QdaWorkspace,
    private readonly settings: SettingsStore,
    private readonly log: ServerLog,
  ) {}

  /**
   * Publishes one file's diagnostics now (an empty list only where there was one to clear); the
   * promise is kept once the message is written, and never rejected: a message that could not be
   * written (the editor is gone) is nobody's failure here.
   */
  publish(uri: string): Promise<void> | undefined {
    const diagnostics = diagnoseFile(this.workspace, uri, this.settings.current.diagnostics);
    if (diagnostics.length === 0 && !this.published.has(uri)) return undefined;
    if (diagnostics.length === 0) this.published.delete(uri);
    else this.published.add(uri);
    return this.connection.sendDiagnostics({ uri, diagnostics: diagnostics.map((d) => toLspDiagnostic(uri, d)) }).catch(() => undefined);
  }

  /** Publishes one file's diagnostics after a pause in typing. */
  schedule(uri: string, delay = typingPauseMs): void {
    clearTimeout(this.pending.get(uri));
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        guard(this.log, 'publishing diagnostics', () => void this.publish(uri));
      }, delay),
    );
  }

  /**
   * Every file of some projects, or without a list every file of the workspace and every file
   * that had diagnostics, in chunks; a newer call cancels an older one. Resolves once the messages
   * are written to the editor: work that comes after (the quote filters made at start-up) then
   * never holds them back (it delayed L's last diagnostics by 170 ms).
   */
  async publishMany(projects?: Project[]): Promise<void> {
    const round = ++this.round;
    const uris = [...new Set<string>(projects ? projects.flatMap((p) => p.files()) : [...this.workspace.files(), ...this.published])];
    const sent: Promise<void>[] = [];
    for (let i = 0; i < uris.length; i += chunkSize) {
      if (round !== this.round) break;
      for (const uri of uris.slice(i, i + chunkSize)) {
        const message = guard(this.log, 'publishing diagnostics', () => this.publish(uri));
        if (message) sent.push(message);
      }
      await yieldToEventLoop();
    }
    await Promise.all(sent);
  }
}
