import * as vscode from 'vscode';
import { Commands, Views } from '../core/ids';
import { Log } from './log';
import { ChangesModel } from './changes/changesModel';
import { ChangesTreeProvider, type ChangeNode } from './changes/changesTree';
import { registerChangesCommands } from './changes/changesCommands';
import { GIT_SCHEME, GitContentProvider } from './git/gitContentProvider';
import { affectsSettings } from './settings';
import { IncidentFeature } from './incident/incidentFeature';
import { RunbooksFeature } from './runbooks/runbooksFeature';

/**
 * The composition root: owns every service and disposable. Construction does no I/O; git is
 * first read when a view asks for its children.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly log = this.own(new Log());
  readonly changes = this.own(new ChangesModel(this.log));
  readonly changesTree = this.own(new ChangesTreeProvider(this.changes));
  readonly changesView: vscode.TreeView<ChangeNode>;
  readonly incidents: IncidentFeature;
  readonly runbooks: RunbooksFeature;

  constructor(context: vscode.ExtensionContext) {
    this.changesView = this.own(vscode.window.createTreeView(Views.changes, { treeDataProvider: this.changesTree, showCollapseAll: true }));
    this.own(vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()));
    const register = (id: string, fn: (...args: never[]) => unknown): void => {
      this.own(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    };
    registerChangesCommands(register, this.changes, this.log);
    register(Commands.showLog, () => this.log.show());
    this.incidents = this.own(new IncidentFeature(context.workspaceState, this.log, register));
    this.runbooks = this.own(new RunbooksFeature(context.workspaceState, this.log, this.incidents, this.changes, register));

    this.own(this.changes.onDidChange(() => this.describeChangesView()));
    this.own(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.changes.refresh()));
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'changes.deployTagPatterns', 'changes.branches', 'changes.riskPatterns', 'runbooks.flagsFile')) void this.changes.refresh();
      }),
    );
  }

  private describeChangesView(): void {
    const m = this.changes;
    const ready = m.repos.find((r) => r.state.kind === 'ready');
    const label = ready?.state.kind === 'ready' ? ready.state.window.label : '';
    const filters = [m.pathFilter ? `path: ${m.pathFilter.label}` : '', m.riskFilter.length ? 'risky only' : ''].filter(Boolean);
    this.changesView.description = [label, ...filters].filter(Boolean).join(' · ');
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
