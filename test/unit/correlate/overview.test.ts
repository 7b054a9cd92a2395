import * as assert from 'assert';
import { buildOverview, type OverviewInput } from '../../../src/core/correlate/overview';
import { overviewWindow, parseWhen } from '../../../src/core/correlate/overviewWindow';
import type { ChangeGroup, Commit } from '../../../src/core/model/changes';
import type { ChangeEventRow } from '../../../src/core/model/deploys';
import type { ErrorIssue } from '../../../src/core/model/errors';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 23, 12, 0);

function commit(sha: string, subject: string, time: number, paths: string[]): Commit {
  return { sha, parents: ['p'], authorName: 'Dev', authorEmail: 'dev@example.com', authorTime: time, commitTime: time, subject, body: '', files: paths.map((path) => ({ path, status: 'M', risks: [] })) as unknown as Commit['files'], filesTotal: paths.length, branches: [] };
}

function issue(id: string, title: string, firstSeen: number): ErrorIssue {
  return { id, shortId: `CHK-${id}`, title, culprit: '', level: 'error', count: 10, userCount: 3, firstSeen, lastSeen: firstSeen + 5 * MIN, project: { id: '1', slug: 'checkout' }, isNew: true } as ErrorIssue;
}

const window = { start: T0 - 3 * 60 * MIN, end: T0 + 60 * MIN, label: 'incident window' };

function input(extra: Partial<OverviewInput>): OverviewInput {
  return { window, repos: [], sources: [], ...extra };
}

describe('buildOverview', () => {
  // Two changes deployed together 10 minutes before the error: only the stack frames tell them apart.
  const a = commit('a'.repeat(40), 'Refactor order metadata builder', T0 - 40 * MIN, ['src/orders/meta.ts']);
  const b = commit('b'.repeat(40), 'Tweak email footer', T0 - 40 * MIN, ['src/email/footer.ts']);
  const groups: ChangeGroup[] = [{ deploy: { tag: 'deploy-1', sha: a.sha, time: T0 - 10 * MIN }, rows: [{ kind: 'commit', commit: b }, { kind: 'commit', commit: a }] }];
  const err = issue('1', "TypeError: Cannot read properties of null (reading 'partitionKey')", T0);

  it("ranks the change whose files are in the error's in-app frames first, with that as a reason", () => {
    const withFrames = buildOverview(input({ repos: [{ root: '/r', name: 'r', groups }], issues: [err], issueFrames: new Map([['1', ['src/orders/meta.ts', 'src/orders/meta.ts']]]) }));
    assert.strictEqual(withFrames.suspects[0]?.title, a.subject);
    assert.ok(withFrames.suspects[0]?.reasons.some((r) => r.includes('src/orders/meta.ts')), withFrames.suspects[0]?.reasons.join(' | '));
    assert.ok(withFrames.suspects[0]!.score > withFrames.suspects[1]!.score);
    // Without the event's frames the two are tied on timing: the frames made the difference.
    const without = buildOverview(input({ repos: [{ root: '/r', name: 'r', groups }], issues: [err] }));
    assert.strictEqual(without.suspects[0]?.score, without.suspects[1]?.score);
  });

  it('shows GitHub deployments in their state colour, merged into the local deploy of the same sha', () => {
    const rows: ChangeEventRow[] = [
      { kind: 'deployment', key: 'd1', time: T0 - 9 * MIN, title: 'production', sources: ['github'], sha: a.sha, deployment: { kind: 'deployment', source: 'github', id: '1', environment: 'production', state: 'success', time: T0 - 9 * MIN }, also: [] },
      { kind: 'deployment', key: 'd2', time: T0 + 20 * MIN, title: 'production', sources: ['github'], sha: 'c'.repeat(40), deployment: { kind: 'deployment', source: 'github', id: '2', environment: 'production', state: 'failure', time: T0 + 20 * MIN }, also: [], url: 'https://github.example/deployments/2' },
      { kind: 'deployment', key: 'd3', time: T0 + 30 * MIN, title: 'staging', sources: ['github'], deployment: { kind: 'deployment', source: 'github', id: '3', environment: 'staging', state: 'in_progress', time: T0 + 30 * MIN }, also: [] },
      { kind: 'release', key: 'r1', time: T0 - 5 * MIN, title: 'v1.2.0', sources: ['sentry'], release: { kind: 'release', source: 'sentry', tag: 'v1.2.0', name: 'v1.2.0', time: T0 - 5 * MIN } },
      { kind: 'pullRequest', key: 'pr9', time: T0 - 20 * MIN, title: 'Cache prices', sources: ['github'], pullRequest: { kind: 'pullRequest', number: 9, title: 'Cache prices', mergedAt: T0 - 20 * MIN }, url: 'https://github.example/pull/9' },
      { kind: 'deployment', key: 'old', time: window.start - MIN, title: 'production', sources: ['github'], deployment: { kind: 'deployment', source: 'github', id: '0', environment: 'production', state: 'success', time: window.start - MIN }, also: [] },
    ];
    const s = buildOverview(input({ repos: [{ root: '/r', name: 'r', groups }], remote: [{ root: '/r', rows }], issues: [err] }));
    const deploys = s.lanes.find((l) => l.id === 'deploys')!.items;
    assert.deepStrictEqual(deploys.map((i) => [i.label, i.tone]), [
      ['deploy-1', 'success'],
      ['v1.2.0', 'neutral'],
      [`production ${'c'.repeat(7)}`, 'failure'],
      ['staging', 'progress'],
    ]);
    assert.match(deploys[0]!.detail, /production: success \(github\)/);
    assert.deepStrictEqual(deploys[2]!.target, { kind: 'url', url: 'https://github.example/deployments/2' });
    const changes = s.lanes.find((l) => l.id === 'changes')!.items;
    assert.ok(changes.some((i) => i.label === '#9' && /not in the clone/.test(i.detail)));
    assert.ok(s.suspects.some((x) => x.title === '#9 Cache prices' && x.target?.kind === 'url'), 'a pull request the clone lacks is a suspect too, opened on the web');
  });

  it('keeps text from outside as plain text (the webview writes it with textContent)', () => {
    const evil = commit('d'.repeat(40), '<img src=x onerror=alert(1)> `rm -rf /`', T0 - 30 * MIN, ['README.md']);
    const s = buildOverview(input({ repos: [{ root: '/r', name: 'r', groups: [{ rows: [{ kind: 'commit', commit: evil }] }] }], issues: [issue('2', '<script>alert(2)</script>', T0)] }));
    const all = s.lanes.flatMap((l) => l.items);
    assert.ok(all.some((i) => i.detail.startsWith('<img src=x onerror=alert(1)>')));
    assert.ok(all.some((i) => i.detail.startsWith('<script>alert(2)</script>')));
  });

  it('an empty workspace gives empty lanes and no suspects, not an error', () => {
    const s = buildOverview(input({}));
    assert.strictEqual(s.lanes.length, 6);
    assert.ok(s.lanes.every((l) => l.items.length === 0));
    assert.deepStrictEqual(s.suspects, []);
  });
});

describe('overview window', () => {
  const now = T0;
  it('the incident preset starts two hours before the incident did', () => {
    assert.deepStrictEqual(overviewWindow('incident', { now, started: now - 30 * MIN }), { preset: 'incident', window: { start: now - 150 * MIN, end: now, label: 'incident window' } });
  });
  it('without an incident it falls back to the last 24 hours', () => {
    assert.deepStrictEqual(overviewWindow('incident', { now }), { preset: '24h', window: { start: now - 24 * 60 * MIN, end: now, label: 'last 24 h' } });
  });
  it('1 h, 6 h and custom', () => {
    assert.strictEqual(overviewWindow('1h', { now }).window.start, now - 60 * MIN);
    assert.strictEqual(overviewWindow('6h', { now }).window.label, 'last 6 h');
    assert.deepStrictEqual(overviewWindow('custom', { now, custom: { start: now - 90 * MIN } }).window, { start: now - 90 * MIN, end: now, label: 'custom window' });
  });
  it('reads a custom start as a duration or a UTC date and time, and refuses the future and nonsense', () => {
    assert.strictEqual(parseWhen('90m', now), now - 90 * MIN);
    assert.strictEqual(parseWhen('2026-11-23 09:30', now), Date.UTC(2026, 10, 23, 9, 30));
    assert.strictEqual(parseWhen('2026-11-23T09:30:00+01:00', now), Date.UTC(2026, 10, 23, 8, 30));
    assert.strictEqual(parseWhen('2026-11-24 09:30', now), undefined);
    assert.strictEqual(parseWhen('yesterday-ish', now), undefined);
    assert.strictEqual(parseWhen('', now), undefined);
  });
});
