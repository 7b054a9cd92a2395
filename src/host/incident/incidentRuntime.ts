import * as vscode from 'vscode';
import { Views } from '../../core/ids';
import type { Log } from '../log';
import { IncidentDiagnostics } from './diagnostics';
import { registerEntryCommands } from './entryCommands';
import { registerIncidentCommands } from './incidentCommands';
import type { IncidentContext, Register } from './incidentContext';
import { IncidentStore } from './incidentStore';
import { IncidentsTreeProvider, type IncidentNode } from './incidentsTree';
import { COMMIT_SCHEME, CommitContentProvider, registerPostmortemCommands } from './postmortemCommands';
import { snapshotIncidents, type IncidentsSnapshot } from './incidentSnapshot';
import { IncidentStatusBar } from './statusBar';
import { TimelineTreeProvider, type TimelineNode } from './timelineTree';

export interface IncidentViews {
  incidents: vscode.TreeView<IncidentNode>;
  timeline: vscode.TreeView<TimelineNode>;
}

/**
 * Everything about incident records once it is first needed: the store of incident files, the
 * providers of the Incidents and Timeline views, the status bar item, diagnostics and the
 * command handlers. Loaded on first use (see incidentFeature.ts), because the incident file
 * reader brings a YAML parser that would slow down activation.
 */
export class IncidentRuntime implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly store: IncidentStore;
  readonly incidentsTree: IncidentsTreeProvider;
  readonly timelineTree: TimelineTreeProvider;
  readonly statusBar: IncidentStatusBar;
  readonly diagnostics: IncidentDiagnostics;
  /** Command handlers by id; the feature registers the ids at activation and forwards here. */
  readonly handlers = new Map<string, (...args: never[]) => unknown>();

  constructor(
    state: vscode.Memento,
    log: Log,
    private readonly views: IncidentViews,
  ) {
    this.store = this.own(new IncidentStore(state, log));
    this.incidentsTree = this.own(new IncidentsTreeProvider(this.store));
    this.timelineTree = this.own(new TimelineTreeProvider(this.store));
    this.statusBar = this.own(new IncidentStatusBar(this.store, () => {
      this.timelineTree.refresh();
      this.incidentsTree.refresh();
    }));
    this.diagnostics = this.own(new IncidentDiagnostics(this.store));
    this.own(vscode.workspace.registerTextDocumentContentProvider(COMMIT_SCHEME, new CommitContentProvider()));
    this.own(this.store.onDidChange(() => this.describeViews()));
    this.own(views.incidents.onDidChangeVisibility((e) => e.visible && void this.store.refresh()));

    const ctx: IncidentContext = { store: this.store, log, timelineView: views.timeline, showTimeline: () => this.showTimeline() };
    const register: Register = (id, fn) => void this.handlers.set(id, fn);
    registerIncidentCommands(register, ctx);
    registerEntryCommands(register, ctx);
    registerPostmortemCommands(register, ctx);
    this.diagnostics.checkOpenDocuments();
  }

  snapshot(): Promise<IncidentsSnapshot> {
    return snapshotIncidents(this);
  }

  private describeViews(): void {
    const active = this.store.active;
    const count = this.store.list().length;
    this.views.incidents.description = count ? `${count}` : undefined;
    const open = active?.parsed.hypotheses.filter((h) => h.state === 'open').length ?? 0;
    const meta = active?.parsed.meta;
    this.views.timeline.description = meta ? `${meta.severity ?? ''} ${meta.status ?? 'investigating'}${open ? ` · ${open} open` : ''}`.trim() : undefined;
  }

  private async showTimeline(): Promise<void> {
    const view = this.views.timeline;
    if (view.visible) return;
    const [first] = await this.timelineTree.getChildren();
    if (first) await view.reveal(first, { select: false, focus: false, expand: false });
    else await vscode.commands.executeCommand(`${Views.timeline}.focus`);
  }

  private own<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
