import * as assert from 'node:assert/strict';
import { groupChanges, pullRequestNumber, countRows } from '../../../src/core/changes/group';
import type { Commit, ChangeGroup } from '../../../src/core/model/changes';

let clock = 1_000_000;
function c(sha: string, parents: string[], subject: string, body = ''): Commit {
  clock += 60_000;
  return { sha, parents, subject, body, authorName: 'A', authorEmail: 'a@x', authorTime: clock, commitTime: clock, files: [], filesTotal: 0, branches: [] };
}
const labels = (groups: ChangeGroup[]): string[][] =>
  groups.map((g) => [g.deploy?.tag ?? '(undeployed)', ...g.rows.map((r) => (r.kind === 'pr' ? `PR#${r.number}[${r.commits.map((x) => x.sha).join(',')}]` : r.commit.sha))]);

describe('groupChanges', () => {
  // main: m1 - m2 - M(merge of f1,f2) - m3 ; tags: deploy-1 on m2, deploy-2 on M
  const m1 = c('m1', ['m0'], 'first');
  const m2 = c('m2', ['m1'], 'second');
  const f1 = c('f1', ['m2'], 'feature part 1');
  const f2 = c('f2', ['f1'], 'feature part 2');
  const M = c('M', ['m2', 'f2'], 'Merge pull request #42 from org/feature', 'Add the feature');
  const m3 = c('m3', ['M'], 'Fix typo (#43)');
  const commits = [m3, M, f2, f1, m2, m1];

  it('folds a PR merge with the commits it brought in, under the deploy that shipped it', () => {
    const groups = groupChanges({
      commits,
      headSha: 'm3',
      deploys: [
        { tag: 'deploy-1', sha: 'm2', time: m2.commitTime + 1000 },
        { tag: 'deploy-2', sha: 'M', time: M.commitTime + 1000 },
      ],
    });
    assert.deepEqual(labels(groups), [['(undeployed)', 'm3'], ['deploy-2', 'PR#42[f2,f1]'], ['deploy-1', 'm2', 'm1']]);
    assert.deepEqual(countRows(groups), { commits: 6, pullRequests: 1 });
  });

  it('keeps everything undeployed when no deploy tag is in the window, and ignores deploys outside it', () => {
    const groups = groupChanges({ commits, headSha: 'm3', deploys: [{ tag: 'deploy-0', sha: 'm0', time: 1 }] });
    assert.equal(groups.length, 1);
    assert.equal(groups[0].deploy, undefined);
  });

  it('treats a non-PR merge as a plain row and marks commits that only another branch reaches', () => {
    const b1 = c('b1', ['m3'], 'wip on branch');
    const merge = c('X', ['m3', 'f9'], "Merge branch 'topic'");
    const groups = groupChanges({ commits: [b1, merge, ...commits], headSha: 'X', deploys: [], branchTips: [{ name: 'topic/wip', sha: 'b1' }] });
    const rows = groups[0].rows;
    assert.ok(rows.some((r) => r.kind === 'commit' && r.commit.sha === 'X'));
    assert.deepEqual(b1.branches, ['topic/wip']);
    assert.deepEqual(m3.branches, []);
  });

  it('reads PR numbers from merge subjects and squash suffixes only', () => {
    assert.equal(pullRequestNumber('Merge pull request #128 from acme/x'), 128);
    assert.equal(pullRequestNumber('Refactor meta builder (#77)'), 77);
    assert.equal(pullRequestNumber('Mention #12 in the middle'), undefined);
  });

  it('stays linear on a long history with many merges', () => {
    const many: Commit[] = [];
    let prev = 'root';
    for (let i = 0; i < 20_000; i++) {
      const side = c(`s${i}`, [prev], `side ${i}`);
      const merge = c(`m${i}x`, [prev, side.sha], `Merge pull request #${i} from o/b${i}`);
      many.push(side, merge);
      prev = merge.sha;
    }
    many.reverse();
    const t = Date.now();
    const groups = groupChanges({ commits: many, headSha: prev, deploys: [{ tag: 'deploy-x', sha: 'm100x', time: 5 }] });
    assert.ok(Date.now() - t < 2000, 'grouping 40k commits takes well under 2 s');
    assert.equal(countRows(groups).pullRequests, 20_000);
  });
});
