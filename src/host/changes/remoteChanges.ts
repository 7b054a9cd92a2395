import * as vscode from 'vscode';
import type { ChangeEventRow, RemoteChangeEvent } from '../../core/model/deploys';
import { remoteRowsFor } from '../../core/changes/remoteRows';
import { SourceError, errorMessage, isSourceError } from '../../core/errors';
import type { GitHubClient } from '../../sources/github/githubClient';
import { parseGitHubRemote } from '../../sources/github/remote';
import { Commands } from '../../core/ids';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { Credentials } from '../sources/credentials';
import { remoteSources } from '../sources/loadRemoteSources';
import { statusRow, type StatusRow } from '../sources/sourceStatus';
import type { ChangesModel, RepoEntry } from './changesModel';

export type RemoteState =
  | { kind: 'loading' }
  | { kind: 'ready'; rows: ChangeEventRow[]; statuses: StatusRow[]; services: string[]; demo: boolean };

/**
 * What GitHub (deployments, merged pull requests, releases, commits the clone lacks) and Sentry
 * (releases and deploys) say changed in a repository's window, merged with its local commits
 * by sha. Each service fails on its own: its status becomes a row, the local history stays.
 */
export class RemoteChangesModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly states = new Map<string, { key: string; state: RemoteState; abort: AbortController; done?: Promise<RemoteState> }>();
  /** One client per repository and token: Octokit's ETag cache lives in it. */
  private readonly github = new Map<string, GitHubClient>();
  /** The GitHub client last used for a repository root, for comparisons. */
  private readonly githubByRoot = new Map<string, GitHubClient>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly changes: ChangesModel,
    private readonly credentials: Credentials,
    private readonly log: Log,
  ) {
    this.subscription = credentials.onDidChange(() => this.invalidate());
  }

  invalidate(): void {
    for (const s of this.states.values()) s.abort.abort();
    this.states.clear();
    this.emitter.fire();
  }

  /** The GitHub client of a repository once its rows were read with a token. */
  githubClient(root: string): GitHubClient | undefined {
    return this.githubByRoot.get(root);
  }

  /** The remote rows of a ready repository; starts reading them the first time it is asked. */
  stateFor(repo: RepoEntry): RemoteState | undefined {
    const s = repo.state;
    if (s.kind !== 'ready') return undefined;
    const key = `${s.window.start}|${s.window.end}|${s.loadedAt}`;
    const current = this.states.get(repo.root);
    if (current?.key === key) return current.state;
    current?.abort.abort();
    const abort = new AbortController();
    const entry: { key: string; state: RemoteState; abort: AbortController; done?: Promise<RemoteState> } = { key, state: { kind: 'loading' }, abort };
    this.states.set(repo.root, entry);
    entry.done = this.load(repo, abort.signal).then((state) => {
      if (abort.signal.aborted || this.states.get(repo.root) !== entry) return entry.state;
      entry.state = state;
      this.emitter.fire();
      return state;
    });
    return entry.state;
  }

  /** The remote rows of a repository once read (undefined when it is not ready). */
  async loaded(repo: RepoEntry): Promise<RemoteState | undefined> {
    if (!this.stateFor(repo)) return undefined;
    return this.states.get(repo.root)?.done;
  }

  private async load(repo: RepoEntry, signal: AbortSignal): Promise<RemoteState> {
    const s = repo.state;
    if (s.kind !== 'ready') return { kind: 'ready', rows: [], statuses: [], services: [], demo: false };
    const settings = readSettings(vscode.Uri.file(repo.root));
    const window = { ...s.window, end: Math.max(Date.now(), s.window.end) };
    const githubEvents: RemoteChangeEvent[] = [];
    const sentryEvents: RemoteChangeEvent[] = [];
    const statuses: StatusRow[] = [];
    const services: string[] = [];
    const fail = (service: 'GitHub' | 'Sentry', e: unknown): void => {
      const error = isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
      if (error.kind === 'cancelled') return;
      this.log.warn(service.toLowerCase(), `${repo.name}: ${error.message}${error.detail ? ` (${error.detail})` : ''}`);
      if (!statuses.some((r) => r.text === statusRow(service, error).text)) statuses.push(statusRow(service, error));
    };

    const github = async (): Promise<void> => {
      if (!settings.github.enabled) return;
      const url = await repo.repository?.remoteUrl(signal).catch(() => undefined);
      const ref = url ? parseGitHubRemote(url, { enterpriseHosts: settings.github.enterpriseHosts }) : undefined;
      if (!ref) return;
      services.push('GitHub');
      const apiBaseUrl = settings.github.apiBaseUrl || ref.apiBaseUrl;
      const { token } = await this.credentials.githubToken(apiBaseUrl, settings.demoData);
      if (!token) {
        // No request without a token: the view offers sign-in instead of spending the anonymous limit.
        statuses.push({
          text: `GitHub: not signed in · sign in to see deployments and pull requests of ${ref.owner}/${ref.name}`,
          icon: 'account',
          command: { command: Commands.signInToGitHub, title: 'Sign in to GitHub' },
        });
        return;
      }
      const key = `${apiBaseUrl}|${ref.owner}/${ref.name}|${token ?? ''}`;
      try {
        let client = this.github.get(key);
        const { GitHubClient } = remoteSources();
        if (!client) this.github.set(key, (client = new GitHubClient({ owner: ref.owner, name: ref.name }, { baseUrl: apiBaseUrl, token, log: this.log })));
        this.githubByRoot.set(repo.root, client);
        const result = await client.changes({ window, signal });
        githubEvents.push(...result.events);
        for (const f of result.failures) fail('GitHub', f);
      } catch (e) {
        fail('GitHub', e);
      }
    };

    const sentry = async (): Promise<void> => {
      const c = settings.sentry;
      const token = await this.credentials.sentryToken(c.baseUrl, settings.demoData);
      if (!c.organization || !token) return;
      services.push('Sentry');
      try {
        const { SentryClient } = remoteSources();
        const client = new SentryClient({ baseUrl: c.baseUrl, org: c.organization, projects: c.projects, environment: c.environment || undefined, token }, { log: this.log });
        const [releases, deploys] = await Promise.all([client.releases({ window, signal }), client.deploys({ window, signal })]);
        sentryEvents.push(...releases, ...deploys);
      } catch (e) {
        fail('Sentry', e);
      }
    };

    await Promise.all([github(), sentry()]);
    const rows = remoteRowsFor(s.groups, [...githubEvents, ...sentryEvents], window);
    return { kind: 'ready', rows, statuses, services, demo: settings.demoData };
  }

  dispose(): void {
    this.subscription.dispose();
    for (const s of this.states.values()) s.abort.abort();
    this.emitter.dispose();
  }
}
