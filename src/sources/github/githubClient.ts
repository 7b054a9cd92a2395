import { Octokit } from '@octokit/rest';
import { SourceError } from '../../core/errors';
import type { TimeWindow } from '../../core/model/changes';
import type { DeploymentEvent, PullRequestEvent, ReleaseEvent, RemoteChangeEvent, RemoteCommitEvent, RemoteComparison } from '../../core/model/deploys';
import { asObject, asTime, expectArray } from '../http/json';
import { checkBaseUrl, DEFAULT_TIMEOUT_MS } from '../http/jsonClient';
import type { Log } from '../http/log';
import { silentLog } from '../http/log';
import { eachLimited } from '../http/concurrency';
import { retryPolicy } from '../http/retry';
import type { RetryPolicy } from '../http/retry';
import { timedFetch } from '../http/timedFetch';
import { parseComparison, parseDeployment, parseGitHubCommit, parseGitHubRelease, parsePullRequest } from './parseGitHub';
import { createRequestHook, GitHubRequestState } from './requestHook';
import type { RateLimitState, RequestOptionsLike } from './requestHook';

export const GITHUB_DEFAULT_API = 'https://api.github.com';

export interface GitHubClientOptions {
  /** https://api.github.com (default) or https://{host}/api/v3 for GitHub Enterprise Server. */
  baseUrl?: string;
  /** Without one, public repositories still work at a much lower rate limit. */
  token?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: Log;
  now?: () => number;
  /** Pages per listing, at most; a listing also stops at the first item older than the window. */
  maxPages?: number;
  perPage?: number;
  /** Deployments whose latest status is asked for, at most (one request each). */
  maxDeployments?: number;
}

export interface GitHubWindowRequest {
  window: Pick<TimeWindow, 'start' | 'end'>;
  signal?: AbortSignal;
}

export interface RemoteChanges {
  events: RemoteChangeEvent[];
  /** Parts that failed while others worked (e.g. a token without access to deployments). */
  failures: SourceError[];
}

type Part = 'deployments' | 'pullRequests' | 'releases' | 'commits';

/*
 * Octokit's precise per-route types cost more than they give here: routes are fixed strings and
 * every body is read defensively as unknown. These shapes are what the calls below rely on.
 */
type LooseWrap = (name: 'request', hook: ReturnType<typeof createRequestHook>) => void;
type LoosePaginate = (
  request: unknown,
  params: Record<string, unknown>,
  mapFn: (response: { data: unknown }, done: () => void) => unknown[],
) => Promise<unknown[]>;

/**
 * GitHub for one repository through Octokit's own request path (Node's fetch, real sockets),
 * with a timed fetch and a request hook adding timeouts, cancellation, retries, ETags and
 * rate-limit handling. Keep one client per repository and token: the ETag cache lives in it.
 */
export class GitHubClient {
  readonly octokit: Octokit;
  private readonly state = new GitHubRequestState();
  private readonly maxPages: number;
  private readonly perPage: number;

  constructor(
    readonly repo: { owner: string; name: string },
    private readonly options: GitHubClientOptions = {},
  ) {
    if (!repo.owner || !repo.name) throw new SourceError('notConfigured', 'No GitHub repository was detected for this workspace.');
    const base = checkBaseUrl(options.baseUrl?.trim() || GITHUB_DEFAULT_API, 'GitHub');
    const log = options.log ?? silentLog;
    const now = options.now ?? Date.now;
    this.maxPages = options.maxPages ?? 5;
    this.perPage = Math.min(100, options.perPage ?? 100);
    const token = options.token?.trim();
    this.octokit = new Octokit({
      baseUrl: base.href.replace(/\/+$/, ''),
      auth: token || undefined,
      userAgent: 'incident-desk',
      log: { debug: () => undefined, info: () => undefined, warn: (m: string) => log.warn('github', m), error: (m: string) => log.error('github', m) },
      request: { fetch: timedFetch({ service: 'GitHub', origin: base.origin, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS }) },
    });
    const hook = createRequestHook(
      {
        service: 'GitHub',
        policy: retryPolicy(options.retry),
        log,
        now,
        urlOf: (o) => this.octokit.request.endpoint.parse(o as Parameters<typeof this.octokit.request.endpoint.parse>[0]).url,
        describe: (o) => this.describe(o),
      },
      this.state,
    );
    (this.octokit.hook.wrap as LooseWrap).call(this.octokit.hook, 'request', hook);
  }

  /** The last rate-limit state GitHub reported, for "rate limited until" in the views. */
  get rateLimit(): RateLimitState | undefined {
    return this.state.rateLimit;
  }

  /** Answers served from the ETag cache after a 304. */
  get notModifiedCount(): number {
    return this.state.notModified;
  }

  /** Deployments created in the window, newest first, each with its latest status. */
  async deployments(req: GitHubWindowRequest & { environment?: string }): Promise<DeploymentEvent[]> {
    const raw = await this.listUntil('GET /repos/{owner}/{repo}/deployments', { environment: req.environment }, req, (item) => asTime(asObject(item)?.created_at));
    const inWindow = raw.filter((d) => inside(asTime(asObject(d)?.created_at), req.window)).slice(0, this.options.maxDeployments ?? 30);
    const out: DeploymentEvent[] = [];
    await eachLimited(inWindow, 4, async (d) => {
      const parsed = parseDeployment(d, await this.latestStatus(asObject(d)?.id, req.signal));
      if (parsed) out.push(parsed);
    });
    return out.sort((a, b) => b.time - a.time);
  }

  /** Pull requests merged in the window, newest merge first. */
  async mergedPullRequests(req: GitHubWindowRequest & { base?: string }): Promise<PullRequestEvent[]> {
    // Sorted by last update: merged_at ≤ updated_at, so once updates are older, merges are too.
    const raw = await this.listUntil(
      'GET /repos/{owner}/{repo}/pulls',
      { state: 'closed', sort: 'updated', direction: 'desc', base: req.base },
      req,
      (item) => asTime(asObject(item)?.updated_at),
    );
    return raw
      .map(parsePullRequest)
      .filter((p): p is PullRequestEvent => !!p && inside(p.mergedAt, req.window))
      .sort((a, b) => b.mergedAt - a.mergedAt);
  }

  /** Releases published in the window (drafts by creation), newest first. */
  async releases(req: GitHubWindowRequest): Promise<ReleaseEvent[]> {
    const raw = await this.listUntil('GET /repos/{owner}/{repo}/releases', {}, req, (item) => {
      const o = asObject(item);
      const times = [asTime(o?.created_at), asTime(o?.published_at)].filter((t): t is number => t !== undefined);
      return times.length ? Math.max(...times) : undefined;
    });
    return raw
      .map(parseGitHubRelease)
      .filter((r): r is ReleaseEvent => !!r && inside(r.time, req.window))
      .sort((a, b) => b.time - a.time);
  }

  /** Commits on the default branch (or `branch`) in the window: for when the clone lacks them. */
  async commits(req: GitHubWindowRequest & { branch?: string }): Promise<RemoteCommitEvent[]> {
    const raw = await this.listUntil(
      'GET /repos/{owner}/{repo}/commits',
      { sha: req.branch, since: new Date(req.window.start).toISOString(), until: new Date(req.window.end).toISOString() },
      req,
      () => undefined,
    );
    return raw.map(parseGitHubCommit).filter((c): c is RemoteCommitEvent => !!c);
  }

  /**
   * GET compare/{base}...{head}: the commits and changed files between two refs. Paged by commits
   * (GitHub lists the files on the first page only, at most 300); up to `maxPages` pages.
   */
  async compare(base: string, head: string, signal?: AbortSignal): Promise<RemoteComparison> {
    for (const ref of [base, head]) {
      if (!/^[\w][\w./@^~-]*$/.test(ref) || ref.includes('..')) throw new SourceError('failed', `"${ref}" is not a ref that can be compared.`);
    }
    const what = { service: 'GitHub', what: `the comparison ${base}...${head}` };
    let first: RemoteComparison | undefined;
    let pages = 0;
    const request = this.octokit.request.defaults({ request: { signal } });
    const commits = await (this.octokit.paginate as LoosePaginate).call(
      this.octokit,
      request,
      { method: 'GET', url: '/repos/{owner}/{repo}/compare/{basehead}', owner: this.repo.owner, repo: this.repo.name, basehead: `${base}...${head}`, per_page: this.perPage },
      (response: { data: unknown }, done: () => void) => {
        pages++;
        const page = parseComparison(response.data, what);
        first ??= page;
        if (pages >= this.maxPages) done();
        return page.commits;
      },
    );
    if (!first) throw new SourceError('badResponse', `GitHub sent no answer for ${what.what}.`);
    return { ...first, commits: commits as RemoteCommitEvent[] };
  }

  /**
   * A file's bytes at a commit (GET contents/{path}?ref, raw media type). `notFound` when the
   * path is not a file there; a directory answers with a JSON listing, which is not a file either.
   */
  async fileAt(path: string, ref: string, signal?: AbortSignal): Promise<Uint8Array> {
    const res = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: this.repo.owner,
      repo: this.repo.name,
      path,
      ref,
      mediaType: { format: 'raw' },
      // The bytes as sent, whatever the content type says: text and binary alike.
      request: { signal, parseSuccessResponseBody: false },
    });
    const body = res.data as unknown as ReadableStream<Uint8Array> | null;
    const bytes = new Uint8Array(body ? await new Response(body).arrayBuffer() : new ArrayBuffer(0));
    const type = String(res.headers['content-type'] ?? '');
    if (/^application\/json/i.test(type) && bytes[0] === 0x5b /* [ */) throw new SourceError('notFound', `${path} is a directory at ${ref.slice(0, 7)}, not a file.`);
    return bytes;
  }

  /**
   * Everything "What changed recently?" can show from GitHub, fetched side by side. One part
   * failing (a token without access to deployments) leaves the others; all failing throws.
   */
  async changes(req: GitHubWindowRequest & { include?: Partial<Record<Part, boolean>> }): Promise<RemoteChanges> {
    const want = (p: Part): boolean => req.include?.[p] !== false;
    const parts: Promise<RemoteChangeEvent[]>[] = [];
    if (want('deployments')) parts.push(this.deployments(req));
    if (want('pullRequests')) parts.push(this.mergedPullRequests(req));
    if (want('releases')) parts.push(this.releases(req));
    if (want('commits')) parts.push(this.commits(req));
    const settled = await Promise.allSettled(parts);
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [toSourceError(s.reason)] : []));
    const cancelled = failures.find((f) => f.kind === 'cancelled');
    if (cancelled) throw cancelled;
    if (failures.length && failures.length === settled.length) throw failures[0];
    return { events: settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : [])), failures };
  }

  private async latestStatus(id: unknown, signal?: AbortSignal): Promise<unknown> {
    if (typeof id !== 'number' && typeof id !== 'string') return undefined;
    try {
      const res = await this.octokit.request('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
        owner: this.repo.owner,
        repo: this.repo.name,
        deployment_id: Number(id),
        per_page: 1,
        request: { signal },
      });
      return expectArray(res.data, { service: 'GitHub', what: `the statuses of deployment ${id}` })[0];
    } catch (e) {
      // A deployment whose statuses cannot be read still happened; its state stays unknown.
      if (e instanceof SourceError && (e.kind === 'notFound' || e.kind === 'forbidden')) return undefined;
      throw e;
    }
  }

  /**
   * Pages through a newest-first list until an item is older than the window (by `timeOf`) or
   * the page cap is reached. `route` is `GET /path/{param}`.
   */
  private async listUntil(route: string, params: Record<string, unknown>, req: GitHubWindowRequest, timeOf: (item: unknown) => number | undefined): Promise<unknown[]> {
    let pages = 0;
    const what = `GitHub repository ${this.repo.owner}/${this.repo.name}`;
    const defined = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
    // paginate drops `request` options between pages; a request function with the signal in
    // its defaults carries it to every page (and through the hooks).
    const request = this.octokit.request.defaults({ request: { signal: req.signal } });
    const [method, url] = route.split(' ');
    return (this.octokit.paginate as LoosePaginate).call(
      this.octokit,
      request,
      { method, url, owner: this.repo.owner, repo: this.repo.name, per_page: this.perPage, ...defined },
      (response: { data: unknown }, done: () => void) => {
        pages++;
        const out: unknown[] = [];
        for (const item of expectArray(response.data, { service: 'GitHub', what })) {
          const t = timeOf(item);
          if (t !== undefined && t < req.window.start) {
            done();
            break;
          }
          out.push(item);
        }
        if (pages >= this.maxPages) done();
        return out;
      },
    );
  }

  private describe(o: RequestOptionsLike): string {
    const repo = `GitHub repository ${this.repo.owner}/${this.repo.name}`;
    const url = String(o.url ?? '');
    if (url.includes('/compare/')) return `the comparison ${String(o.basehead ?? url.replace(/^.*\/compare\/([^?]*).*$/, '$1'))} in ${repo}`;
    if (url.includes('/contents/')) return `${String(o.path ?? 'a file')}${o.ref ? ` at ${String(o.ref).slice(0, 7)}` : ''} in ${repo}`;
    if (url.includes('/statuses')) return `the statuses of deployment ${String(o.deployment_id ?? '')} in ${repo}`;
    return repo;
  }
}

function inside(t: number | undefined, w: Pick<TimeWindow, 'start' | 'end'>): boolean {
  return t !== undefined && t >= w.start && t <= w.end;
}

function toSourceError(e: unknown): SourceError {
  return e instanceof SourceError ? e : new SourceError('failed', e instanceof Error ? e.message : String(e));
}
