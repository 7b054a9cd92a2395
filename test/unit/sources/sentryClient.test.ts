import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import { SentryClient } from '../../../src/sources/sentry/sentryClient';
import type { SentryClientOptions, SentryConfig } from '../../../src/sources/sentry/sentryClient';
import { issuesFromSample, sampleSentryData, startSentryReplay } from '../../replay/sentryReplay';
import type { SentryReplayData } from '../../replay/sentryReplay';
import type { ReplayServer } from '../../replay/replayServer';
import { loadSample } from '../../replay/samples';
import type { Json } from '../../replay/samples';

const TOKEN = 'sntrys_' + 'Q'.repeat(20) + 'x9'.repeat(10);
const H = 3_600_000;
export const FAST: SentryClientOptions = { timeoutMs: 2_000, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxTotalWaitMs: 3_000 } };

describe('Sentry client against the replayed samples', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  let url: string;
  const ORG = 'the-interstellar-jurisdiction';
  const client = (o: Partial<SentryConfig> = {}, opts: SentryClientOptions = {}): SentryClient =>
    new SentryClient({ baseUrl: url, org: ORG, projects: [], token: TOKEN, ...o }, { ...FAST, ...opts });

  before(async () => {
    ({ server, url } = await startSentryReplay(sampleSentryData(ORG), { token: TOKEN }));
  });
  after(() => server.close());
  beforeEach(() => server.clearRequests());

  it('lists the published issue with numbers as numbers and times as ms', async () => {
    const window = { start: Date.parse('2018-11-06T00:00:00Z'), end: Date.parse('2018-12-07T00:00:00Z') };
    const list = await client().listIssues({ window });
    assert.equal(list.issues.length, 1);
    assert.equal(list.truncated, false);
    const i = list.issues[0];
    assert.deepEqual(
      { id: i.id, shortId: i.shortId, count: i.count, userCount: i.userCount, level: i.level, culprit: i.culprit, status: i.status, isNew: i.isNew },
      { id: '1', shortId: 'PUMP-STATION-1', count: 150, userCount: 0, level: 'error', culprit: 'raven.scripts.runner in main', status: 'ignored', isNew: true },
    );
    assert.equal(i.firstSeen, Date.parse('2018-11-06T21:19:55Z'));
    assert.equal(i.lastSeen, Date.parse('2018-12-06T21:19:55Z'));
    assert.deepEqual(i.project, { id: '2', slug: 'pump-station', name: 'Pump Station', platform: 'python' });
    assert.equal(i.permalink, 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/');
  });

  it('sends the token as a bearer header only, and the window, projects and environment as Sentry expects', async () => {
    const now = Date.now();
    await client({ projects: ['pump-station', '42'], environment: 'production' }).listIssues({ window: { start: now - 6 * H, end: now } });
    const listing = server.requestsTo(`/api/0/organizations/${ORG}/issues/`)[0];
    assert.equal(listing.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(listing.query.get('statsPeriod'), '6h');
    assert.deepEqual(listing.query.getAll('project'), ['2', '42'], 'the slug was looked up, the id passed through');
    assert.equal(listing.query.get('environment'), 'production');
    assert.equal(listing.query.get('query'), 'is:unresolved');
    for (const r of server.requests) assert.ok(!r.url.includes(TOKEN) && !r.url.includes('sntrys_'), r.url);

    server.clearRequests();
    const past = Date.parse('2026-11-20T10:00:00Z');
    await client().listIssues({ window: { start: past - 2 * H, end: past } });
    const q = server.requests[0].query;
    assert.equal(q.get('statsPeriod'), null);
    assert.equal(q.get('start'), '2026-11-20T08:00:00.000Z');
    assert.equal(q.get('end'), '2026-11-20T10:00:00.000Z');
  });

  it('names a missing project slug or organization in notFound', async () => {
    await assert.rejects(client({ projects: ['no-such-project'] }).listIssues({ window: { start: 0, end: Date.now() } }), (e: SourceError) => e.kind === 'notFound' && /"no-such-project"/.test(e.message));
    await assert.rejects(client({ org: 'nope' }).listIssues({ window: { start: 0, end: Date.now() } }), (e: SourceError) => e.kind === 'notFound' && /organization "nope"/.test(e.message));
  });

  it('maps the published latest event: exception, mechanism, frames with context', async () => {
    const event = await client().latestEvent('1');
    assert.equal(server.requests[0].path, `/api/0/organizations/${ORG}/issues/1/events/latest/`);
    assert.equal(event.id, '9999aaaaca8b46d797c23c6077c6ff01');
    assert.equal(event.issueId, '1341191803');
    assert.equal(event.environment, 'prod');
    assert.equal(event.release, 'b65bc521378269d3eaefdc964f8ef56621414943');
    assert.equal(event.exceptions.length, 1);
    const ex = event.exceptions[0];
    assert.equal(ex.type, 'ForbiddenError');
    assert.equal(ex.value, 'GET /organizations/hellboy-meowmeow/users/ 403');
    assert.deepEqual(ex.mechanism, { type: 'generic', handled: true, synthetic: undefined, source: undefined, exceptionId: undefined, parentId: undefined, isExceptionGroup: undefined });
    assert.equal(ex.frames.length, 2);
    const top = ex.frames[0];
    assert.equal(top.index, 1, 'the frame that threw (last in Sentry order) comes first');
    assert.equal(top.function, 'apply');
    assert.equal(top.lineno, 74);
    assert.equal(top.colno, 24);
    assert.equal(top.inApp, false);
    assert.equal(top.absPath, 'webpack:////usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js');
    assert.equal(top.context.length, 11);
    assert.deepEqual(top.context[5], { line: 74, text: '            me.trigger.apply(me, args);' });
  });

  it('reads releases and their deploys as change events', async () => {
    const c = client();
    const releases = await c.releases({ window: { start: Date.parse('2024-01-01T00:00:00Z'), end: Date.parse('2024-01-02T00:00:00Z') } });
    assert.deepEqual(releases.map((r) => [r.tag, r.source, r.time]), [['frontend@1.0.0', 'sentry', Date.parse('2024-01-01T00:00:00Z')]]);
    const details = await c.releaseDetails('control@abc123');
    assert.equal(details.commitCount, 2);
    assert.equal(details.sha, undefined, 'lastCommit "xyz123" is not a commit id');
    // The sample deploy finished in 2020, long before the sample release was created (2024).
    const deploys = await c.deploys({ window: { start: Date.parse('2020-08-31T00:00:00Z'), end: Date.parse('2020-09-01T00:00:00Z') } });
    assert.deepEqual(deploys, []);
  });
});

describe('Sentry client: paging, variations and defensive parsing', function () {
  this.timeout(10_000);
  let server: ReplayServer;
  let url: string;
  let data: SentryReplayData;
  const now = Date.now();

  before(async () => {
    data = sampleSentryData('acme');
    data.issues = issuesFromSample(250, { now });
    ({ server, url } = await startSentryReplay(data));
  });
  after(() => server.close());
  beforeEach(() => {
    server.clearRequests();
    server.clearFaults();
  });
  const client = (opts: SentryClientOptions = {}): SentryClient => new SentryClient({ baseUrl: url, org: 'acme', projects: [], token: TOKEN }, { ...FAST, ...opts });

  it('follows the next cursor while results="true" and stops at results="false"', async () => {
    const list = await client({ pageSize: 100, maxIssues: 1000 }).listIssues({ window: { start: now - 24 * H, end: now } });
    assert.equal(list.issues.length, 250);
    assert.equal(list.pages, 3);
    assert.equal(list.truncated, false);
    assert.deepEqual(server.requests.map((r) => r.query.get('cursor')), [null, '0:100:0', '0:200:0']);
    assert.equal(new Set(list.issues.map((i) => i.id)).size, 250);
  });

  it('stops at the page cap and at the issue cap, and says so', async () => {
    const byPages = await client({ pageSize: 50, maxPages: 2 }).listIssues({ window: { start: now - 24 * H, end: now } });
    assert.deepEqual([byPages.issues.length, byPages.pages, byPages.truncated], [100, 2, true]);
    server.clearRequests();
    const byIssues = await client({ pageSize: 100, maxIssues: 120 }).listIssues({ window: { start: now - 24 * H, end: now } });
    assert.deepEqual([byIssues.issues.length, byIssues.pages, byIssues.truncated], [120, 2, true]);
  });

  it('marks issues first seen after the latest deploy as new', async () => {
    const window = { start: now - 10 * 60_000, end: now };
    const list = await client({ maxIssues: 5 }).listIssues({ window, latestDeployTime: now - 3 * H });
    // Issue i was first seen (i minutes + 1 h) ago: all five are after a deploy 3 h ago, none inside 10 min.
    assert.deepEqual(list.issues.map((i) => i.isNew), [true, true, true, true, true]);
    const without = await client({ maxIssues: 5 }).listIssues({ window });
    assert.deepEqual(without.issues.map((i) => i.isNew), [false, false, false, false, false]);
  });

  it('survives missing and odd fields, and skips items without an id', async () => {
    const odd: Json[] = [
      { id: 7, title: null, count: 'many', lastSeen: 'yesterday', project: 'x', level: 'CRITICAL', permalink: 'javascript:alert(1)' },
      { title: 'no id' },
      'not an object' as unknown as Json,
      { id: '8', metadata: { value: 'from metadata' }, lifetime: { count: '3', firstSeen: '2026-01-01T00:00:00Z' } },
    ];
    const { server: s2, url: u2 } = await startSentryReplay({ ...sampleSentryData('acme'), issues: odd });
    try {
      const list = await new SentryClient({ baseUrl: u2, org: 'acme', projects: [], token: TOKEN }, FAST).listIssues({ window: { start: 0, end: now } });
      assert.deepEqual(list.issues.map((i) => [i.id, i.title, i.count, i.level, i.lastSeen, i.permalink, i.project.slug]), [
        ['7', '(no title)', 0, 'unknown', undefined, undefined, ''],
        ['8', 'from metadata', 3, 'unknown', undefined, undefined, ''],
      ]);
      assert.equal(list.issues[1].firstSeen, Date.parse('2026-01-01T00:00:00Z'));
    } finally {
      await s2.close();
    }
  });

  it('fails with badResponse when a list comes back as an object', async () => {
    server.fault('/api/0/organizations/acme/issues/', { kind: 'wrongShape' });
    await assert.rejects(client().listIssues({ window: { start: 0, end: now } }), (e: SourceError) => e.kind === 'badResponse' && /list was expected/.test(e.message));
  });

  it('reads a chained exception, newest first, with in-app frames first', async () => {
    const event = loadSample<Json>('sentry/issue-latest-event.json');
    const frame = (path: string, fn: string, line: number, inApp: boolean): Json => ({ filename: path, absPath: path, function: fn, lineNo: line, colNo: 3, inApp, context: [[line, `  ${fn}();`]] });
    event.entries = [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: 'DatabaseError',
              value: 'null value in column "partition_key"',
              mechanism: { type: 'chained', source: 'cause', exception_id: 1, parent_id: 0 },
              stacktrace: { frames: [frame('/usr/src/app/src/api/orders.ts', 'handler', 41, true), frame('/usr/src/app/node_modules/pg/lib/client.js', 'query', 526, true), frame('/usr/src/app/src/db/orders.ts', 'insertOrder', 18, true)] },
            },
            { type: 'OrderError', value: 'could not create order', mechanism: { type: 'generic', handled: false, exception_id: 0, is_exception_group: false }, stacktrace: null },
          ],
        },
      },
      { type: 'breadcrumbs', data: { values: 'not a list' } },
      { type: 'exception', data: { values: [{ stacktrace: { frames: ['junk', { lineno: '12', in_app: true, abs_path: '/srv/app/x.py', context_line: 'x = 1', pre_context: ['a'], post_context: ['b', 7] }] } }] } },
    ];
    data.events['55'] = event;
    const got = await client().latestEvent('55');
    assert.deepEqual(got.exceptions.map((e) => e.type), ['OrderError', 'DatabaseError', 'Error']);
    assert.equal(got.exceptions[0].mechanism?.handled, false);
    assert.equal(got.exceptions[1].mechanism?.source, 'cause');
    assert.deepEqual(got.exceptions[1].frames.map((f) => [f.function, f.inApp]), [
      ['insertOrder', true],
      ['handler', true],
      ['query', false],
    ]);
    const snake = got.exceptions[2].frames[0];
    assert.deepEqual([snake.lineno, snake.inApp, snake.absPath, snake.context], [12, true, '/srv/app/x.py', [{ line: 11, text: 'a' }, { line: 12, text: 'x = 1' }, { line: 13, text: 'b' }, { line: 14, text: '7' }]]);
  });

  it('refuses to start without an organization or token, or with a plain-http address', () => {
    assert.throws(() => new SentryClient({ org: '', projects: [], token: TOKEN }), (e: SourceError) => e.kind === 'notConfigured');
    assert.throws(() => new SentryClient({ org: 'acme', projects: [], token: ' ' }), (e: SourceError) => e.kind === 'notConfigured');
    assert.throws(() => new SentryClient({ baseUrl: 'http://sentry.internal', org: 'acme', projects: [], token: TOKEN }), (e: SourceError) => e.kind === 'notConfigured');
  });
});
