/**
 * Loki's query_range on a ReplayServer: streams shaped like the published sample, filtered by
 * start/end (inclusive, nanoseconds), ordered by `direction`, cut at `limit` across streams.
 */
import { ReplayServer } from './replayServer';
import type { ReplayResponse } from './replayServer';
import { loadSample } from './samples';
import type { Json } from './samples';

export interface LokiStream {
  stream: Record<string, string>;
  /** [nanoseconds as a decimal string, line] */
  values: [string, string][];
}

export interface LokiReplayOptions {
  /** Requests must carry `Authorization: Bearer <token>`. */
  token?: string;
  basic?: { username: string; password: string };
  /** Requests must carry this X-Scope-OrgID. */
  tenant?: string;
}

/** The published sample's streams. */
export function sampleLokiStreams(): LokiStream[] {
  const body = loadSample<{ data: { result: LokiStream[] } }>('loki/query-range-streams.json');
  return body.data.result;
}

/** Lines at given times as one stream with the sample's labels. */
export function lokiStream(labels: Record<string, string>, entries: { time: number; line: string }[]): LokiStream {
  return { stream: labels, values: entries.map((e, i) => [(BigInt(e.time) * 1_000_000n + BigInt(i % 1000)).toString(), e.line]) };
}

export function installLokiRoutes(server: ReplayServer, streams: LokiStream[], options: LokiReplayOptions = {}): void {
  server.gate((req) => {
    if (!req.path.startsWith('/loki/')) return undefined;
    const auth = req.headers.authorization;
    if (options.token && auth !== `Bearer ${options.token}`) return { status: 401, raw: 'authentication failure\n', headers: { 'content-type': 'text/plain' } };
    if (options.basic && auth !== `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`) {
      return { status: 401, raw: 'authentication failure\n', headers: { 'content-type': 'text/plain' } };
    }
    if (options.tenant && req.headers['x-scope-orgid'] !== options.tenant) return { status: 401, raw: 'no org id\n', headers: { 'content-type': 'text/plain' } };
    return undefined;
  });
  const template = loadSample<Json>('loki/query-range-streams.json');
  server.route('GET', '/loki/api/v1/query_range', (req): ReplayResponse => {
    const q = req.query;
    if (!q.get('query')) return { status: 400, raw: 'parse error : query is empty\n', headers: { 'content-type': 'text/plain' } };
    const start = BigInt(q.get('start') ?? '0');
    const end = BigInt(q.get('end') ?? String(BigInt(Date.now()) * 1_000_000n));
    const limit = Number(q.get('limit') ?? 100);
    const forward = q.get('direction') === 'forward';
    const all: { s: number; ns: bigint; v: [string, string] }[] = [];
    streams.forEach((s, si) => {
      for (const v of s.values) {
        const ns = BigInt(v[0]);
        if (ns >= start && ns <= end) all.push({ s: si, ns, v });
      }
    });
    all.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0) * (forward ? 1 : -1));
    const picked = all.slice(0, limit);
    const result = streams
      .map((s, si) => ({ stream: s.stream, values: picked.filter((p) => p.s === si).map((p) => p.v) }))
      .filter((s) => s.values.length > 0);
    const body = structuredClone(template) as { data: Json };
    body.data = { ...body.data, result };
    return { json: body };
  });
}

export async function startLokiReplay(streams: LokiStream[] = sampleLokiStreams(), options: LokiReplayOptions = {}): Promise<{ server: ReplayServer; url: string }> {
  const server = await ReplayServer.start();
  installLokiRoutes(server, streams, options);
  return { server, url: server.url };
}
