import * as assert from 'node:assert/strict';
import { parseWindowStart, parseDuration, windowFor, widerPreset, formatRelative } from '../../../src/core/changes/timeWindow';

const HOUR = 3_600_000;
describe('time window parsing', () => {
  const now = new Date(2026, 10, 23, 15, 30, 0).getTime(); // local time

  it('reads durations back from now', () => {
    assert.equal(parseDuration('2h'), 2 * HOUR);
    assert.equal(parseDuration('90m'), 1.5 * HOUR);
    assert.equal(parseDuration('1h30m'), 1.5 * HOUR);
    assert.equal(parseDuration('7d'), 7 * 24 * HOUR);
    assert.equal(parseDuration('2 h'), 2 * HOUR);
    assert.equal(parseDuration('h'), undefined);
    const r = parseWindowStart('2h', now);
    assert.ok(r.ok && r.start === now - 2 * HOUR && r.label === 'last 2 h');
  });

  it('reads ISO date-times, with and without a zone', () => {
    const z = parseWindowStart('2026-11-23T14:00Z', now + 24 * HOUR);
    assert.ok(z.ok && z.start === Date.UTC(2026, 10, 23, 14, 0));
    const off = parseWindowStart('2026-11-23T14:00+02:00', now + 24 * HOUR);
    assert.ok(off.ok && off.start === Date.UTC(2026, 10, 23, 12, 0));
    const local = parseWindowStart('2026-11-23 14:00', now);
    assert.ok(local.ok && local.start === new Date(2026, 10, 23, 14, 0).getTime());
  });

  it('reads "yesterday 14:00", "today 9:30" and a bare time', () => {
    const y = parseWindowStart('yesterday 14:00', now);
    assert.ok(y.ok && y.start === new Date(2026, 10, 22, 14, 0).getTime());
    const t = parseWindowStart('today 9:30', now);
    assert.ok(t.ok && t.start === new Date(2026, 10, 23, 9, 30).getTime());
    const bare = parseWindowStart('16:00', now); // later than now: yesterday
    assert.ok(bare.ok && bare.start === new Date(2026, 10, 22, 16, 0).getTime());
  });

  it('explains what it cannot read', () => {
    for (const bad of ['', 'soon', '25:00', '2026-13-01', 'tomorrow']) {
      const r = parseWindowStart(bad, now);
      assert.equal(r.ok, false, bad);
    }
    const future = parseWindowStart('2030-01-01', now);
    assert.ok(!future.ok && /future/.test(future.message));
  });

  it('builds windows from presets, including since the last deploy', () => {
    const w = windowFor('24h', now);
    assert.ok(!('error' in w) && w.end === now && w.start === now - 24 * HOUR);
    const d = windowFor('lastDeploy', now, now - 30 * 60_000, 'deploy-42');
    assert.ok(!('error' in d) && d.label === 'since deploy-42');
    assert.ok('error' in windowFor('lastDeploy', now));
    assert.equal(widerPreset({ start: now - HOUR, end: now, label: '' }), '6h');
    assert.equal(formatRelative(now - 5 * 60_000, now), '5 min ago');
  });
});
