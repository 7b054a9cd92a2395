import * as vscode from 'vscode';
import { Commands, Views } from '../core/ids';
import { Log } from './log';
import { ChangesModel } from './changes/changesModel';
import { ChangesTreeProvider, type ChangeNode } from './changes/changesTree';
import { registerChangesCommands } from './changes/changesCommands';
import { GIT_SCHEME, GitContentProvider } from './git/gitContentProvider';
import { affectsSettings, readSettings } from './settings';
import { IncidentFeature } from './incident/incidentFeature';
import { Credentials } from './sources/credentials';
import { LazyErrors } from './errors/lazyErrors';
import { errorsWindow, latestLocalDeploy } from './changes/remoteWindow';
import { RemoteChangesModel } from './changes/remoteChanges';
import { registerCompareDeploys } from './changes/compareDeploys';
import { RunbooksFeature } from './runbooks/runbooksFeature';
import { LazyOverview } from './overview/lazyOverview';
import { LogsFeature } from './logs/logsFeature';
import { registerPinCommand } from './incident/pinEvidence';
import { registerEntryLinks } from './incident/entryLinks';

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
  readonly credentials: Credentials;
  readonly errors: LazyErrors;
  readonly runbooks: RunbooksFeature;
  readonly overview: LazyOverview;
  readonly logs: LogsFeature;

  constructor(context: vscode.ExtensionContext) {
    this.changesView = this.own(vscode.window.createTreeView(Views.changes, { treeDataProvider: this.changesTree, showCollapseAll: true }));
    this.own(vscode.workspace.registerTextDocumentContentProvider(GIT_SCHEME, new GitContentProvider()));
    const register = (id: string, fn: (...args: never[]) => unknown): void => {
      this.own(vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown));
    };
    registerChangesCommands(register, this.changes, this.log);
    register(Commands.showLog, () => this.log.show());
    this.incidents = this.own(new IncidentFeature(context.workspaceState, this.log, register));
    this.credentials = this.own(new Credentials(context.secrets, this.log));
    register(Commands.setGitHubToken, async (value?: string) => {
      if (await this.credentials.setGitHubToken(typeof value === 'string' ? value : undefined)) await this.changes.refresh();
    });
    register(Commands.signInToGitHub, async () => {
      if (await this.credentials.signInToGitHub()) await this.changes.refresh();
    });
    const remote = this.own(new RemoteChangesModel(this.changes, this.credentials, this.log));
    this.changesTree.setRemote(remote);
    registerCompareDeploys(register, () => remote, this.log);
    this.errors = this.own(
      new LazyErrors((view, registerErrors) => {
        // Loaded here rather than imported, so the Errors feature is not evaluated during activation.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { ErrorsFeature } = require('./errors/errorsFeature') as typeof import('./errors/errorsFeature');
        return new ErrorsFeature(context, this.log, this.credentials, view, registerErrors, () => errorsWindow(this.changes, this.incidents.activeSpan()), () => latestLocalDeploy(this.changes));
      }, register),
    );
    if (readSettings().sentry.organization) {
      // Marks on open editors need the issues even while the Errors view stays closed.
      const timer = setTimeout(() => void this.errors.get().model.ensureLoaded(), 0);
      this.own({ dispose: () => clearTimeout(timer) });
    }
    let span = '';
    this.own(
      this.incidents.onDidChangeIncidents(() => {
        const next = JSON.stringify(this.incidents.activeSpan() ?? null);
        if (next !== span && (span || next !== 'null')) void this.errors.loaded?.model.refresh();
        span = next;
      }),
    );
    this.runbooks = this.own(new RunbooksFeature(context.workspaceState, this.log, this.incidents, this.changes, register));
    // Sentry issue titles feed runbook suggestions.
    const errors = this.errors;
    this.own(this.runbooks.findings.register({
      id: 'sentry',
      onDidChange: errors.onDidChange as vscode.Event<unknown> as vscode.Event<void>,
      findings: async () => {
        const state = errors.loaded?.model.state;
        return state?.kind === 'ready' ? { errorTitles: state.issues.map((i) => i.title) } : {};
      },
    }));
    this.logs = this.own(new LogsFeature(context.secrets, this.log, this.incidents, register));
    this.overview = this.own(new LazyOverview(() => [context.extensionUri, this.changes, remote, this.incidents, this.errors, this.logs.model, this.log]));
    register(Commands.openOverview, () => void this.overview.get().openPanel());
    // The overview's right-click menu on an axis item (its webview context names the item).
    register(Commands.overviewPinItem, (ctx?: { itemId?: unknown }) => (typeof ctx?.itemId === 'string' ? this.overview.get().pin(ctx.itemId) : undefined));
    registerPinCommand(register, { log: this.log, incidents: this.incidents, changes: this.changes, errors: () => this.errors.loaded });
    this.own(registerEntryLinks());
    // Log signatures feed runbook suggestions.
    const logs = this.logs.model;
    this.own(this.runbooks.findings.register({
      id: 'logs',
      onDidChange: logs.onDidChange,
      findings: async () => ({
        // The example's own words first (rules are written against real messages), then the template.
        logSignatures: logs.sources.flatMap((src) =>
          src.state.kind === 'done' ? src.state.result.signatures.flatMap((sig) => [sig.example.message.split('\n')[0] ?? '', sig.template]) : [],
        ),
      }),
    }));

    this.own(this.changes.onDidChange(() => this.describeChangesView()));
    this.own(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.changes.refresh()));
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSettings(e, 'changes.deployTagPatterns', 'changes.branches', 'changes.riskPatterns', 'github', 'sentry', 'demoData', 'runbooks.flagsFile')) void this.changes.refresh();
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
