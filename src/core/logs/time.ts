/**
 * Timestamps as logs write them: ISO 8601 / RFC 3339 with or without an offset, epoch numbers
 * in seconds, milliseconds, microseconds or nanoseconds, the Apache `[10/Oct/2000:13:55:36
 * -0700]` form and syslog's `Oct  1 13:55:36`, which has no year.
 */

import { createZoneResolver } from './zone';
import type { ZoneResolver } from './zone';

export interface TimeOptions {
  /** IANA zone (or "+05:30") for times written without an offset; default: the local zone. */
  timeZone?: string;
  /**
   * A time no entry can be later than (by much): for a file its modification time, else now.
   * Syslog dates have no year; they get the year that puts them at or before this time.
   */
  referenceTime?: number;
}

export const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

// Date, separator T or space, time, optional fraction (dot or comma, as log4j and Python
// write it), optional zone. The zone must not run into further digits ("+0530" yes, "+05301" no).
const ISO = /(\d{4})([-/])(\d\d)\2(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?(?!\d)| ?(?:UTC|GMT)(?![A-Za-z]))?/y;
const CLF = /^(\d\d)\/([A-Za-z]{3})\/(\d{4}):(\d\d):(\d\d):(\d\d)(?: ([+-])(\d\d)(\d\d))?$/;
const NUMERIC = /^\d{8,20}(?:\.\d+)?$/;
// Syslog dates must not land much later than the reference (a clock a little ahead is fine).
const FUTURE_SLACK = 2 * 86_400_000;

/** Milliseconds from an epoch number whose unit is guessed from its size; undefined if implausible. */
export function epochToMs(n: number): number | undefined {
  if (!Number.isFinite(n) || n <= 0) return undefined;
  let ms: number;
  if (n >= 1e17) ms = n / 1e6; // nanoseconds
  else if (n >= 1e14) ms = n / 1e3; // microseconds
  else if (n >= 1e11) ms = n; // milliseconds (from 1973 on)
  else if (n >= 1e8) ms = n * 1000; // seconds (from 1973 on); smaller numbers are durations
  else return undefined;
  // Truncate to the millisecond; the nudge undoes float error (1714564800250000 / 1e3 is
  // 1714564800249.9998).
  return Math.floor(ms + 0.001);
}

export class TimeParser {
  /** Where the last successful `isoAt` match ended. */
  end = 0;
  readonly warnings: string[] = [];
  private readonly zone: ZoneResolver;
  private readonly reference: number;
  private readonly referenceYear: number;

  constructor(options: TimeOptions = {}) {
    let zone: ZoneResolver;
    try {
      zone = createZoneResolver(options.timeZone);
    } catch {
      this.warnings.push(`Unknown time zone "${options.timeZone}"; times without an offset are read as local time.`);
      zone = createZoneResolver();
    }
    this.zone = zone;
    this.reference = options.referenceTime ?? Date.now();
    this.referenceYear = new Date(this.reference).getUTCFullYear();
  }

  get timeZone(): string {
    return this.zone.zone;
  }

  /** An ISO-like timestamp starting exactly at `at`; sets `end`. */
  isoAt(text: string, at: number): number | undefined {
    ISO.lastIndex = at;
    const m = ISO.exec(text);
    if (!m) return undefined;
    const mo = Number(m[3]);
    const d = Number(m[4]);
    const h = Number(m[5]);
    const mi = Number(m[6]);
    const s = m[7] ? Number(m[7]) : 0;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
    const ms = m[8] ? Number((m[8] + '00').slice(0, 3)) : 0;
    const wall = Date.UTC(Number(m[1]), mo - 1, d, h, mi, s, ms);
    this.end = ISO.lastIndex;
    const z = m[9];
    if (z === undefined) return this.zone.toUtc(wall);
    const c = z.charCodeAt(0);
    if (c !== 43 && c !== 45) return wall; // Z, UTC, GMT
    const oh = Number(z.slice(1, 3));
    const om = z.length > 3 ? Number(z.slice(z.length - 2)) : 0;
    const off = (oh * 60 + om) * 60_000;
    return c === 45 ? wall + off : wall - off;
  }

  /** A time field's value: an epoch number or numeric string, or an ISO-like string. */
  value(v: unknown): number | undefined {
    if (typeof v === 'number') return epochToMs(v);
    if (typeof v !== 'string' || v.length < 8) return undefined;
    if (NUMERIC.test(v)) return epochToMs(Number(v));
    const t = this.isoAt(v, 0);
    if (t !== undefined) return t;
    // Other spellings ("Tue, 01 Oct 2024 12:00:00 GMT"); only with a zone, as Date.parse would
    // read a zone-less one in the process's zone rather than the configured one.
    if (/(?:GMT|UTC|Z|[+-]\d\d:?\d\d)\s*$/.test(v)) {
      const p = Date.parse(v);
      if (Number.isFinite(p)) return p;
    }
    return undefined;
  }

  /** Apache/nginx `10/Oct/2000:13:55:36 -0700` (without the brackets). */
  clf(text: string): number | undefined {
    const m = CLF.exec(text);
    if (!m) return undefined;
    const mo = MONTHS[m[2].toLowerCase()];
    if (mo === undefined) return undefined;
    const wall = Date.UTC(Number(m[3]), mo, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
    if (!m[7]) return this.zone.toUtc(wall);
    const off = (Number(m[8]) * 60 + Number(m[9])) * 60_000;
    return m[7] === '-' ? wall + off : wall - off;
  }

  /**
   * A syslog date without a year. It gets the reference's year, or the year before when that
   * would put it in the future: in January, December's lines belong to last year.
   */
  yearless(month: number, day: number, h: number, mi: number, s: number, ms = 0): number | undefined {
    if (day < 1 || day > 31 || h > 23 || mi > 59 || s > 60) return undefined;
    const t = this.zone.toUtc(Date.UTC(this.referenceYear, month, day, h, mi, s, ms));
    if (t <= this.reference + FUTURE_SLACK) return t;
    return this.zone.toUtc(Date.UTC(this.referenceYear - 1, month, day, h, mi, s, ms));
  }
}
