import type * as vscode from 'vscode';
import { Container } from './container';
import { findChangeNode, snapshotChanges, type ChangesSnapshot } from './changes/changesSnapshot';
import type { ChangeNode } from './changes/changesTree';

/** What activate() returns: a read-only look at the views, for tests and other extensions. */
export interface IncidentDeskApi {
  changes(): Promise<ChangesSnapshot>;
  findChangeNode(match: (node: ChangeNode) => boolean): Promise<ChangeNode | undefined>;
}

export function activate(context: vscode.ExtensionContext): IncidentDeskApi {
  const container = new Container();
  context.subscriptions.push(container);
  return {
    changes: () => snapshotChanges(container.changes, container.changesTree),
    findChangeNode: (match) => findChangeNode(container.changesTree, match),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
