import * as vscode from 'vscode';
import type { HypothesisState, Problem } from '../../core/model/incident';
import type { IncidentRuntime } from './incidentRuntime';

/** A rendered tree row, as the API returns it to tests and other extensions. */
export interface IncidentSnapshotNode {
  type: string;
  label: string;
  description?: string;
  icon?: string;
  contextValue?: string;
  command?: string;
  /** For timeline rows: the 1-based line the row reveals. */
  line?: number;
  children?: IncidentSnapshotNode[];
}

export interface IncidentsSnapshot {
  folder?: string;
  active?: {
    path: string;
    title?: string;
    severity?: string;
    status?: string;
    commander?: string;
    services: string[];
    entries: number;
    hypotheses: { id: string; state: HypothesisState }[];
    problems: Problem[];
    /** Whether the view shows the open editor's text (possibly unsaved). */
    fromEditor: boolean;
  };
  incidents: IncidentSnapshotNode[];
  timeline: IncidentSnapshotNode[];
  statusBar: { visible: boolean; text: string; tooltip: string };
}

/** What the incident views show right now, rendered through their providers. */
export async function snapshotIncidents(feature: IncidentRuntime): Promise<IncidentsSnapshot> {
  const { store } = feature;
  await store.ensureLoaded();
  const render = (item: vscode.TreeItem, type: string): IncidentSnapshotNode => {
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
    const args = item.command?.arguments;
    return {
      type,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      icon,
      contextValue: item.contextValue,
      command: item.command?.command,
      line: typeof args?.[1] === 'number' ? args[1] : undefined,
    };
  };
  const incidents = (await feature.incidentsTree.getChildren()).map((n) => render(feature.incidentsTree.getTreeItem(n), n.type));
  const timeline: IncidentSnapshotNode[] = [];
  for (const node of await feature.timelineTree.getChildren()) {
    const out = render(feature.timelineTree.getTreeItem(node), node.type);
    if (node.type === 'hypotheses') {
      out.children = (await feature.timelineTree.getChildren(node)).map((c) => render(feature.timelineTree.getTreeItem(c), c.type));
    }
    timeline.push(out);
  }
  const a = store.active;
  const tooltip = feature.statusBar.item.tooltip;
  return {
    folder: store.folder()?.fsPath,
    active: a && {
      path: a.uri.fsPath,
      title: a.parsed.meta.title,
      severity: a.parsed.meta.severity,
      status: a.parsed.meta.status,
      commander: a.parsed.meta.commander,
      services: a.parsed.meta.services,
      entries: a.parsed.entries.length,
      hypotheses: a.parsed.hypotheses.map((h) => ({ id: h.id, state: h.state })),
      problems: a.parsed.problems,
      fromEditor: a.fromEditor,
    },
    incidents,
    timeline,
    statusBar: {
      visible: feature.statusBar.visible,
      text: feature.statusBar.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
    },
  };
}
