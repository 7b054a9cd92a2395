import * as vscode from 'vscode';
import { buildOverview, type OverviewSource, type OverviewState, type OverviewTarget } from '../../core/correlate/overview';
import { overviewWindowFor } from '../../core/correlate/windows';
import { Commands, Views } from '../../core/ids';
import type { ChangesModel } from '../changes/changesModel';
import type { ChangeNode } from '../changes/changesTree';
import type { LazyErrors } from '../errors/lazyErrors';
import type { IncidentFeature } from '../incident/incidentFeature';
import type { Log } from '../log';
import type { LogsModel } from '../logs/logsModel';
import { webviewHtml, webviewOptions } from '../webview/html';
import { isFromWebview, type ToWebview } from './protocol';

const HOUR = 3_600_000;

/**
 * The Incident overview: one state, shown in the side bar view and in editor tabs. Each webview
 * gets the state only after it said it is ready; nothing is posted before.
 */
export class OverviewController implements vscode.WebviewViewProvider, vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly webviews = new Set<vscode.Webview>();
  private readonly ready = new WeakSet<vscode.Webview>();
  private state?: OverviewState;
  private incidentUri?: vscode.Uri;
  /** Log files the shown findings came from: the only files a 'log' target may open. */
  private logFiles = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly changes: ChangesModel,
    private readonly incidents: IncidentFeature,
    private readonly errors: LazyErrors,
    private readonly logs: LogsModel,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(Views.overview, this),
      changes.onDidChange(() => this.schedule()),
      incidents.onDidChangeIncidents(() => this.schedule()),
      errors.onDidChange(() => this.schedule()),
      logs.onDidChange(() => this.schedule()),
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

  /** The state as it was last built, for tests. */
  snapshot(): Promise<OverviewState> {
    return this.build();
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

  private async receive(webview: vscode.Webview, message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      this.log.warn('overview', 'ignored a malformed message from the webview');
      return;
    }
    try {
      switch (message.type) {
        case 'ready':
          this.ready.add(webview);
          if (this.state) void webview.postMessage({ type: 'state', state: this.state } satisfies ToWebview);
          else this.schedule(0);
          return;
        case 'refresh':
          void this.changes.refresh();
          this.schedule(0);
          return;
        case 'open':
          await this.open(message.target);
          return;
        case 'hypothesis':
          await this.hypothesis(message.key);
          return;
      }
    } catch (e) {
      this.log.error('overview', `${message.type} failed: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`Incident Desk: ${e instanceof Error ? e.message : String(e)}`, 'Show Log').then((a) => a && this.log.show());
    }
  }

  private schedule(delay = 150): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.push(), delay);
  }

  private async push(): Promise<void> {
    if (this.webviews.size === 0) return;
    for (const w of this.webviews) if (this.ready.has(w)) void w.postMessage({ type: 'loading' } satisfies ToWebview);
    let stale = false;
    try {
      await this.changes.ensureLoaded();
      this.state = await this.build();
    } catch (e) {
      // Keep the last good picture, marked stale.
      stale = true;
      this.log.error('overview', `could not build the overview: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!this.state) return;
    for (const w of this.webviews) if (this.ready.has(w)) void w.postMessage({ type: 'state', state: this.state, stale } satisfies ToWebview);
  }

  private async build(): Promise<OverviewState> {
    const now = Date.now();
    const active = await this.incidents.activeIncident();
    this.incidentUri = active?.uri;
    const started = active?.parsed.meta.started ? Date.parse(active.parsed.meta.started) : NaN;
    const ready = this.changes.repos.flatMap((r) => (r.state.kind === 'ready' ? [{ repo: r, state: r.state }] : []));
    const window = Number.isFinite(started)
      ? overviewWindowFor({ start: started }, now)
      : (ready[0]?.state.window ?? { start: now - 24 * HOUR, end: now, label: 'last 24 h' });
    const sources: OverviewSource[] = [];
    for (const r of this.changes.repos) {
      const s = r.state;
      sources.push({
        name: `git ${r.name}`,
        health: s.kind === 'ready' ? 'ok' : s.kind === 'loading' ? 'loading' : s.kind === 'error' ? 'error' : 'notConfigured',
        detail: s.kind === 'ready' ? `${s.commitCount} commits` : s.kind === 'error' ? s.error.message : s.kind === 'loading' ? 'loading' : 'empty repository',
      });
    }
    if (this.changes.repos.length === 0) sources.push({ name: 'git', health: 'notConfigured', detail: 'no repository open' });
    const es = this.errors.loaded?.model.state ?? { kind: 'idle' as const };
    sources.push({
      name: 'Sentry',
      health: es.kind === 'ready' ? 'ok' : es.kind === 'loading' ? 'loading' : es.kind === 'error' ? 'error' : 'notConfigured',
      detail: es.kind === 'ready' ? `${es.issues.length} issues` : es.kind === 'error' ? es.error.message : es.kind === 'loading' ? 'loading' : 'not configured',
    });
    const logFindings = [];
    this.logFiles = new Set();
    for (const src of this.logs.sources) {
      if (src.state.kind !== 'done') {
        sources.push({ name: src.config.name, health: 'loading', detail: src.state.kind === 'cancelled' ? 'cancelled' : 'loading' });
        continue;
      }
      const st = src.state.result.status;
      sources.push({ name: src.config.name, health: st.state === 'ok' ? 'ok' : 'error', detail: st.state === 'ok' ? `${st.counts.entries} entries` : (st.error?.message ?? 'failed') });
      for (const f of src.state.result.findings) {
        logFindings.push(f);
        if (f.example?.file) this.logFiles.add(f.example.file);
      }
    }
    return buildOverview({
      logFindings,
      window,
      repos: ready.map(({ repo, state }) => ({ root: repo.root, name: repo.name, groups: state.groups })),
      ...(active ? { incident: active.parsed } : {}),
      ...(es.kind === 'ready' ? { issues: es.issues } : {}),
      sources,
    });
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
    if (target.kind === 'log') {
      if (!this.logFiles.has(target.file)) throw new Error('That log file is not one the Logs view read.');
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target.file));
      const line = Math.max(0, Math.min(doc.lineCount - 1, Number(target.line) - 1));
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(line, 0, line, 0), preview: true });
      return;
    }
    const node = this.commitNode(String(target.root), String(target.sha));
    if (!node) throw new Error('That change is no longer in the Changes view; refresh it and try again.');
    await vscode.commands.executeCommand(Commands.changesOpenCommitChanges, node);
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

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
