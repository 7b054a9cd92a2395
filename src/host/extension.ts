import type * as vscode from 'vscode';
import { Container } from './container';
import { findChangeNode, snapshotChanges, type ChangesSnapshot } from './changes/changesSnapshot';
import type { ChangeNode } from './changes/changesTree';
import type { IncidentsSnapshot } from './incident/incidentSnapshot';
import type { ErrorsSnapshot } from './errors/errorsFeature';
import type { RunbooksSnapshot } from './runbooks/runbooksRuntime';
import type { OverviewState } from '../core/correlate/overview';
import type { RunResult } from '../core/refresh/refreshRunner';
import { snapshotLogs, type LogsSnapshot } from './logs/logsSnapshot';

/** What activate() returns: a read-only look at the views, for tests and other extensions. */
export interface IncidentDeskApi {
  changes(): Promise<ChangesSnapshot>;
  findChangeNode(match: (node: ChangeNode) => boolean): Promise<ChangeNode | undefined>;
  /** The incident views, the active incident and the status bar item as they are now. */
  incidents(): Promise<IncidentsSnapshot>;
  /** The Errors view rendered to the given depth, and the editor decorations per file. */
  errors(depth?: number): Promise<ErrorsSnapshot>;
  /** The runbooks found and the ones suggested for the active incident. */
  runbooks(): Promise<RunbooksSnapshot>;
  /** The Incident overview's data as it would be drawn now. */
  overview(): Promise<OverviewState>;
  /** Refreshes every source of the overview at once, as its Refresh button does; joins a running refresh. */
  refreshOverview(): Promise<RunResult>;
  /** The Logs view's rows (sources, signatures, findings) and its window. */
  logs(): LogsSnapshot;
}

export function activate(context: vscode.ExtensionContext): IncidentDeskApi {
  const container = new Container(context);
  context.subscriptions.push(container);
  return {
    changes: () => snapshotChanges(container.changes, container.changesTree),
    findChangeNode: (match) => findChangeNode(container.changesTree, match),
    incidents: () => container.incidents.snapshot(),
    errors: (depth) => container.errors.get().snapshot(depth),
    runbooks: () => container.runbooks.snapshot(),
    overview: () => container.overview.get().snapshot(),
    refreshOverview: () => container.overview.get().refresh(),
    logs: () => snapshotLogs(container.logs.tree, container.logs.model.window),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
