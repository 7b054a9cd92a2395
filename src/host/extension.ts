import type * as vscode from 'vscode';
import { Container } from './container';
import { findChangeNode, snapshotChanges, type ChangesSnapshot } from './changes/changesSnapshot';
import type { ChangeNode } from './changes/changesTree';
import type { IncidentsSnapshot } from './incident/incidentSnapshot';
import type { RunbooksSnapshot } from './runbooks/runbooksRuntime';

/** What activate() returns: a read-only look at the views, for tests and other extensions. */
export interface IncidentDeskApi {
  changes(): Promise<ChangesSnapshot>;
  findChangeNode(match: (node: ChangeNode) => boolean): Promise<ChangeNode | undefined>;
  /** The incident views, the active incident and the status bar item as they are now. */
  incidents(): Promise<IncidentsSnapshot>;
  /** The runbooks found and the ones suggested for the active incident. */
  runbooks(): Promise<RunbooksSnapshot>;
}

export function activate(context: vscode.ExtensionContext): IncidentDeskApi {
  const container = new Container(context);
  context.subscriptions.push(container);
  return {
    changes: () => snapshotChanges(container.changes, container.changesTree),
    findChangeNode: (match) => findChangeNode(container.changesTree, match),
    incidents: () => container.incidents.snapshot(),
    runbooks: () => container.runbooks.snapshot(),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
