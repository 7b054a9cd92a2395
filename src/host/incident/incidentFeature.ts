import * as vscode from 'vscode';
import { Commands, Views } from '../../core/ids';
import type { Log } from '../log';
import type { IncidentsSnapshot } from './incidentSnapshot';
import type { IncidentRuntime } from './incidentRuntime';
import type { IncidentFile, IncidentStore } from './incidentStore';
import { startedAt } from '../../core/timeline/incidentText';
import { parseTimestamp } from '../../core/timeline/format';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/** Every incident command; each is registered at activation and handled by the runtime. */
const INCIDENT_COMMANDS: readonly string[] = [
  Commands.startIncident,
  Commands.logEntry,
  Commands.confirmHypothesis,
  Commands.refuteHypothesis,
  Commands.switchIncident,
  Commands.setIncidentStatus,
  Commands.resolveIncident,
  Commands.openIncident,
  Commands.draftPostmortem,
  Commands.commitPostmortem,
  Commands.incidentsRefresh,
  Commands.timelineRevealEntry,
];

const ACTIVE_KEY = 'incidentDesk.activeIncident';

/**
 * The incident side of the extension as activation sees it: the two tree views and the command
 * ids, nothing else. The runtime behind them (incident file reader, YAML parser, store, status
 * bar) loads on first use: when a view shows, a command runs, or, just after activation, when
 * the workspace remembers an active incident (or never chose one) for the status bar.
 */
export class IncidentFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private rt?: IncidentRuntime;
  private readonly incidentsTree = new LazyTree(() => this.runtime().incidentsTree);
  private readonly timelineTree = new LazyTree(() => this.runtime().timelineTree);
  private readonly views;
  private readonly changed = new vscode.EventEmitter<void>();
  /** The incident files or the active incident changed (after the runtime has loaded). */
  readonly onDidChangeIncidents = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
    register: Register,
  ) {
    this.views = {
      incidents: this.own(vscode.window.createTreeView(Views.incidents, { treeDataProvider: this.incidentsTree })),
      timeline: this.own(vscode.window.createTreeView(Views.timeline, { treeDataProvider: this.timelineTree })),
    };
    this.own(this.incidentsTree);
    this.own(this.changed);
    this.own(this.timelineTree);
    for (const id of INCIDENT_COMMANDS) {
      register(id, ((...args: unknown[]) => {
        const handler = this.runtime().handlers.get(id) as ((...a: unknown[]) => unknown) | undefined;
        if (!handler) throw new Error(`${id} is not available.`);
        return handler(...args);
      }) as (...args: never[]) => unknown);
    }
    // Remembered ('uri'), or never chosen (undefined: the one open incident may be adopted);
    // '' means the person chose none.
    if (state.get<string>(ACTIVE_KEY) !== '') {
      const timer = setTimeout(() => this.startRuntime(), 0);
      this.own({ dispose: () => clearTimeout(timer) });
    }
  }

  /** The active incident's file name and its start and resolution as written, once loaded. */
  async active(): Promise<{ name: string; started?: string; resolved?: string } | undefined> {
    const store = this.runtime().store;
    await store.ensureLoaded();
    const a = store.active;
    return a ? { name: a.name, started: a.parsed.meta.started, resolved: a.parsed.meta.resolved } : undefined;
  }

  /** The active incident's span (ms), once the runtime knows one: the window other views read. */
  activeSpan(): { start: number; end?: number; title?: string } | undefined {
    const meta = this.rt?.store.active?.parsed.meta;
    const start = meta ? startedAt(meta) : undefined;
    if (!meta || start === undefined) return undefined;
    return { start, end: meta.resolved ? parseTimestamp(meta.resolved) : undefined, title: meta.title };
  }

  snapshot(): Promise<IncidentsSnapshot> {
    return this.runtime().snapshot();
  }


  /** The store, loaded; for features that read the active incident or append to it. */
  async loadedStore(): Promise<IncidentStore> {
    const store = this.runtime().store;
    await store.ensureLoaded();
    return store;
  }

  async activeIncident(): Promise<IncidentFile | undefined> {
    return (await this.loadedStore()).active;
  }

  private startRuntime(): void {
    try {
      void this.runtime().store.ensureLoaded();
    } catch (e) {
      this.log.error('incident', `could not start: ${String(e)}`);
    }
  }

  private runtime(): IncidentRuntime {
    if (!this.rt) {
      // Loaded here rather than imported, so its YAML parser is not evaluated during activation.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { IncidentRuntime: Runtime } = require('./incidentRuntime') as typeof import('./incidentRuntime');
      this.rt = this.own(new Runtime(this.state, this.log, this.views));
      this.own(this.rt.store.onDidChange(() => this.changed.fire()));
      this.incidentsTree.attach();
      this.timelineTree.attach();
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

/** A tree data provider that creates the real one when the view first asks for data. */
class LazyTree<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<T | undefined | void>();
  readonly onDidChangeTreeData = this.emitter.event;
  private subscription?: vscode.Disposable;

  constructor(private readonly provider: () => vscode.TreeDataProvider<T>) {}

  attach(): void {
    this.subscription ??= this.provider().onDidChangeTreeData?.((e) => this.emitter.fire(e as T | undefined));
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> {
    return this.provider().getChildren(element);
  }

  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(element);
  }

  getParent(element: T): vscode.ProviderResult<T> {
    return this.provider().getParent?.(element);
  }

  dispose(): void {
    this.subscription?.dispose();
    this.emitter.dispose();
  }
}
