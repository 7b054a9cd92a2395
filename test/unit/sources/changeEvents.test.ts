import * as assert from 'node:assert/strict';
import type { Commit } from '../../../src/core/model/changes';
import { mergeChangeEvents, SAME_DEPLOY_TOLERANCE_MS } from '../../../src/core/model/deploys';
import type { DeploymentEvent, PullRequestEvent, ReleaseEvent, RemoteCommitEvent } from '../../../src/core/model/deploys';
import { appFramesFirst, isNewIssue, topAppFrame, withNewFlags } from '../../../src/core/model/errors';
import type { ErrorIssue, StackFrame } from '../../../src/core/model/errors';

const H = 3_600_000;
const NOW = Date.parse('2026-11-23T14:00:00Z');
const sha = (c: string): string => c.repeat(40);

function local(s: string, hoursAgo: number, subject = `commit ${s}`): Commit {
  const t = NOW - hoursAgo * H;
  return { sha: s, parents: [], authorName: 'A', authorEmail: 'a@x', authorTime: t, commitTime: t, subject, body: '', files: [], filesTotal: 0, branches: [] };
}
function remoteCommit(s: string, hoursAgo: number): RemoteCommitEvent {
  const t = NOW - hoursAgo * H;
  return { kind: 'commit', sha: s, subject: `remote ${s.slice(0, 4)}`, body: '', authorName: 'B', authorLogin: 'b', authorTime: t, time: t, url: `https://github.com/o/r/commit/${s}` };
}
function pr(number: number, mergeSha: string | undefined, hoursAgo: number): PullRequestEvent {
  return { kind: 'pullRequest', number, title: `PR ${number}`, author: 'c', mergedAt: NOW - hoursAgo * H, mergeCommitSha: mergeSha, url: `https://github.com/o/r/pull/${number}` };
}
function deploy(source: 'github' | 'sentry', id: string, s: string | undefined, hoursAgo: number, environment = 'production'): DeploymentEvent {
  return { kind: 'deployment', source, id, environment, state: 'success', time: NOW - hoursAgo * H, sha: s };
}
function release(tag: string, hoursAgo: number): ReleaseEvent {
  return { kind: 'release', source: 'github', tag, name: tag, time: NOW - hoursAgo * H };
}

describe('mergeChangeEvents', () => {
  it('is one row per commit when the clone and GitHub both have it', () => {
    const rows = mergeChangeEvents({ local: [local(sha('a'), 1)], remote: [remoteCommit(sha('a'), 1), remoteCommit(sha('b'), 2)] });
    assert.deepEqual(rows.map((r) => [r.kind, r.key, r.sources.join('+')]), [
      ['commit', `sha:${sha('a')}`, 'git+github'],
      ['commit', `sha:${sha('b')}`, 'github'],
    ]);
    const first = rows[0];
    assert.ok(first.kind === 'commit' && first.local && first.remote, 'keeps both views of the commit');
  });

  it('lets a pull request absorb the commit it merged as, keeping the local commit', () => {
    const rows = mergeChangeEvents({ local: [local(sha('a'), 1, 'Merge pull request #7')], remote: [pr(7, sha('a').toUpperCase(), 1), remoteCommit(sha('a'), 1)] });
    assert.equal(rows.length, 1);
    const row = rows[0];
    assert.equal(row.kind, 'pullRequest');
    assert.ok(row.kind === 'pullRequest' && row.local?.subject === 'Merge pull request #7' && row.remote);
    assert.deepEqual(row.sources, ['git', 'github']);
  });

  it('keeps pull requests without a known merge commit, once each', () => {
    const rows = mergeChangeEvents({ local: [], remote: [pr(8, undefined, 2), pr(8, undefined, 2), pr(9, sha('c'), 3)] });
    assert.deepEqual(rows.map((r) => r.key), ['pr:8', `sha:${sha('c')}`]);
  });

  it('joins one deploy reported by GitHub and Sentry, but keeps a later redeploy of the same sha', () => {
    const rows = mergeChangeEvents({
      local: [],
      remote: [
        deploy('github', '1', sha('d'), 1),
        deploy('sentry', 's1', sha('d'), 1 - 2 / 60),
        deploy('github', '2', sha('d'), 1 - (SAME_DEPLOY_TOLERANCE_MS + 60_000) / H),
        deploy('github', '1', sha('d'), 1),
        deploy('sentry', 's2', sha('d'), 1, 'staging'),
      ],
    });
    const deploys = rows.filter((r) => r.kind === 'deployment');
    assert.equal(deploys.length, 3);
    const joined = deploys.find((r) => r.key === 'deploy:github:1');
    assert.ok(joined && joined.kind === 'deployment');
    assert.deepEqual(joined.sources, ['github', 'sentry']);
    assert.equal(joined.also.length, 1);
    assert.match(joined.title, /^Deploy ddddddd to production$/);
  });

  it('sorts newest first, deploys before merges at the same moment, and filters by window', () => {
    const rows = mergeChangeEvents({
      local: [local(sha('a'), 5), local(sha('b'), 30)],
      remote: [pr(1, sha('e'), 2), deploy('github', '9', sha('e'), 2), release('v1.0.0', 3), release('v1.0.0', 3)],
      window: { start: NOW - 24 * H, end: NOW },
    });
    assert.deepEqual(rows.map((r) => r.kind), ['deployment', 'pullRequest', 'release', 'commit']);
  });

  it('does not join on short or malformed ids', () => {
    const rows = mergeChangeEvents({ local: [local('abc1234', 1)], remote: [pr(3, 'abc1234', 1)] });
    assert.deepEqual(rows.map((r) => r.kind), ['pullRequest']);
  });
});

describe('Sentry issue helpers', () => {
  const w = { start: NOW - 24 * H, end: NOW };
  it('calls an issue new when first seen in the window or after the latest deploy', () => {
    assert.equal(isNewIssue(NOW - H, w), true);
    assert.equal(isNewIssue(NOW - 48 * H, w), false);
    assert.equal(isNewIssue(NOW - 48 * H, w, NOW - 72 * H), true);
    assert.equal(isNewIssue(NOW - 48 * H, w, NOW - 24.5 * H), false);
    assert.equal(isNewIssue(undefined, w, NOW - 72 * H), false);
    assert.equal(isNewIssue(NaN, w), false);
  });

  it('recomputes the flags when the deploy time arrives later', () => {
    const issue = { id: '1', firstSeen: NOW - 30 * H, isNew: false } as ErrorIssue;
    assert.equal(withNewFlags([issue], w, NOW - 40 * H)[0].isNew, true);
    assert.equal(issue.isNew, false, 'the input stays as it was');
  });

  it('puts in-app frames first, the throwing frame first in each group', () => {
    const f = (index: number, inApp: boolean): StackFrame => ({ index, inApp, context: [], function: `f${index}` });
    const ordered = appFramesFirst([f(0, false), f(1, true), f(2, true), f(3, false)]);
    assert.deepEqual(ordered.map((x) => x.index), [2, 1, 3, 0]);
    assert.equal(topAppFrame({ exceptions: [{ type: 'E', value: '', frames: ordered }] })?.index, 2);
    assert.equal(topAppFrame({ exceptions: [{ type: 'E', value: '', frames: [f(0, false)] }] }), undefined);
  });
});
