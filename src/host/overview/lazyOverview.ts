import * as path from 'node:path';
import * as vscode from 'vscode';
import { Views } from '../../core/ids';
import type * as OverviewModule from './overviewController';
import type { OverviewController } from './overviewController';

/** dist/overview.js, next to dist/extension.js: the overview's code is read when it is first shown. */
function overviewModule(): typeof OverviewModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, 'overview.js')) as typeof OverviewModule;
}

type Args = ConstructorParameters<typeof OverviewController>;

/**
 * The Incident overview as activation sees it: its side-bar view is registered, nothing more.
 * The controller (correlation, refresh runner, webview) is created when the view is first
 * resolved or a command asks for it, so it costs activation nothing.
 */
export class LazyOverview implements vscode.Disposable {
  private controller?: OverviewController;
  private readonly registration: vscode.Disposable;

  constructor(private readonly args: () => Args) {
    this.registration = vscode.window.registerWebviewViewProvider(Views.overview, { resolveWebviewView: (view) => this.get().resolveWebviewView(view) });
  }

  get(): OverviewController {
    return (this.controller ??= new (overviewModule().OverviewController)(...this.args()));
  }

  dispose(): void {
    this.registration.dispose();
    this.controller?.dispose();
  }
}
