import * as vscode from 'vscode';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { ContextKeys } from '../../core/ids';
import { errorMessage } from '../../core/errors';
import type { ParsedIncident } from '../../core/model/incident';
import { parseIncident } from '../../core/timeline/parse';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { isIncidentFileName } from '../../core/timeline/incidentText';
import { newestFirst, resolveIncidentsFolder } from '../../core/timeline/incidentFolder';

export interface IncidentFile {
  uri: vscode.Uri;
  /** File name, e.g. `2026-11-23-checkout-errors.md`. */
  name: string;
  /** The text that was parsed: the open editor's when it has unsaved changes, else the file's. */
  text: string;
  parsed: ParsedIncident;
  /** Whether `text` came from an open editor with unsaved changes. */
  fromEditor: boolean;
}

const ACTIVE_KEY = 'incidentDesk.activeIncident';

/**
 * The incident files of the incidents folder, parsed, and which one is active. Reads the open
 * editor's text when a file is open, so a hand edit shows before it is saved; watches the folder
 * for changes made elsewhere. Holds data and fires events; the views render it.
 */
export class IncidentStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly files = new Map<string, IncidentFile>();
  private readonly disposables: vscode.Disposable[] = [];
  private watcher?: vscode.Disposable;
  private watchKey?: string;
  private loaded?: Promise<void>;
  private activeKey?: string;
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private listingTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {
    this.activeKey = state.get<string>(ACTIVE_KEY);
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.isIncidentUri(e.document.uri)) this.schedule(e.document.uri, 100);
      }),
      vscode.workspace.onDidOpenTextDocument((d) => this.isIncidentUri(d.uri) && this.schedule(d.uri, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.isIncidentUri(d.uri) && this.schedule(d.uri, 0)),
      // Files created, deleted or renamed in the editor (the watcher sees them too, but later).
      vscode.workspace.onDidCreateFiles(() => this.scheduleListing()),
      vscode.workspace.onDidDeleteFiles(() => this.scheduleListing()),
      vscode.workspace.onDidRenameFiles(() => this.scheduleListing()),
      // Coming back to the window: pick up what a terminal or another window did meanwhile, in
      // case the file watcher missed it.
      vscode.window.onDidChangeWindowState((w) => w.focused && this.loaded && this.scheduleListing()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('incidentDesk.incidentsFolder') && this.restart()),
    );
  }

  /** The incidents folder: inside the first workspace folder, or undefined without one. */
  folder(): vscode.Uri | undefined {
    const ws = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!ws) return undefined;
    const { folder, warning } = resolveIncidentsFolder(ws.uri.fsPath, readSettings(ws.uri).incidentsFolder);
    if (warning) this.log.warn('incident', warning);
    return vscode.Uri.file(folder);
  }

  isIncidentUri(uri: vscode.Uri): boolean {
    const folder = this.folder();
    return !!folder && uri.scheme === 'file' && path.dirname(uri.fsPath) === folder.fsPath && isIncidentFileName(path.basename(uri.fsPath));
  }

  /** Lists and reads the folder once; later calls return the same load until refresh(). */
  ensureLoaded(): Promise<void> {
    return (this.loaded ??= this.refresh());
  }

  /** Every incident, newest first (by start time, then file name). */
  list(): IncidentFile[] {
    return [...this.files.values()].sort(newestFirst);
  }

  get(uri: vscode.Uri): IncidentFile | undefined {
    return this.files.get(uri.toString());
  }

  get active(): IncidentFile | undefined {
    return this.activeKey ? this.files.get(this.activeKey) : undefined;
  }

  async setActive(uri: vscode.Uri | undefined): Promise<void> {
    this.activeKey = uri?.toString();
    // '' records "none, on purpose", so the single open incident is not adopted again.
    await this.state.update(ACTIVE_KEY, this.activeKey ?? '');
    if (uri && !this.files.has(uri.toString())) await this.reload(uri);
    this.changed();
  }

  async refresh(): Promise<void> {
    const run = this.load();
    this.loaded = run;
    await run;
  }

  /** Reads one file again (from its open editor if there is one) and tells the views. */
  async reload(uri: vscode.Uri): Promise<IncidentFile | undefined> {
    const key = uri.toString();
    const file = await this.read(uri);
    if (file) this.files.set(key, file);
    else this.files.delete(key);
    this.changed();
    return file;
  }

  private async load(): Promise<void> {
    this.watch();
    const generation = ++this.generation;
    const folder = this.folder();
    const found = new Map<string, IncidentFile>();
    if (folder) {
      let names: string[] = [];
      try {
        const entries = await fsp.readdir(folder.fsPath, { withFileTypes: true });
        names = entries.filter((e) => e.isFile() && isIncidentFileName(e.name)).map((e) => e.name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('incident', `cannot list ${folder.fsPath}: ${errorMessage(e)}`);
      }
      const read = await Promise.all(names.map((name) => this.read(vscode.Uri.file(path.join(folder.fsPath, name)))));
      for (const file of read) if (file) found.set(file.uri.toString(), file);
    }
    // A newer listing started meanwhile: it has fresher news than this one.
    if (generation !== this.generation) return;
    this.files.clear();
    for (const [k, v] of found) this.files.set(k, v);
    this.adoptSingleOpenIncident();
    this.changed();
  }

  /**
   * Someone joining an investigation (a teammate's incident file pulled with git) should land in
   * it: when this workspace never chose an active incident and exactly one is still open, that
   * one becomes active.
   */
  private adoptSingleOpenIncident(): void {
    if (this.activeKey !== undefined) return;
    const open = [...this.files.values()].filter((f) => f.parsed.meta.status !== 'resolved');
    if (open.length !== 1) return;
    this.activeKey = open[0].uri.toString();
    void this.state.update(ACTIVE_KEY, this.activeKey);
    this.log.info('incident', `${open[0].name} is the only open incident: made it active`);
  }

  private async read(uri: vscode.Uri): Promise<IncidentFile | undefined> {
    // An editor with unsaved changes shows what the person is writing; a saved one may lag
    // behind a write the extension just made, so then the file is the truth.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed && d.isDirty);
    let text: string;
    if (doc) text = doc.getText();
    else {
      try {
        text = await fsp.readFile(uri.fsPath, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log.warn('incident', `cannot read ${uri.fsPath}: ${errorMessage(e)}`);
        return undefined;
      }
    }
    try {
      return { uri, name: path.basename(uri.fsPath), text, parsed: parseIncident(text), fromEditor: !!doc };
    } catch (e) {
      // The reader is meant never to throw; if it does, the file is still listed, as unreadable.
      this.log.error('incident', `could not read ${uri.fsPath}: ${errorMessage(e)}`);
      return undefined;
    }
  }

  /** Watches `<folder>/*.md` through the workspace folder, so a folder created later is seen too. */
  private watch(): void {
    const folder = this.folder();
    const ws = folder && vscode.workspace.getWorkspaceFolder(folder);
    const rel = folder && ws ? path.relative(ws.uri.fsPath, folder.fsPath).split(path.sep).join('/') : undefined;
    const glob = rel === undefined ? undefined : rel ? `${rel.replace(/[[\]{}*?]/g, (c) => `[${c}]`)}/*.md` : '*.md';
    const key = ws && glob ? `${ws.uri.toString()}|${glob}` : undefined;
    if (key === this.watchKey) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchKey = key;
    if (!ws || !glob) return;
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(ws, glob));
    const onFile = (uri: vscode.Uri, listing: boolean): void => {
      if (!isIncidentFileName(path.basename(uri.fsPath))) return;
      if (listing) this.scheduleListing();
      else this.schedule(uri, 50);
    };
    this.watcher = vscode.Disposable.from(
      w,
      w.onDidChange((u) => onFile(u, false)),
      w.onDidCreate((u) => onFile(u, true)),
      w.onDidDelete((u) => onFile(u, true)),
    );
  }

  private schedule(uri: vscode.Uri, delayMs: number): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        void this.reload(uri);
      }, delayMs),
    );
  }

  private scheduleListing(): void {
    clearTimeout(this.listingTimer);
    this.listingTimer = setTimeout(() => void this.refresh(), 100);
  }

  private restart(): void {
    this.loaded = undefined;
    void this.refresh();
  }

  private changed(): void {
    void vscode.commands.executeCommand('setContext', ContextKeys.incidentActive, this.active !== undefined);
    this.emitter.fire();
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    clearTimeout(this.listingTimer);
    this.watcher?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.emitter.dispose();
  }
}
