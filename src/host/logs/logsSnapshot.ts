import type * as vscode from 'vscode';
import type { LogsTreeProvider, LogsNode } from './logsTree';
import type { LogsWindow } from './logsModel';

export interface LogsSnapshotRow {
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  icon?: string;
  node: LogsNode;
  children: LogsSnapshotRow[];
}

export interface LogsSnapshot {
  window: LogsWindow | undefined;
  rows: LogsSnapshotRow[];
}

function text(v: string | vscode.TreeItemLabel | vscode.MarkdownString | undefined | boolean): string | undefined {
  if (v === undefined || typeof v === 'boolean') return undefined;
  if (typeof v === 'string') return v;
  return 'label' in v ? v.label : v.value;
}

/** The Logs view as it renders now, for tests and other extensions. */
export function snapshotLogs(tree: LogsTreeProvider, window: LogsWindow | undefined): LogsSnapshot {
  const walk = (node: LogsNode, depth: number): LogsSnapshotRow => {
    const item = tree.getTreeItem(node);
    const icon = item.iconPath && typeof item.iconPath === 'object' && 'id' in item.iconPath ? (item.iconPath as vscode.ThemeIcon).id : undefined;
    return {
      label: text(item.label) ?? '',
      description: text(item.description),
      tooltip: text(item.tooltip),
      contextValue: item.contextValue,
      icon,
      node,
      children: depth < 2 ? tree.getChildren(node).map((c) => walk(c, depth + 1)) : [],
    };
  };
  return { window, rows: tree.getChildren().map((n) => walk(n, 0)) };
}
