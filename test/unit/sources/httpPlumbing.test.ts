import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import { errorForStatus, errorForTransport, headerGetter, parseJsonBody } from '../../../src/sources/http/failures';
import { checkBaseUrl, JsonHttpClient } from '../../../src/sources/http/jsonClient';
import { nextPageUrl, parseLinkHeader } from '../../../src/sources/http/linkHeader';
import { backoffDelay, parseRetryAfter, RetryableFailure, retryPolicy, withRetries } from '../../../src/sources/http/retry';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const ctx = { service: 'Sentry', what: 'Sentry organization "acme"', now: NOW };

describe('http: Retry-After and backoff', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('120', NOW), NOW + 120_000);
    assert.equal(parseRetryAfter('0', NOW), NOW);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 14:05:00 GMT', NOW), NOW + 300_000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 13:00:00 GMT', NOW), NOW, 'a date in the past means now');
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
  });

  it('backs off exponentially with jitter, capped', () => {
    const p = retryPolicy({ baseDelayMs: 100, maxDelayMs: 1000 });
    assert.equal(backoffDelay(0, p, () => 0), 50);
    assert.equal(backoffDelay(0, p, () => 1), 100);
    assert.equal(backoffDelay(2, p, () => 1), 400);
    assert.equal(backoffDelay(10, p, () => 1), 1000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelay(3, p);
      assert.ok(d >= 400 && d <= 800, `${d}`);
    }
  });

  it('retries until success, and fails fast when the server asks for more than the budget', async () => {
    const policy = retryPolicy({ retries: 3, baseDelayMs: 1, maxDelayMs: 2, maxTotalWaitMs: 1000 });
    let calls = 0;
    const ok = await withRetries(async () => {
      if (++calls < 3) throw new RetryableFailure(new SourceError('failed', 'boom'));
      return 'done';
    }, policy);
    assert.equal(ok, 'done');
    assert.equal(calls, 3);

    calls = 0;
    const retryAt = Date.now() + 60_000;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw new RetryableFailure(new SourceError('rateLimited', 'later', retryAt), retryAt);
      }, policy),
      (e: SourceError) => e.kind === 'rateLimited' && e.retryAt === retryAt,
    );
    assert.equal(calls, 1, 'no second attempt when Retry-After is beyond the cap');
  });

  it('passes other errors through untouched and gives up after the retries', async () => {
    const policy = retryPolicy({ retries: 2, baseDelayMs: 1, maxDelayMs: 1 });
    let calls = 0;
    await assert.rejects(
      withRetries(async () => {
        calls++;
        throw new RetryableFailure(new SourceError('unreachable', 'down'));
      }, policy),
      (e: SourceError) => e.kind === 'unreachable',
    );
    assert.equal(calls, 3);
    await assert.rejects(withRetries(async () => Promise.reject(new SourceError('notFound', 'x')), policy), (e: SourceError) => e.kind === 'notFound');
  });
});

describe('http: Link headers', () => {
  it('reads Sentry cursors and results flags (the documented example)', () => {
    const h =
      '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ' +
      '<https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"';
    const links = parseLinkHeader(h);
    assert.equal(links.get('previous')?.results, false);
    assert.equal(links.get('next')?.cursor, '0:100:0');
    assert.equal(nextPageUrl(h), 'https://sentry.io/api/0/organizations/acme/issues/123456/events/?&cursor=0:100:0');
    assert.equal(nextPageUrl(h.replace('results="true"', 'results="false"')), undefined);
  });

  it('reads GitHub links', () => {
    const h = '<https://api.github.com/resource?page=2>; rel="next", <https://api.github.com/resource?page=5>; rel="last"';
    assert.equal(nextPageUrl(h), 'https://api.github.com/resource?page=2');
    assert.equal(parseLinkHeader(h).get('last')?.url, 'https://api.github.com/resource?page=5');
    assert.equal(nextPageUrl(undefined), undefined);
    assert.equal(nextPageUrl('garbage'), undefined);
  });
});

describe('http: failures to SourceError kinds', () => {
  const none = headerGetter({});
  const kindOf = (r: SourceError | RetryableFailure): string => (r instanceof RetryableFailure ? `retry:${r.error.kind}` : r.kind);
  const table: [number, Record<string, string>, string, string][] = [
    [401, {}, '', 'unauthorized'],
    [403, {}, '{"detail":"You do not have permission"}', 'forbidden'],
    [403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 600) }, '', 'retry:rateLimited'],
    [403, { 'retry-after': '30' }, '{"message":"You have exceeded a secondary rate limit"}', 'retry:rateLimited'],
    [403, {}, '{"message":"You have exceeded a secondary rate limit"}', 'retry:rateLimited'],
    [404, {}, '', 'notFound'],
    [408, {}, '', 'retry:timeout'],
    [429, { 'retry-after': '5' }, '', 'retry:rateLimited'],
    [429, { 'x-sentry-rate-limit-reset': String(NOW / 1000 + 9) }, '', 'retry:rateLimited'],
    [500, {}, '', 'retry:failed'],
    [502, {}, '<html>bad gateway</html>', 'retry:unreachable'],
    [503, { 'retry-after': '2' }, '', 'retry:unreachable'],
    [400, {}, '{"detail":"Invalid query"}', 'failed'],
    [302, {}, '', 'badResponse'],
  ];
  for (const [status, headers, body, want] of table) {
    it(`${status} ${JSON.stringify(headers)} → ${want}`, () => {
      assert.equal(kindOf(errorForStatus(status, headerGetter(headers), body, ctx)), want);
    });
  }

  it('gives retryAt from the headers and names what was not found', () => {
    const r = errorForStatus(429, headerGetter({ 'retry-after': '5' }), '', ctx) as RetryableFailure;
    assert.equal(r.retryAt, NOW + 5000);
    assert.equal(r.error.retryAt, NOW + 5000);
    const gh = errorForStatus(403, headerGetter({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1795500000' }), '', ctx) as RetryableFailure;
    assert.equal(gh.error.retryAt, 1795500000 * 1000);
    const nf = errorForStatus(404, none, '', ctx) as SourceError;
    assert.match(nf.message, /Sentry organization "acme"/);
  });

  it('maps socket errors, also inside fetch causes', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    assert.equal(errorForTransport(refused, 'Sentry', 'https://sentry.io').kind, 'unreachable');
    const fetchFailed = Object.assign(new TypeError('fetch failed'), { cause: new AggregateError([Object.assign(new Error('x'), { code: 'ENOTFOUND' })]) });
    assert.match(errorForTransport(fetchFailed, 'GitHub', 'https://api.github.com').message, /host not found/);
    assert.equal(errorForTransport(Object.assign(new Error('t'), { code: 'ETIMEDOUT' }), 'GitHub', 'x').kind, 'timeout');
    assert.match(errorForTransport(Object.assign(new Error('t'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'Sentry', 'x').message, /TLS certificate/);
  });

  it('turns HTML and broken JSON into badResponse with a redacted detail', () => {
    const token = 'sntrys_' + 'A'.repeat(40);
    assert.throws(
      () => parseJsonBody(ctx, `<!DOCTYPE html><p>Authorization: Bearer ${token}</p>`, 'text/html'),
      (e: SourceError) => e.kind === 'badResponse' && /text\/html/.test(e.detail ?? '') && !(e.detail ?? '').includes(token) && !e.message.includes(token),
    );
    assert.throws(() => parseJsonBody(ctx, '{"a":', 'application/json'), (e: SourceError) => e.kind === 'badResponse' && /malformed/.test(e.message));
    assert.throws(() => parseJsonBody(ctx, 'x'.repeat(5000), 'application/json'), (e: SourceError) => (e.detail ?? '').length < 300);
    assert.deepEqual(parseJsonBody(ctx, '[1]', undefined), [1]);
  });
});

describe('http: addresses', () => {
  it('accepts https and loopback http only', () => {
    assert.equal(checkBaseUrl('https://sentry.example.com/prefix', 'Sentry').host, 'sentry.example.com');
    assert.equal(checkBaseUrl('http://127.0.0.1:9000', 'Sentry').port, '9000');
    assert.throws(() => checkBaseUrl('http://sentry.example.com', 'Sentry'), (e: SourceError) => e.kind === 'notConfigured');
    assert.throws(() => checkBaseUrl('https://user:pw@sentry.example.com', 'Sentry'), (e: SourceError) => e.kind === 'notConfigured' && !e.message.includes('pw'));
    assert.throws(() => checkBaseUrl('not a url', 'Sentry'), (e: SourceError) => e.kind === 'notConfigured');
  });

  it('keeps a self-hosted prefix, repeats array params, and never follows a link to another host', () => {
    const c = new JsonHttpClient({ service: 'Sentry', baseUrl: 'https://sentry.example.com/sentry/' });
    assert.equal(c.urlFor('/api/0/x/', { project: ['1', '2'], environment: 'prod', skip: undefined }), 'https://sentry.example.com/sentry/api/0/x/?project=1&project=2&environment=prod');
    assert.equal(c.urlFor('https://sentry.example.com/sentry/api/0/x/?cursor=1'), 'https://sentry.example.com/sentry/api/0/x/?cursor=1');
    assert.equal(c.urlFor('https://evil.example.net/api/0/x/?cursor=1'), 'https://sentry.example.com/api/0/x/?cursor=1');
  });
});
