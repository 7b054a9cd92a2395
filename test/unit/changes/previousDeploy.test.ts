import * as assert from 'node:assert/strict';
import { previousLocalDeploy, previousSuccessfulDeployment } from '../../../src/core/changes/previousDeploy';
import type { ChangeEventRow, DeploymentEventRow, DeploymentState } from '../../../src/core/model/deploys';

describe('previous successful deploy', () => {
  const deploys = [
    { tag: 'deploy-3', sha: 'c3', time: 300 },
    { tag: 'deploy-2b', sha: 'c2', time: 250 },
    { tag: 'deploy-2', sha: 'c2', time: 200 },
    { tag: 'deploy-1', sha: 'c1', time: 100 },
  ];

  it('pairs a tag with the newest older tag of another commit', () => {
    assert.deepEqual(previousLocalDeploy(deploys, 'deploy-3'), { base: { sha: 'c2', name: 'deploy-2b' }, head: { sha: 'c3', name: 'deploy-3' } });
    // A redeploy of the same commit is skipped: comparing it with itself says nothing.
    assert.deepEqual(previousLocalDeploy(deploys, 'deploy-2b')?.base, { sha: 'c1', name: 'deploy-1' });
    assert.equal(previousLocalDeploy(deploys, 'deploy-1'), undefined);
    assert.equal(previousLocalDeploy(deploys, 'nope'), undefined);
  });

  function row(id: string, sha: string | undefined, time: number, state: DeploymentState, environment = 'production'): DeploymentEventRow {
    return { kind: 'deployment', key: id, time, title: id, sources: ['github'], sha, also: [], deployment: { kind: 'deployment', source: 'github', id, environment, state, time, ...(sha ? { sha } : {}) } };
  }

  it('pairs a deployment with the newest earlier successful one to the same environment', () => {
    const rows: ChangeEventRow[] = [
      row('d5', 'e5', 500, 'failure'),
      row('d4', 'e4', 400, 'failure'),
      row('d3s', 'e3', 350, 'success', 'staging'),
      row('d3', 'e3', 300, 'success'),
      row('d2', 'e2', 200, 'success'),
    ];
    const pair = previousSuccessfulDeployment(rows, rows[0] as DeploymentEventRow);
    assert.deepEqual(pair, { base: { sha: 'e3', name: 'production e3' }, head: { sha: 'e5', name: 'production e5' } });
    assert.equal(previousSuccessfulDeployment(rows, rows[4] as DeploymentEventRow), undefined);
    assert.equal(previousSuccessfulDeployment(rows, row('x', undefined, 600, 'success')), undefined);
  });
});
