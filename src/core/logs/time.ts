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
  // The last "YYYY-MM-DDTHH:MM" read and its value: lines of one minute share it.
  private minuteKey: string | undefined;
  private minuteBase = 0;

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

  /**
   * An ISO-like timestamp starting exactly at `at`; sets `end`. Read by hand rather than with a
   * regular expression, and the minute is cached: this runs once per line.
   */
  isoAt(text: string, at: number): number | undefined {
    const n = text.length;
    if (n < at + 16) return undefined;
    let minute: number;
    if (this.minuteKey !== undefined && text.startsWith(this.minuteKey, at)) minute = this.minuteBase;
    else {
      const y = digits(text, at, 4);
      const sep = text.charCodeAt(at + 4);
      if (y < 0 || (sep !== 45 && sep !== 47) || text.charCodeAt(at + 7) !== sep) return undefined;
      const mo = digits(text, at + 5, 2);
      const d = digits(text, at + 8, 2);
      const t = text.charCodeAt(at + 10);
      const h = digits(text, at + 11, 2);
      const mi = digits(text, at + 14, 2);
      if ((t !== 84 && t !== 32) || text.charCodeAt(at + 13) !== 58) return undefined;
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59) return undefined;
      minute = Date.UTC(y, mo - 1, d, h, mi);
      this.minuteKey = text.slice(at, at + 16);
      this.minuteBase = minute;
    }
    let i = at + 16;
    let ms = 0;
    if (text.charCodeAt(i) === 58) {
      const sec = digits(text, i + 1, 2);
      if (sec < 0 || sec > 60) return undefined;
      ms = sec * 1000;
      i += 3;
      const c = text.charCodeAt(i);
      if ((c === 46 || c === 44) && isDigit(text.charCodeAt(i + 1))) {
        let j = i + 1;
        let frac = 0;
        let scale = 100;
        for (; j < n && j < i + 10 && isDigit(text.charCodeAt(j)); j++) {
          frac += (text.charCodeAt(j) - 48) * scale;
          scale /= 10;
        }
        ms += Math.floor(frac);
        i = j;
      }
    }
    const wall = minute + ms;
    const z = text.charCodeAt(i);
    if (z === 90 /* Z */) {
      this.end = i + 1;
      return wall;
    }
    if (z === 43 || z === 45) {
      const oh = digits(text, i + 1, 2);
      if (oh >= 0) {
        let j = i + 3;
        let om = 0;
        if (text.charCodeAt(j) === 58 && digits(text, j + 1, 2) >= 0) {
          om = digits(text, j + 1, 2);
          j += 3;
        } else if (digits(text, j, 2) >= 0) {
          om = digits(text, j, 2);
          j += 2;
        }
        // "+05301" is not a zone; neither is anything running into more digits.
        if (!isDigit(text.charCodeAt(j))) {
          this.end = j;
          const off = (oh * 60 + om) * 60_000;
          return z === 45 ? wall + off : wall - off;
        }
      }
    }
    const utc = text.charCodeAt(i) === 32 ? i + 1 : i;
    if ((text.startsWith('UTC', utc) || text.startsWith('GMT', utc)) && !isLetter(text.charCodeAt(utc + 3))) {
      this.end = utc + 3;
      return wall;
    }
    this.end = i;
    return this.zone.toUtc(wall);
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

/** The value of `count` decimal digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = text.charCodeAt(at + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
