import * as vscode from 'vscode';
import { SourceError } from '../../core/errors';
import { readLogSourceConfigs } from '../../core/logs/sourceConfig';
import type { LogSourceConfig, SourceConfigProblem } from '../../core/logs/sourceConfig';
import type { LogReadResult } from '../../core/model/logs';
import { afterRefresh } from '../../core/logs/staleness';
import type { SourceRead, StaleMark } from '../../core/logs/staleness';
import { parseDuration } from '../../core/changes/timeWindow';
import { remoteSources } from '../sources/loadRemoteSources';
import type { RemoteAuth } from '../../sources/logs/remoteEntries';
import type { Log } from '../log';

export interface LogsWindow {
  start: number;
  end: number;
  /** "incident 2026-11-23-checkout (since 13:40Z)" or "last 1 h". */
  label: string;
}

export type SourceState =
  | { kind: 'loading' }
  /** `stale`: this refresh failed; `result` is the last good read, from `readAt`. */
  | { kind: 'done'; result: LogReadResult; ms: number; readAt: number; stale?: StaleMark }
  | { kind: 'cancelled' };

export interface SourceEntry {
  config: LogSourceConfig;
  state: SourceState;
}

/** The view lists error and warning signatures; info lines are counted, not grouped. */
const SIGNATURE_LEVELS = ['warn', 'error', 'fatal', 'unknown'] as const;

const SECRET_PREFIX = 'incidentDesk.logs.credentials.';

export function secretKey(sourceName: string): string {
  return SECRET_PREFIX + sourceName;
}

/**
 * The Logs view's data: the configured sources and, per source, its last read. Sources are read
 * concurrently and each one's result (or failure) lands on its own, so a slow or failing source
 * never holds back or breaks the others.
 */
export class LogsModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  sources: SourceEntry[] = [];
  problems: SourceConfigProblem[] = [];
  window: LogsWindow | undefined;
  private running: vscode.CancellationTokenSource | undefined;
  private generation = 0;
  // The last read of each source (by name), kept across refreshes: shown, stale, when one fails.
  private readonly lastReads = new Map<string, { key: string; read: SourceRead }>();

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log,
    private readonly incidentWindow: () => Promise<LogsWindow | undefined>,
  ) {}

  get configured(): boolean {
    return this.sources.length > 0 || this.problems.length > 0;
  }

  readConfig(): LogSourceConfig[] {
    const c = vscode.workspace.getConfiguration('incidentDesk.logs');
    const { sources, problems } = readLogSourceConfigs(c.get('sources'));
    this.problems = problems;
    for (const p of problems) this.log.warn('logs', `incidentDesk.logs.sources[${p.index}]${p.name ? ` (${p.name})` : ''} ${p.message}`);
    return sources;
  }

  async windowNow(): Promise<LogsWindow> {
    const fromIncident = await this.incidentWindow().catch(() => undefined);
    if (fromIncident) return fromIncident;
    const spec = vscode.workspace.getConfiguration('incidentDesk.logs').get<string>('defaultWindow') || '1h';
    const ms = parseDuration(spec) ?? 3_600_000;
    const end = Date.now();
    return { start: end - ms, end, label: `last ${spec}` };
  }

  /** Reads every source for the window; cancelling stops the reads still running. */
  async refresh(token?: vscode.CancellationToken, windowOverride?: LogsWindow): Promise<void> {
    this.running?.cancel();
    const cts = new vscode.CancellationTokenSource();
    this.running = cts;
    const sub = token?.onCancellationRequested(() => cts.cancel());
    const gen = ++this.generation;
    const configs = this.readConfig();
    const window = windowOverride ?? (await this.windowNow());
    // A newer refresh started while this one looked up the window: it owns the view now.
    if (gen !== this.generation) {
      sub?.dispose();
      cts.dispose();
      return;
    }
    this.window = window;
    this.sources = configs.map((config) => ({ config, state: { kind: 'loading' } }));
    this.emitter.fire();
    const abort = new AbortController();
    cts.token.onCancellationRequested(() => abort.abort());
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const timeZone = vscode.workspace.getConfiguration('incidentDesk.logs').get<string>('timeZone') || undefined;
    try {
      await Promise.all(
        this.sources.map(async (entry) => {
          const started = Date.now();
          let state: SourceState;
          try {
            const auth = await this.auth(entry.config);
            const result = await remoteSources().readLogSource(entry.config, { window: { start: window.start, end: window.end }, maxEntries: 2000, signatureLevels: SIGNATURE_LEVELS }, { cwd: folder, timeZone, auth, signal: abort.signal, log: this.log });
            state = this.settle(entry.config, result, Date.now() - started);
            const s = result.status;
            if (s.error) this.log.warn('logs', `${entry.config.name}: ${s.error.message}${s.error.detail ? ` (${s.error.detail.slice(0, 300)})` : ''}`);
            for (const w of s.warnings) this.log.info('logs', `${entry.config.name}: ${w}`);
            this.log.info('logs', `${entry.config.name}: ${s.counts.entries} entries, ${result.signatures.length} signatures, ${result.findings.length} findings in ${Date.now() - started} ms`);
          } catch (e) {
            if (e instanceof SourceError && e.kind === 'cancelled') state = { kind: 'cancelled' };
            else {
              this.log.error('logs', `${entry.config.name} failed`, e instanceof Error ? e.stack : String(e));
              const err = new SourceError('failed', e instanceof Error ? e.message : String(e));
              state = this.settle(entry.config, remoteSources().failed(entry.config.name, { window }, err), Date.now() - started);
            }
          }
          if (gen !== this.generation) return;
          entry.state = state;
          this.emitter.fire();
        }),
      );
    } finally {
      sub?.dispose();
      if (this.running === cts) this.running = undefined;
      cts.dispose();
    }
  }

  /** A failed read after a good one of the same source settings keeps the good data, marked stale. */
  private settle(config: LogSourceConfig, result: LogReadResult, ms: number): SourceState {
    const key = JSON.stringify(config);
    const before = this.lastReads.get(config.name);
    const read = afterRefresh(before?.read, result, Date.now(), before?.key === key);
    this.lastReads.set(config.name, { key, read });
    if (read.stale) this.log.warn('logs', `${config.name}: refresh failed (${read.stale.error.message}); showing the data read at ${new Date(read.readAt).toISOString()}`);
    return { kind: 'done', result: read.result, readAt: read.readAt, stale: read.stale, ms };
  }

  /** The last read of a source (good, or the last good one marked stale), also while it is read again. */
  lastRead(name: string): SourceRead | undefined {
    return this.lastReads.get(name)?.read;
  }

  cancel(): void {
    this.running?.cancel();
  }

  private async auth(config: LogSourceConfig): Promise<RemoteAuth | undefined> {
    if (config.type !== 'loki' && config.type !== 'elasticsearch') return undefined;
    const raw = await this.secrets.get(secretKey(config.name));
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as RemoteAuth;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    this.running?.cancel();
    this.emitter.dispose();
  }
}
