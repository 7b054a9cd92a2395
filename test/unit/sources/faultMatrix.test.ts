/**
 * Every source operation × every way the far side can fail → the right SourceError kind, with
 * the real axios and Octokit clients talking to replay servers over sockets.
 */
import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import type { SourceErrorKind } from '../../../src/core/errors';
import { GitHubClient } from '../../../src/sources/github/githubClient';
import { SentryClient } from '../../../src/sources/sentry/sentryClient';
import { pullsFromSample, sampleGitHubData, startGitHubReplay } from '../../replay/githubReplay';
import { closedPort } from '../../replay/replayServer';
import type { FaultSpec, ReplayServer } from '../../replay/replayServer';
import { sampleSentryData, startSentryReplay } from '../../replay/sentryReplay';

const SENTRY_TOKEN = 'sntrys_' + 'M'.repeat(24) + 'z7'.repeat(10);
const GITHUB_TOKEN = 'ghp_' + 'K'.repeat(20) + 'q1'.repeat(10);
const TIMEOUT_MS = 250;
const RETRY = { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxTotalWaitMs: 2_000 };
const NOW = Date.now();
const WINDOW = { start: NOW - 24 * 3_600_000, end: NOW };

interface Operation {
  name: string;
  /** The path the fault is injected on. */
  path: string;
  /** What a notFound message must name. */
  names: RegExp;
  run(baseUrl: string, signal?: AbortSignal): Promise<unknown>;
}

interface Fault {
  name: string;
  spec?: FaultSpec;
  refused?: boolean;
  want: SourceErrorKind | 'success';
  check?: (e: SourceError | undefined, requests: number) => void;
}

const FAULTS: Fault[] = [
  { name: '401', spec: { status: 401, body: '{"detail":"Invalid token"}' }, want: 'unauthorized' },
  { name: '403', spec: { status: 403, body: '{"detail":"You do not have permission to perform this action."}' }, want: 'forbidden' },
  { name: '404', spec: { status: 404, body: '{"detail":"The requested resource does not exist"}' }, want: 'notFound' },
  {
    name: '429 + Retry-After beyond the cap',
    spec: { status: 429, retryAfter: 120 },
    want: 'rateLimited',
    check: (e, requests) => {
      assert.ok(e?.retryAt && Math.abs(e.retryAt - (Date.now() + 120_000)) < 10_000, `retryAt ${e?.retryAt}`);
      assert.equal(requests, 1, 'failed fast without waiting');
    },
  },
  { name: '500 once, then success', spec: { status: 500, times: 1 }, want: 'success', check: (_e, requests) => assert.equal(requests, 2) },
  { name: '503 every time', spec: { status: 503 }, want: 'unreachable', check: (_e, requests) => assert.equal(requests, 3, 'first try and two retries') },
  { name: 'slow beyond the timeout', spec: { kind: 'slow', delayMs: 3_000 }, want: 'timeout' },
  { name: 'connection refused', refused: true, want: 'unreachable' },
  { name: 'connection reset', spec: { kind: 'reset' }, want: 'unreachable' },
  { name: 'malformed JSON', spec: { kind: 'malformedJson' }, want: 'badResponse' },
  {
    name: 'HTML error page',
    spec: { kind: 'html', echoAuthorization: true },
    want: 'badResponse',
    check: (e) => assert.match(e?.detail ?? '', /content-type: text\/html.*<!DOCTYPE html>/s),
  },
];

describe('fault matrix', function () {
  this.timeout(15_000);
  let sentry: ReplayServer;
  let github: ReplayServer;
  let refusedPort: number;

  before(async () => {
    ({ server: sentry } = await startSentryReplay(sampleSentryData('acme'), { token: SENTRY_TOKEN }));
    const data = sampleGitHubData('acme', 'shop');
    data.pulls = pullsFromSample([{ number: 1, mergedAt: NOW - 60_000 }]);
    ({ server: github } = await startGitHubReplay(data, { token: GITHUB_TOKEN }));
    refusedPort = await closedPort();
  });
  after(async () => {
    await sentry.close();
    await github.close();
  });

  const sentryClient = (baseUrl: string): SentryClient =>
    new SentryClient({ baseUrl, org: 'acme', projects: [], token: SENTRY_TOKEN }, { timeoutMs: TIMEOUT_MS, retry: RETRY });
  const githubClient = (baseUrl: string): GitHubClient => new GitHubClient({ owner: 'acme', name: 'shop' }, { baseUrl, token: GITHUB_TOKEN, timeoutMs: TIMEOUT_MS, retry: RETRY });

  const operations: { server: () => ReplayServer; token: string; op: Operation }[] = [
    {
      server: () => sentry,
      token: SENTRY_TOKEN,
      op: { name: 'sentry listIssues', path: '/api/0/organizations/acme/issues/', names: /organization "acme"/, run: (u, signal) => sentryClient(u).listIssues({ window: WINDOW, signal }) },
    },
    {
      server: () => sentry,
      token: SENTRY_TOKEN,
      op: { name: 'sentry latestEvent', path: '/api/0/organizations/acme/issues/1/events/latest/', names: /issue 1 in organization "acme"/, run: (u, signal) => sentryClient(u).latestEvent('1', signal) },
    },
    {
      server: () => github,
      token: GITHUB_TOKEN,
      op: { name: 'github mergedPullRequests', path: '/repos/acme/shop/pulls', names: /repository acme\/shop/, run: (u, signal) => githubClient(u).mergedPullRequests({ window: WINDOW, signal }) },
    },
    {
      server: () => github,
      token: GITHUB_TOKEN,
      op: { name: 'github compare', path: '/repos/acme/shop/compare/main...HEAD', names: /main\.\.\.HEAD in GitHub repository acme\/shop/, run: (u, signal) => githubClient(u).compare('main', 'HEAD', signal) },
    },
  ];

  for (const { server, token, op } of operations) {
    describe(op.name, () => {
      afterEach(() => {
        server().clearFaults();
        server().clearRequests();
      });

      for (const fault of FAULTS) {
        it(`${fault.name} → ${fault.want}`, async () => {
          const s = server();
          if (fault.spec) s.fault(op.path, fault.spec);
          const base = fault.refused ? `http://127.0.0.1:${refusedPort}` : s.url;
          let error: SourceError | undefined;
          try {
            await op.run(base);
          } catch (e) {
            assert.ok(e instanceof SourceError, `not a SourceError: ${String(e)}`);
            error = e;
          }
          if (fault.want === 'success') assert.equal(error, undefined, error?.message);
          else {
            assert.ok(error, 'expected a failure');
            assert.equal(error.kind, fault.want, `${error.kind}: ${error.message}`);
            if (fault.want === 'notFound') assert.match(error.message, op.names);
            const text = `${error.message}\n${error.detail ?? ''}`;
            assert.ok(!text.includes(token), `token in the error: ${text}`);
          }
          fault.check?.(error, s.requestsTo(op.path).length);
          for (const r of s.requests) {
            assert.ok(!r.url.includes(token), 'token in a URL');
            assert.match(String(r.headers.authorization), new RegExp(`^(Bearer|token) ${token}$`));
          }
        });
      }

      it('cancellation mid-request → cancelled, promptly', async () => {
        const s = server();
        s.fault(op.path, { kind: 'slow', delayMs: 3_000 });
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort(), 40);
        // A longer timeout than the abort, so only the abort can end it.
        const c = op.name.startsWith('sentry')
          ? new SentryClient({ baseUrl: s.url, org: 'acme', projects: [], token: SENTRY_TOKEN }, { timeoutMs: 5_000, retry: RETRY })
          : new GitHubClient({ owner: 'acme', name: 'shop' }, { baseUrl: s.url, token: GITHUB_TOKEN, timeoutMs: 5_000, retry: RETRY });
        const run = c instanceof SentryClient
          ? op.name.endsWith('latestEvent') ? c.latestEvent('1', controller.signal) : c.listIssues({ window: WINDOW, signal: controller.signal })
          : op.name.endsWith('compare') ? c.compare('main', 'HEAD', controller.signal) : c.mergedPullRequests({ window: WINDOW, signal: controller.signal });
        await assert.rejects(run, (e: SourceError) => e instanceof SourceError && e.kind === 'cancelled');
        assert.ok(Date.now() - started < 1_000, 'did not wait for the server');
      });

      it('cancellation while waiting to retry → cancelled', async () => {
        const s = server();
        s.fault(op.path, { status: 503, retryAfter: 1 });
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 150);
        const started = Date.now();
        await assert.rejects(op.run(s.url, controller.signal), (e: SourceError) => e.kind === 'cancelled');
        assert.ok(Date.now() - started < 800);
      });

      it('an already aborted signal sends nothing', async () => {
        const controller = new AbortController();
        controller.abort();
        await assert.rejects(op.run(server().url, controller.signal), (e: SourceError) => e.kind === 'cancelled');
        assert.equal(server().requests.length, 0);
      });
    });
  }

  it('429 with a short Retry-After (HTTP date) waits and succeeds', async () => {
    sentry.fault('/api/0/organizations/acme/issues/', { status: 429, retryAfter: new Date(Date.now() + 1_500).toUTCString(), times: 1 });
    try {
      const started = Date.now();
      const list = await sentryClient(sentry.url).listIssues({ window: WINDOW });
      assert.equal(list.issues.length, 1);
      // HTTP dates have whole seconds: the wait is between 0.5 and 1.5 s.
      assert.ok(Date.now() - started >= 400, `waited ${Date.now() - started} ms`);
    } finally {
      sentry.clearFaults();
      sentry.clearRequests();
    }
  });

  it('429 with Retry-After: 1 on GitHub waits about a second and succeeds', async () => {
    github.fault('/repos/acme/shop/pulls', { status: 429, retryAfter: 1, times: 1 });
    try {
      const started = Date.now();
      const prs = await githubClient(github.url).mergedPullRequests({ window: WINDOW });
      assert.equal(prs.length, 1);
      assert.ok(Date.now() - started >= 900, `${Date.now() - started} ms`);
    } finally {
      github.clearFaults();
      github.clearRequests();
    }
  });
});
