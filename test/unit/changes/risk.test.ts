import * as assert from 'node:assert/strict';
import { createRiskClassifier } from '../../../src/core/changes/risk';

describe('risky change types', () => {
  const classify = createRiskClassifier();
  const table: [string, string[]][] = [
    ['config/flags.yml', ['flags', 'config']],
    ['config/production.yml', ['config']],
    ['migrations/0007_add_partition_key.sql', ['migration']],
    ['db/migrate/20261120_add.rb', ['migration']],
    ['package.json', ['dependency']],
    ['services/api/package-lock.json', ['dependency']],
    ['go.sum', ['dependency']],
    ['Dockerfile', ['infrastructure']],
    ['k8s/deployment.yaml', ['infrastructure']],
    ['infra/main.tf', ['infrastructure']],
    ['.github/workflows/ci.yml', ['ci']],
    ['.gitlab-ci.yml', ['ci']],
    ['src/orders/service.ts', []],
    ['README.md', []],
    ['src/flagship.ts', []],
  ];
  for (const [p, want] of table) {
    it(`${p} → ${want.join(', ') || 'not risky'}`, () => assert.deepEqual(classify(p), want));
  }

  it('adds the user\'s own globs to the built-in ones', () => {
    const custom = createRiskClassifier({ flags: ['settings/toggles.json'], ci: ['ops/pipeline/**'] });
    assert.deepEqual(custom('settings/toggles.json'), ['flags', 'config']);
    assert.deepEqual(custom('ops/pipeline/deploy.groovy'), ['ci']);
    assert.deepEqual(classify('ops/pipeline/deploy.groovy'), []);
  });
});
