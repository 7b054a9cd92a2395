import * as vscode from 'vscode';

/**
 * Runs long work with a progress bar on the view at once and, if it is still running after a
 * moment, a notification with a Cancel button, so quick work stays quiet and slow work can be
 * stopped.
 */
export async function withProgress<T>(viewId: string, title: string, work: (token: vscode.CancellationToken) => Promise<T>): Promise<T> {
  const source = new vscode.CancellationTokenSource();
  let done = false;
  const timer = setTimeout(() => {
    if (done) return;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) => {
      token.onCancellationRequested(() => source.cancel());
      return running;
    });
  }, 1500);
  const running = vscode.window.withProgress({ location: { viewId } }, () => work(source.token));
  try {
    return await running;
  } finally {
    done = true;
    clearTimeout(timer);
    source.dispose();
  }
}
