import * as vscode from 'vscode';
import type { MatchReason, RunbookLever, RunbookSuggestion } from '../../core/model/runbooks';
import { flagName, type Flag } from '../../core/runbooks/flags';
import { oneLine } from '../../core/runbooks/text';
import { Commands } from '../../core/ids';
import type { RunbookCatalog, RunbookFile } from './runbookCatalog';
import { readFlagsFile, type FlagsFile } from './flagsFile';

export type RunbookNode =
  | { type: 'section'; section: 'suggested' | 'levers' | 'all' | 'flags'; label: string }
  | { type: 'runbook'; file: RunbookFile; suggestion?: RunbookSuggestion }
  | { type: 'reason'; reason: MatchReason; file: RunbookFile }
  | { type: 'lever'; file: RunbookFile; lever: RunbookLever }
  | { type: 'flag'; flag: Flag; file: FlagsFile }
  | { type: 'message'; text: string; command?: vscode.Command };

/** Suggested runbooks (with reasons), their levers, all runbooks, and the flags file. */
export class RunbooksTreeProvider implements vscode.TreeDataProvider<RunbookNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RunbookNode | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly catalog: RunbookCatalog,
    private readonly hasIncident: () => Promise<boolean>,
  ) {
    this.sub = catalog.onDidChange(() => this.emitter.fire());
  }

  refresh(): void {
    this.emitter.fire();
  }

  async getChildren(node?: RunbookNode): Promise<RunbookNode[]> {
    if (!node) {
      await this.catalog.ensureLoaded();
      const flags = await readFlagsFile();
      // Nothing at all: the view's welcome content says what to do.
      if (this.catalog.files.length === 0 && !flags) return [];
      const roots: RunbookNode[] = [{ type: 'section', section: 'suggested', label: 'Suggested' }];
      if (this.catalog.suggestions.some((s) => s.runbook.levers.length > 0)) roots.push({ type: 'section', section: 'levers', label: 'Levers' });
      roots.push({ type: 'section', section: 'all', label: 'All Runbooks' });
      if (flags) roots.push({ type: 'section', section: 'flags', label: 'Flags' });
      return roots;
    }
    switch (node.type) {
      case 'section':
        return this.sectionChildren(node.section);
      case 'runbook':
        return (node.suggestion?.reasons ?? []).map((reason) => ({ type: 'reason', reason, file: node.file }));
      default:
        return [];
    }
  }

  private async sectionChildren(section: 'suggested' | 'levers' | 'all' | 'flags'): Promise<RunbookNode[]> {
    const fileOf = (s: RunbookSuggestion): RunbookFile | undefined => this.catalog.files.find((f) => f.runbook === s.runbook);
    if (section === 'suggested') {
      if (!(await this.hasIncident())) {
        return [{ type: 'message', text: 'Start or pick an incident to get suggestions', command: { command: Commands.startIncident, title: 'Start Incident' } }];
      }
      const out: RunbookNode[] = [];
      for (const s of this.catalog.suggestions) {
        const file = fileOf(s);
        if (file) out.push({ type: 'runbook', file, suggestion: s });
      }
      return out.length > 0 ? out : [{ type: 'message', text: 'No runbook matches the incident’s findings yet' }];
    }
    if (section === 'levers') {
      const out: RunbookNode[] = [];
      for (const s of this.catalog.suggestions) {
        const file = fileOf(s);
        if (file) for (const lever of s.runbook.levers) out.push({ type: 'lever', file, lever });
      }
      return out;
    }
    if (section === 'all') return this.catalog.files.map((file) => ({ type: 'runbook', file }));
    const flags = await readFlagsFile();
    if (!flags) return [];
    if (!flags.reading.ok) return [{ type: 'message', text: `${flags.relativePath}: ${oneLine(flags.reading.message, 100)}` }];
    if (flags.reading.flags.length === 0) return [{ type: 'message', text: `${flags.relativePath} has no true/false flags` }];
    return flags.reading.flags.map((flag) => ({ type: 'flag', flag, file: flags }));
  }

  getTreeItem(node: RunbookNode): vscode.TreeItem {
    switch (node.type) {
      case 'section': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `section:${node.section}`;
        item.contextValue = `runbooks.section.${node.section}`;
        return item;
      }
      case 'runbook': {
        const rb = node.file.runbook;
        const item = new vscode.TreeItem(oneLine(rb.title, 100), node.suggestion ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.suggestion ? 'suggested' : 'all'}:${node.file.uri.toString()}`;
        item.resourceUri = node.file.uri;
        const problems = rb.diagnostics.filter((d) => d.severity !== 'info').length;
        item.description = [node.suggestion ? oneLine(node.suggestion.reasons[0]?.text ?? '', 80) : node.file.relativePath, problems ? `${problems} problem${problems > 1 ? 's' : ''}` : ''].filter(Boolean).join(' · ');
        item.tooltip = [rb.title, rb.summary ?? '', node.file.relativePath, ...rb.diagnostics.map((d) => `line ${d.line + 1}: ${d.message}`)].filter(Boolean).join('\n');
        item.iconPath = new vscode.ThemeIcon(problems ? 'warning' : node.suggestion ? 'lightbulb' : 'book', problems ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
        item.contextValue = 'runbooks.runbook';
        item.command = { command: Commands.runbooksOpen, title: 'Open Runbook Beside', arguments: [node.file.uri] };
        return item;
      }
      case 'reason': {
        const item = new vscode.TreeItem(oneLine(node.reason.text, 160));
        item.id = `reason:${node.file.uri.toString()}:${node.reason.kind}`;
        item.iconPath = new vscode.ThemeIcon(REASON_ICONS[node.reason.kind] ?? 'circle-small');
        item.tooltip = node.reason.pattern ? `${node.reason.text}\nrule: ${node.reason.pattern}` : node.reason.text;
        item.contextValue = 'runbooks.reason';
        return item;
      }
      case 'lever': {
        const item = new vscode.TreeItem(oneLine(node.lever.label, 80));
        item.id = `lever:${node.file.uri.toString()}:${node.lever.kind}:${node.lever.line}`;
        item.description = `${node.lever.kind} · ${oneLine(node.file.runbook.title, 60)}`;
        item.iconPath = new vscode.ThemeIcon('zap');
        item.tooltip = node.lever.stepIds.length > 0 ? `Runs ${node.lever.stepIds.join(', ')} after you confirm the command` : 'A manual lever: opens the runbook at it';
        item.contextValue = 'runbooks.lever';
        item.command = { command: Commands.runbooksPullLever, title: 'Pull Lever', arguments: [node.file.uri, node.lever.label, node.lever.kind] };
        return item;
      }
      case 'flag': {
        const item = new vscode.TreeItem(oneLine(flagName(node.flag), 100));
        item.id = `flag:${node.flag.path.join('\u0000')}`;
        item.description = String(node.flag.value);
        item.iconPath = new vscode.ThemeIcon(node.flag.value ? 'pass-filled' : 'circle-large-outline');
        item.tooltip = `${node.file.relativePath}:${node.flag.line + 1}\nClick to set it to ${String(!node.flag.value)} (asks first).`;
        item.contextValue = 'runbooks.flag';
        item.command = { command: Commands.runbooksToggleFlag, title: 'Toggle Flag', arguments: [node.flag.path] };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon('info');
        if (node.command) item.command = node.command;
        return item;
      }
    }
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}

const REASON_ICONS: Record<string, string> = { log: 'output', error: 'bug', alert: 'bell', file: 'diff', service: 'server', words: 'symbol-text' };
