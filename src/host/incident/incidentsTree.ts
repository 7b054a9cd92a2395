import * as vscode from 'vscode';
import { displayText } from '../../core/changes/display';
import { Commands } from '../../core/ids';
import type { IncidentStatus } from '../../core/model/incident';
import type { IncidentFile, IncidentStore } from './incidentStore';
import { incidentDescription, incidentTitle } from '../../core/timeline/incidentText';

export interface IncidentNode {
  type: 'incident';
  file: IncidentFile;
}

const STATUS_ICONS: Record<IncidentStatus, [string, string | undefined]> = {
  investigating: ['flame', 'errorForeground'],
  mitigated: ['shield', 'editorWarning.foreground'],
  resolved: ['pass', 'testing.iconPassed'],
};

/** The Incidents view: every incident file of the folder, the active one marked. */
export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<IncidentNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: IncidentStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire(undefined));
  }

  /** Re-renders, so relative times stay current. */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: IncidentNode): Promise<IncidentNode[]> {
    if (node) return [];
    await this.store.ensureLoaded();
    return this.store.list().map((file) => ({ type: 'incident', file }));
  }

  getParent(): undefined {
    return undefined;
  }

  getTreeItem(node: IncidentNode): vscode.TreeItem {
    const { file } = node;
    const meta = file.parsed.meta;
    const status = meta.status ?? 'investigating';
    const active = this.store.active?.uri.toString() === file.uri.toString();
    const title = displayText(incidentTitle(meta, file.name), 200);
    const item = new vscode.TreeItem(active ? { label: title, highlights: [[0, title.length]] } : title, vscode.TreeItemCollapsibleState.None);
    item.id = file.uri.toString();
    const [icon, color] = STATUS_ICONS[status];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    const description = incidentDescription(meta, Date.now());
    item.description = active ? `active · ${description}` : description;
    item.tooltip = incidentTooltip(file, active);
    item.contextValue = `incident.${status}${active ? '.active' : ''}`;
    item.command = { command: Commands.switchIncident, title: 'Make Active', arguments: [file.uri] };
    item.accessibilityInformation = { label: `${active ? 'Active incident' : 'Incident'} ${title}, ${description}` };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Title, status, commander, services and problems; every value from the file as plain text. */
export function incidentTooltip(file: IncidentFile, active: boolean): vscode.MarkdownString {
  const meta = file.parsed.meta;
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(incidentTitle(meta, file.name));
  md.appendMarkdown('\n\n');
  md.appendText(`${meta.severity ?? 'no severity'} · ${meta.status ?? 'investigating'}${active ? ' · active' : ''}`);
  md.appendMarkdown('\n\n');
  md.appendText(`Commander: ${meta.commander ?? 'not set'}`);
  if (meta.services.length) {
    md.appendMarkdown('\n\n');
    md.appendText(`Services: ${meta.services.join(', ')}`);
  }
  if (meta.started) {
    md.appendMarkdown('\n\n');
    md.appendText(`Started ${meta.started}${meta.resolved ? `, resolved ${meta.resolved}` : ''}`);
  }
  const problems = file.parsed.problems.filter((p) => p.severity !== 'info').length;
  md.appendMarkdown('\n\n');
  md.appendText(`${file.name}${problems ? ` · ${problems} problem${problems === 1 ? '' : 's'}` : ''}`);
  return md;
}
