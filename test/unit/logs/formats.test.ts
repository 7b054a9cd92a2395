import * as assert from 'node:assert/strict';
import { fixture, iso, parse } from './helpers';

describe('log formats: detection and parsing', () => {
  it('pino: numeric levels 10..60, epoch ms, msg; detected as json', () => {
    const { entries, format } = parse(fixture('pino.jsonl'));
    assert.deepEqual(format, { format: 'json', timestampPrefix: false, detected: true });
    assert.deepEqual(
      entries.map((e) => e.level),
      ['info', 'info', 'warn', 'error', 'fatal', 'debug', 'trace'],
    );
    assert.equal(iso(entries[0].time), '2024-05-01T12:00:00.000Z');
    assert.equal(iso(entries[1].time), '2024-05-01T12:00:01.123Z');
    assert.equal(entries[3].message, 'payment failed for order 88123');
    assert.equal((entries[1].fields?.res as { statusCode: number }).statusCode, 201);
    assert.ok(entries.every((e) => e.parsed && e.lineCount === 1));
    assert.deepEqual(entries.map((e) => e.line), [1, 2, 3, 4, 5, 6, 7]);
  });

  it('bunyan: ISO time strings and numeric levels', () => {
    const { entries } = parse(fixture('bunyan.jsonl'));
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level]), [
      ['2024-05-01T12:00:00.000Z', 'info'],
      ['2024-05-01T12:00:01.250Z', 'error'],
      ['2024-05-01T12:00:01.260Z', 'warn'],
    ]);
  });

  it('ECS: @timestamp, dotted and nested log.level, message', () => {
    const { entries, format } = parse(fixture('ecs.jsonl'));
    assert.equal(format?.format, 'json');
    assert.deepEqual(entries.map((e) => e.level), ['info', 'error', 'warn', 'info']);
    assert.equal(entries[1].message, 'Payment provider timeout');
    assert.equal(iso(entries[2].time), '2024-05-01T10:00:03.000Z', 'the +02:00 offset is applied');
  });

  it('generic JSON: time/timestamp/ts/@t, level/severity/lvl/levelname/@l, msg/message/@mt/event, epoch units', () => {
    const { entries } = parse(fixture('generic.jsonl'), { timeZone: 'Europe/Berlin' });
    assert.deepEqual(
      entries.map((e) => [iso(e.time), e.level, e.message]),
      [
        ['2024-05-01T12:00:00.000Z', 'info', 'generic time/level/msg'],
        // No zone in the line: read in the configured zone (Berlin is UTC+2 in May).
        ['2024-05-01T10:00:01.500Z', 'error', 'severity + message, no zone'],
        ['2024-05-01T12:00:02.250Z', 'warn', 'zap style epoch seconds float'],
        ['2024-05-01T12:00:03.000Z', 'debug', 'epoch ms as a string'],
        ['2024-05-01T12:00:04.000Z', 'error', 'epoch microseconds'],
        ['2024-05-01T12:00:05.000Z', 'fatal', 'epoch nanoseconds'],
        ['2024-05-01T16:00:06.000Z', 'warn', 'python json logger'],
        ['2024-05-01T12:00:07.000Z', 'info', 'Order {OrderId} shipped'],
        ['2024-05-01T12:00:08.000Z', 'info', 'structlog event key'],
      ],
    );
  });

  it('logfmt, including quoted values with escapes and Heroku router lines', () => {
    const { entries, format } = parse(fixture('logfmt.log'));
    assert.equal(format?.format, 'logfmt');
    assert.deepEqual(entries.map((e) => e.level), ['info', 'warn', 'error', 'debug', 'error']);
    assert.equal(entries[2].message, 'db query failed: "deadlock detected"');
    assert.equal(entries[0].fields?.version, '1.4.2');
    assert.equal(entries[4].message, 'Request timeout');
    assert.equal(entries[4].fields?.status, '503');
    assert.equal(iso(entries[3].time), '2024-05-01T12:00:03.000Z');
  });

  it('access logs (combined and common): status gives the level, offsets applied', () => {
    const combined = parse(fixture('access-combined.log'));
    assert.equal(combined.format?.format, 'access');
    assert.deepEqual(combined.entries.map((e) => e.level), ['info', 'info', 'warn', 'error', 'info']);
    assert.equal(combined.entries[3].message, 'POST /api/checkout HTTP/1.1 502');
    assert.equal(combined.entries[0].fields?.userAgent, 'Mozilla/5.0 (X11; Linux x86_64)');
    assert.equal(iso(combined.entries[4].time), '2024-05-01T12:00:04.000Z');
    const common = parse(fixture('access-common.log'));
    assert.equal(common.format?.format, 'access');
    assert.deepEqual(common.entries.map((e) => [iso(e.time), e.level]), [
      ['2000-10-10T20:55:36.000Z', 'info'],
      ['2000-10-10T20:55:37.000Z', 'warn'],
      ['2000-10-10T20:55:38.000Z', 'error'],
    ]);
    assert.equal(common.entries[1].fields?.bytes, 0);
  });

  it('syslog RFC 3164: no year, inferred across the new year; PRI severity; level word', () => {
    const reference = Date.parse('2025-01-01T00:10:00Z');
    const { entries, format } = parse(fixture('syslog-3164.log'), { referenceTime: reference });
    assert.equal(format?.format, 'syslog');
    assert.deepEqual(entries.map((e) => iso(e.time)), [
      '2024-12-31T23:59:58.000Z',
      '2024-12-31T23:59:59.000Z',
      '2025-01-01T00:00:01.000Z',
      '2025-01-01T00:00:02.000Z',
      '2025-01-01T00:00:03.000Z',
      '2025-01-01T00:00:04.000Z',
    ]);
    assert.deepEqual(entries.map((e) => e.level), ['unknown', 'unknown', 'unknown', 'error', 'info', 'error']);
    assert.deepEqual(entries[0].fields, { host: 'web-1', app: 'nginx', pid: '812' });
    assert.equal(entries[5].message, 'queue backlog 1200 messages');
  });

  it('syslog RFC 5424: structured data, nil timestamp, offsets', () => {
    const { entries, format } = parse(fixture('syslog-5424.log'));
    assert.equal(format?.format, 'syslog');
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level, e.message]), [
      ['2024-05-01T12:00:00.003Z', 'info', 'An application event log entry'],
      ['2024-05-01T10:00:01.000Z', 'error', 'Payment provider unreachable'],
      ['2024-05-01T12:00:02.000Z', 'warn', 'Retrying payment'],
      [undefined, 'debug', 'debug line without a time'],
    ]);
    assert.equal(entries[0].fields?.app, 'evntslog');
    assert.equal(entries[0].fields?.facility, 20);
  });

  it('journald JSON: __REALTIME_TIMESTAMP in µs, PRIORITY, MESSAGE as bytes', () => {
    const { entries, format } = parse(fixture('journald.json'));
    assert.equal(format?.format, 'journald');
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level]), [
      ['2024-05-01T12:00:00.000Z', 'info'],
      ['2024-05-01T12:00:01.500Z', 'error'],
      ['2024-05-01T12:00:02.000Z', 'warn'],
      ['2024-05-01T12:00:03.000Z', 'fatal'],
    ]);
    assert.equal(entries[2].message, 'bad byte \uFFFD');
  });

  it('kubectl --timestamps with JSON inside: the prefix time, the inner level and message', () => {
    const { entries, format } = parse(fixture('kubectl-json.log'));
    assert.deepEqual(format, { format: 'json', timestampPrefix: true, detected: true });
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level, e.message]), [
      ['2024-05-01T12:00:00.123Z', 'info', 'listening'],
      ['2024-05-01T12:00:01.500Z', 'error', 'db timeout after 5000ms'],
      ['2024-05-01T12:00:02.000Z', 'unknown', 'plain stdout line from a library'],
      ['2024-05-01T12:00:03.250Z', 'warn', 'slow'],
    ]);
  });

  it("docker's json-file format, with text, a Node trace split over records, and JSON inside", () => {
    const { entries } = parse(fixture('docker-json-file.log'));
    assert.equal(entries.length, 3);
    assert.equal(entries[0].level, 'info');
    assert.equal(entries[0].message, 'starting');
    assert.equal(entries[1].lineCount, 2, 'the frame record continues "Error: boom"');
    assert.equal(entries[1].level, 'error');
    assert.match(entries[1].message, /^Error: boom\n {4}at main/);
    assert.deepEqual([entries[2].level, entries[2].message], ['warn', 'inner json']);
  });

  it('klog (Kubernetes components): level letter, yearless date', () => {
    const { entries, format } = parse(fixture('klog.log'), { referenceTime: Date.parse('2024-06-01T00:00:00Z') });
    assert.equal(format?.format, 'text');
    assert.deepEqual(entries.map((e) => [iso(e.time), e.level]), [
      ['2024-05-01T12:00:00.000Z', 'info'],
      ['2024-05-01T12:00:01.500Z', 'error'],
      ['2024-05-01T12:00:02.000Z', 'warn'],
    ]);
    assert.equal(entries[1].message, 'failed to sync pod default/api-7d9f: timeout');
  });

  it('generic text in its common spellings', () => {
    const text = [
      '2024-05-01 12:00:00,123 [main] ERROR com.shop.Api - boom',
      '2024/05/01 12:00:01 [error] 31#31: *7 connect() failed (111: Connection refused)',
      '[2024-05-01T12:00:02Z] WARN disk 91% full',
      '2024-05-01T12:00:03.5+05:30 | info | offset with minutes',
      'ERROR 2024-05-01 12:00:04 level first',
      '2024-05-01 12:00:05 Connection error occurred without a level',
      '1714564806 DEBUG epoch seconds first',
      '2024-05-01T12:00:07Z ERROR:root:python basicConfig',
    ].join('\n');
    const { entries, format } = parse(text);
    assert.equal(format?.format, 'text');
    assert.deepEqual(
      entries.map((e) => [iso(e.time), e.level, e.message]),
      [
        ['2024-05-01T12:00:00.123Z', 'error', 'com.shop.Api - boom'],
        ['2024-05-01T12:00:01.000Z', 'error', '31#31: *7 connect() failed (111: Connection refused)'],
        ['2024-05-01T12:00:02.000Z', 'warn', 'disk 91% full'],
        ['2024-05-01T06:30:03.500Z', 'info', 'offset with minutes'],
        ['2024-05-01T12:00:04.000Z', 'error', 'level first'],
        ['2024-05-01T12:00:05.000Z', 'unknown', 'Connection error occurred without a level'],
        ['2024-05-01T12:00:06.000Z', 'debug', 'epoch seconds first'],
        ['2024-05-01T12:00:07.000Z', 'error', 'root:python basicConfig'],
      ],
    );
  });

  it('a format given by the settings wins over detection', () => {
    const { entries, format } = parse('a=1 b=2 c=3\n', { spec: { format: 'text', timestampPrefix: false } });
    assert.deepEqual(format, { format: 'text', timestampPrefix: false, detected: false });
    // The line still parses: other formats are tried for lines the chosen one does not fit.
    assert.equal(entries[0].fields?.a, '1');
  });
});
