import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rankSuspects, type FailureSignal, type SuspectChange } from '../../../src/core/correlate/suspects';
import { suspectsFromGroups } from '../../../src/core/correlate/fromChanges';
import { createRiskClassifier } from '../../../src/core/changes/risk';
import { GitRepository } from '../../../src/sources/git/repository';
import { readWhatChanged } from '../../../src/sources/git/whatChanged';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 14, 0, 0);

function change(key: string, minutesBefore: number, files: Array<[string, SuspectChange['files'][number]['risks']]> = [], extra: Partial<SuspectChange> = {}): SuspectChange {
  return { key, kind: 'commit', title: key, time: T0 - minutesBefore * MIN, files: files.map(([p, risks]) => ({ path: p, risks })), ...extra };
}

function failure(key: string, minutesAfterT0: number, frameFiles: string[] = [], title = `Error ${key}`): FailureSignal {
  return { key, origin: 'error', title, firstSeen: T0 + minutesAfterT0 * MIN, frameFiles };
}

describe('rankSuspects', () => {
  it('ranks the change shipped shortly before the first error above older ones, and says how long before', () => {
    const ranked = rankSuspects({
      changes: [change('old', 600), change('recent', 5), change('mid', 90)],
      failures: [failure('e1', 0, [], 'TypeError: Cannot read properties of undefined')],
    });
    assert.deepEqual(ranked.map((s) => s.change.key), ['recent', 'mid', 'old']);
    assert.equal(ranked[0].reasons[0].kind, 'timing');
    assert.equal(ranked[0].reasons[0].text, 'committed 5 min before `TypeError: Cannot read properties of undefined` was first seen');
    assert.ok(ranked[0].score > ranked[1].score && ranked[1].score > ranked[2].score);
  });

  it('gives no timing credit to a change that came after every failure', () => {
    const ranked = rankSuspects({ changes: [change('after', -10), change('before', 30)], failures: [failure('e1', 0)] });
    assert.deepEqual(ranked.map((s) => s.change.key), ['before']);
  });

  it('dates a change by the deploy that shipped it, naming the deploy', () => {
    const ranked = rankSuspects({
      changes: [change('merged-long-ago', 300, [], { deployedAt: T0 - 4 * MIN, deployName: 'deploy-42' }), change('committed-recently', 20)],
      failures: [failure('e1', 0)],
    });
    assert.equal(ranked[0].change.key, 'merged-long-ago');
    assert.match(ranked[0].reasons[0].text, /^deployed with `deploy-42` 4 min before `Error e1` was first seen$/);
  });

  it('credits changed files that are frames of the failing stacks, whatever root the frame paths have', () => {
    const ranked = rankSuspects({
      changes: [change('touches-meta', 60, [['src/metrics/meta.ts', []]]), change('unrelated', 30, [['README.md', []]])],
      failures: [
        failure('e1', 0, ['/usr/src/app/src/metrics/meta.ts', 'src/metrics/meta.ts', 'app/src/metrics/meta.ts', 'node_modules/x/meta.ts'], 'TypeError: meta is undefined'),
      ],
    });
    assert.equal(ranked[0].change.key, 'touches-meta');
    const code = ranked[0].reasons.find((r) => r.kind === 'code');
    assert.equal(code?.text, 'touches `src/metrics/meta.ts`, which is in 3 in-app frames of `TypeError: meta is undefined`');
    // A file with the same name elsewhere is not the same file.
    const other = rankSuspects({ changes: [change('lib', 10, [['lib/meta.ts', []]])], failures: [failure('e1', 0, ['src/metrics/meta.ts'])] });
    assert.equal(other[0].reasons.some((r) => r.kind === 'code'), false);
  });

  it('weighs config, flags and migrations more than plain code, with the file named', () => {
    const ranked = rankSuspects({
      changes: [change('code', 10, [['src/a.ts', []]]), change('flags', 10, [['config/flags.yml', ['flags', 'config']]])],
      failures: [failure('e1', 0)],
    });
    assert.equal(ranked[0].change.key, 'flags');
    assert.ok(ranked[0].reasons.some((r) => r.kind === 'kind' && r.text === 'changes feature flags: `config/flags.yml`'));
  });

  it('counts a change of documentation only for little, and says so', () => {
    const ranked = rankSuspects({
      changes: [change('readme', 5, [['README.md', []]]), change('code', 5, [['src/orders/createOrder.ts', []]]), change('docs', 5, [['docs/runbooks/db.md', []]])],
      failures: [failure('e1', 0)],
    });
    assert.equal(ranked[0].change.key, 'code');
    assert.deepEqual(ranked.slice(1).map((s) => s.change.key).sort(), ['docs', 'readme']);
    assert.ok(ranked[1].score < ranked[0].score / 2);
    assert.ok(ranked[1].reasons.some((r) => r.text === 'changes documentation only'));
  });

  it('puts changes already live at the last good deploy far down, and says why', () => {
    const ranked = rankSuspects({
      changes: [change('before-good', 20), change('after-good', 40, [], { deployedAt: T0 - 10 * MIN, deployName: 'deploy-9' })],
      failures: [failure('e1', 0)],
      lastGoodDeploy: { time: T0 - 15 * MIN, name: 'deploy-8' },
    });
    assert.deepEqual(ranked.map((s) => s.change.key), ['after-good', 'before-good']);
    assert.ok(ranked[0].reasons.some((r) => r.text === 'after `deploy-8`, the last deploy with a normal success rate'));
    assert.ok(ranked[1].reasons.some((r) => r.text === 'already live at `deploy-8`, which had a normal success rate'));
  });

  it('works without any failure signal, against the incident start, and returns nothing without either', () => {
    const ranked = rankSuspects({ changes: [change('a', 5), change('b', 50)], failures: [], incidentStart: T0 });
    assert.deepEqual(ranked.map((s) => s.change.key), ['a', 'b']);
    assert.match(ranked[0].reasons[0].text, /before the incident started$/);
    assert.deepEqual(rankSuspects({ changes: [change('a', 5)], failures: [] }), []);
  });

  it('keeps hostile titles on one line and free of backticks that would end the quote', () => {
    const ranked = rankSuspects({ changes: [change('a', 1)], failures: [failure('e', 0, [], 'Bad `x`\n<script>alert(1)</script>')] });
    assert.equal(ranked[0].reasons[0].text, "committed 1 min before `Bad 'x' <script>alert(1)</script>` was first seen");
  });

  it('ranks 100k events (a guard against quadratic work; bench/ measures the time)', function () {
    // Generous: the machines running the suite are shared; quadratic work would take minutes.
    this.timeout(30_000);
    const changes: SuspectChange[] = [];
    for (let i = 0; i < 50_000; i++) changes.push(change(`c${i}`, i % 5000, [[`src/m${i % 997}/f${i % 13}.ts`, i % 50 === 0 ? ['config'] : []]]));
    const failures: FailureSignal[] = [];
    for (let i = 0; i < 50_000; i++) failures.push(failure(`f${i}`, i % 3000, [`src/m${i % 991}/f${i % 7}.ts`]));
    const started = process.hrtime.bigint();
    const ranked = rankSuspects({ changes, failures, limit: 10 });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(ranked.length, 10);
    // Not a timing test (bench/ measures that): a guard against accidental quadratic work.
    assert.ok(ms < 10_000, `took ${ms} ms`);
  });
});

describe('suspects from the demo repository (real git)', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idesk-suspects-'));
    execFileSync(process.execPath, [path.resolve(__dirname, '../../../../scripts/make-demo.mjs'), path.join(dir, 'demo')], { stdio: 'pipe' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts PR #226 first for the error whose frames are in src/orders/createOrder.ts', async () => {
    const repo = await GitRepository.open(path.join(dir, 'demo'));
    const now = Date.now();
    const changed = await readWhatChanged(repo, { windowSpec: '24h', now, deployTagPatterns: ['v*', 'deploy-*'], branches: 'current', classify: createRiskClassifier() });
    const suspects = suspectsFromGroups(changed.groups);
    assert.ok(suspects.length > 5, `suspects: ${suspects.length}`);
    const ranked = rankSuspects({
      changes: suspects,
      // First seen about 28 minutes ago, two minutes after the deploy of about 30 minutes ago.
      failures: [failure('pg-23514', (now - 28 * MIN - T0) / MIN, ['/usr/src/app/src/orders/createOrder.ts', 'src/db/orders.ts'], 'error: no partition of relation "orders" found for row')],
    });
    assert.match(ranked[0].change.title, /^#226 /);
    const texts = ranked[0].reasons.map((r) => r.text);
    assert.ok(texts.some((t) => /^deployed with `deploy-\d{8}-\d{4}` [1-9] min before `error: no partition/.test(t)), texts.join(' | '));
    assert.ok(texts.some((t) => t.startsWith('touches `src/orders/createOrder.ts`')), texts.join(' | '));
  });
});
