import * as vscode from 'vscode';
import { Commands, Views } from '../../core/ids';
import type { ChangesModel } from '../changes/changesModel';
import type { IncidentFeature } from '../incident/incidentFeature';
import type { Log } from '../log';
import { FindingsRegistry } from './findings';
import type { RunbooksRuntime, RunbooksSnapshot } from './runbooksRuntime';
import type { RunbookNode } from './runbooksTree';

export type { RunbooksSnapshot } from './runbooksRuntime';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

const RUNBOOK_COMMANDS: readonly string[] = [
  Commands.runbooksRefresh,
  Commands.runbooksOpen,
  Commands.runbooksRunStep,
  Commands.runbooksCopyStep,
  Commands.runbooksPullLever,
  Commands.runbooksToggleFlag,
  Commands.newRunbookFromIncident,
];

/**
 * The Runbooks side of activation: the view, the CodeLens registration and the command ids.
 * The runtime (YAML parser, catalog, matcher) loads when the view shows, a markdown file opens or
 * a command runs. Other features add what runbooks are matched against with
 * `findings.register(provider)`: Sentry issues (error titles), log signatures, alerts.
 */
export class RunbooksFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly findings = this.own(new FindingsRegistry());
  private rt?: RunbooksRuntime;
  private readonly treeEvents = this.own(new vscode.EventEmitter<RunbookNode | undefined | void>());
  private readonly lensEvents = this.own(new vscode.EventEmitter<void>());

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    private readonly incidents: IncidentFeature,
    private readonly changes: ChangesModel,
    register: Register,
  ) {
    const tree: vscode.TreeDataProvider<RunbookNode> = {
      onDidChangeTreeData: this.treeEvents.event,
      getChildren: (node) => this.runtime().tree.getChildren(node),
      getTreeItem: (node) => this.runtime().tree.getTreeItem(node),
    };
    this.own(vscode.window.createTreeView(Views.runbooks, { treeDataProvider: tree, showCollapseAll: true }));
    this.own(
      vscode.languages.registerCodeLensProvider(
        { language: 'markdown', scheme: 'file' },
        { onDidChangeCodeLenses: this.lensEvents.event, provideCodeLenses: (doc) => this.runtime().lenses.provideCodeLenses(doc) },
      ),
    );
    for (const id of RUNBOOK_COMMANDS) {
      register(id, ((...args: unknown[]) => {
        const handler = this.runtime().handlers.get(id) as ((...a: unknown[]) => unknown) | undefined;
        if (!handler) throw new Error(`${id} is not available.`);
        return handler(...args);
      }) as (...args: never[]) => unknown);
    }
  }

  snapshot(): Promise<RunbooksSnapshot> {
    return this.runtime().snapshot();
  }

  private runtime(): RunbooksRuntime {
    if (!this.rt) {
      // Loaded here rather than imported, so the YAML parser is not evaluated during activation.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { RunbooksRuntime: Runtime } = require('./runbooksRuntime') as typeof import('./runbooksRuntime');
      const rt = (this.rt = this.own(new Runtime(this.state, this.log, this.incidents, this.changes, this.findings)));
      this.own(rt.tree.onDidChangeTreeData((e) => this.treeEvents.fire(e)));
      this.own(rt.lenses.onDidChangeCodeLenses(() => this.lensEvents.fire()));
    }
    return this.rt;
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
