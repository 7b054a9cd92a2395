/**
 * GitHub's REST routes for one repository on a ReplayServer: page/per_page paging with Link
 * headers, ETags with 304 that spend no rate limit, x-ratelimit-* headers and a primary limit
 * that can run out. Served at the root (api.github.com) and under /api/v3 (Enterprise Server).
 */
import { createHash } from 'node:crypto';
import { ReplayServer } from './replayServer';
import type { ReplayResponse, RouteRequest } from './replayServer';
import { loadSample, sampleItem } from './samples';
import type { Json } from './samples';

export interface GitHubReplayData {
  owner: string;
  repo: string;
  pulls: Json[];
  deployments: Json[];
  /** deployment id → its statuses, newest first; '*' for any deployment not listed. */
  statuses: Record<string, Json[]>;
  releases: Json[];
  commits: Json[];
  /** The compare body, or a function of `base...head` (undefined → 404). */
  compare: Json | ((basehead: string) => Json | undefined);
  /** A file's bytes at a commit (GET contents/{path}?ref); undefined → 404. */
  contents?: (path: string, ref: string) => Buffer | undefined;
}

export interface GitHubReplayOptions {
  /** When set, requests must carry `token <t>` or `Bearer <t>` or get 401. */
  token?: string;
  perPage?: number;
  rateLimit?: { limit?: number; remaining?: number; reset?: number };
}

export interface RateLimitControl {
  limit: number;
  remaining: number;
  /** epoch seconds */
  reset: number;
}

export function sampleGitHubData(owner = 'octocat', repo = 'Hello-World'): GitHubReplayData {
  return {
    owner,
    repo,
    pulls: loadSample<Json[]>('github/pulls-list.json'),
    deployments: loadSample<Json[]>('github/deployments-list.json'),
    statuses: { '*': loadSample<Json[]>('github/deployment-statuses-list.json') },
    releases: loadSample<Json[]>('github/releases-list.json'),
    commits: loadSample<Json[]>('github/commits-list.json'),
    compare: loadSample<Json>('github/compare.json'),
  };
}

const iso = (t: number): string => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const fakeSha = (seed: string): string => createHash('sha1').update(seed).digest('hex');

/** Closed pull requests made from the published one; `mergedAt` undefined means closed unmerged. */
export function pullsFromSample(items: { number: number; mergedAt?: number; updatedAt?: number; title?: string; sha?: string }[]): Json[] {
  const t = sampleItem('github/pulls-list.json');
  return items.map((p) => {
    const updated = p.updatedAt ?? p.mergedAt ?? 0;
    return {
      ...structuredClone(t),
      number: p.number,
      id: 1_000_000 + p.number,
      state: 'closed',
      title: p.title ?? `Pull request ${p.number}`,
      html_url: `https://github.com/octocat/Hello-World/pull/${p.number}`,
      closed_at: iso(updated),
      updated_at: iso(updated),
      merged_at: p.mergedAt === undefined ? null : iso(p.mergedAt),
      merge_commit_sha: p.sha ?? fakeSha(`pr-${p.number}`),
    };
  });
}

export function deploymentsFromSample(items: { id: number; createdAt: number; sha?: string; environment?: string }[]): Json[] {
  const t = sampleItem('github/deployments-list.json');
  return items.map((d) => ({
    ...structuredClone(t),
    id: d.id,
    sha: d.sha ?? fakeSha(`deploy-${d.id}`),
    environment: d.environment ?? 'production',
    created_at: iso(d.createdAt),
    updated_at: iso(d.createdAt),
    url: `https://api.github.com/repos/octocat/example/deployments/${d.id}`,
    statuses_url: `https://api.github.com/repos/octocat/example/deployments/${d.id}/statuses`,
  }));
}

export function statusFromSample(state: string, at: number, description?: string): Json {
  return { ...structuredClone(sampleItem('github/deployment-statuses-list.json')), state, created_at: iso(at), updated_at: iso(at), ...(description ? { description } : {}) };
}

export function releasesFromSample(items: { tag: string; publishedAt: number; createdAt?: number }[]): Json[] {
  const t = sampleItem('github/releases-list.json');
  return items.map((r, i) => ({
    ...structuredClone(t),
    id: 100 + i,
    tag_name: r.tag,
    name: r.tag,
    html_url: `https://github.com/octocat/Hello-World/releases/${r.tag}`,
    created_at: iso(r.createdAt ?? r.publishedAt),
    published_at: iso(r.publishedAt),
  }));
}

export function commitsFromSample(items: { sha?: string; message: string; at: number; author?: string }[]): Json[] {
  const t = sampleItem('github/commits-list.json');
  return items.map((c, i) => {
    const base = structuredClone(t) as Json & { commit: Json & { author: Json; committer: Json } };
    const sha = c.sha ?? fakeSha(`commit-${i}-${c.message}`);
    const who = { name: c.author ?? 'Monalisa Octocat', email: 'support@github.com', date: iso(c.at) };
    return { ...base, sha, html_url: `https://github.com/octocat/Hello-World/commit/${sha}`, commit: { ...base.commit, message: c.message, author: who, committer: who } };
  });
}

export interface GitHubReplay {
  server: ReplayServer;
  data: GitHubReplayData;
  url: string;
  rateLimit: RateLimitControl;
}

export function installGitHubRoutes(server: ReplayServer, data: GitHubReplayData, options: GitHubReplayOptions = {}): RateLimitControl {
  const rate: RateLimitControl = {
    limit: options.rateLimit?.limit ?? 5000,
    remaining: options.rateLimit?.remaining ?? 5000,
    reset: options.rateLimit?.reset ?? Math.floor(Date.now() / 1000) + 3600,
  };
  const isGitHub = (req: RouteRequest): boolean => /^(\/api\/v3)?\/repos\//.test(req.path);
  const rateHeaders = (): Record<string, string> => ({
    'x-ratelimit-limit': String(rate.limit),
    'x-ratelimit-remaining': String(rate.remaining),
    'x-ratelimit-reset': String(rate.reset),
    'x-ratelimit-used': String(rate.limit - rate.remaining),
    'x-ratelimit-resource': 'core',
  });
  if (options.token) {
    const ok = [`token ${options.token}`, `Bearer ${options.token}`, `bearer ${options.token}`];
    server.gate((req) =>
      isGitHub(req) && !ok.includes(String(req.headers.authorization ?? ''))
        ? { status: 401, headers: rateHeaders(), json: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }
        : undefined,
    );
  }
  server.gate((req) => {
    if (!isGitHub(req) || rate.remaining > 0) return undefined;
    return { status: 403, headers: rateHeaders(), json: { message: 'API rate limit exceeded for user ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' } };
  });
  // ETag on every 200; a matching If-None-Match gets 304 and, as on GitHub, costs no request.
  server.decorate((req, res) => {
    if (!isGitHub(req) || (res.status ?? 200) !== 200 || res.json === undefined) return res;
    const etag = `W/"${createHash('sha1').update(JSON.stringify(res.json)).digest('hex')}"`;
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ...res.headers, etag, ...rateHeaders() } };
    rate.remaining = Math.max(0, rate.remaining - 1);
    return { ...res, headers: { ...res.headers, etag, ...rateHeaders() } };
  });

  const repoOk = (req: RouteRequest): ReplayResponse | undefined =>
    req.params.owner === data.owner && req.params.repo === data.repo ? undefined : { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  const page = (req: RouteRequest, items: Json[]): ReplayResponse => pageOf(req, items, options.perPage ?? 30);

  for (const prefix of ['', '/api/v3']) {
    const r = `${prefix}/repos/:owner/:repo`;
    server.route('GET', `${r}/pulls`, (req) => {
      const state = req.query.get('state') ?? 'open';
      return repoOk(req) ?? page(req, data.pulls.filter((p) => state === 'all' || p.state === state));
    });
    server.route('GET', `${r}/deployments`, (req) => {
      const env = req.query.get('environment');
      return repoOk(req) ?? page(req, data.deployments.filter((d) => !env || d.environment === env));
    });
    server.route('GET', `${r}/deployments/:id/statuses`, (req) => repoOk(req) ?? page(req, data.statuses[req.params.id] ?? data.statuses['*'] ?? []));
    server.route('GET', `${r}/releases`, (req) => repoOk(req) ?? page(req, data.releases));
    server.route('GET', `${r}/commits`, (req) => {
      const since = Date.parse(req.query.get('since') ?? '') || Number.NEGATIVE_INFINITY;
      const until = Date.parse(req.query.get('until') ?? '') || Number.POSITIVE_INFINITY;
      const inRange = data.commits.filter((c) => {
        const t = Date.parse(String(((c.commit as Json)?.committer as Json)?.date ?? ''));
        return Number.isNaN(t) || (t >= since && t <= until);
      });
      return repoOk(req) ?? page(req, inRange);
    });
    server.route('GET', `${r}/compare/:basehead`, (req) => {
      const missing = repoOk(req);
      if (missing) return missing;
      const body = !req.params.basehead.includes('...') ? undefined : typeof data.compare === 'function' ? data.compare(req.params.basehead) : data.compare;
      return body ? comparePage(req, body) : { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/commits/commits#compare-two-commits' } };
    });
    // `{path}` arrives as one segment with its slashes encoded (Octokit's form) or as several.
    server.route('GET', new RegExp(`^${prefix}/repos/([^/]+)/([^/]+)/contents/(.+)$`), (req) => {
      const missing = repoOk({ ...req, params: { owner: req.params['1'], repo: req.params['2'] } });
      if (missing) return missing;
      const path = req.params['3'];
      const ref = req.query.get('ref') ?? 'HEAD';
      const bytes = data.contents?.(path, ref);
      if (!bytes) return { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' } };
      const raw = /application\/vnd\.github(\.v3)?\.raw/.test(String(req.headers.accept ?? ''));
      if (!raw) return { json: { type: 'file', encoding: 'base64', size: bytes.length, name: path.split('/').pop(), path, content: bytes.toString('base64') } };
      return { headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' }, raw: bytes };
    });
  }
  return rate;
}

/**
 * Compare paging: with page/per_page the commits come a page at a time (oldest first) and the
 * files only on the first page, as GitHub documents; without, at most 250 commits.
 */
function comparePage(req: RouteRequest, body: Json): ReplayResponse {
  const commits = Array.isArray(body.commits) ? body.commits : [];
  const paged = req.query.has('per_page') || req.query.has('page');
  if (!paged) return { json: { ...body, commits: commits.slice(-250) } };
  const size = Math.min(100, Number(req.query.get('per_page')) || 30);
  const pageNo = Math.max(1, Number(req.query.get('page')) || 1);
  const { headers } = pageOf(req, commits, size);
  return { headers, json: { ...body, commits: commits.slice((pageNo - 1) * size, pageNo * size), files: pageNo === 1 ? body.files : [] } };
}

/** GitHub paging: page/per_page and `<…page=2>; rel="next", <…page=5>; rel="last"`. */
function pageOf(req: RouteRequest, items: Json[], defaultSize: number): ReplayResponse {
  const size = Math.min(100, Number(req.query.get('per_page')) || defaultSize);
  const pageNo = Math.max(1, Number(req.query.get('page')) || 1);
  const last = Math.max(1, Math.ceil(items.length / size));
  const url = (p: number): string => {
    const q = new URLSearchParams(req.query);
    q.set('page', String(p));
    return `${req.origin}${req.path}?${q.toString()}`;
  };
  const links: string[] = [];
  if (pageNo < last) links.push(`<${url(pageNo + 1)}>; rel="next"`, `<${url(last)}>; rel="last"`);
  if (pageNo > 1) links.push(`<${url(pageNo - 1)}>; rel="prev"`, `<${url(1)}>; rel="first"`);
  return { json: items.slice((pageNo - 1) * size, pageNo * size), headers: links.length ? { link: links.join(', ') } : {} };
}

export async function startGitHubReplay(data: GitHubReplayData = sampleGitHubData(), options: GitHubReplayOptions = {}): Promise<GitHubReplay> {
  const server = await ReplayServer.start();
  const rateLimit = installGitHubRoutes(server, data, options);
  return { server, data, url: server.url, rateLimit };
}
