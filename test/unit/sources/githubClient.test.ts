import * as assert from 'node:assert/strict';
import { SourceError } from '../../../src/core/errors';
import { mergeChangeEvents } from '../../../src/core/model/deploys';
import { GitHubClient } from '../../../src/sources/github/githubClient';
import type { GitHubClientOptions } from '../../../src/sources/github/githubClient';
import {
  commitsFromSample,
  deploymentsFromSample,
  fakeSha,
  pullsFromSample,
  releasesFromSample,
  sampleGitHubData,
  startGitHubReplay,
  statusFromSample,
} from '../../replay/githubReplay';
import type { GitHubReplay } from '../../replay/githubReplay';

const TOKEN = 'ghp_' + 'R'.repeat(16) + 'abc123'.repeat(4);
const H = 3_600_000;
export const FAST_GH: GitHubClientOptions = { timeoutMs: 2_000, retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 20, maxTotalWaitMs: 3_000 } };

describe('GitHub client against the replayed samples', function () {
  this.timeout(10_000);
  let gh: GitHubReplay;
  const client = (o: GitHubClientOptions = {}): GitHubClient => new GitHubClient({ owner: 'octocat', name: 'Hello-World' }, { baseUrl: gh.url, token: TOKEN, ...FAST_GH, ...o });
  const all = { start: Date.parse('2010-01-01T00:00:00Z'), end: Date.parse('2030-01-01T00:00:00Z') };

  before(async () => {
    gh = await startGitHubReplay(sampleGitHubData(), { token: TOKEN });
  });
  after(() => gh.server.close());
  beforeEach(() => gh.server.clearRequests());

  it('maps the published deployment with its latest status', async () => {
    const [d, ...rest] = await client().deployments({ window: all });
    assert.equal(rest.length, 0);
    assert.deepEqual(
      { id: d.id, env: d.environment, state: d.state, creator: d.creator, sha: d.sha, ref: d.ref, production: d.production, url: d.url },
      { id: '1', env: 'production', state: 'success', creator: 'octocat', sha: 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d', ref: 'topic-branch', production: true, url: 'https://example.com/deployment/42/output' },
    );
    assert.equal(d.time, Date.parse('2012-07-20T01:19:13Z'));
    const statuses = gh.server.requestsTo('/repos/octocat/Hello-World/deployments/1/statuses')[0];
    assert.equal(statuses.query.get('per_page'), '1');
    assert.equal(statuses.headers.authorization, `token ${TOKEN}`);
  });

  it('maps releases and commits; the published pull request is open, so it is not a merge', async () => {
    const c = client();
    const [r] = await c.releases({ window: all });
    assert.deepEqual([r.tag, r.name, r.author, r.time, r.url], ['v1.0.0', 'v1.0.0', 'octocat', Date.parse('2013-02-27T19:35:32Z'), 'https://github.com/octocat/Hello-World/releases/v1.0.0']);
    const [commit] = await c.commits({ window: all });
    assert.deepEqual([commit.sha, commit.subject, commit.authorName, commit.authorLogin], ['6dcb09b5b57875f334f61aebed695e2e4193db5e', 'Fix all the bugs', 'Monalisa Octocat', 'octocat']);
    assert.deepEqual(await c.mergedPullRequests({ window: all }), []);
    const pulls = gh.server.requestsTo('/repos/octocat/Hello-World/pulls')[0];
    assert.deepEqual([pulls.query.get('state'), pulls.query.get('sort'), pulls.query.get('direction')], ['closed', 'updated', 'desc']);
    const commitsReq = gh.server.requestsTo('/repos/octocat/Hello-World/commits')[0];
    assert.equal(commitsReq.query.get('since'), '2010-01-01T00:00:00.000Z');
  });

  it('compares two refs into commits and changed files', async () => {
    const cmp = await client().compare('master', 'topic');
    assert.equal(gh.server.requests[0].path, '/repos/octocat/Hello-World/compare/master...topic');
    assert.deepEqual([cmp.status, cmp.aheadBy, cmp.behindBy, cmp.totalCommits, cmp.commits.length], ['behind', 1, 2, 1, 1]);
    assert.deepEqual(cmp.files, [{ path: 'file1.txt', previousPath: undefined, status: 'added', additions: 103, deletions: 21 }]);
    await assert.rejects(client().compare('main..x', 'HEAD'), (e: SourceError) => e.kind === 'failed');
  });

  it('works under a GitHub Enterprise /api/v3 base', async () => {
    const [d] = await client({ baseUrl: `${gh.url}/api/v3` }).deployments({ window: all });
    assert.equal(d.id, '1');
    assert.ok(gh.server.requests.every((r) => r.path.startsWith('/api/v3/repos/')));
  });

  it('names the repository when it is not found', async () => {
    const c = new GitHubClient({ owner: 'octocat', name: 'missing' }, { baseUrl: gh.url, token: TOKEN, ...FAST_GH });
    await assert.rejects(c.releases({ window: all }), (e: SourceError) => e.kind === 'notFound' && /octocat\/missing/.test(e.message));
  });
});

describe('GitHub client: windows, paging, ETags and rate limits', function () {
  this.timeout(10_000);
  let gh: GitHubReplay;
  const now = Date.now();
  const window = { start: now - 24 * H, end: now };
  const client = (o: GitHubClientOptions = {}): GitHubClient => new GitHubClient({ owner: 'acme', name: 'shop' }, { baseUrl: gh.url, token: TOKEN, ...FAST_GH, ...o });

  before(async () => {
    const data = sampleGitHubData('acme', 'shop');
    // 60 closed PRs, one an hour back from now; every third closed without merging.
    data.pulls = pullsFromSample(Array.from({ length: 60 }, (_, i) => ({ number: 500 - i, mergedAt: i % 3 === 2 ? undefined : now - i * H, updatedAt: now - i * H })));
    data.deployments = deploymentsFromSample([
      { id: 11, createdAt: now - 0.5 * H, sha: fakeSha('pr-500') },
      { id: 10, createdAt: now - 5 * H, environment: 'staging' },
      { id: 9, createdAt: now - 30 * H },
    ]);
    data.statuses = { '11': [statusFromSample('failure', now - 0.4 * H, 'smoke tests failed'), statusFromSample('in_progress', now - 0.5 * H)], '10': [] };
    data.releases = releasesFromSample([
      { tag: 'v2.1.0', publishedAt: now - 2 * H },
      { tag: 'v2.0.0', publishedAt: now - 3 * 24 * H },
    ]);
    data.commits = commitsFromSample([
      { sha: fakeSha('pr-500'), message: 'Merge pull request #500 from acme/x\n\nPull request 500', at: now },
      { message: 'Fix the thing\n\nLonger body', at: now - 2 * H },
    ]);
    gh = await startGitHubReplay(data, { perPage: 30 });
  });
  after(() => gh.server.close());
  beforeEach(() => {
    gh.server.clearRequests();
    gh.server.clearFaults();
  });

  it('keeps merged pull requests inside the window and stops paging once updates are older', async () => {
    const prs = await client({ perPage: 10 }).mergedPullRequests({ window });
    // PR i was merged i hours ago; the one 24 h ago falls just before the start (the API drops milliseconds).
    const expected = Array.from({ length: 24 }, (_, i) => i).filter((i) => i % 3 !== 2);
    assert.deepEqual(prs.map((p) => p.number), expected.map((i) => 500 - i));
    assert.equal(prs[0].mergeCommitSha, fakeSha('pr-500'));
    assert.deepEqual(gh.server.requests.map((r) => r.query.get('page') ?? '1'), ['1', '2', '3'], 'page 3 holds the first PR older than the window');
  });

  it('stops at the page cap', async () => {
    await client({ perPage: 5, maxPages: 2 }).mergedPullRequests({ window: { start: 0, end: now } });
    assert.equal(gh.server.requests.length, 2);
  });

  it('reads deployments in the window with their latest state', async () => {
    const ds = await client().deployments({ window });
    assert.deepEqual(ds.map((d) => [d.id, d.environment, d.state, d.description]), [
      ['11', 'production', 'failure', 'smoke tests failed'],
      ['10', 'staging', 'unknown', 'Deploy request from hubot'],
    ]);
    assert.equal(ds[0].updated, Math.floor((now - 0.4 * H) / 1000) * 1000);
  });

  it('gives everything for "What changed recently?" and merges it with local commits', async () => {
    const { events, failures } = await client().changes({ window });
    assert.deepEqual(failures, []);
    const rows = mergeChangeEvents({ local: [], remote: events });
    const pr500 = rows.filter((r) => r.sha === fakeSha('pr-500'));
    assert.deepEqual(pr500.map((r) => r.kind).sort(), ['deployment', 'pullRequest'], 'the merge commit and PR #500 are one row; its deploy is another');
    assert.ok(rows.some((r) => r.kind === 'release' && r.release.tag === 'v2.1.0'));
    assert.ok(!rows.some((r) => r.kind === 'release' && r.release.tag === 'v2.0.0'));
  });

  it('keeps the parts that worked when one part fails', async () => {
    gh.server.fault('/repos/acme/shop/deployments', { status: 403 });
    const { events, failures } = await client().changes({ window });
    assert.deepEqual(failures.map((f) => f.kind), ['forbidden']);
    assert.ok(events.some((e) => e.kind === 'pullRequest'));
  });

  it('refreshes with If-None-Match; a 304 answers from the cache and spends no rate limit', async () => {
    const c = client();
    const first = await c.releases({ window });
    const remainingAfterFirst = c.rateLimit?.remaining;
    assert.ok(remainingAfterFirst !== undefined);
    const second = await c.releases({ window });
    assert.deepEqual(second, first);
    const [r1, r2] = gh.server.requestsTo('/repos/acme/shop/releases');
    assert.equal(r1.headers['if-none-match'], undefined);
    assert.match(String(r2.headers['if-none-match']), /^W\/"[0-9a-f]{40}"$/);
    assert.equal(c.notModifiedCount, 1);
    assert.equal(c.rateLimit?.remaining, remainingAfterFirst, '304 did not count');
  });

  it('on the primary rate limit: rateLimited until the reset, then no more requests until then', async () => {
    const reset = Math.floor(now / 1000) + 1800;
    Object.assign(gh.rateLimit, { remaining: 0, reset });
    try {
      const c = client();
      await assert.rejects(c.releases({ window }), (e: SourceError) => e.kind === 'rateLimited' && e.retryAt === reset * 1000);
      assert.equal(gh.server.requests.length, 1);
      await assert.rejects(c.commits({ window }), (e: SourceError) => e.kind === 'rateLimited' && e.retryAt === reset * 1000);
      assert.equal(gh.server.requests.length, 1, 'the second call did not ask');
    } finally {
      gh.rateLimit.remaining = 5000;
    }
  });

  it('on a secondary limit (403 + Retry-After) waits when the wait is short, else fails fast', async () => {
    gh.server.fault('/repos/acme/shop/releases', { status: 403, retryAfter: 0, times: 1, body: '{"message":"You have exceeded a secondary rate limit."}' });
    assert.equal((await client().releases({ window })).length, 1);
    assert.equal(gh.server.requests.length, 2);
    gh.server.clearRequests();
    gh.server.fault('/repos/acme/shop/releases', { status: 403, retryAfter: 90, body: '{"message":"You have exceeded a secondary rate limit."}' });
    const before = Date.now();
    await assert.rejects(client().releases({ window }), (e: SourceError) => e.kind === 'rateLimited' && Math.abs((e.retryAt ?? 0) - (before + 90_000)) < 5_000);
    assert.equal(gh.server.requests.length, 1);
  });
});
