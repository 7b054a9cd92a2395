import * as assert from 'node:assert/strict';
import { afterRefresh } from '../../../src/core/logs/staleness';
import { LogCollector } from '../../../src/core/logs/collector';
import { SourceError } from '../../../src/core/errors';
import type { LogReadResult } from '../../../src/core/model/logs';

const T = Date.parse('2026-11-23T10:00:00Z');
const window = { start: T - 15 * 60_000, end: T };

/** A real collector's result: `n` error entries, or the given failure. */
function read(n: number, error?: SourceError): LogReadResult {
  const c = new LogCollector('app', { window });
  for (let i = 0; i < n; i++) c.add({ source: 'app', time: T - 60_000 + i, level: 'error', message: `boom ${i}`, raw: `boom ${i}`, lineCount: 1, parsed: true }, T - 60_000 + i);
  return c.result({ format: undefined, reads: [], warnings: [], lines: n, truncatedLines: 0, error });
}

describe('log source staleness', () => {
  it('a good read replaces whatever was shown, stale or not', () => {
    const first = afterRefresh(undefined, read(3), T);
    assert.equal(first.stale, undefined);
    assert.equal(first.readAt, T);
    const second = afterRefresh(first, read(5), T + 60_000);
    assert.equal(second.result.status.counts.entries, 5);
    assert.equal(second.readAt, T + 60_000);
    const stale = afterRefresh(second, read(0, new SourceError('unreachable', 'Loki is unreachable.')), T + 120_000);
    const healed = afterRefresh(stale, read(2), T + 180_000);
    assert.equal(healed.stale, undefined);
    assert.equal(healed.result.status.counts.entries, 2);
  });

  it('a failed refresh after a good read keeps the good data, marked stale with when it is from and why', () => {
    const good = afterRefresh(undefined, read(4), T);
    const failed = afterRefresh(good, read(0, new SourceError('unreachable', 'Loki is unreachable.', undefined, 'ECONNREFUSED')), T + 60_000);
    assert.equal(failed.result, good.result);
    assert.equal(failed.result.status.counts.entries, 4);
    assert.equal(failed.readAt, T);
    assert.deepEqual(failed.stale, { dataFrom: T, failedAt: T + 60_000, error: { kind: 'unreachable', message: 'Loki is unreachable.', detail: 'ECONNREFUSED', retryAt: undefined } });
    // A second failure keeps the same good data and says when the last refresh failed.
    const again = afterRefresh(failed, read(0, new SourceError('timeout', 'Timed out.')), T + 120_000);
    assert.equal(again.result, good.result);
    assert.equal(again.stale?.dataFrom, T);
    assert.equal(again.stale?.failedAt, T + 120_000);
    assert.equal(again.stale?.error.kind, 'timeout');
  });

  it('a failure with no earlier good read, or after the source settings changed, shows the failure', () => {
    const failure = read(0, new SourceError('notFound', 'Log file not found: /x.'));
    assert.equal(afterRefresh(undefined, failure, T).result, failure);
    const bad = afterRefresh(undefined, failure, T);
    const stillBad = afterRefresh(bad, read(0, new SourceError('notFound', 'Log file not found: /x.')), T + 1);
    assert.equal(stillBad.stale, undefined);
    assert.equal(stillBad.result.status.state, 'error');
    const good = afterRefresh(undefined, read(1), T);
    const otherSource = afterRefresh(good, failure, T + 1, false);
    assert.equal(otherSource.result, failure);
    assert.equal(otherSource.stale, undefined);
  });
});
