/**
 * Elasticsearch's _search on a ReplayServer: hits shaped like the published sample, filtered by
 * the request's range on the timestamp field, sorted ascending, paged with search_after.
 */
import { ReplayServer } from './replayServer';
import type { ReplayResponse } from './replayServer';
import { loadSample } from './samples';
import type { Json } from './samples';

export interface ElasticReplayOptions {
  /** `Authorization: ApiKey <key>` required. */
  apiKey?: string;
  basic?: { username: string; password: string };
  timestampField?: string;
}

export function sampleElasticHits(): Json[] {
  return (loadSample<{ hits: { hits: Json[] } }>('elasticsearch/search-response.json')).hits.hits;
}

/** Documents made from the sample hit, with ECS fields set per document. */
export function elasticHits(index: string, docs: { time: number; level: string; message: string; extra?: Json }[]): Json[] {
  const template = sampleElasticHits()[0];
  return docs.map((d, i) => ({
    ...structuredClone(template),
    _index: index,
    _id: String(i),
    _source: { ...(structuredClone(template._source) as Json), '@timestamp': new Date(d.time).toISOString(), log: { level: d.level }, message: d.message, ...d.extra },
  }));
}

function get(o: unknown, path: string): unknown {
  if (o && typeof o === 'object' && path in (o as Json)) return (o as Json)[path];
  let cur = o;
  for (const p of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Json)[p] : undefined;
  return cur;
}

export function installElasticRoutes(server: ReplayServer, hits: Json[], options: ElasticReplayOptions = {}): void {
  const tsField = options.timestampField ?? '@timestamp';
  server.gate((req) => {
    if (!req.path.endsWith('/_search')) return undefined;
    const auth = req.headers.authorization;
    const ok =
      (!options.apiKey && !options.basic) ||
      (options.apiKey !== undefined && auth === `ApiKey ${options.apiKey}`) ||
      (options.basic !== undefined && auth === `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`);
    return ok ? undefined : { status: 401, json: { error: { type: 'security_exception', reason: 'unable to authenticate user' }, status: 401 } };
  });
  const template = loadSample<Json>('elasticsearch/search-response.json');
  server.route('POST', '/:index/_search', (req): ReplayResponse => {
    let body: Json;
    try {
      body = JSON.parse(req.body || '{}') as Json;
    } catch {
      return { status: 400, json: { error: { type: 'parse_exception', reason: 'request body is required' }, status: 400 } };
    }
    const pattern = new RegExp(`^(${req.params.index.split(',').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')).join('|')})$`);
    const filters = (get(body, 'query.bool.filter') as Json[] | undefined) ?? [];
    const range = filters.map((f) => get(f, `range`) as Json | undefined).find(Boolean)?.[tsField] as { gte?: number; lte?: number } | undefined;
    const timeOf = (h: Json): number => Date.parse(String(get(h._source, tsField)));
    let matched = hits
      .filter((h) => pattern.test(String(h._index)))
      .filter((h) => !range || ((range.gte === undefined || timeOf(h) >= range.gte) && (range.lte === undefined || timeOf(h) <= range.lte)))
      .map((h, i) => ({ h, t: timeOf(h), doc: i }))
      .sort((a, b) => a.t - b.t || a.doc - b.doc);
    const after = body.search_after as [number, number] | undefined;
    if (after) {
      const [t, doc] = [Number(after[0]), after[1]];
      matched = matched.filter((m) => m.t > t || (m.t === t && m.doc > doc));
    }
    const size = Number(body.size ?? 10);
    const page = matched.slice(0, size).map((m) => ({ ...m.h, _score: null, sort: [m.t, m.doc] }));
    const out = structuredClone(template) as Json;
    out.hits = { total: { value: matched.length, relation: 'eq' }, max_score: null, hits: page };
    return { json: out };
  });
}

export async function startElasticReplay(hits: Json[] = sampleElasticHits(), options: ElasticReplayOptions = {}): Promise<{ server: ReplayServer; url: string }> {
  const server = await ReplayServer.start();
  installElasticRoutes(server, hits, options);
  return { server, url: server.url };
}
