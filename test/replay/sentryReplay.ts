/** Sentry's /api/0/ routes on a ReplayServer, from the published samples or variations of them. */
import { ReplayServer } from './replayServer';
import type { ReplayResponse, RouteRequest } from './replayServer';
import { loadSample, sampleItem } from './samples';
import type { Json } from './samples';

export interface SentryReplayData {
  org: string;
  /** slug → id, for GET /api/0/projects/{org}/{slug}/ */
  projects: Record<string, string>;
  issues: Json[];
  /** issue id → its latest event; '*' answers for any issue id not listed. */
  events: Record<string, Json>;
  releases: Json[];
  /** version → details; '*' for any version listed in releases. */
  releaseDetails: Record<string, Json>;
  /** version → its deploys */
  deploys: Record<string, Json[]>;
  releaseCommits: Record<string, Json[]>;
}

export interface SentryReplayOptions {
  /** When set, requests must carry `Authorization: Bearer <token>` or get 401. */
  token?: string;
  /** Page size when the request names none. */
  pageSize?: number;
}

/** The published samples as they are, under their own org slug. */
export function sampleSentryData(org = 'the-interstellar-jurisdiction'): SentryReplayData {
  const details = loadSample<Json>('sentry/release-details.json');
  const releases = loadSample<Json[]>('sentry/releases-list.json');
  return {
    org,
    projects: { 'pump-station': '2', sentry: '1' },
    issues: loadSample<Json[]>('sentry/org-issues-list.json'),
    events: { '*': loadSample<Json>('sentry/issue-latest-event.json') },
    releases,
    releaseDetails: { [String(details.version)]: details },
    deploys: Object.fromEntries(releases.map((r) => [String(r.version), loadSample<Json[]>('sentry/release-deploys-list.json')])),
    releaseCommits: Object.fromEntries(releases.map((r) => [String(r.version), loadSample<Json[]>('sentry/release-commits.json')])),
  };
}

/** `count` issues made from the published one: ids 1001…, first and last seen spread back from `now`. */
export function issuesFromSample(count: number, o: { now: number; spacingMs?: number; project?: Json }): Json[] {
  const template = sampleItem('sentry/org-issues-list.json');
  const spacing = o.spacingMs ?? 60_000;
  return Array.from({ length: count }, (_, i) => {
    const id = String(1001 + i);
    const lastSeen = o.now - i * spacing;
    return {
      ...structuredClone(template),
      id,
      shortId: `PUMP-STATION-${id}`,
      title: `Example exception number ${i + 1}`,
      count: String(10 + i),
      userCount: i,
      firstSeen: new Date(lastSeen - 3_600_000).toISOString(),
      lastSeen: new Date(lastSeen).toISOString(),
      permalink: `https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/${id}/`,
      ...(o.project ? { project: o.project } : {}),
    };
  });
}

export function installSentryRoutes(server: ReplayServer, data: SentryReplayData, options: SentryReplayOptions = {}): void {
  const org = (req: RouteRequest): ReplayResponse | undefined =>
    req.params.org === data.org ? undefined : { status: 404, json: { detail: 'The requested resource does not exist' } };
  if (options.token) {
    const expected = `Bearer ${options.token}`;
    server.gate((req) => (req.path.startsWith('/api/0/') && req.headers.authorization !== expected ? { status: 401, json: { detail: 'Invalid token' } } : undefined));
  }
  const page = (req: RouteRequest, items: Json[], sizeParam: string): ReplayResponse => cursorPage(req, items, Number(req.query.get(sizeParam)) || options.pageSize || 100);

  server.route('GET', '/api/0/organizations/:org/issues/', (req) => org(req) ?? page(req, data.issues, 'limit'));
  server.route('GET', '/api/0/organizations/:org/issues/:id/events/:event/', (req) => {
    const missing = org(req);
    if (missing) return missing;
    const known = data.issues.some((i) => String(i.id) === req.params.id);
    const event = data.events[req.params.id] ?? (known || data.events['*'] ? data.events['*'] : undefined);
    return event ? { json: event } : { status: 404, json: { detail: 'Event not found' } };
  });
  server.route('GET', '/api/0/projects/:org/:project/', (req) => {
    const id = req.params.org === data.org ? data.projects[req.params.project] : undefined;
    return id ? { json: { id, slug: req.params.project, name: req.params.project } } : { status: 404, json: { detail: 'The requested resource does not exist' } };
  });
  server.route('GET', '/api/0/organizations/:org/releases/', (req) => org(req) ?? page(req, data.releases, 'per_page'));
  server.route('GET', '/api/0/organizations/:org/releases/:version/', (req) => {
    const missing = org(req);
    if (missing) return missing;
    const details = data.releaseDetails[req.params.version] ?? data.releases.find((r) => r.version === req.params.version);
    return details ? { json: details } : { status: 404, json: { detail: 'Release not found' } };
  });
  server.route('GET', '/api/0/organizations/:org/releases/:version/deploys/', (req) => org(req) ?? { json: data.deploys[req.params.version] ?? [] });
  server.route('GET', '/api/0/organizations/:org/releases/:version/commits/', (req) => org(req) ?? { json: data.releaseCommits[req.params.version] ?? [] });
}

/**
 * Sentry's cursor paging: `cursor=0:<offset>:0`, and a Link header with a previous and a next
 * link, each saying whether it has results.
 */
function cursorPage(req: RouteRequest, items: Json[], size: number): ReplayResponse {
  const offset = Number(/^\d+:(\d+):\d+$/.exec(req.query.get('cursor') ?? '')?.[1] ?? 0);
  const slice = items.slice(offset, offset + size);
  const link = (cursor: string, rel: string, results: boolean): string => {
    const q = new URLSearchParams(req.query);
    q.set('cursor', cursor);
    return `<${req.origin}${req.path}?${q.toString()}>; rel="${rel}"; results="${results}"; cursor="${cursor}"`;
  };
  const prevCursor = `0:${Math.max(0, offset - size)}:1`;
  const nextCursor = `0:${offset + size}:0`;
  return {
    json: slice,
    headers: { link: `${link(prevCursor, 'previous', offset > 0)}, ${link(nextCursor, 'next', offset + size < items.length)}` },
  };
}

export async function startSentryReplay(data: SentryReplayData = sampleSentryData(), options: SentryReplayOptions = {}): Promise<{ server: ReplayServer; data: SentryReplayData; url: string }> {
  const server = await ReplayServer.start();
  installSentryRoutes(server, data, options);
  return { server, data, url: server.url };
}
