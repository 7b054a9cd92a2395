import * as vscode from 'vscode';
import { Commands, Views } from '../../core/ids';
import type { ErrorsFeature } from './errorsFeature';
import type { ErrorNode } from './errorsTree';

type Handler = (...args: never[]) => unknown;
type Register = (id: string, fn: Handler) => void;

const ERRORS_COMMANDS: readonly string[] = [
  Commands.errorsRefresh,
  Commands.errorsOpenFrame,
  Commands.errorsOpenInSentry,
  Commands.setSentryToken,
  Commands.clearSentryToken,
  Commands.openSourceSettings,
];

/**
 * The Errors view and its commands as activation sees them: the view and the ids. The feature
 * behind them (Sentry model, frame index, decorations) is created when the view first asks for
 * rows or a command runs.
 */
export class LazyErrors implements vscode.Disposable {
  private feature?: ErrorsFeature;
  private readonly handlers = new Map<string, Handler>();
  private readonly emitter = new vscode.EventEmitter<ErrorNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  readonly view: vscode.TreeView<ErrorNode>;
  /** Fires when the Errors view's rows change, i.e. when the issues or their state change. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly create: (view: vscode.TreeView<ErrorNode>, register: Register) => ErrorsFeature,
    register: Register,
  ) {
    const provider: vscode.TreeDataProvider<ErrorNode> = {
      onDidChangeTreeData: this.emitter.event,
      getChildren: (node) => this.get().tree.getChildren(node),
      getTreeItem: (node) => this.get().tree.getTreeItem(node),
    };
    this.view = vscode.window.createTreeView(Views.errors, { treeDataProvider: provider, showCollapseAll: true });
    this.disposables.push(this.view);
    for (const id of ERRORS_COMMANDS) {
      register(id, ((...args: unknown[]) => {
        const handler = this.get() && (this.handlers.get(id) as ((...a: unknown[]) => unknown) | undefined);
        if (!handler) throw new Error(`${id} is not available.`);
        return handler(...args);
      }) as Handler);
    }
  }

  /** The feature if it was created; undefined before anything asked for it. */
  get loaded(): ErrorsFeature | undefined {
    return this.feature;
  }

  get(): ErrorsFeature {
    if (!this.feature) {
      this.feature = this.create(this.view, (id, fn) => this.handlers.set(id, fn));
      this.disposables.push(this.feature, this.feature.tree.onDidChangeTreeData((e) => this.emitter.fire(e)));
    }
    return this.feature;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
