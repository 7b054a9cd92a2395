import * as assert from 'node:assert/strict';
import type { Commit } from '../../../src/core/model/changes';
import { mergeChangeEvents } from '../../../src/core/model/deploys';
import type { DeploymentEvent, PullRequestEvent, ReleaseEvent, RemoteCommitEvent } from '../../../src/core/model/deploys';
import { interleave, placeRemoteRows } from '../../../src/core/changes/placeRemote';

const H = 3_600_000;
const NOW = Date.parse('2026-11-23T14:00:00Z');
const sha = (c: string): string => c.repeat(40);
const at = (hoursAgo: number): number => NOW - hoursAgo * H;

function local(s: string, hoursAgo: number, subject = `commit ${s[0]}`): Commit {
  return { sha: s, parents: [], authorName: 'A', authorEmail: 'a@x', authorTime: at(hoursAgo), commitTime: at(hoursAgo), subject, body: '', files: [], filesTotal: 0, branches: [] };
}
const remoteCommit = (s: string, hoursAgo: number): RemoteCommitEvent => ({ kind: 'commit', sha: s, subject: `remote ${s[0]}`, body: '', authorName: 'B', authorTime: at(hoursAgo), time: at(hoursAgo) });
const pr = (number: number, mergeSha: string | undefined, hoursAgo: number): PullRequestEvent => ({ kind: 'pullRequest', number, title: `PR ${number}`, author: 'c', mergedAt: at(hoursAgo), mergeCommitSha: mergeSha });
const deployment = (id: string, s: string | undefined, hoursAgo: number, environment = 'production'): DeploymentEvent => ({ kind: 'deployment', source: 'github', id, environment, state: 'success', time: at(hoursAgo), sha: s });
const release = (tag: string, hoursAgo: number): ReleaseEvent => ({ kind: 'release', source: 'github', tag, name: tag, time: at(hoursAgo) });

// Local history: two commits not deployed yet (0.5 h, 1 h), deploy-2 at 3 h of commit c, deploy-1 at 10 h of commit e.
const commits = [local(sha('a'), 0.5), local(sha('b'), 1, 'Merge pull request #12'), local(sha('c'), 4), local(sha('e'), 11)];
const groups = [{}, { deploy: { sha: sha('c'), time: at(3) } }, { deploy: { sha: sha('e'), time: at(10) } }];

describe('placing GitHub and Sentry rows among the local commits', () => {
  const rows = mergeChangeEvents({
    local: commits,
    remote: [
      pr(12, sha('b'), 1), // merged as a local commit: annotates it
      pr(13, sha('f'), 2), // merge commit not in the clone: a row at its time
      deployment('9', sha('c'), 3.1), // of deploy-2's commit: joins that deploy's row
      deployment('8', sha('d'), 7, 'staging'), // of a commit the clone lacks
      remoteCommit(sha('a'), 0.5), // the clone has it: no row of its own
      remoteCommit(sha('9'), 20), // older than every deploy: the oldest group
      release('v2', 0.2), // newer than every deploy: not deployed yet
      { ...release('v1', 10.5), sha: sha('e') }, // of deploy-1's commit: joins that deploy's row
    ],
  });

  it('annotates, joins and places each remote change once', () => {
    const p = placeRemoteRows(groups, rows);
    assert.deepEqual([...p.pullRequests.keys()], [sha('b')], 'PR #12 annotates its local merge commit');
    assert.equal(p.pullRequests.get(sha('b'))?.pullRequest.number, 12);
    assert.deepEqual(p.deployments.map((d) => d.map((r) => r.key)), [[], ['deploy:github:9'], ['release:github:v1']], 'the deployment of c joins deploy-2, the release of e deploy-1');
    assert.deepEqual(p.inGroup.map((g) => g.map((r) => r.key)), [
      ['release:github:v2', `sha:${sha('f')}`], // newer than deploy-2: not deployed yet
      ['deploy:github:8'], // between deploy-1 and deploy-2: with what deploy-2 shipped
      [`sha:${sha('9')}`], // older than every deploy: the oldest group
    ]);
    assert.deepEqual(p.top, []);
    const placed = p.inGroup.flat().length + p.deployments.flat().length + p.pullRequests.size;
    assert.equal(placed, rows.filter((r) => !(r.kind === 'commit' && r.local)).length, 'every remote row shows once');
  });

  it('puts rows newer than every deploy above the groups when nothing is undeployed', () => {
    const p = placeRemoteRows(groups.slice(1), rows);
    assert.deepEqual(p.top.map((r) => r.key), ['release:github:v2', `sha:${sha('f')}`]);
    assert.deepEqual(p.inGroup[0].map((r) => r.key), ['deploy:github:8']);
  });

  it('puts everything above when there are no local groups', () => {
    const p = placeRemoteRows([], rows);
    assert.deepEqual(p.top.map((r) => r.key), ['release:github:v2', `sha:${sha('f')}`, 'deploy:github:9', 'deploy:github:8', 'release:github:v1', `sha:${sha('9')}`]);
  });

  it('interleaves by time, local first on a tie, keeping the local order', () => {
    const p = placeRemoteRows(groups, rows);
    const merged = interleave([local(sha('a'), 0.5), local(sha('b'), 1)], (c) => c.commitTime, p.inGroup[0]);
    assert.deepEqual(merged.map((m) => ('local' in m ? m.local.sha[0] : m.remote.key)), ['release:github:v2', 'a', 'b', `sha:${sha('f')}`]);
    const tie = interleave([local(sha('c'), 2)], (c) => c.commitTime, [{ ...p.inGroup[1][0], time: at(2) }, { ...p.inGroup[1][0], key: 'late', time: at(5) }]);
    assert.deepEqual(tie.map((m) => ('local' in m ? 'local' : m.remote.key)), ['local', 'deploy:github:8', 'late']);
  });
});
