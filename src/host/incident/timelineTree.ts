import * as vscode from 'vscode';
import { displayText } from '../../core/changes/display';
import { formatRelative } from '../../core/changes/timeWindow';
import { Commands } from '../../core/ids';
import type { EntryKind, Hypothesis, HypothesisState, ParsedEntry } from '../../core/model/incident';
import type { IncidentFile, IncidentStore } from './incidentStore';
import { entryDescription, entryLabel, KIND_LABELS } from '../../core/timeline/incidentText';

export type TimelineNode =
  | { type: 'hypotheses'; file: IncidentFile }
  | { type: 'hypothesis'; file: IncidentFile; hypothesis: Hypothesis }
  | { type: 'entry'; file: IncidentFile; entry: ParsedEntry; index: number }
  | { type: 'message'; id: string; text: string; icon: string; command?: vscode.Command };

export const KIND_ICONS: Record<EntryKind, [string, string?]> = {
  observation: ['eye'],
  hypothesis: ['lightbulb', 'charts.yellow'],
  confirm: ['check', 'testing.iconPassed'],
  refute: ['close', 'testing.iconFailed'],
  evidence: ['pin'],
  decision: ['milestone'],
  action: ['zap'],
  status: ['pulse', 'charts.blue'],
  note: ['note'],
  followup: ['tasklist'],
};

const STATE_ICONS: Record<HypothesisState, [string, string]> = {
  open: ['lightbulb', 'charts.yellow'],
  confirmed: ['pass', 'testing.iconPassed'],
  refuted: ['circle-slash', 'disabledForeground'],
};

const STATE_ORDER: Record<HypothesisState, number> = { open: 0, confirmed: 1, refuted: 2 };

/** Open hypotheses first, then confirmed, then refuted; by number within each. */
export function orderHypotheses(hypotheses: readonly Hypothesis[]): Hypothesis[] {
  return [...hypotheses].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.number - b.number);
}

/** The Timeline view: the active incident's hypotheses, then its entries in file order. */
export class TimelineTreeProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: IncidentStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire(undefined));
  }

  /** Re-renders, so relative times stay current. */
  refresh(): void {
    this.emitter.fire(undefined);
  }

  async getChildren(node?: TimelineNode): Promise<TimelineNode[]> {
    if (node?.type === 'hypotheses') {
      return orderHypotheses(node.file.parsed.hypotheses).map((hypothesis) => ({ type: 'hypothesis', file: node.file, hypothesis }));
    }
    if (node) return [];
    await this.store.ensureLoaded();
    const file = this.store.active;
    if (!file) return []; // the welcome content says what to do
    const out: TimelineNode[] = [];
    const key = file.uri.toString();
    const problems = file.parsed.problems.filter((p) => p.severity !== 'info').length;
    if (problems > 0) {
      out.push({
        type: 'message', id: `${key}|problems`, icon: 'warning',
        text: `${problems} ${problems === 1 ? 'line' : 'lines'} of the file could not be read; see Problems`,
        command: { command: 'workbench.actions.view.problems', title: 'Show Problems' },
      });
    }
    if (file.parsed.hypotheses.length > 0) out.push({ type: 'hypotheses', file });
    file.parsed.entries.forEach((entry, index) => out.push({ type: 'entry', file, entry, index }));
    if (file.parsed.entries.length === 0) {
      out.push({
        type: 'message', id: `${key}|empty`, icon: 'add', text: 'Nothing written down yet: log what you see (Ctrl+Alt+I)',
        command: { command: Commands.logEntry, title: 'Log Entry' },
      });
    }
    return out;
  }

  getParent(node: TimelineNode): TimelineNode | undefined {
    return node.type === 'hypothesis' ? { type: 'hypotheses', file: node.file } : undefined;
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        item.contextValue = 'message';
        return item;
      }
      case 'hypotheses': {
        const hs = node.file.parsed.hypotheses;
        const count = (s: HypothesisState): number => hs.filter((h) => h.state === s).length;
        const open = count('open');
        const item = new vscode.TreeItem(open > 0 ? 'Open hypotheses' : 'Hypotheses', vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.file.uri.toString()}|hypotheses`;
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.description = [`${open} open`, `${count('confirmed')} confirmed`, `${count('refuted')} refuted`].join(' · ');
        item.contextValue = 'hypotheses';
        return item;
      }
      case 'hypothesis': {
        const h = node.hypothesis;
        const item = new vscode.TreeItem(`${h.id}: ${entryLabel({ text: h.text, kind: 'hypothesis' })}`, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.file.uri.toString()}|h|${h.id}`;
        const [icon, color] = STATE_ICONS[h.state];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        const verdict = h.verdict ? `: ${displayText(h.verdict.reason.split('\n')[0] ?? '', 120)}` : '';
        item.description = `${h.state}${verdict} · ${formatRelative(h.verdict?.time ?? h.time, now)}`;
        item.tooltip = textTooltip(`${h.id} (${h.state})`, h.text, h.verdict ? `${h.verdict.state} by ${h.verdict.author} at ${h.verdict.at}: ${h.verdict.reason}` : `Raised by ${h.author} at ${h.at}`);
        item.contextValue = `hypothesis.${h.state}`;
        item.command = revealCommand(node.file, h.line, h.line);
        return item;
      }
      case 'entry': {
        const e = node.entry;
        const item = new vscode.TreeItem(entryLabel(e), vscode.TreeItemCollapsibleState.None);
        item.id = `${node.file.uri.toString()}|e|${node.index}|${e.startLine}`;
        const [icon, color] = iconFor(node);
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const states = new Map(node.file.parsed.hypotheses.map((h) => [h.id, h]));
        item.description = entryDescription(e, states, now);
        const links = e.links.length ? `\n\nLinks: ${e.links.join(', ')}` : '';
        item.tooltip = textTooltip(`${e.at} · ${KIND_LABELS[e.kind]}${e.hypothesis ? ` ${e.hypothesis}` : ''} · ${e.author}`, e.text, `Line ${e.startLine}${links}`);
        item.contextValue = `entry.${e.kind}`;
        item.command = revealCommand(node.file, e.startLine, e.endLine);
        item.accessibilityInformation = { label: `${KIND_LABELS[e.kind]} by ${displayText(e.author, 60)}, ${formatRelative(e.time, now)}: ${entryLabel(e)}` };
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function iconFor(node: Extract<TimelineNode, { type: 'entry' }>): [string, string?] {
  const e = node.entry;
  if (e.kind !== 'hypothesis' || !e.hypothesis) return KIND_ICONS[e.kind];
  const state = node.file.parsed.hypotheses.find((h) => h.id === e.hypothesis)?.state ?? 'open';
  return STATE_ICONS[state];
}

function revealCommand(file: IncidentFile, startLine: number, endLine: number): vscode.Command {
  return { command: Commands.timelineRevealEntry, title: 'Show in File', arguments: [file.uri, startLine, endLine] };
}

/** A tooltip whose every part is plain text: nothing from the file becomes markup or a link. */
function textTooltip(heading: string, body: string, footer: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(heading);
  md.appendMarkdown('\n\n');
  md.appendText(body.slice(0, 4000));
  md.appendMarkdown('\n\n---\n\n');
  md.appendText(footer);
  return md;
}
