import * as vscode from 'vscode';
import type { Runbook, RunbookSuggestion } from '../../core/model/runbooks';
import { createRunbookMatcher } from '../../core/runbooks/match';
import { formatDiagnostic, isRunbookFile, parseRunbook } from '../../core/runbooks/parse';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { FindingsRegistry } from './findings';

export interface RunbookFile {
  uri: vscode.Uri;
  /** Workspace-relative path, `/`-separated. */
  relativePath: string;
  runbook: Runbook;
}

const MAX_FILES = 500;
const MAX_BYTES = 512 * 1024;
const EXCLUDE = '**/{node_modules,.git,out,dist}/**';

/**
 * The runbooks of the workspace (the configured folders plus any RUNBOOK.md), parsed, and the
 * ones suggested for the findings of the moment. Holds data and fires events; the view renders it.
 */
export class RunbookCatalog implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly matcher = createRunbookMatcher();
  files: RunbookFile[] = [];
  suggestions: RunbookSuggestion[] = [];
  loaded = false;
  private loading?: Promise<void>;
  private timer?: ReturnType<typeof setTimeout>;
  private matchTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly findings: FindingsRegistry,
    private readonly log: Log,
  ) {
    this.disposables.push(findings.onDidChange(() => this.scheduleMatch()));
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
    const onFile = (uri: vscode.Uri): void => {
      if (this.loaded && this.isCandidate(uri)) this.schedule();
    };
    this.disposables.push(watcher, watcher.onDidChange(onFile), watcher.onDidCreate(onFile), watcher.onDidDelete(onFile));
  }

  ensureLoaded(): Promise<void> {
    this.loading ??= this.refresh();
    return this.loading;
  }

  fileFor(uri: vscode.Uri): RunbookFile | undefined {
    return this.files.find((f) => f.uri.toString() === uri.toString());
  }

  /** Whether a path is where runbooks are looked for (for CodeLenses on files not yet listed). */
  isCandidate(uri: vscode.Uri): boolean {
    const rel = vscode.workspace.asRelativePath(uri, false).replace(/\\/g, '/');
    const name = rel.split('/').pop() ?? '';
    if (name === 'RUNBOOK.md') return true;
    if (!isRunbookFile(rel)) return false;
    return readSettings(uri).runbooksFolders.some((f) => rel.startsWith(`${trimFolder(f)}/`));
  }

  async refresh(): Promise<void> {
    const found: RunbookFile[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const folders = readSettings(folder.uri).runbooksFolders.map(trimFolder).filter((f) => f !== '' && !f.includes('..'));
      const patterns = [...folders.map((f) => `${f}/**/*.{md,markdown}`), '**/RUNBOOK.md'];
      const seen = new Set<string>();
      for (const pattern of patterns) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, pattern), EXCLUDE, MAX_FILES);
        for (const uri of uris) {
          const rel = vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders!.length > 1).replace(/\\/g, '/');
          if (seen.has(uri.toString()) || (!rel.endsWith('RUNBOOK.md') && !isRunbookFile(rel))) continue;
          seen.add(uri.toString());
          const file = await this.read(uri, rel);
          if (file) found.push(file);
        }
      }
    }
    found.sort((a, b) => a.runbook.title.localeCompare(b.runbook.title) || a.relativePath.localeCompare(b.relativePath));
    this.files = found;
    await this.rematch();
    this.loaded = true;
    this.emitter.fire();
  }

  /** Findings changed: rank again, and tell the view only when the suggestions differ. */
  private scheduleMatch(): void {
    if (!this.loaded) return;
    if (this.matchTimer) clearTimeout(this.matchTimer);
    this.matchTimer = setTimeout(() => {
      this.matchTimer = undefined;
      const before = suggestionKey(this.suggestions);
      void this.rematch().then(
        () => suggestionKey(this.suggestions) !== before && this.emitter.fire(),
        (e) => this.log.error('runbooks', `matching failed: ${String(e)}`),
      );
    }, 300);
  }

  private async rematch(): Promise<void> {
    const context = await this.findings.collect();
    this.suggestions = this.matcher.match(
      this.files.map((f) => f.runbook),
      context,
      10,
    );
  }

  private async read(uri: vscode.Uri, rel: string): Promise<RunbookFile | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) {
        this.log.warn('runbooks', `${rel} is larger than ${MAX_BYTES} bytes; skipped`);
        return undefined;
      }
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const runbook = parseRunbook(rel, text);
      for (const d of runbook.diagnostics) this.log.info('runbooks', formatDiagnostic(rel, d));
      return { uri, relativePath: rel, runbook };
    } catch (e) {
      this.log.warn('runbooks', `could not read ${rel}: ${String(e)}`);
      return undefined;
    }
  }

  private schedule(): void {
    if (!this.loaded) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.loading = this.refresh().catch((e) => this.log.error('runbooks', `refresh failed: ${String(e)}`));
    }, 300);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.matchTimer) clearTimeout(this.matchTimer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.emitter.dispose();
  }
}

function suggestionKey(suggestions: readonly RunbookSuggestion[]): string {
  return JSON.stringify(suggestions.map((s) => [s.runbook.path, s.score, s.reasons.map((r) => r.text)]));
}

function trimFolder(folder: string): string {
  return folder.trim().replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, '');
}
