import * as vscode from 'vscode';
import * as path from 'node:path';
import type { Problem } from '../../core/model/incident';
import { findBlamingPhrases } from '../../core/timeline/blame';
import type { IncidentStore } from './incidentStore';
import { isPostmortemFile } from '../../core/timeline/incidentText';

const SOURCE = 'Incident Desk';
const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/**
 * Problems of incident files (lines that could not be read), and blaming phrases in incident
 * files and postmortems, as diagnostics. Core reports 1-based lines; ranges here are 0-based.
 */
export class IncidentDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('incident-desk');
  private readonly disposables: vscode.Disposable[] = [];
  private readonly shown = new Set<string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly store: IncidentStore) {
    this.disposables.push(
      store.onDidChange(() => this.updateIncidents()),
      vscode.workspace.onDidOpenTextDocument((d) => this.updatePostmortem(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedulePostmortem(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (isPostmortemDoc(d)) this.collection.delete(d.uri);
      }),
    );
  }

  /** Checks the postmortems that were already open before activation; called after it. */
  checkOpenDocuments(): void {
    for (const doc of vscode.workspace.textDocuments) this.updatePostmortem(doc);
  }

  private updateIncidents(): void {
    const now = new Set<string>();
    for (const file of this.store.list()) {
      now.add(file.uri.toString());
      const lines = file.text.split(/\r?\n/);
      const lineEnd = (line: number): number => (lines[line]?.length ?? 0);
      const diagnostics = file.parsed.problems.map((p) => {
        const start = clamp(p.line - 1, lines.length);
        const end = clamp((p.endLine ?? p.line) - 1, lines.length);
        const d = new vscode.Diagnostic(new vscode.Range(start, 0, end, lineEnd(end)), p.message, SEVERITY[p.severity]);
        d.source = SOURCE;
        d.code = 'incident-file';
        return d;
      });
      diagnostics.push(...blamingDiagnostics(file.text));
      this.collection.set(file.uri, diagnostics);
    }
    for (const key of this.shown) if (!now.has(key)) this.collection.delete(vscode.Uri.parse(key));
    this.shown.clear();
    for (const key of now) this.shown.add(key);
  }

  private schedulePostmortem(doc: vscode.TextDocument): void {
    if (!isPostmortemDoc(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.updatePostmortem(doc);
    }, 150));
  }

  private updatePostmortem(doc: vscode.TextDocument): void {
    if (!isPostmortemDoc(doc) || doc.isClosed) return;
    this.collection.set(doc.uri, blamingDiagnostics(doc.getText()));
  }

  /** For the API snapshot and tests. */
  get(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.collection.dispose();
  }
}

function isPostmortemDoc(doc: vscode.TextDocument): boolean {
  return doc.uri.scheme === 'file' && isPostmortemFile(path.basename(doc.uri.fsPath));
}

function clamp(line: number, count: number): number {
  return Math.max(0, Math.min(line, Math.max(0, count - 1)));
}

export function blamingDiagnostics(text: string): vscode.Diagnostic[] {
  return findBlamingPhrases(text).map((hit) => {
    const range = new vscode.Range(hit.line - 1, hit.column - 1, hit.line - 1, hit.column - 1 + hit.length);
    const d = new vscode.Diagnostic(range, `"${hit.phrase}": ${hit.hint}`, vscode.DiagnosticSeverity.Warning);
    d.source = SOURCE;
    d.code = 'blaming-phrase';
    return d;
  });
}
