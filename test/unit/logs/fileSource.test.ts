import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { isSourceError } from '../../../src/core/errors';
import { readFileLogs } from '../../../src/sources/logs/file/fileLogSource';
import type { LogEntry } from '../../../src/core/model/logs';
import { createLineTimer } from '../../../src/core/logs/lineTime';
import { TimeParser } from '../../../src/core/logs/time';
import { BlockReader, seekPastTime, seekToTime } from '../../../src/sources/logs/file/seek';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2024-05-01T00:00:00Z');

/**
 * Lines from `from` every `stepMs`, with a Java trace every 50th entry, so that probes land
 * inside traces. Returns the text and the number of entries.
 */
function logText(from: number, to: number, stepMs: number, tag = 'app'): { text: string; entries: number } {
  const parts: string[] = [];
  let n = 0;
  for (let t = from; t < to; t += stepMs, n++) {
    const stamp = new Date(t).toISOString();
    if (n % 50 === 7) {
      parts.push(`${stamp} ERROR [worker-${n % 8}] ${tag} request ${n} failed\njava.lang.IllegalStateException: pool exhausted\n\tat com.shop.Pool.take(Pool.java:77)\n\tat com.shop.Api.handle(Api.java:12)\n\t... 9 more\n`);
    } else parts.push(`${stamp} INFO  [worker-${n % 8}] ${tag} GET /api/orders/${n} 200 in ${n % 97}ms\n`);
  }
  return { text: parts.join(''), entries: n };
}

function inWindow(entries: LogEntry[], start: number, end: number): LogEntry[] {
  return entries.filter((e) => e.time !== undefined && e.time >= start && e.time <= end);
}

describe('file log source', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-logs-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('seeks by timestamp in a large time-ordered file: reads a small part and finds the same entries as a scan', async () => {
    const file = path.join(dir, 'big.log');
    // 48 hours, one entry every 0.6 s: about 24 MB.
    fs.writeFileSync(file, logText(T0, T0 + 48 * HOUR, 600).text);
    const size = fs.statSync(file).size;
    assert.ok(size > 20 * 1024 * 1024, `size ${size}`);
    const window = { start: T0 + 30 * HOUR, end: T0 + 30 * HOUR + 15 * MIN };
    const query = { window, baseline: { start: window.start - 15 * MIN, end: window.start }, maxEntries: 100_000 };
    const sought = await readFileLogs({ path: file }, query);
    const scanned = await readFileLogs({ path: file, seekMinBytes: Infinity }, query);
    const read = sought.status.reads[0];
    assert.equal(read.mode, 'seek');
    assert.equal(read.bytesTotal, size);
    assert.ok(read.bytesRead < size / 8, `read ${read.bytesRead} of ${size} bytes`);
    assert.equal(scanned.status.reads[0].mode, 'scan');
    assert.equal(scanned.status.reads[0].reason, 'small file');
    assert.equal(sought.status.counts.entries, 1501);
    assert.deepEqual(sought.entries.map((e) => [e.time, e.lineCount, e.message]), scanned.entries.map((e) => [e.time, e.lineCount, e.message]));
    assert.deepEqual(sought.signatures.map((s) => [s.template, s.count, s.baselineCount]), scanned.signatures.map((s) => [s.template, s.count, s.baselineCount]));
    assert.equal(sought.entries[0].time, window.start);
    // A seek does not count the lines it skipped: offsets locate entries instead.
    assert.equal(sought.entries[0].line, undefined);
    assert.ok(typeof scanned.entries[0].line === 'number');
    const fd = fs.openSync(file, 'r');
    const probe = Buffer.alloc(24);
    fs.readSync(fd, probe, 0, 24, sought.entries[0].offset!);
    fs.closeSync(fd);
    assert.equal(probe.toString(), '2024-05-02T06:00:00.000Z');
    assert.equal(sought.status.baselineTooShort, false);
    assert.deepEqual(sought.status.format, { format: 'text', timestampPrefix: false, detected: true });
  });

  it('stops the read at the first line past the window instead of reading on by whole chunks', async () => {
    const file = path.join(dir, 'big.log');
    fs.writeFileSync(file, logText(T0, T0 + 48 * HOUR, 600).text);
    const text = fs.readFileSync(file, 'latin1');
    const target = T0 + 30 * HOUR;
    const fh = await fs.promises.open(file, 'r');
    try {
      const reader = new BlockReader(fh, fs.statSync(file).size);
      const timer = createLineTimer({ format: 'text', timestampPrefix: false }, new TimeParser({ timeZone: 'UTC' }));
      const from = await seekToTime(reader, target - HOUR, timer);
      const end = await seekPastTime(reader, from, target, timer);
      // A timed line later than the target starts there...
      assert.equal(text[end - 1], '\n');
      assert.ok(Date.parse(text.slice(end, end + 24)) > target, text.slice(end, end + 24));
      // ...and the first such line is less than a block (plus one entry) before it.
      const first = text.indexOf(new Date(target + 600).toISOString());
      assert.ok(first > 0 && first <= end && end - first < 17 * 1024, `first ${first}, end ${end}`);
      assert.ok(reader.bytesRead < 1024 * 1024, `probes read ${reader.bytesRead}`);
    } finally {
      await fh.close();
    }
  });

  it('finds the same entries as a scan when the rate is far from steady (a quiet night, a burst, a gap)', async () => {
    const file = path.join(dir, 'uneven.log');
    const quiet = logText(T0, T0 + 20 * HOUR, 20_000, 'quiet').text;
    const burst = logText(T0 + 20 * HOUR, T0 + 21 * HOUR, 50, 'burst').text;
    const after = logText(T0 + 30 * HOUR, T0 + 31 * HOUR, 1_000, 'after').text;
    fs.writeFileSync(file, quiet + burst + after);
    for (const start of [T0 + 19 * HOUR + 50 * MIN, T0 + 20 * HOUR + 30 * MIN, T0 + 29 * HOUR, T0 + 30 * HOUR + 10 * MIN]) {
      const window = { start, end: start + 15 * MIN };
      const query = { window, baseline: { start: start - 15 * MIN, end: start }, maxEntries: 100_000 };
      const sought = await readFileLogs({ path: file, seekMinBytes: 0 }, query);
      const scanned = await readFileLogs({ path: file, seekMinBytes: Infinity }, query);
      assert.equal(sought.status.reads[0].mode, 'seek');
      assert.deepEqual(sought.entries.map((e) => [e.time, e.message]), scanned.entries.map((e) => [e.time, e.message]), new Date(start).toISOString());
      assert.deepEqual(sought.signatures.map((s) => [s.template, s.count, s.baselineCount]), scanned.signatures.map((s) => [s.template, s.count, s.baselineCount]));
    }
  });

  it('falls back to a full scan for a file that is not ordered by time, and says so', async () => {
    const file = path.join(dir, 'shuffled.log');
    const hours = [5, 1, 3, 0, 4, 2];
    fs.writeFileSync(file, hours.map((h) => logText(T0 + h * HOUR, T0 + (h + 1) * HOUR, 1000).text).join(''));
    const window = { start: T0 + 2 * HOUR, end: T0 + 2 * HOUR + 15 * MIN };
    const r = await readFileLogs({ path: file, seekMinBytes: 0 }, { window, maxEntries: 10_000 });
    assert.equal(r.status.reads[0].mode, 'scan');
    assert.equal(r.status.reads[0].reason, 'not time-ordered');
    assert.equal(r.status.counts.entries, 901);
    assert.ok(r.status.reads[0].bytesRead >= fs.statSync(file).size, 'all of it');
  });

  it('reads rotated and gzipped files of a glob, oldest first, skipping those outside the window', async () => {
    const logs = path.join(dir, 'logs');
    fs.mkdirSync(logs);
    const write = (name: string, from: number, to: number, gz = false): void => {
      const text = logText(from, to, 10_000, name).text;
      fs.writeFileSync(path.join(logs, name), gz ? zlib.gzipSync(text) : text);
      fs.utimesSync(path.join(logs, name), new Date(to), new Date(to));
    };
    write('app.log.3.gz', T0 - 5 * HOUR, T0 - 4 * HOUR, true);
    write('app.log.2.gz', T0 - 2 * HOUR, T0 - HOUR, true);
    write('app.log.1', T0 - HOUR, T0);
    write('app.log', T0, T0 + HOUR);
    fs.writeFileSync(path.join(logs, 'other.txt'), 'not a log\n');
    const window = { start: T0 - 10 * MIN, end: T0 + 10 * MIN };
    const r = await readFileLogs({ path: 'logs/*.log', cwd: dir }, { window, maxEntries: 1000 });
    assert.deepEqual(r.status.reads.map((x) => [path.basename(x.name), x.mode, x.reason, x.compressed]), [
      ['app.log.3.gz', 'skipped', 'last written before the window', true],
      ['app.log.2.gz', 'scan', 'compressed', true],
      ['app.log.1', 'scan', 'small file', false],
      ['app.log', 'scan', 'small file', false],
    ]);
    assert.equal(r.status.counts.entries, 121);
    const sources = new Set(r.entries.map((e) => e.message.split(' ')[1]));
    assert.deepEqual([...sources].sort(), ['app.log', 'app.log.1']);
    // The gz file was read for the baseline.
    const baselineFromGz = r.signatures.some((s) => s.baselineCount > 0);
    assert.ok(baselineFromGz);
    assert.equal(r.status.baselineTooShort, false);
  });

  it('a window inside a gzipped file is found by scanning it', async () => {
    const file = path.join(dir, 'old.log.gz');
    fs.writeFileSync(file, zlib.gzipSync(logText(T0, T0 + 6 * HOUR, 1000).text));
    const window = { start: T0 + HOUR, end: T0 + HOUR + 15 * MIN };
    const r = await readFileLogs({ path: file }, { window, maxEntries: 10_000 });
    assert.equal(r.status.counts.entries, 901);
    assert.equal(r.status.reads[0].reason, 'compressed');
    assert.deepEqual(inWindow(r.entries, window.start, window.end).length, 901);
  });

  it('a missing file, a glob with no match, and a broken gzip become the status', async () => {
    const window = { start: T0, end: T0 + HOUR };
    const missing = await readFileLogs({ path: path.join(dir, 'nope.log') }, { window });
    assert.equal(missing.status.state, 'error');
    assert.equal(missing.status.error?.kind, 'notFound');
    const none = await readFileLogs({ path: '*.log', cwd: dir }, { window });
    assert.equal(none.status.error?.kind, 'notFound');
    assert.match(none.status.error?.message ?? '', /No log file matches/);
    fs.writeFileSync(path.join(dir, 'x.log'), logText(T0, T0 + 10 * MIN, 1000).text);
    fs.writeFileSync(path.join(dir, 'x.log.1.gz'), Buffer.from('this is not gzip'));
    const partly = await readFileLogs({ path: path.join(dir, 'x.log') }, { window });
    assert.equal(partly.status.state, 'ok');
    assert.equal(partly.status.counts.entries, 600);
    const bad = partly.status.reads.find((x) => x.name.endsWith('.gz'));
    assert.equal(bad?.mode, 'skipped');
    assert.match(bad?.reason ?? '', /not a valid gzip file/);
    assert.equal(partly.status.warnings.length, 1);
  });

  it('is cancellable mid-read', async () => {
    const file = path.join(dir, 'c.log');
    fs.writeFileSync(file, logText(T0, T0 + 10 * HOUR, 1000).text);
    const ac = new AbortController();
    let seen = 0;
    const read = readFileLogs({ path: file, signal: ac.signal }, { window: { start: T0, end: T0 + 10 * HOUR }, onEntry: () => ++seen === 100 && ac.abort() });
    await assert.rejects(read, (e: unknown) => isSourceError(e) && e.kind === 'cancelled');
    assert.ok(seen >= 100);
  });

  it('times without a zone are read in the configured zone', async () => {
    const file = path.join(dir, 'local.log');
    fs.writeFileSync(file, '2024-05-01 14:00:00 ERROR in Berlin time\n2024-05-01 14:30:00 INFO later\n');
    const r = await readFileLogs({ path: file, timeZone: 'Europe/Berlin' }, { window: { start: Date.parse('2024-05-01T11:55:00Z'), end: Date.parse('2024-05-01T12:05:00Z') } });
    assert.deepEqual(r.entries.map((e) => new Date(e.time!).toISOString()), ['2024-05-01T12:00:00.000Z']);
  });
});
