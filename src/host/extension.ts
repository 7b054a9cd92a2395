import type * as vscode from 'vscode';
import { Container } from './container';
import { snapshotChanges, type ChangesSnapshot } from './changes/changesSnapshot';

/** What activate() returns: a read-only look at the views, for tests and other extensions. */
export interface IncidentDeskApi {
  changes(): Promise<ChangesSnapshot>;
}

export function activate(context: vscode.ExtensionContext): IncidentDeskApi {
  const container = new Container();
  context.subscriptions.push(container);
  return {
    changes: () => snapshotChanges(container.changes, container.changesTree),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
