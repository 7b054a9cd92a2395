import * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import { parseRunbook } from '../../core/runbooks/parse';
import type { RunbookCatalog } from './runbookCatalog';

/** "Run step" and "Copy" above every shell fence of a runbook file. */
export class RunbookLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly catalog: RunbookCatalog) {
    this.sub = catalog.onDidChange(() => this.emitter.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file' || !(this.catalog.fileFor(document.uri) || this.catalog.isCandidate(document.uri))) return [];
    const runbook = parseRunbook(vscode.workspace.asRelativePath(document.uri, false), document.getText());
    const lenses: vscode.CodeLens[] = [];
    for (const step of runbook.steps) {
      const range = new vscode.Range(step.fence.start, 0, step.fence.start, 0);
      const args = [document.uri, step.id];
      const run = step.lever ? `$(zap) Run step (lever: ${step.lever.kind})` : '$(play) Run step';
      lenses.push(
        new vscode.CodeLens(range, { title: run, command: Commands.runbooksRunStep, arguments: args, tooltip: 'Shows the exact command and asks before running it in a terminal' }),
        new vscode.CodeLens(range, { title: '$(copy) Copy', command: Commands.runbooksCopyStep, arguments: args, tooltip: 'Copy the command to the clipboard' }),
      );
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
