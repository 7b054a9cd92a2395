import * as vscode from 'vscode';
import type { TimeWindow } from '../../core/model/changes';
import type { ErrorEvent, ErrorIssue } from '../../core/model/errors';
import { readSentryIssues } from '../../sources/sentry/readIssues';
import { SourceError, errorMessage, isSourceError } from '../../core/errors';
import { ContextKeys } from '../../core/ids';
import type { SentryClient } from '../../sources/sentry/sentryClient';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { Credentials } from '../sources/credentials';
import { remoteSources } from '../sources/loadRemoteSources';

export type ErrorsState =
  | { kind: 'idle' }
  | { kind: 'notConfigured'; message: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: SourceError; window: TimeWindow }
  | { kind: 'ready'; window: TimeWindow; issues: ErrorIssue[]; truncated: boolean; loadedAt: number; demo: boolean };

export type EventState = { kind: 'ready'; event: ErrorEvent } | { kind: 'error'; error: SourceError };

/** Latest events are read up front for this many issues, so decorations can show their frames. */
const EVENTS_UP_FRONT = 20;

/**
 * The Sentry issues of the window and their latest events. One load at a time; a newer refresh
 * cancels the older one. Failures become a state, never an exception into the view.
 */
export class ErrorsModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  state: ErrorsState = { kind: 'idle' };
  private readonly events = new Map<string, Promise<EventState>>();
  private readonly settled = new Map<string, EventState>();
  private client?: SentryClient;
  private loading?: AbortController;
  private loaded?: Promise<void>;

  constructor(
    private readonly log: Log,
    private readonly credentials: Credentials,
    private readonly windowOf: () => TimeWindow,
    private readonly latestDeployTime: () => number | undefined,
  ) {}

  ensureLoaded(): Promise<void> {
    return (this.loaded ??= this.refresh());
  }

  /** Latest events already read, by issue id (for decorations). */
  get readyEvents(): ReadonlyMap<string, EventState> {
    return this.settled;
  }

  async refresh(token?: vscode.CancellationToken): Promise<void> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    token?.onCancellationRequested(() => controller.abort());
    const run = this.load(controller.signal).catch((e) => this.log.error('sentry', `load failed: ${errorMessage(e)}`));
    this.loaded = run;
    await run;
  }

  /** The issue's latest event, read once per refresh. */
  event(issueId: string): Promise<EventState> {
    let p = this.events.get(issueId);
    if (!p) {
      const client = this.client;
      const signal = this.loading?.signal;
      p = client
        ? client.latestEvent(issueId, signal).then(
            (event): EventState => ({ kind: 'ready', event }),
            (e): EventState => ({ kind: 'error', error: isSourceError(e) ? e : new SourceError('failed', errorMessage(e)) }),
          )
        : Promise.resolve<EventState>({ kind: 'error', error: new SourceError('notConfigured', 'Sentry is not configured.') });
      p.then((s) => {
        if (this.events.get(issueId) === p) this.settled.set(issueId, s);
      });
      this.events.set(issueId, p);
    }
    return p;
  }

  private async load(signal: AbortSignal): Promise<void> {
    const settings = readSettings();
    const s = settings.sentry;
    this.events.clear();
    this.settled.clear();
    this.client = undefined;
    const window = this.windowOf();
    const token = await this.credentials.sentryToken(s.baseUrl, settings.demoData);
    if (signal.aborted) return;
    if (!s.organization || !token) {
      const message = !s.organization ? 'Set incidentDesk.sentry.organization.' : 'Set a Sentry auth token.';
      this.setState({ kind: 'notConfigured', message });
      return;
    }
    try {
      const { SentryClient } = remoteSources();
      this.client = new SentryClient({ baseUrl: s.baseUrl, org: s.organization, projects: s.projects, environment: s.environment || undefined, token }, { log: this.log });
    } catch (e) {
      this.setState(isSourceError(e) && e.kind === 'notConfigured' ? { kind: 'notConfigured', message: e.message } : { kind: 'error', error: asSourceError(e), window });
      return;
    }
    if (this.state.kind !== 'ready') this.setState({ kind: 'loading' });
    const started = Date.now();
    try {
      const client = this.client;
      const { issues, truncated } = await readSentryIssues(client, { window, signal, latestLocalDeploy: this.latestDeployTime() });
      if (signal.aborted) return;
      await Promise.all(issues.slice(0, EVENTS_UP_FRONT).map((i) => this.event(i.id)));
      if (signal.aborted) return;
      this.setState({ kind: 'ready', window, issues, truncated, loadedAt: Date.now(), demo: settings.demoData });
      this.log.info('sentry', `${issues.length} issues in ${window.label} (${Date.now() - started} ms)`);
    } catch (e) {
      if (signal.aborted) return;
      const error = asSourceError(e);
      this.log.error('sentry', error.message, error.detail);
      this.setState({ kind: 'error', error, window });
    }
  }

  private setState(state: ErrorsState): void {
    this.state = state;
    void vscode.commands.executeCommand('setContext', ContextKeys.errorsState, state.kind);
    this.emitter.fire();
  }

  dispose(): void {
    this.loading?.abort();
    this.emitter.dispose();
  }
}

function asSourceError(e: unknown): SourceError {
  return isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
}
