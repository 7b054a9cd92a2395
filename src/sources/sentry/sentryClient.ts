import { SourceError } from '../../core/errors';
import type { TimeWindow } from '../../core/model/changes';
import type { DeploymentEvent, ReleaseEvent } from '../../core/model/deploys';
import type { ErrorEvent, ErrorIssue, IssueList } from '../../core/model/errors';
import { eachLimited } from '../http/concurrency';
import { nextPageUrl } from '../http/linkHeader';
import { expectArray, expectObject, asString } from '../http/json';
import { JsonHttpClient } from '../http/jsonClient';
import type { QueryValue } from '../http/jsonClient';
import type { Log } from '../http/log';
import type { RetryPolicy } from '../http/retry';
import { parseEvent } from './parseEvent';
import { parseIssue } from './parseIssues';
import { parseDeploy, parseRelease } from './parseReleases';
import type { SentryRelease } from './parseReleases';

export const SENTRY_DEFAULT_URL = 'https://sentry.io';

export interface SentryConfig {
  /** https://sentry.io (default) or a self-hosted address, optionally with a path prefix. */
  baseUrl?: string;
  org: string;
  /** Project ids or slugs; empty means every project the token can see. */
  projects: readonly string[];
  environment?: string;
  token: string;
}

export interface SentryClientOptions {
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: Log;
  now?: () => number;
  /** Caps for one listing, so a noisy organization cannot stall a refresh. */
  maxPages?: number;
  maxIssues?: number;
  pageSize?: number;
  /** Releases whose deploys are asked for, at most. */
  maxReleasesForDeploys?: number;
}

export interface ListIssuesRequest {
  window: Pick<TimeWindow, 'start' | 'end'>;
  signal?: AbortSignal;
  /** The latest deploy's time: issues first seen after it are new too. */
  latestDeployTime?: number;
  /** Sentry search; Sentry's own default is `is:unresolved`. */
  query?: string;
  sort?: 'date' | 'new' | 'freq' | 'user';
}

export interface WindowRequest {
  window: Pick<TimeWindow, 'start' | 'end'>;
  signal?: AbortSignal;
}

const SERVICE = 'Sentry';
const COMPONENT = 'sentry';

/** Sentry's REST API (/api/0/) for one organization: issues, latest events, releases, deploys. */
export class SentryClient {
  private readonly http: JsonHttpClient;
  private readonly now: () => number;
  private projectIds?: Promise<string[]>;

  constructor(
    private readonly config: SentryConfig,
    private readonly options: SentryClientOptions = {},
  ) {
    if (!config.org.trim()) throw new SourceError('notConfigured', 'Set the Sentry organization to see its issues.');
    if (!config.token.trim()) throw new SourceError('notConfigured', 'Add a Sentry auth token to see its issues.');
    this.now = options.now ?? Date.now;
    this.http = new JsonHttpClient({
      service: SERVICE,
      baseUrl: config.baseUrl?.trim() || SENTRY_DEFAULT_URL,
      headers: { Authorization: `Bearer ${config.token.trim()}` },
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      log: options.log,
      now: this.now,
    });
  }

  private get orgPath(): string {
    return `/api/0/organizations/${encodeURIComponent(this.config.org)}`;
  }

  private get orgWhat(): string {
    return `Sentry organization "${this.config.org}"`;
  }

  /** Issues with events in the window, following cursor pages while Sentry says there are more. */
  async listIssues(req: ListIssuesRequest): Promise<IssueList> {
    const maxPages = this.options.maxPages ?? 5;
    const maxIssues = this.options.maxIssues ?? 200;
    const projects = await this.resolveProjects(req.signal);
    const params: Record<string, QueryValue> = {
      ...periodParams(req.window, this.now()),
      project: projects.length ? projects : undefined,
      environment: this.config.environment || undefined,
      query: req.query ?? 'is:unresolved',
      sort: req.sort ?? 'date',
      limit: Math.min(100, this.options.pageSize ?? 100),
    };
    const issues: ErrorIssue[] = [];
    const seen = new Set<string>();
    let next: string | undefined = `${this.orgPath}/issues/`;
    let pages = 0;
    let truncated = false;
    while (next) {
      if (pages >= maxPages) {
        truncated = true;
        break;
      }
      const res = await this.http.getJson({ path: next, params: pages === 0 ? params : undefined, signal: req.signal, what: this.orgWhat });
      pages++;
      for (const raw of expectArray(res.data, { service: SERVICE, what: `the issues of ${this.orgWhat}` })) {
        const issue = parseIssue(raw, req.window, req.latestDeployTime);
        if (!issue || seen.has(issue.id)) continue;
        seen.add(issue.id);
        issues.push(issue);
      }
      next = nextPageUrl(res.headers('link'));
      if (issues.length >= maxIssues) {
        truncated = issues.length > maxIssues || next !== undefined;
        issues.length = Math.min(issues.length, maxIssues);
        break;
      }
    }
    if (truncated) this.options.log?.info(COMPONENT, `Issue list stopped at ${issues.length} issues (${pages} pages).`);
    return { issues, truncated, pages };
  }

  /** The issue's latest event with its exceptions and frames. */
  async latestEvent(issueId: string, signal?: AbortSignal): Promise<ErrorEvent> {
    const what = `Sentry issue ${issueId} in organization "${this.config.org}"`;
    const res = await this.http.getJson({ path: `${this.orgPath}/issues/${encodeURIComponent(issueId)}/events/latest/`, signal, what });
    return parseEvent(res.data, { service: SERVICE, what });
  }

  /** Releases created, released or deployed inside the window, newest first. */
  async releases(req: WindowRequest): Promise<ReleaseEvent[]> {
    const rel = await this.releasesNear(req);
    return rel
      .filter((r) => r.event.time >= req.window.start && r.event.time <= req.window.end)
      .map((r) => r.event)
      .sort((a, b) => b.time - a.time);
  }

  async releaseDetails(version: string, signal?: AbortSignal): Promise<ReleaseEvent> {
    const what = `Sentry release "${version}"`;
    const res = await this.http.getJson({ path: `${this.orgPath}/releases/${encodeURIComponent(version)}/`, signal, what });
    const parsed = parseRelease(expectObject(res.data, { service: SERVICE, what }));
    if (!parsed) throw new SourceError('badResponse', `Sentry sent release "${version}" without a version or date.`);
    return parsed.event;
  }

  /** Deploys that finished inside the window (in the configured environment), newest first. */
  async deploys(req: WindowRequest): Promise<DeploymentEvent[]> {
    const { start, end } = req.window;
    const candidates = (await this.releasesNear(req))
      .filter((r) => r.deployCount !== 0)
      .filter((r) => r.lastDeployTime === undefined || r.lastDeployTime >= start)
      .slice(0, this.options.maxReleasesForDeploys ?? 20);
    const out: DeploymentEvent[] = [];
    await eachLimited(candidates, 4, async (r) => {
      const what = `the deploys of Sentry release "${r.version}"`;
      const res = await this.http.getJson({ path: `${this.orgPath}/releases/${encodeURIComponent(r.version)}/deploys/`, signal: req.signal, what });
      for (const raw of expectArray(res.data, { service: SERVICE, what })) {
        const d = parseDeploy(raw, { version: r.version, sha: r.event.sha });
        if (!d || d.time < start || d.time > end) continue;
        if (this.config.environment && d.environment !== this.config.environment) continue;
        out.push(d);
      }
    });
    return out.sort((a, b) => b.time - a.time);
  }

  /**
   * Releases that may matter for the window. The list is newest-created first, so paging stops
   * once a whole page is older than the window (counting a later deploy as activity).
   */
  private async releasesNear(req: WindowRequest): Promise<SentryRelease[]> {
    const maxPages = this.options.maxPages ?? 5;
    const projects = await this.resolveProjects(req.signal);
    const params: Record<string, QueryValue> = {
      project: projects.length ? projects : undefined,
      environment: this.config.environment || undefined,
      per_page: Math.min(100, this.options.pageSize ?? 50),
    };
    const out: SentryRelease[] = [];
    let next: string | undefined = `${this.orgPath}/releases/`;
    for (let page = 0; next && page < maxPages; page++) {
      const res = await this.http.getJson({ path: next, params: page === 0 ? params : undefined, signal: req.signal, what: `the releases of ${this.orgWhat}` });
      const list = expectArray(res.data, { service: SERVICE, what: `the releases of ${this.orgWhat}` });
      let anyRecent = false;
      for (const raw of list) {
        const r = parseRelease(raw);
        if (!r || r.latestActivity < req.window.start) continue;
        anyRecent = true;
        out.push(r);
      }
      next = anyRecent ? nextPageUrl(res.headers('link')) : undefined;
    }
    return out;
  }

  /**
   * The organization issues endpoint takes numeric project ids; slugs are looked up once (a
   * missing one fails as notFound naming it).
   */
  private resolveProjects(signal?: AbortSignal): Promise<string[]> {
    if (!this.projectIds) {
      const pending = Promise.all(this.config.projects.map((p) => p.trim()).filter(Boolean).map((p) => this.projectId(p, signal)));
      this.projectIds = pending;
      // A failed or cancelled lookup must not stick: the next refresh asks again.
      pending.catch(() => {
        if (this.projectIds === pending) this.projectIds = undefined;
      });
    }
    return this.projectIds;
  }

  private async projectId(project: string, signal?: AbortSignal): Promise<string> {
    if (/^-?\d+$/.test(project)) return project;
    const what = `Sentry project "${project}" in organization "${this.config.org}"`;
    const res = await this.http.getJson({ path: `/api/0/projects/${encodeURIComponent(this.config.org)}/${encodeURIComponent(project)}/`, signal, what });
    const id = asString(expectObject(res.data, { service: SERVICE, what }).id);
    if (!id) throw new SourceError('badResponse', `Sentry sent ${what} without an id.`);
    return id;
  }
}

/** statsPeriod for a window ending now (Sentry's own relative form), start/end otherwise. */
export function periodParams(window: Pick<TimeWindow, 'start' | 'end'>, now: number): Record<string, string> {
  const span = Math.max(60_000, window.end - window.start);
  if (Math.abs(now - window.end) <= 60_000) {
    const minutes = Math.ceil(span / 60_000);
    if (minutes % 1440 === 0) return { statsPeriod: `${minutes / 1440}d` };
    if (minutes % 60 === 0) return { statsPeriod: `${minutes / 60}h` };
    return { statsPeriod: `${minutes}m` };
  }
  return { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString() };
}
