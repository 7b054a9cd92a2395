import * as vscode from 'vscode';
import { Commands } from '../../core/ids';
import { sparkline } from '../../core/logs/sourceConfig';
import { sortedSignatures } from '../../core/logs/signatureOrder';
import type { LogFinding, LogSignature } from '../../core/model/logs';
import type { LogsModel, SourceEntry } from './logsModel';

export type LogsNode =
  | { type: 'source'; entry: SourceEntry }
  | { type: 'problem'; id: string; text: string; tooltip?: string; command?: vscode.Command; icon: string }
  | { type: 'finding'; source: string; finding: LogFinding; index: number }
  | { type: 'signature'; source: string; signature: LogSignature; marks: string[] };

function hhmm(t: number | undefined): string {
  return t === undefined ? '?' : new Date(t).toISOString().slice(11, 16) + 'Z';
}

function oneLine(text: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.split('\n', 1)[0].replace(/[\u0000-\u001f\u007f]/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export class LogsTreeProvider implements vscode.TreeDataProvider<LogsNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<LogsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: LogsModel) {
    this.sub = model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: LogsNode): LogsNode[] {
    if (!node) {
      const problems: LogsNode[] = this.model.problems.map((p) => ({
        type: 'problem',
        id: `config-${p.index}`,
        text: `Setting incidentDesk.logs.sources[${p.index}]${p.name ? ` "${p.name}"` : ''} ${p.message}`,
        icon: 'warning',
        command: { command: Commands.logsConfigure, title: 'Open Settings' },
      }));
      return [...problems, ...this.model.sources.map((entry): LogsNode => ({ type: 'source', entry }))];
    }
    if (node.type !== 'source' || node.entry.state.kind !== 'done') return [];
    const result = node.entry.state.result;
    const name = node.entry.config.name;
    const out: LogsNode[] = [];
    const stale = node.entry.state.stale;
    if (stale) {
      out.push({
        type: 'problem',
        id: `${name}-stale`,
        text: `Stale: showing data from ${hhmm(stale.dataFrom)}; the refresh at ${hhmm(stale.failedAt)} failed: ${oneLine(stale.error.message, 160)} (Show Log)`,
        tooltip: stale.error.detail,
        icon: 'history',
        command: { command: Commands.showLog, title: 'Show Log' },
      });
    }
    const err = result.status.error;
    if (err) {
      const remote = node.entry.config.type === 'loki' || node.entry.config.type === 'elasticsearch';
      const command: vscode.Command =
        err.kind === 'unauthorized' || err.kind === 'forbidden'
          ? remote
            ? { command: Commands.logsSetCredentials, title: 'Set Credentials', arguments: [name] }
            : { command: Commands.showLog, title: 'Show Log' }
          : err.kind === 'notConfigured' || err.kind === 'notFound' || err.kind === 'toolMissing'
            ? { command: Commands.logsConfigure, title: 'Open Settings' }
            : { command: Commands.showLog, title: 'Show Log' };
      out.push({ type: 'problem', id: `${name}-error`, text: `${err.message} (${command.title})`, tooltip: err.detail, icon: 'error', command });
    }
    result.findings.forEach((finding, index) => {
      if (finding.kind === 'successDrop') out.push({ type: 'finding', source: name, finding, index });
    });
    for (const s of sortedSignatures(result)) out.push({ type: 'signature', source: name, signature: s.signature, marks: s.marks });
    if (!err && out.length === 0) {
      out.push({ type: 'problem', id: `${name}-quiet`, text: result.status.counts.entries ? 'No error or warning signatures in the window' : 'No entries in the window', icon: 'pass' });
    }
    return out;
  }

  getTreeItem(node: LogsNode): vscode.TreeItem {
    switch (node.type) {
      case 'source':
        return sourceItem(node.entry);
      case 'problem': {
        const item = new vscode.TreeItem(node.text);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.icon, node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
        item.tooltip = node.tooltip ?? node.text;
        item.command = node.command;
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(/^success/i.test(f.detail) ? oneLine(f.detail, 110) : `Success dropped: ${oneLine(f.detail, 100)}`);
        item.id = `${node.source}-finding-${node.index}`;
        item.iconPath = new vscode.ThemeIcon('graph-line', new vscode.ThemeColor('list.warningForeground'));
        item.description = `${hhmm(f.time)}–${hhmm(f.endTime)}`;
        item.tooltip = new vscode.MarkdownString().appendText(f.detail);
        item.contextValue = 'logFinding';
        item.command = { command: Commands.logsOpenEntries, title: 'Show Entries', arguments: [node] };
        return item;
      }
      case 'signature': {
        const s = node.signature;
        const item = new vscode.TreeItem(oneLine(s.template));
        item.id = `${node.source}-sig-${s.id}`;
        const icon = s.level === 'warn' ? 'warning' : 'error';
        item.iconPath = new vscode.ThemeIcon(node.marks.length ? 'flame' : icon, new vscode.ThemeColor(s.level === 'warn' ? 'list.warningForeground' : 'list.errorForeground'));
        const marks = node.marks.map((m) => m.toUpperCase()).join(' ');
        item.description = `${marks ? marks + ' · ' : ''}×${s.count} · ${hhmm(s.firstSeen)}–${hhmm(s.lastSeen)}`;
        const md = new vscode.MarkdownString();
        md.appendText(`${s.template}\n\n${s.count} in the window, ${s.baselineCount} in the baseline before it. First ${hhmm(s.firstSeen)}, last ${hhmm(s.lastSeen)}.\n\nExample:\n`);
        md.appendCodeblock(s.example.raw.slice(0, 1500), 'log');
        item.tooltip = md;
        item.contextValue = 'logSignature';
        item.command = { command: Commands.logsOpenEntries, title: 'Show Entries', arguments: [node] };
        item.accessibilityInformation = { label: `${marks} signature ${oneLine(s.template)}, ${s.count} times` };
        return item;
      }
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

function sourceItem(entry: SourceEntry): vscode.TreeItem {
  const item = new vscode.TreeItem(entry.config.name, vscode.TreeItemCollapsibleState.Expanded);
  // The state is part of the id: a source that was loading (no children) must come back expanded.
  item.id = `source-${entry.config.name}-${entry.state.kind}`;
  item.contextValue = `logSource.${entry.config.type}`;
  const st = entry.state;
  if (st.kind === 'loading') {
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    item.description = 'reading…';
    item.collapsibleState = vscode.TreeItemCollapsibleState.None;
    return item;
  }
  if (st.kind === 'cancelled') {
    item.iconPath = new vscode.ThemeIcon('circle-slash');
    item.description = 'cancelled';
    item.collapsibleState = vscode.TreeItemCollapsibleState.None;
    return item;
  }
  const r = st.result;
  const c = r.status.counts;
  const h = r.status.histogram;
  const errs = c.levels.error + c.levels.fatal;
  const spark = sparkline(h.errors.map((e, i) => e + h.warnings[i]), 24);
  item.iconPath = r.status.error
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
    : new vscode.ThemeIcon(entry.config.type === 'file' ? 'file' : entry.config.type === 'command' ? 'terminal' : 'cloud');
  const state = st.stale
    ? `stale (${statusWord(st.stale.error.kind, st.stale.error.retryAt)}), data from ${hhmm(st.stale.dataFrom)}`
    : r.status.error
      ? statusWord(r.status.error.kind, r.status.error.retryAt)
      : 'ok';
  if (st.stale) item.iconPath = new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground'));
  item.description = `${state} · ${c.entries} entries · ${errs} err · ${c.levels.warn} warn ${spark}`;
  const md = new vscode.MarkdownString();
  md.appendText(`${entry.config.name} (${entry.config.type}): ${state}\n\n`);
  md.appendText(`Entries ${c.entries}: ` + (['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const).map((l) => `${l} ${c.levels[l]}`).join(', ') + `\n\n`);
  md.appendText(`Errors and warnings per ${Math.round(h.bucketMs / 60_000)} min from ${hhmm(h.start)}:\n`);
  md.appendCodeblock(sparkline(h.errors.map((e, i) => e + h.warnings[i]), 60), 'text');
  md.appendText(`Format ${r.status.format.format}${r.status.format.detected ? ' (detected)' : ''}; ${c.unparsed} unparsed; read in ${st.ms} ms` + (r.status.reads.length ? `; ${r.status.reads.map((x) => `${x.name}: ${x.mode} ${x.bytesRead} B`).join(', ')}` : ''));
  if (r.status.error) md.appendText(`\n\n${r.status.error.message}`);
  if (st.stale) md.appendText(`\n\nThe refresh at ${new Date(st.stale.failedAt).toISOString()} failed: ${st.stale.error.message}\nThese entries were read at ${new Date(st.stale.dataFrom).toISOString()}.`);
  item.tooltip = md;
  return item;
}

function statusWord(kind: string, retryAt?: number): string {
  if (kind === 'rateLimited' && retryAt) return `rate limited until ${hhmm(retryAt)}`;
  const words: Record<string, string> = {
    unauthorized: 'unauthorized',
    forbidden: 'forbidden',
    rateLimited: 'rate limited',
    unreachable: 'unreachable',
    timeout: 'timed out',
    notConfigured: 'not configured',
    notFound: 'not found',
    toolMissing: 'command not found',
    badResponse: 'bad response',
  };
  return words[kind] ?? 'failed';
}
