import * as vscode from 'vscode';
import { buildOverview, type OverviewState, type OverviewTarget, type WindowPreset } from '../../core/correlate/overview';
import { overviewWindow, parseWhen } from '../../core/correlate/overviewWindow';
import { SourceError } from '../../core/errors';
import { Commands } from '../../core/ids';
import { RefreshRunner, type RefreshTask } from '../../core/refresh/refreshRunner';
import type { ChangesModel } from '../changes/changesModel';
import type { ChangeNode } from '../changes/changesTree';
import type { RemoteChangesModel } from '../changes/remoteChanges';
import type { LazyErrors } from '../errors/lazyErrors';
import type { IncidentFeature } from '../incident/incidentFeature';
import type { Log } from '../log';
import type { LogsModel } from '../logs/logsModel';
import { webviewHtml, webviewOptions } from '../webview/html';
import { appFramesFirst } from '../../core/model/errors';
import type { LogFinding } from '../../core/model/logs';
import { openFrame } from '../errors/frameFiles';
import { OverviewSources } from './overviewSources';
import { isFromWebview, type ToWebview } from './protocol';


/**
 * The Incident overview: one state, shown in the side bar view and in editor tabs. Each webview
 * gets the state only after it said it is ready; nothing is posted before. A refresh reads every
 * source at once through one RefreshRunner: cancellable, never two at a time, optionally on a timer.
 */
export class OverviewController implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly webviews = new Set<vscode.Webview>();
  private readonly ready = new WeakSet<vscode.Webview>();
  private state?: OverviewState;
  private incidentUri?: vscode.Uri;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly sources: OverviewSources;
  private readonly runner: RefreshRunner;
  private preset: WindowPreset = 'incident';
  private custom?: { start: number; end: number };

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly changes: ChangesModel,
    private readonly remote: RemoteChangesModel,
    private readonly incidents: IncidentFeature,
    private readonly errors: LazyErrors,
    private readonly logs: LogsModel,
    private readonly log: Log,
  ) {
    this.sources = new OverviewSources(changes, remote, errors, logs);
    this.runner = new RefreshRunner({
      tasks: () => this.tasks(),
      onStart: () => this.post({ type: 'refreshing', on: true }),
      onSettled: (o) => {
        if (!o.ok && o.error.kind !== 'cancelled') this.log.warn('overview', `${o.name}: ${o.error.message}`);
        this.schedule(0);
      },
      onEnd: (r) => {
        this.log.info('overview', `refresh ${r.cancelled ? 'cancelled' : 'done'} in ${Math.round(r.ms)} ms (${r.outcomes.map((o) => `${o.name} ${Math.round(o.ms)} ms`).join(', ')})`);
        this.post({ type: 'refreshing', on: false });
      },
    });
    this.runner.setAutoRefresh(vscode.workspace.getConfiguration('incidentDesk.overview').get<number>('autoRefreshSeconds') ?? 0);
    this.disposables.push(
      changes.onDidChange(() => this.schedule()),
      remote.onDidChange(() => this.schedule()),
      incidents.onDidChangeIncidents(() => this.schedule()),
      errors.onDidChange(() => this.schedule()),
      logs.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('incidentDesk.overview.autoRefreshSeconds')) this.setAutoRefresh(vscode.workspace.getConfiguration('incidentDesk.overview').get<number>('autoRefreshSeconds') ?? 0);
      }),
      { dispose: () => this.runner.dispose() },
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.attach(view.webview, () => view.onDidDispose);
  }

  openPanel(): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel('incidentDesk.overviewPanel', 'Incident Overview', vscode.ViewColumn.Active, {
      ...webviewOptions(this.extensionUri),
      retainContextWhenHidden: false,
    });
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'incident-desk.svg');
    this.attach(panel.webview, () => panel.onDidDispose);
    return panel;
  }

  /** The state as it would be shown now, for tests. */
  snapshot(): Promise<OverviewState> {
    return this.build();
  }

  /** Reads every source again, concurrently; joins a refresh already running. */
  refresh(): ReturnType<RefreshRunner['run']> {
    return this.runner.run();
  }

  setAutoRefresh(seconds: number): void {
    this.runner.setAutoRefresh(seconds);
    this.schedule(0);
  }

  private tasks(): RefreshTask[] {
    const tasks: RefreshTask[] = [
      {
        name: 'git',
        run: async (signal) => {
          await this.changes.refresh(token(signal));
          const failed = this.changes.repos.find((r) => r.state.kind === 'error');
          if (failed?.state.kind === 'error') throw failed.state.error;
          // GitHub and Sentry changes follow the repositories' new windows.
          await Promise.all(this.changes.repos.map((r) => this.remote.loaded(r)));
        },
      },
      {
        name: 'Sentry',
        run: async (signal) => {
          const model = this.errors.get().model;
          await model.refresh(token(signal));
          if (model.state.kind === 'error') throw model.state.error;
        },
      },
    ];
    if (this.logs.readConfig().length) {
      tasks.push({
        name: 'logs',
        run: async (signal) => {
          await this.logs.refresh(token(signal));
          const failed = this.logs.sources.filter((s) => s.state.kind === 'done' && s.state.result.status.state === 'error');
          if (failed.length) throw new SourceError('failed', `${failed.map((s) => s.config.name).join(', ')} failed`);
        },
      });
    }
    return tasks;
  }

  private attach(webview: vscode.Webview, onDispose: () => vscode.Event<void>): void {
    webview.options = webviewOptions(this.extensionUri);
    webview.html = webviewHtml(webview, this.extensionUri, { title: 'Incident Overview', script: ['overview', 'overview.js'], style: ['overview', 'overview.css'] });
    this.webviews.add(webview);
    const sub = webview.onDidReceiveMessage((m: unknown) => void this.receive(webview, m));
    onDispose()(() => {
      sub.dispose();
      this.webviews.delete(webview);
    });
  }

  private post(message: ToWebview, only?: vscode.Webview): void {
    for (const w of only ? [only] : this.webviews) if (this.ready.has(w)) void w.postMessage(message);
  }

  private async receive(webview: vscode.Webview, message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      this.log.warn('overview', 'ignored a malformed message from the webview');
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.ready.add(webview);
          this.post({ type: 'refreshing', on: this.runner.running }, webview);
          if (this.state) this.post({ type: 'state', state: this.state, auto: this.runner.autoRefreshSeconds }, webview);
          else this.schedule(0);
          return;
        case 'refresh':
          void this.runner.run();
          return;
        case 'cancel':
          this.runner.cancel();
          return;
        case 'autoRefresh':
          this.setAutoRefresh(message.seconds);
          return;
        case 'preset':
          await this.choosePreset(message.preset);
          return;
        case 'open':
          await this.open(message.target);
          return;
        case 'hypothesis':
          await this.hypothesis(message.key);
          return;
        case 'pin':
          await this.pin(message.id);
          return;
        case 'action':
          await this.action(message.command);
          return;
      }
    } catch (e) {
      this.log.error('overview', `${message.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Incident Desk: ${e instanceof Error ? e.message : String(e)}`, 'Show Log').then((a) => a && this.log.show());
    }
  }

  private async choosePreset(preset: WindowPreset): Promise<void> {
    if (preset === 'custom') {
      const from = await vscode.window.showInputBox({
        title: 'Incident Overview: custom window',
        prompt: 'Start of the window: a duration back from now (90m, 3h, 2d) or a date and time (2026-11-23 14:05, UTC unless an offset is given)',
        placeHolder: '3h',
        validateInput: (v) => (parseWhen(v, Date.now()) === undefined ? 'Give a duration such as 3h, or a date and time such as 2026-11-23 14:05' : undefined),
      });
      if (from === undefined) return this.schedule(0);
      const start = parseWhen(from, Date.now())!;
      this.custom = { start, end: Date.now() };
    }
    this.preset = preset;
    this.schedule(0);
  }

  private schedule(delay = 150): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.push(), delay);
  }

  private async push(): Promise<void> {
    if (this.webviews.size === 0) return;
    try {
      await this.changes.ensureLoaded();
      this.state = await this.build();
    } catch (e) {
      this.log.error('overview', `could not build the overview: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.state) this.post({ type: 'state', state: this.state, auto: this.runner.autoRefreshSeconds });
  }

  private async build(): Promise<OverviewState> {
    const now = Date.now();
    const active = await this.incidents.activeIncident();
    this.incidentUri = active?.uri;
    const started = active?.parsed.meta.started ? Date.parse(active.parsed.meta.started) : NaN;
    const collected = await this.sources.collect();
    const { window, preset } = overviewWindow(this.preset, { now, started, ...(this.custom ? { custom: this.custom } : {}) });
    return buildOverview({ ...collected, window, preset, ...(active ? { incident: active.parsed } : {}) });
  }

  private async open(target: OverviewTarget): Promise<void> {
    if (target.kind === 'entry') {
      if (this.incidentUri && Number.isInteger(target.line)) await vscode.commands.executeCommand(Commands.timelineRevealEntry, this.incidentUri, target.line);
      return;
    }
    if (target.kind === 'url') {
      const uri = vscode.Uri.parse(String(target.url));
      if (uri.scheme === 'https' || uri.scheme === 'http') await vscode.env.openExternal(uri);
      return;
    }
    if (target.kind === 'logFinding') {
      const finding = this.finding(target);
      // The Logs view's own action: the file at the example's line, else the entries as a read-only document.
      await vscode.commands.executeCommand(Commands.logsOpenEntries, { type: 'finding', source: finding.source, finding, index: target.index });
      return;
    }
    if (target.kind === 'issue') {
      await this.openIssue(target.id, target.url);
      return;
    }
    const node = this.commitNode(String(target.root), String(target.sha));
    if (!node) throw new Error('That change is no longer in the Changes view; refresh it and try again.');
    await vscode.commands.executeCommand(Commands.changesOpenCommitChanges, node);
  }

  private finding(target: Extract<OverviewTarget, { kind: 'logFinding' }>): LogFinding {
    const f = this.sources.findings[target.index];
    if (!f || f.source !== target.source || f.time !== target.time) throw new Error('That log finding is no longer shown; refresh and try again.');
    return f;
  }

  /** The issue's latest event, at its top in-app frame that maps to a workspace file; else its page in Sentry. */
  private async openIssue(id: string, url: string | undefined): Promise<void> {
    const feature = this.errors.loaded;
    if (feature) {
      const ev = await feature.model.event(id);
      if (ev.kind === 'ready') {
        for (const frame of appFramesFirst(ev.event.exceptions.flatMap((e) => e.frames))) {
          if (!frame.inApp) break;
          const { match } = await feature.files.resolve(frame);
          if (match.kind === 'none') continue;
          await openFrame(feature.files, frame);
          return;
        }
      }
    }
    if (url) {
      const uri = vscode.Uri.parse(url);
      if (uri.scheme === 'https' || uri.scheme === 'http') await vscode.env.openExternal(uri);
      return;
    }
    void vscode.window.showInformationMessage('No frame of this issue maps to a file of the workspace.');
  }

  private commitNode(root: string, sha: string): ChangeNode | undefined {
    const repo = this.changes.repos.find((r) => r.root === root);
    if (!repo || repo.state.kind !== 'ready') return undefined;
    for (const g of repo.state.groups) {
      for (const row of g.rows) {
        if (row.kind === 'pr' && row.merge.sha === sha) return { type: 'pr', repo, row };
        if (row.kind === 'commit' && row.commit.sha === sha) return { type: 'commit', repo, commit: row.commit };
        if (row.kind === 'pr') for (const c of row.commits) if (c.sha === sha) return { type: 'commit', repo, commit: c };
      }
    }
    return undefined;
  }

  private async hypothesis(key: string): Promise<void> {
    const suspect = this.state?.suspects.find((s) => s.key === key);
    if (!suspect) return;
    if (!(await this.incidents.activeIncident())) {
      const start = await vscode.window.showInformationMessage('Start an incident first: the hypothesis goes into its timeline.', 'Start Incident');
      if (start) await vscode.commands.executeCommand(Commands.startIncident);
      return;
    }
    const text = `${suspect.title} caused it. Evidence: ${suspect.reasons.join('; ')}.`;
    const link = suspect.target?.kind === 'commit' ? suspect.target.sha : undefined;
    await vscode.commands.executeCommand(Commands.logEntry, { kind: 'hypothesis', text, ...(link ? { link } : {}) });
  }

  /** An item of the axis, or a suspect, becomes evidence in the active incident's timeline. */
  async pin(id: string): Promise<void> {
    const item = this.state?.lanes.flatMap((l) => l.items).find((i) => i.id === id);
    const suspect = item ? undefined : this.state?.suspects.find((s) => s.key === id);
    const title = item ? item.detail : suspect ? `${suspect.title}: ${suspect.reasons.join('; ')}` : undefined;
    const target = item?.target ?? suspect?.target;
    if (!title) return;
    const finding = target?.kind === 'logFinding' ? this.finding(target) : undefined;
    const arg =
      target?.kind === 'commit' ? { kind: 'commit', root: target.root, sha: target.sha, title }
        : target?.kind === 'url' ? { kind: 'url', url: target.url, title }
          : target?.kind === 'issue' && target.url ? { kind: 'url', url: target.url, title }
            : finding ? { kind: 'log', file: finding.example?.file, line: finding.example?.line, text: `${title}${finding.example ? `. Example: ${finding.example.raw.split('\n', 1)[0]?.slice(0, 300)}` : ''}` }
              : { kind: 'text', title };
    await vscode.commands.executeCommand('incidentDesk.pinToIncident', arg);
  }

  /** A source's fix (set a token, sign in, configure): only commands the state offered. */
  private async action(command: string): Promise<void> {
    const offered = this.state?.sources.some((s) => s.action?.command === command);
    if (!offered) throw new Error('That action is not offered any more.');
    await vscode.commands.executeCommand(command);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** A cancellation token that follows an abort signal, for the models' refresh(). */
function token(signal: AbortSignal): vscode.CancellationToken {
  const cts = new vscode.CancellationTokenSource();
  if (signal.aborted) cts.cancel();
  else signal.addEventListener('abort', () => cts.cancel(), { once: true });
  return cts.token;
}
