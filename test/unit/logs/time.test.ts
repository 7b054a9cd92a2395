import * as assert from 'node:assert/strict';
import { epochToMs, TimeParser } from '../../../src/core/logs/time';
import { createZoneResolver } from '../../../src/core/logs/zone';
import { iso, parse } from './helpers';

const wall = (s: string): number => Date.parse(`${s}Z`);

describe('log timestamps and time zones', () => {
  it('offsets, Z, UTC suffix, comma and nanosecond fractions', () => {
    const t = new TimeParser({ timeZone: 'Asia/Tokyo' });
    const cases: [string, string][] = [
      ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
      ['2024-05-01T12:00:00.123456789Z', '2024-05-01T12:00:00.123Z'],
      ['2024-05-01T12:00:00+02:00', '2024-05-01T10:00:00.000Z'],
      ['2024-05-01T12:00:00-0330', '2024-05-01T15:30:00.000Z'],
      ['2024-05-01T12:00:00+05', '2024-05-01T07:00:00.000Z'],
      ['2024-05-01 12:00:00,250 UTC', '2024-05-01T12:00:00.250Z'],
      ['2024-05-01 12:00', '2024-05-01T03:00:00.000Z'],
      ['2024/05/01 12:00:00', '2024-05-01T03:00:00.000Z'],
    ];
    for (const [input, want] of cases) assert.equal(iso(t.isoAt(input, 0)), want, input);
    assert.equal(t.isoAt('2024-13-01T00:00:00Z', 0), undefined);
    assert.equal(t.isoAt('not a time', 0), undefined);
  });

  it('epoch numbers in s, ms, µs and ns, as numbers or strings; durations are not times', () => {
    const ms = Date.parse('2024-05-01T12:00:00.250Z');
    assert.equal(epochToMs(ms / 1000), ms);
    assert.equal(epochToMs(ms), ms);
    assert.equal(epochToMs(ms * 1000), ms);
    assert.equal(epochToMs(ms * 1e6), ms);
    const t = new TimeParser();
    assert.equal(t.value('1714564800250'), ms);
    assert.equal(t.value('1714564800250000000'), ms);
    assert.equal(t.value(12.5), undefined);
    assert.equal(t.value(0), undefined);
    assert.equal(t.value('Wed, 01 May 2024 12:00:00 GMT'), Date.parse('2024-05-01T12:00:00Z'));
  });

  it('no zone in the line: the configured IANA zone, with DST', () => {
    const ny = createZoneResolver('America/New_York');
    assert.equal(iso(ny.toUtc(wall('2024-01-15T12:00:00'))), '2024-01-15T17:00:00.000Z');
    assert.equal(iso(ny.toUtc(wall('2024-07-15T12:00:00'))), '2024-07-15T16:00:00.000Z');
    const kolkata = createZoneResolver('Asia/Kolkata');
    assert.equal(iso(kolkata.toUtc(wall('2024-07-15T12:00:00'))), '2024-07-15T06:30:00.000Z');
    const fixed = createZoneResolver('+05:45');
    assert.equal(iso(fixed.toUtc(wall('2024-07-15T12:00:00'))), '2024-07-15T06:15:00.000Z');
  });

  it('DST: a skipped local time reads like Date does, a repeated one as its first occurrence', () => {
    const berlin = createZoneResolver('Europe/Berlin');
    // 2024-03-31: 02:00 → 03:00 local. 01:59 is still CET; 02:30 does not exist; 03:00 is CEST.
    assert.equal(iso(berlin.toUtc(wall('2024-03-31T01:59:00'))), '2024-03-31T00:59:00.000Z');
    assert.equal(iso(berlin.toUtc(wall('2024-03-31T02:30:00'))), '2024-03-31T01:30:00.000Z');
    assert.equal(iso(berlin.toUtc(wall('2024-03-31T03:00:00'))), '2024-03-31T01:00:00.000Z');
    // 2024-10-27: 03:00 → 02:00 local. 02:30 happens twice: the first (CEST) is taken.
    assert.equal(iso(berlin.toUtc(wall('2024-10-27T02:30:00'))), '2024-10-27T00:30:00.000Z');
    assert.equal(iso(berlin.toUtc(wall('2024-10-27T03:30:00'))), '2024-10-27T02:30:00.000Z');
    // Southern hemisphere and a half-hour shift.
    const lordHowe = createZoneResolver('Australia/Lord_Howe');
    assert.equal(iso(lordHowe.toUtc(wall('2024-01-15T12:00:00'))), '2024-01-15T01:00:00.000Z');
    assert.equal(iso(lordHowe.toUtc(wall('2024-07-15T12:00:00'))), '2024-07-15T01:30:00.000Z');
  });

  it('entries across a DST change, with no zone in the lines, stay in order', () => {
    const text = ['2024-11-03 00:59:59 INFO a', '2024-11-03 01:00:00 INFO b', '2024-11-03 03:00:00 INFO c'].join('\n');
    const { entries } = parse(text, { timeZone: 'America/Los_Angeles' });
    assert.deepEqual(entries.map((e) => iso(e.time)), ['2024-11-03T07:59:59.000Z', '2024-11-03T08:00:00.000Z', '2024-11-03T11:00:00.000Z']);
  });

  it('an unknown zone falls back to local time with a warning, never throws', () => {
    const t = new TimeParser({ timeZone: 'Mars/Olympus_Mons' });
    assert.equal(t.warnings.length, 1);
    assert.ok(t.isoAt('2024-05-01 12:00:00', 0) !== undefined);
    assert.throws(() => createZoneResolver('Mars/Olympus_Mons'), RangeError);
  });

  it('syslog dates without a year: the year that puts them at or before the reference', () => {
    const jan = new TimeParser({ timeZone: 'UTC', referenceTime: Date.parse('2025-01-02T10:00:00Z') });
    assert.equal(iso(jan.yearless(11, 31, 23, 0, 0)), '2024-12-31T23:00:00.000Z');
    assert.equal(iso(jan.yearless(0, 2, 9, 0, 0)), '2025-01-02T09:00:00.000Z');
    // A clock a little ahead of the reference is tolerated.
    assert.equal(iso(jan.yearless(0, 3, 9, 0, 0)), '2025-01-03T09:00:00.000Z');
    const summer = new TimeParser({ timeZone: 'Europe/Paris', referenceTime: Date.parse('2024-07-01T00:00:00Z') });
    assert.equal(iso(summer.yearless(5, 30, 12, 0, 0)), '2024-06-30T10:00:00.000Z');
  });
});
