import * as vscode from 'vscode';
import { Commands, ContextKeys, Views } from '../../core/ids';
import { logsWindowFor } from '../../core/correlate/windows';
import { parseTimestamp } from '../../core/timeline/format';
import type { Log } from '../log';
import { withProgress } from '../progress';
import { affectsSettings } from '../settings';
import type { IncidentFeature } from '../incident/incidentFeature';
import { entriesUri, LOGS_SCHEME, LogsDocumentProvider } from './logsDocuments';
import type { EntriesTarget } from './logsDocuments';
import { LogsModel, secretKey } from './logsModel';
import type { LogsWindow } from './logsModel';
import { LogsTreeProvider } from './logsTree';
import type { LogsNode } from './logsTree';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/** The Logs view: model, tree, entry documents and commands. Nothing is read until the view shows. */
export class LogsFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly model: LogsModel;
  readonly tree: LogsTreeProvider;
  private readonly view: vscode.TreeView<LogsNode>;
  private readonly docs: LogsDocumentProvider;
  private started = false;

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log, incidents: IncidentFeature, register: Register) {
    this.model = this.own(new LogsModel(secrets, log, () => incidentWindow(incidents)));
    this.tree = this.own(new LogsTreeProvider(this.model));
    this.view = this.own(vscode.window.createTreeView(Views.logs, { treeDataProvider: this.tree, showCollapseAll: true }));
    this.docs = new LogsDocumentProvider(this.model);
    this.own(vscode.workspace.registerTextDocumentContentProvider(LOGS_SCHEME, this.docs));
    this.own(vscode.languages.registerDocumentLinkProvider({ scheme: LOGS_SCHEME }, this.docs));
    this.own(this.model.onDidChange(() => (this.view.description = this.model.window?.label ?? '')));
    const start = (): void => {
      if (this.started || !this.view.visible) return;
      this.started = true;
      void this.refresh();
    };
    this.own(this.view.onDidChangeVisibility(start));
    setTimeout(start, 0);
    this.own(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (this.started && affectsSettings(e, 'logs.sources', 'logs.defaultWindow', 'logs.timeZone')) void this.refresh();
      }),
    );
    register(Commands.logsRefresh, (window?: unknown) => this.refresh(asWindow(window)));
    register(Commands.logsConfigure, () => vscode.commands.executeCommand('workbench.action.openSettings', 'incidentDesk.logs.sources'));
    register(Commands.logsSetCredentials, (name?: unknown) => this.setCredentials(typeof name === 'string' ? name : undefined));
    register(Commands.logsOpenEntries, (node?: LogsNode) => this.open(node, false));
    register(Commands.logsShowEntries, (node?: LogsNode) => this.open(node, true));
    register(Commands.logsPinToTimeline, (node?: LogsNode) => this.pin(node));
  }

  /** `window`: read this period instead of the incident's or the default (from a command argument). */
  async refresh(window?: LogsWindow): Promise<void> {
    this.started = true;
    this.docs.forgetFiles();
    await withProgress(Views.logs, 'Incident Desk: reading logs', (token) => this.model.refresh(token, window));
    const sources = this.model.sources;
    const failed = sources.filter((s) => s.state.kind === 'done' && s.state.result.status.error);
    void vscode.commands.executeCommand('setContext', ContextKeys.logsConfigured, this.model.configured);
    if (failed.length && failed.length === sources.length && sources.length > 0) {
      void vscode.window.showWarningMessage(`Incident Desk: no log source could be read (${failed.length}).`, 'Show Log').then((a) => a && this.log.show());
    }
  }

  private async setCredentials(name?: string): Promise<void> {
    const remote = this.model.readConfig().filter((s) => s.type === 'loki' || s.type === 'elasticsearch');
    if (!remote.length) {
      void vscode.window.showInformationMessage('No Loki or Elasticsearch source is configured in incidentDesk.logs.sources.', 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'incidentDesk.logs.sources'));
      return;
    }
    const source = name ? remote.find((s) => s.name === name) : (await vscode.window.showQuickPick(remote.map((s) => ({ label: s.name, description: s.type, s })), { title: 'Credentials for which log source?' }))?.s;
    if (!source) return;
    const kinds = [
      { label: 'Token', description: 'Authorization: Bearer …', auth: 'bearer' },
      { label: 'User name and password', description: 'basic auth', auth: 'basic' },
      ...(source.type === 'elasticsearch' ? [{ label: 'API key', description: 'base64 id:key, sent as Authorization: ApiKey …', auth: 'apiKey' }] : []),
      { label: 'Remove stored credentials', description: '', auth: 'remove' },
    ];
    const pick = await vscode.window.showQuickPick(kinds, { title: `Credentials for ${source.name}` });
    if (!pick) return;
    const key = secretKey(source.name);
    const ask = (prompt: string, password: boolean): Thenable<string | undefined> => vscode.window.showInputBox({ title: source.name, prompt, password, ignoreFocusOut: true });
    let value: object | undefined;
    if (pick.auth === 'remove') {
      await this.secrets.delete(key);
    } else if (pick.auth === 'basic') {
      const username = await ask('User name', false);
      if (username === undefined) return;
      const password = await ask('Password', true);
      if (password === undefined) return;
      value = { kind: 'basic', username, password };
    } else {
      const secret = await ask(pick.auth === 'apiKey' ? 'API key (base64 of id:api_key)' : 'Token', true);
      if (!secret) return;
      value = pick.auth === 'apiKey' ? { kind: 'apiKey', key: secret.trim() } : { kind: 'bearer', token: secret.trim() };
    }
    if (value) await this.secrets.store(key, JSON.stringify(value));
    this.log.info('logs', `credentials for ${source.name} ${value ? 'stored' : 'removed'}`);
    if (this.started) void this.refresh();
  }

  private async open(node: LogsNode | undefined, virtualOnly: boolean): Promise<void> {
    if (!node || (node.type !== 'signature' && node.type !== 'finding')) return;
    const example = node.type === 'signature' ? node.signature.example : node.finding.example;
    if (!virtualOnly && example?.file && (example.line !== undefined || example.offset !== undefined)) {
      try {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(example.file));
        const pos = example.line !== undefined ? new vscode.Position(example.line - 1, 0) : doc.positionAt(example.offset ?? 0);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos), preview: true });
        return;
      } catch (e) {
        this.log.warn('logs', `could not open ${example.file}: ${String(e)}; showing the entries instead`);
      }
    }
    const target: EntriesTarget =
      node.type === 'signature'
        ? { source: node.source, signatureId: node.signature.id, title: node.signature.template.slice(0, 40) }
        : { source: node.source, period: { start: node.finding.time, end: node.finding.endTime ?? node.finding.time }, title: 'success drop' };
    const doc = await vscode.workspace.openTextDocument(entriesUri(target));
    await vscode.window.showTextDocument(doc, { preview: true });
  }

  private async pin(node: LogsNode | undefined): Promise<void> {
    if (!node || (node.type !== 'signature' && node.type !== 'finding')) return;
    const example = node.type === 'signature' ? node.signature.example : node.finding.example;
    const what =
      node.type === 'signature'
        ? `Log signature in ${node.source}${node.marks.length ? ` (${node.marks.join(', ')})` : ''}: "${node.signature.template.slice(0, 200)}" ×${node.signature.count}`
        : `${node.source}: ${node.finding.detail}`;
    // Written like every other pinned item: the example quoted as a block, linked to its file and line.
    await vscode.commands.executeCommand(Commands.pinToIncident, { kind: 'log', title: what, text: example?.raw, file: example?.file, line: example?.line });
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}

function asWindow(v: unknown): LogsWindow | undefined {
  const o = v && typeof v === 'object' ? (v as Partial<LogsWindow>) : undefined;
  if (!o || typeof o.start !== 'number' || typeof o.end !== 'number' || !(o.end > o.start)) return undefined;
  return { start: o.start, end: o.end, label: typeof o.label === 'string' ? o.label : `${new Date(o.start).toISOString().slice(11, 16)}Z–${new Date(o.end).toISOString().slice(11, 16)}Z` };
}

async function incidentWindow(incidents: IncidentFeature): Promise<LogsWindow | undefined> {
  const active = await incidents.active();
  if (!active) return undefined;
  const start = active.started ? parseTimestamp(active.started) : undefined;
  if (start === undefined) return undefined;
  const resolved = active.resolved ? parseTimestamp(active.resolved) : undefined;
  return logsWindowFor({ start, end: resolved }, active.name, Date.now());
}
