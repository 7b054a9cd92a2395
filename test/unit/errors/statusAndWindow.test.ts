import * as assert from 'assert';
import { SourceError } from '../../../src/core/errors';
import { statusRow } from '../../../src/host/sources/sourceStatus';
import { errorsWindow, latestLocalDeploy } from '../../../src/host/changes/remoteWindow';
import { INCIDENT_LEAD_MS } from '../../../src/core/correlate/windows';
import type { ChangesModel } from '../../../src/host/changes/changesModel';

describe('source status rows', () => {
  it('gives each failure its words and its one action', () => {
    const row = (kind: SourceError['kind'], retryAt?: number) => statusRow('Sentry', new SourceError(kind, 'detail', retryAt));
    assert.deepEqual([row('unauthorized').text, row('unauthorized').command?.command], ['Sentry: unauthorized · the token was refused, set a new one', 'incidentDesk.setSentryToken']);
    assert.equal(statusRow('GitHub', new SourceError('forbidden', 'x')).command?.command, 'incidentDesk.setGitHubToken');
    assert.equal(row('rateLimited', Date.parse('2026-11-23T20:45:00Z')).text, 'Sentry: rate limited until 20:45 UTC');
    assert.equal(row('notFound').text, 'Sentry: not found · detail');
    assert.equal(row('notFound').command?.command, 'incidentDesk.openSourceSettings');
    assert.equal(row('unreachable').text, 'Sentry: unreachable');
    assert.equal(row('timeout').command?.command, 'incidentDesk.showLog');
    assert.equal(row('badResponse').icon, 'warning');
  });
});

describe('the window the Errors view reads', () => {
  const now = Date.parse('2026-11-23T20:00:00Z');
  const changes = (repos: unknown[], windowSpec = '24h') => ({ repos, windowSpec }) as unknown as ChangesModel;

  it("is the active incident's, from an hour before it started", () => {
    const start = now - 30 * 60_000;
    const w = errorsWindow(changes([]), { start }, now);
    assert.deepEqual(w, { start: start - INCIDENT_LEAD_MS, end: now, label: 'the incident so far' });
    const resolved = errorsWindow(changes([]), { start, end: now - 5 * 60_000 }, now);
    assert.equal(resolved.end, now - 5 * 60_000);
    assert.equal(resolved.label, 'the incident');
  });

  it("is the Changes view's window otherwise, and the last 24 h when that is unreadable", () => {
    const ready = { state: { kind: 'ready', window: { start: now - 6 * 3600_000, end: now - 1000, label: 'last 6 h' }, deploys: [{ time: now - 100 }, { time: now - 50 }] } };
    assert.deepEqual(errorsWindow(changes([ready]), undefined, now), { start: now - 6 * 3600_000, end: now, label: 'last 6 h' });
    assert.equal(errorsWindow(changes([], 'lastDeploy'), undefined, now).start, now - 24 * 3600_000);
    assert.equal(latestLocalDeploy(changes([ready])), now - 50);
  });
});
