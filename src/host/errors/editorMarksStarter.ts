import * as vscode from 'vscode';
import { readSettings } from '../settings';

/**
 * Editor marks of current Sentry issues must not wait for someone to open the Errors view, and
 * must not cost activation anything either. So the Errors feature starts on the first visible
 * file editor after activation, once Sentry has an organization (read then, not in activate());
 * a later change of the Sentry settings is another chance. Once started, this stops listening.
 */
export function startEditorMarksLazily(start: () => void, isStarted: () => boolean): vscode.Disposable {
  let done = false;
  const subscriptions: vscode.Disposable[] = [];
  const stop = (): void => {
    done = true;
    for (const s of subscriptions.splice(0)) s.dispose();
  };
  const check = (): void => {
    if (done) return;
    if (isStarted()) return stop();
    if (!vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'file')) return;
    if (!readSettings().sentry.organization) return;
    stop();
    start();
  };
  subscriptions.push(
    vscode.window.onDidChangeVisibleTextEditors(check),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('incidentDesk.sentry')) check();
    }),
  );
  // Editors restored with the window are already visible: look once activation is over.
  const timer = setTimeout(check, 0);
  subscriptions.push({ dispose: () => clearTimeout(timer) });
  return { dispose: stop };
}
