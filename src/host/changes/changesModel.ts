import * as vscode from 'vscode';
import type { ChangeGroup, Commit, DeployMarker, FileChange, RiskKind, TimeWindow } from '../../core/model/changes';
import { createRiskClassifier, type RiskClassifier, type RiskPatterns } from '../../core/changes/risk';
import { parseRemote, type RemoteRepo } from '../../core/changes/remote';
import { SourceError, errorMessage, isSourceError } from '../../core/errors';
import { GitRepository } from '../../sources/git/repository';
import { readWhatChanged } from '../../sources/git/whatChanged';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { riskPatternsOf as riskPatterns } from '../../core/settings';
import { ContextKeys } from '../../core/ids';

export type RepoState =
  | { kind: 'loading' }
  | { kind: 'emptyRepository' }
  | { kind: 'error'; error: SourceError }
  | {
      kind: 'ready';
      window: TimeWindow;
      groups: ChangeGroup[];
      deploys: DeployMarker[];
      commitCount: number;
      shallow: boolean;
      remote?: RemoteRepo;
      loadedAt: number;
    };

export interface RepoEntry {
  root: string;
  name: string;
  repository?: GitRepository;
  state: RepoState;
}

export type ModelState = 'noFolder' | 'noGit' | 'noRepository' | 'ready';

/**
 * What the Changes view shows: the repositories of the workspace, the time window and the
 * filters, and for each repository its grouped changes. Loads with one git log per repository,
 * cancels a load that a newer one replaces.
 */
export class ChangesModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  repos: RepoEntry[] = [];
  state: ModelState = 'ready';
  windowSpec: string;
  pathFilter?: { root: string; path: string; label: string };
  riskFilter: RiskKind[] = [];
  rowLimit: number;
  private loading?: AbortController;
  private readonly classifiers = new Map<string, RiskClassifier>();
  private readonly mergeFiles = new Map<string, Promise<{ files: FileChange[]; total: number }>>();
  private loaded?: Promise<void>;

  constructor(private readonly log: Log) {
    const s = readSettings();
    this.windowSpec = s.changesDefaultWindow;
    this.rowLimit = s.changesMaxCommits;
  }

  /** Loads once; later calls return the same load until refresh() is called. */
  ensureLoaded(): Promise<void> {
    return (this.loaded ??= this.refresh());
  }

  get isFiltered(): boolean {
    return this.riskFilter.length > 0 || this.pathFilter !== undefined;
  }

  async refresh(token?: vscode.CancellationToken): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    token?.onCancellationRequested(() => controller.abort());
    const run = this.load(controller.signal).catch((e) => this.log.error('changes', `load failed: ${errorMessage(e)}`));
    this.loaded = run;
    await run;
  }

  /** One classifier per set of patterns, kept across refreshes: its cache of paths stays warm. */
  private classifier(patterns: RiskPatterns): RiskClassifier {
    const key = JSON.stringify(patterns);
    let c = this.classifiers.get(key);
    if (!c) {
      if (this.classifiers.size > 4) this.classifiers.clear();
      this.classifiers.set(key, (c = createRiskClassifier(patterns)));
    }
    return c;
  }

  /** What a pull request changed as a whole: its merge against the first parent, read once. */
  pullRequestFiles(entry: RepoEntry, merge: Commit): Promise<{ files: FileChange[]; total: number }> {
    const key = `${entry.root}\0${merge.sha}`;
    let files = this.mergeFiles.get(key);
    if (!files) {
      const classify = this.classifier(riskPatterns(readSettings(vscode.Uri.file(entry.root))));
      files = entry.repository!.diffFiles(merge.parents[0], merge.sha, classify);
      files.catch(() => this.mergeFiles.delete(key));
      this.mergeFiles.set(key, files);
    }
    return files;
  }

  setWindow(spec: string): Promise<void> {
    this.windowSpec = spec;
    this.rowLimit = readSettings().changesMaxCommits;
    return this.refresh();
  }

  setPathFilter(filter: { root: string; path: string; label: string } | undefined): Promise<void> {
    this.pathFilter = filter;
    return this.refresh();
  }

  setRiskFilter(kinds: RiskKind[]): void {
    this.riskFilter = kinds;
    this.emitter.fire();
  }

  showMore(): void {
    this.rowLimit += readSettings().changesMaxCommits;
    this.emitter.fire();
  }

  private async load(signal: AbortSignal): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) {
      this.setState('noFolder', []);
      return;
    }
    const previous = new Map(this.repos.map((r) => [r.root, r]));
    const opened: RepoEntry[] = [];
    let missingGit = false;
    for (const folder of folders.filter((f) => f.uri.scheme === 'file')) {
      try {
        const repository = await GitRepository.open(folder.uri.fsPath, signal);
        if (opened.some((r) => r.root === repository.root)) continue;
        const name = folders.length > 1 ? folder.name : repository.root.split(/[\\/]/).pop() || repository.root;
        opened.push({ root: repository.root, name, repository, state: previous.get(repository.root)?.state ?? { kind: 'loading' } });
      } catch (e) {
        if (signal.aborted) return;
        if (isSourceError(e) && e.kind === 'toolMissing') missingGit = true;
        else if (!(isSourceError(e) && e.kind === 'notARepository')) this.log.warn('changes', `${folder.uri.fsPath}: ${errorMessage(e)}`);
      }
    }
    if (opened.length === 0) {
      this.setState(missingGit ? 'noGit' : 'noRepository', []);
      return;
    }
    for (const r of opened) if (r.state.kind !== 'ready') r.state = { kind: 'loading' };
    this.setState('ready', opened);
    await Promise.all(opened.map((r) => this.loadRepo(r, signal)));
  }

  private async loadRepo(entry: RepoEntry, signal: AbortSignal): Promise<void> {
    const repo = entry.repository!;
    const settings = readSettings(vscode.Uri.file(entry.root));
    const started = Date.now();
    try {
      if (!repo.info.hasHead) {
        entry.state = { kind: 'emptyRepository' };
        return;
      }
      const now = Date.now();
      const remote = repo.remoteUrl(signal).catch(() => undefined);
      const result = await readWhatChanged(repo, {
        windowSpec: this.windowSpec,
        now,
        deployTagPatterns: settings.changesDeployTagPatterns,
        branches: settings.changesBranches,
        paths: this.pathFilter && this.pathFilter.root === entry.root ? [this.pathFilter.path] : undefined,
        classify: this.classifier(riskPatterns(settings)),
        signal,
      });
      const remoteUrl = await remote;
      if (signal.aborted) return;
      for (const w of result.warnings.slice(0, 10)) this.log.warn('git', `${entry.name}: ${w}`);
      const { window, groups, deploys } = result;
      entry.state = {
        kind: 'ready',
        window,
        groups,
        deploys,
        commitCount: result.commitCount,
        shallow: repo.info.shallow,
        remote: remoteUrl ? parseRemote(remoteUrl) : undefined,
        loadedAt: now,
      };
      this.log.info('changes', `${entry.name}: ${result.commitCount} commits in ${window.label} (${Date.now() - started} ms)`);
    } catch (e) {
      if (signal.aborted) return;
      const error = isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
      entry.state = { kind: 'error', error };
      this.log.error('changes', `${entry.name}: ${error.message}`, error.detail);
    } finally {
      if (!signal.aborted) this.emitter.fire();
    }
  }

  private setState(state: ModelState, repos: RepoEntry[]): void {
    this.state = state;
    this.repos = repos;
    void vscode.commands.executeCommand('setContext', ContextKeys.changesState, state);
    this.emitter.fire();
  }

  dispose(): void {
    this.loading?.abort();
    this.emitter.dispose();
  }
}
