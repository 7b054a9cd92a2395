/**
 * Loki and Elasticsearch log sources through the real axios client against replay servers on
 * 127.0.0.1 built from the published samples, with faults injected on the socket.
 */
import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import type { LogQuery } from '../../../src/core/logs/collector';
import { readElasticsearchLogs } from '../../../src/sources/logs/elasticsearch/elasticsearchLogSource';
import { readLokiLogs } from '../../../src/sources/logs/loki/lokiLogSource';
import { elasticHits, sampleElasticHits, startElasticReplay } from '../../replay/elasticReplay';
import { lokiStream, sampleLokiStreams, startLokiReplay } from '../../replay/lokiReplay';
import { closedPort } from '../../replay/replayServer';
import type { FaultSpec, ReplayServer } from '../../replay/replayServer';

const MIN = 60_000;
const WINDOW_END = Date.UTC(2026, 10, 23, 14, 0);
const WINDOW = { start: WINDOW_END - 15 * MIN, end: WINDOW_END };
const QUERY: LogQuery = { window: WINDOW, success: null };
const RETRY = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxTotalWaitMs: 2_000 };
const TOKEN = 'glc_' + 'x'.repeat(30);
const API_KEY = Buffer.from('id1:' + 'k'.repeat(22)).toString('base64');

/** One info line a minute over the baseline and window, then a burst of a new error inside the window. */
function story(): { time: number; level: string; message: string }[] {
  const docs: { time: number; level: string; message: string }[] = [];
  for (let t = WINDOW.start - 60 * MIN; t <= WINDOW.end; t += MIN) docs.push({ time: t, level: 'info', message: `order ${t % 997} placed in ${t % 89} ms` });
  for (let i = 0; i < 40; i++) docs.push({ time: WINDOW.start + 5 * MIN + i * 1000, level: 'error', message: `partition key is null for order ${1000 + i}` });
  return docs.sort((a, b) => a.time - b.time);
}

describe('Loki log source', function () {
  this.timeout(15_000);
  let server: ReplayServer;
  let url: string;
  const docs = story();
  before(async () => {
    const lines = docs.map((d) => ({ time: d.time, line: JSON.stringify({ level: d.level, msg: d.message }) }));
    ({ server, url } = await startLokiReplay([lokiStream({ app: 'checkout', job: 'varlogs' }, lines.filter((_, i) => i % 2 === 0)), lokiStream({ app: 'checkout', job: 'worker' }, lines.filter((_, i) => i % 2 === 1))], { token: TOKEN, tenant: 'team-a' }));
  });
  after(() => server.close());
  afterEach(() => {
    server.clearFaults();
    server.clearRequests();
  });
  const opts = (o: Partial<Parameters<typeof readLokiLogs>[0]> = {}): Parameters<typeof readLokiLogs>[0] => ({
    label: 'loki',
    baseUrl: url,
    query: '{app="checkout"}',
    tenant: 'team-a',
    auth: { kind: 'bearer', token: TOKEN },
    pageSize: 7,
    http: { timeoutMs: 300, retry: RETRY },
    ...o,
  });

  it('pages forward through the window with every entry once, and finds the new signature', async () => {
    const r = await readLokiLogs(opts(), QUERY);
    assert.equal(r.status.state, 'ok', r.status.error?.message);
    const inWindow = docs.filter((d) => d.time >= WINDOW.start && d.time <= WINDOW.end);
    assert.equal(r.status.counts.entries, inWindow.length);
    assert.equal(r.status.counts.levels.error, 40);
    const reqs = server.requestsTo('/loki/api/v1/query_range');
    assert.ok(reqs.length > 5, `paged (${reqs.length} requests)`);
    for (const q of reqs) {
      assert.equal(q.query.get('direction'), 'forward');
      assert.equal(q.query.get('limit'), '7');
      assert.equal(q.headers['x-scope-orgid'], 'team-a');
      assert.equal(q.headers.authorization, `Bearer ${TOKEN}`);
    }
    const sig = r.signatures.find((s) => s.template.includes('partition key is null'));
    assert.ok(sig, r.signatures.map((s) => s.template).join(' | '));
    assert.equal(sig.count, 40);
    assert.ok(r.findings.some((f) => f.kind === 'newSignature' && f.signature?.id === sig.id));
  });

  it('reads the published sample as-is (labels give the level)', async () => {
    const { server: s, url: u } = await startLokiReplay(sampleLokiStreams());
    try {
      const t = 1569266497240;
      const r = await readLokiLogs({ label: 'sample', baseUrl: u, query: '{job="varlogs"}' }, { window: { start: t - 10 * MIN, end: t + MIN }, success: null });
      assert.equal(r.status.state, 'ok');
      assert.deepEqual(r.entries.map((e) => e.message), ['bar', 'foo']);
      assert.equal(r.entries[0].level, 'info');
      assert.equal(r.entries[1].time, t);
    } finally {
      await s.close();
    }
  });

  it('entries sharing a nanosecond across a page boundary are read once each, none lost', async () => {
    const base = BigInt(WINDOW.start + MIN) * 1_000_000n;
    const values: [string, string][] = [];
    for (let i = 0; i < 30; i++) values.push([(base + BigInt(Math.floor(i / 3))).toString(), `level=error msg="dup ${i}"`]);
    const { server: s, url: u } = await startLokiReplay([{ stream: { app: 'x' }, values }]);
    try {
      const r = await readLokiLogs({ label: 'x', baseUrl: u, query: '{app="x"}', pageSize: 7 }, QUERY);
      assert.equal(r.status.counts.entries, 30);
      assert.deepEqual(new Set(r.entries.map((e) => e.message)).size, 30);
      assert.equal(r.status.warnings.length, 0);
    } finally {
      await s.close();
    }
  });

  it('basic auth is sent as a Basic header', async () => {
    const { server: s, url: u } = await startLokiReplay(sampleLokiStreams(), { basic: { username: 'u1', password: 'p:w' } });
    try {
      const t = 1569266497240;
      const q = { window: { start: t - 10 * MIN, end: t + MIN }, success: null };
      const ok = await readLokiLogs({ label: 's', baseUrl: u, query: '{job="varlogs"}', auth: { kind: 'basic', username: 'u1', password: 'p:w' } }, q);
      assert.equal(ok.status.counts.entries, 2);
      await assert.rejects(readLokiLogs({ label: 's', baseUrl: u, query: '{job="varlogs"}', auth: { kind: 'basic', username: 'u1', password: 'nope' } }, q), kind('unauthorized'));
    } finally {
      await s.close();
    }
  });

  it('a missing tenant header is unauthorized', async () => {
    await assert.rejects(readLokiLogs(opts({ tenant: undefined }), QUERY), kind('unauthorized'));
  });

  it('a metric query is a bad response that says what to do', async () => {
    server.fault('/loki/api/v1/query_range', { kind: 'status', status: 200, body: JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] } }) });
    await assert.rejects(readLokiLogs(opts(), QUERY), (e: unknown) => e instanceof SourceError && e.kind === 'badResponse' && /metric/.test(e.message));
  });

  faultCases(() => server, '/loki/api/v1/query_range', (o) => readLokiLogs(opts(o), QUERY));
});

describe('Elasticsearch log source', function () {
  this.timeout(15_000);
  let server: ReplayServer;
  let url: string;
  const docs = story();
  before(async () => {
    ({ server, url } = await startElasticReplay([...elasticHits('logs-checkout-1', docs), ...elasticHits('other-1', docs.slice(0, 5))], { apiKey: API_KEY }));
  });
  after(() => server.close());
  afterEach(() => {
    server.clearFaults();
    server.clearRequests();
  });
  const opts = (o: Partial<Parameters<typeof readElasticsearchLogs>[0]> = {}): Parameters<typeof readElasticsearchLogs>[0] => ({
    label: 'es',
    baseUrl: url,
    index: 'logs-*',
    queryString: 'service.name:checkout',
    auth: { kind: 'apiKey', key: API_KEY },
    pageSize: 9,
    http: { timeoutMs: 300, retry: RETRY },
    ...o,
  });

  it('searches with a range filter, sorted, paging with search_after; ECS fields give level and message', async () => {
    const r = await readElasticsearchLogs(opts(), QUERY);
    assert.equal(r.status.state, 'ok', r.status.error?.message);
    const inWindow = docs.filter((d) => d.time >= WINDOW.start && d.time <= WINDOW.end);
    assert.equal(r.status.counts.entries, inWindow.length);
    assert.equal(r.status.counts.levels.error, 40);
    const reqs = server.requestsTo('/logs-*/_search');
    assert.ok(reqs.length > 5);
    const first = JSON.parse(reqs[0].body) as { query: { bool: { filter: unknown[] } }; sort: unknown[]; search_after?: unknown };
    assert.deepEqual(first.query.bool.filter[1], { query_string: { query: 'service.name:checkout' } });
    assert.ok(first.sort.length === 2 && first.search_after === undefined);
    assert.ok((JSON.parse(reqs[1].body) as { search_after?: unknown[] }).search_after?.length === 2);
    assert.equal(reqs[0].headers.authorization, `ApiKey ${API_KEY}`);
    const sig = r.signatures.find((s) => s.template.includes('partition key is null'));
    assert.equal(sig?.count, 40);
  });

  it('field names are configurable (flattened keys)', async () => {
    const t = WINDOW.start + MIN;
    const hits = elasticHits('app-1', [{ time: t, level: 'x', message: 'x' }]).map((h) => ({ ...h, _source: { ts: new Date(t).toISOString(), 'severity.text': 'WARN', body: 'disk nearly full' } }));
    const { server: s, url: u } = await startElasticReplay(hits, { timestampField: 'ts' });
    try {
      const r = await readElasticsearchLogs({ label: 'x', baseUrl: u, index: 'app-*', fields: { timestamp: 'ts', level: 'severity.text', message: 'body' } }, QUERY);
      assert.equal(r.entries.length, 1);
      assert.equal(r.entries[0].level, 'warn');
      assert.equal(r.entries[0].message, 'disk nearly full');
      assert.equal(r.entries[0].time, t);
    } finally {
      await s.close();
    }
  });

  it('the published sample hit reads as an entry', async () => {
    const { server: s, url: u } = await startElasticReplay(sampleElasticHits());
    try {
      const t = Date.UTC(2099, 10, 15, 14, 12, 12);
      const r = await readElasticsearchLogs({ label: 's', baseUrl: u, index: 'my-index-000001', timeZone: 'UTC' }, { window: { start: t - 48 * 3600_000, end: t + 48 * 3600_000 }, success: null });
      assert.equal(r.entries.length, 1);
      assert.equal(r.entries[0].message, 'GET /search HTTP/1.1 200 1070000');
    } finally {
      await s.close();
    }
  });

  it('basic auth', async () => {
    const { server: s, url: u } = await startElasticReplay(sampleElasticHits(), { basic: { username: 'elastic', password: 'changeme' } });
    try {
      const q = { window: WINDOW, success: null };
      const r = await readElasticsearchLogs({ label: 's', baseUrl: u, index: 'my-index-000001', auth: { kind: 'basic', username: 'elastic', password: 'changeme' } }, q);
      assert.equal(r.status.state, 'ok');
      await assert.rejects(readElasticsearchLogs({ label: 's', baseUrl: u, index: 'my-index-000001' }, q), kind('unauthorized'));
    } finally {
      await s.close();
    }
  });

  it('an index with a slash is not configured, without a request', async () => {
    const r = await readElasticsearchLogs(opts({ index: '../_cluster' }), QUERY);
    assert.equal(r.status.error?.kind, 'notConfigured');
    assert.equal(server.requests.length, 0);
  });

  faultCases(() => server, /\/_search$/, (o) => readElasticsearchLogs(opts(o), QUERY));
});

function kind(k: string): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof SourceError, String(e));
    assert.equal(e.kind, k, e.message);
    return true;
  };
}

function faultCases(
  server: () => ReplayServer,
  path: string | RegExp,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: (o: any) => Promise<unknown>,
): void {
  const cases: { name: string; spec: FaultSpec; want: string | 'success'; requests?: number }[] = [
    { name: '401', spec: { status: 401 }, want: 'unauthorized' },
    { name: '403', spec: { status: 403 }, want: 'forbidden' },
    { name: '404', spec: { status: 404 }, want: 'notFound' },
    { name: '429 with Retry-After beyond the wait budget', spec: { status: 429, retryAfter: 120 }, want: 'rateLimited', requests: 1 },
    { name: '429 with a short Retry-After, then success', spec: { status: 429, retryAfter: 0.05, times: 1 }, want: 'success' },
    { name: '500 once, then success', spec: { status: 500, times: 1 }, want: 'success' },
    { name: '500 every time', spec: { status: 500 }, want: 'failed', requests: 3 },
    { name: 'slow beyond the timeout', spec: { kind: 'slow', delayMs: 3_000 }, want: 'timeout' },
    { name: 'connection reset', spec: { kind: 'reset' }, want: 'unreachable' },
    { name: 'malformed JSON', spec: { kind: 'malformedJson' }, want: 'badResponse' },
    { name: 'HTML page', spec: { kind: 'html' }, want: 'badResponse' },
    { name: 'wrong shape', spec: { kind: 'wrongShape' }, want: 'badResponse' },
  ];
  for (const c of cases) {
    it(`fault: ${c.name} → ${c.want}`, async () => {
      server().fault(path, c.spec);
      if (c.want === 'success') {
        await run({});
        assert.ok(server().requests.length >= 2);
        return;
      }
      await assert.rejects(run({}), kind(c.want));
      if (c.requests !== undefined) assert.equal(server().requests.length, c.requests);
      if (c.want === 'rateLimited') {
        await assert.rejects(run({}).catch((e: SourceError) => Promise.reject(e)), (e: unknown) => e instanceof SourceError && (e.retryAt ?? 0) > Date.now() + 60_000);
      }
    });
  }
  it('fault: connection refused → unreachable', async () => {
    const port = await closedPort();
    await assert.rejects(run({ baseUrl: `http://127.0.0.1:${port}` }), kind('unreachable'));
  });
  it('cancelled while waiting → cancelled', async () => {
    server().fault(path, { kind: 'slow', delayMs: 2_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(run({ signal: ac.signal, http: { timeoutMs: 5_000, retry: RETRY } }), kind('cancelled'));
  });
}
