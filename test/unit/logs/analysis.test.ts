import * as assert from 'node:assert/strict';
import { LogAnalyzer } from '../../../src/core/logs/analyzer';
import { defaultBaseline } from '../../../src/core/logs/analysisSettings';
import { LogCollector } from '../../../src/core/logs/collector';
import type { LogQuery } from '../../../src/core/logs/collector';
import { successMatcher } from '../../../src/core/logs/success';
import type { LogEntry, LogLevel, LogReadResult } from '../../../src/core/model/logs';
import { fixture, parse } from './helpers';

const MIN = 60_000;
const T0 = Date.parse('2024-05-01T12:00:00Z');
const window = { start: T0, end: T0 + 15 * MIN };

function entry(time: number, level: LogLevel, message: string, fields?: Record<string, unknown>): LogEntry {
  return { time, level, message, raw: message, source: 'svc', lineCount: 1, parsed: true, ...(fields ? { fields } : {}) };
}

/** `perMinute` entries every minute of [from, to), evenly spread. */
function series(from: number, to: number, perMinute: number, make: (t: number, i: number) => LogEntry): LogEntry[] {
  const out: LogEntry[] = [];
  let i = 0;
  for (let m = from; m < to; m += MIN) for (let k = 0; k < perMinute; k++) out.push(make(m + Math.floor((k * MIN) / perMinute), i++));
  return out;
}

function run(entries: LogEntry[], query: Partial<LogQuery> = {}): LogReadResult {
  const c = new LogCollector('svc', { window, success: { kind: 'regex', pattern: '^order placed' }, ...query });
  for (const e of entries) c.add(e, e.time);
  return c.result({ format: undefined, reads: [], warnings: [], lines: entries.length, truncatedLines: 0 });
}

// A baseline hour (11:00–12:00) and the window (12:00–12:15) of a checkout service.
function incident(): LogEntry[] {
  const start = T0 - 60 * MIN;
  return [
    ...series(start, window.end, 6, (t) => entry(t, 'info', 'health check ok')),
    ...series(start, window.end, 1, (t, i) => entry(t, 'warn', `cache miss for key user:${i}`)),
    ...series(start, window.end, 2, (t, i) => entry(t, 'warn', `slow request ${i} took ${100 + i}ms`)),
    // Successes: 20/min, down to 2/min from 12:06 to 12:12.
    ...series(start, T0 + 6 * MIN, 20, (t, i) => entry(t, 'info', `order placed id=${i}`)),
    ...series(T0 + 6 * MIN, T0 + 12 * MIN, 2, (t, i) => entry(t, 'info', `order placed id=${i}`)),
    ...series(T0 + 12 * MIN, window.end, 20, (t, i) => entry(t, 'info', `order placed id=${i}`)),
    // New in the window: 50/min for two minutes.
    ...series(T0 + 5 * MIN, T0 + 7 * MIN, 50, (t, i) => entry(t, 'error', `db timeout after ${5000 + i}ms on 10.0.0.${i % 250}`)),
    // A burst of a known warning: 40 extra cache misses at 12:08.
    ...series(T0 + 8 * MIN, T0 + 9 * MIN, 40, (t, i) => entry(t, 'warn', `cache miss for key user:${9000 + i}`)),
  ];
}

describe('log analysis: signatures, bursts, new signatures, success drops', () => {
  it('groups by template with counts, first/last seen, most severe level and an example', () => {
    const r = run(incident());
    const db = r.signatures.find((s) => s.template.startsWith('db timeout'));
    assert.ok(db);
    assert.equal(db.template, 'db timeout after <duration> on <ip>');
    assert.equal(db.count, 100);
    assert.equal(db.baselineCount, 0);
    assert.equal(db.firstSeen, T0 + 5 * MIN);
    assert.equal(db.lastSeen, T0 + 7 * MIN - MIN / 50);
    assert.equal(db.example.message, 'db timeout after 5000ms on 10.0.0.0');
    const cache = r.signatures.find((s) => s.template === 'cache miss for key user:<num>');
    assert.equal(cache?.count, 15 + 40);
    assert.equal(cache?.baselineCount, 60);
    assert.equal(r.signatures[0].template, 'order placed id=<num>', 'most frequent first');
  });

  it('finds the new signature, the burst and the success drop, each as an event with a time', () => {
    const r = run(incident());
    assert.deepEqual(
      r.findings.map((f) => [f.kind, new Date(f.time).toISOString().slice(11, 16), f.signature?.template]),
      [
        ['newSignature', '12:05', 'db timeout after <duration> on <ip>'],
        ['successDrop', '12:06', undefined],
        ['burst', '12:08', 'cache miss for key user:<num>'],
      ],
    );
    const drop = r.findings[1];
    assert.equal(drop.endTime, T0 + 12 * MIN);
    assert.equal(drop.measure.minutes, 6);
    assert.equal(drop.measure.expected, 20);
    assert.equal(drop.measure.observed, 2);
    assert.match(drop.example?.message ?? '', /^order placed/, 'the last success before the drop');
    assert.ok(drop.example!.time! < T0 + 6 * MIN);
    assert.match(drop.detail, /Successes dropped: 2\.0\/min for 6 min from 12:06Z, baseline 20\/min \(10%\)/);
    const burst = r.findings[2];
    assert.equal(burst.measure.observed, 41);
    assert.ok(Math.abs(burst.measure.expected - 1) < 1e-9);
    assert.match(burst.detail, /^Burst: 41 in 1 min from 12:08Z, baseline 1\.0\/min \(×41\)$/);
    assert.equal(r.findings[0].measure.observed, 100);
    assert.ok(r.status.counts.levels.error === 100);
  });

  it('a rise below the factor is not a burst; info levels make no findings by default', () => {
    const r = run(incident());
    assert.ok(!r.findings.some((f) => f.signature?.template.startsWith('slow request')));
    assert.ok(!r.findings.some((f) => f.signature?.level === 'info'));
  });

  it('the burst rule has a floor: a rare message doubling is not a burst', () => {
    const base = series(T0 - 60 * MIN, T0, 1, (t) => entry(t, 'info', 'tick'));
    const rare = [T0 - 50 * MIN, T0 - 20 * MIN].map((t) => entry(t, 'error', 'rare failure'));
    const few = series(T0 + 2 * MIN, T0 + 3 * MIN, 6, (t) => entry(t, 'error', 'rare failure'));
    assert.deepEqual(run([...base, ...rare, ...few]).findings, [], '6 < minCount 10');
    const more = run([...base, ...rare, ...few], { burst: { minCount: 5 } });
    assert.deepEqual(more.findings.map((f) => f.kind), ['burst']);
  });

  it('a success drop with no errors at all', () => {
    const entries = [
      ...series(T0 - 60 * MIN, window.end, 4, (t) => entry(t, 'info', 'GET /healthz 200')),
      ...series(T0 - 60 * MIN, T0 + 3 * MIN, 30, (t, i) => entry(t, 'info', 'payment captured', { payment: { status: 'captured', id: i } })),
    ];
    const r = run(entries, { success: { kind: 'field', path: 'payment.status', equals: 'captured' } });
    assert.equal(r.status.counts.levels.error, 0);
    assert.equal(r.status.counts.levels.warn, 0);
    assert.deepEqual(r.findings.map((f) => [f.kind, f.time, f.endTime]), [['successDrop', T0 + 3 * MIN, T0 + 15 * MIN - MIN]]);
    assert.equal(r.findings[0].measure.observed, 0);
  });

  it('minutes after the last entry are not judged: a log that just ends is not a drop', () => {
    const entries = series(T0 - 60 * MIN, T0 + 5 * MIN, 20, (t) => entry(t, 'info', 'order placed'));
    assert.deepEqual(run(entries).findings, []);
  });

  it('a drop shorter than the required minutes, or a low baseline rate, is not reported', () => {
    const health = series(T0 - 60 * MIN, window.end, 4, (t) => entry(t, 'info', 'ok'));
    const shortGap = [
      ...series(T0 - 60 * MIN, T0 + 4 * MIN, 20, (t) => entry(t, 'info', 'order placed')),
      ...series(T0 + 6 * MIN, window.end, 20, (t) => entry(t, 'info', 'order placed')),
    ];
    assert.deepEqual(run([...health, ...shortGap]).findings, [], '2 low minutes < 3');
    assert.deepEqual(run([...health, ...shortGap], { successDrop: { minutes: 2 } }).findings.map((f) => f.kind), ['successDrop']);
    const sparse = [T0 - 50 * MIN, T0 - 10 * MIN].map((t) => entry(t, 'info', 'order placed'));
    assert.deepEqual(run([...health, ...sparse]).findings, [], 'baseline below 1/min');
  });

  it('too little baseline: no new-signature or burst findings, and the status says so', () => {
    const entries = [
      ...series(T0 - 2 * MIN, window.end, 6, (t) => entry(t, 'info', 'health check ok')),
      ...series(T0 + MIN, T0 + 2 * MIN, 30, (t) => entry(t, 'error', 'brand new error')),
    ];
    const r = run(entries);
    assert.equal(r.status.baselineTooShort, true);
    assert.deepEqual(r.findings, []);
    // Older data before the range means the baseline is covered even if it starts quiet.
    const c = new LogCollector('svc', { window });
    c.add(entry(T0 - 3 * 60 * MIN, 'info', 'long ago'), T0 - 3 * 60 * MIN);
    for (const e of entries) c.add(e, e.time);
    const covered = c.result({ format: undefined, reads: [], warnings: [], lines: 0, truncatedLines: 0 });
    assert.equal(covered.status.baselineTooShort, false);
    assert.deepEqual(covered.findings.map((f) => f.kind), ['newSignature']);
  });

  it('the order of entries does not matter', () => {
    const entries = incident();
    const shuffled = [...entries];
    let seed = 7;
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const a = run(entries);
    const b = run(shuffled);
    assert.deepEqual(b.findings.map((f) => [f.kind, f.time, f.measure]), a.findings.map((f) => [f.kind, f.time, f.measure]));
    assert.deepEqual(b.signatures.map((s) => [s.template, s.count, s.firstSeen, s.example.message]), a.signatures.map((s) => [s.template, s.count, s.firstSeen, s.example.message]));
  });

  it('memory is bounded by a signature cap; entries past it are still counted', () => {
    const entries = series(T0, T0 + 5 * MIN, 20, (t, i) => entry(t, 'error', `unique ${'abcdefghijklmnopqrstuvwxyz'[i % 26]}${'abcdefghijklmnopqrstuvwxyz'[Math.floor(i / 26) % 26]} failure`));
    const r = run(entries, { maxSignatures: 10 });
    assert.equal(r.signatures.length, 10);
    assert.equal(r.status.untrackedSignatures, 90);
    assert.equal(r.status.counts.entries, 100);
  });

  it('status: counts per level, unparsed, an errors/warnings histogram per minute, capped entries, onEntry', () => {
    const seen: LogEntry[] = [];
    const entries = [
      entry(T0 - 5 * MIN, 'error', 'before the window'),
      entry(T0 + 30_000, 'error', 'e1'),
      entry(T0 + 40_000, 'fatal', 'f1'),
      entry(T0 + 2 * MIN, 'warn', 'w1'),
      { ...entry(T0 + 2 * MIN + 1, 'unknown', '???'), parsed: false },
      entry(T0 + 16 * MIN, 'error', 'after the window'),
    ];
    const r = run(entries, { maxEntries: 3, onEntry: (e) => seen.push(e) });
    assert.deepEqual(r.status.counts.levels, { trace: 0, debug: 0, info: 0, warn: 1, error: 1, fatal: 1, unknown: 1 });
    assert.equal(r.status.counts.entries, 4);
    assert.equal(r.status.counts.unparsed, 1);
    assert.equal(r.status.histogram.bucketMs, MIN);
    assert.equal(r.status.histogram.errors.length, 15);
    assert.deepEqual(r.status.histogram.errors.slice(0, 3), [2, 0, 0]);
    assert.deepEqual(r.status.histogram.warnings.slice(0, 3), [0, 0, 1]);
    assert.deepEqual(r.status.histogram.total.slice(0, 3), [2, 0, 2]);
    assert.equal(r.entries.length, 3);
    assert.equal(r.entriesDropped, 1);
    assert.equal(seen.length, 4);
  });

  it('the default baseline is four windows long, between one hour and one day', () => {
    assert.equal(defaultBaseline(window).start, T0 - 60 * MIN);
    assert.equal(defaultBaseline({ start: T0, end: T0 + 2 * 60 * MIN }).start, T0 - 8 * 60 * MIN);
    assert.equal(defaultBaseline({ start: T0, end: T0 + 24 * 60 * MIN }).start, T0 - 24 * 60 * MIN);
  });

  it('success signals: regex, field equals or pattern, HTTP 2xx in access logs, pino-http and ECS', () => {
    const access = parse(fixture('access-combined.log')).entries;
    const http = successMatcher({ kind: 'httpStatus' });
    assert.deepEqual(access.map(http), [true, true, false, false, true]);
    const pino = parse(fixture('pino.jsonl')).entries;
    assert.deepEqual(pino.map(http).map((b, i) => (b ? i : -1)).filter((i) => i >= 0), [1]);
    const ecs = parse(fixture('ecs.jsonl')).entries;
    assert.deepEqual(ecs.map(http), [false, false, false, true]);
    const field = successMatcher({ kind: 'field', path: 'res.statusCode', pattern: '^2\\d\\d$' });
    assert.equal(field(pino[1]), true);
    assert.equal(field(pino[0]), false);
    const re = successMatcher({ kind: 'regex', pattern: 'REQUEST COMPLETED', flags: 'ig' });
    assert.equal(re(pino[1]), true);
    assert.equal(re(pino[1]), true, 'the g flag is dropped, so a test keeps no state');
    assert.throws(() => successMatcher({ kind: 'regex', pattern: '(' }), SyntaxError);
  });

  it('an analyzer can be used on its own, entry by entry', () => {
    const a = new LogAnalyzer('svc', { window, success: null });
    for (const e of incident()) a.add(e, e.time);
    const r = a.result();
    assert.ok(r.signatures.length >= 5);
    assert.ok(!r.findings.some((f) => f.kind === 'successDrop'));
  });

  it('signatureLevels: only those levels are grouped; the others are still counted and still succeed', () => {
    const all = run(incident());
    const some = run(incident(), { signatureLevels: ['warn', 'error', 'fatal'] });
    assert.ok(all.signatures.some((s) => s.level === 'info'));
    assert.ok(!some.signatures.some((s) => s.level === 'info'));
    assert.deepEqual(some.status.counts, all.status.counts);
    assert.deepEqual(
      some.signatures.map((s) => [s.template, s.count, s.baselineCount]),
      all.signatures.filter((s) => s.level !== 'info').map((s) => [s.template, s.count, s.baselineCount]),
    );
    assert.deepEqual(some.findings.map((f) => f.kind).sort(), all.findings.map((f) => f.kind).sort());
  });
});
