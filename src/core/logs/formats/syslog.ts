/**
 * Syslog: RFC 5424 (`<165>1 2003-10-11T22:14:15.003Z host app 1234 ID47 [sd] message`),
 * RFC 3164 (`<34>Oct 11 22:14:15 host su[123]: message`, often without the `<PRI>` in
 * files), and rsyslog's high-precision variant of 3164 with an RFC 3339 date.
 * The level comes from the PRI's severity; without one, from a level word opening the message.
 */

import type { LogLevel } from '../../model/logs';
import { levelFromSyslogSeverity, levelFromWord } from '../levels';
import { MONTHS } from '../time';
import type { TimeParser } from '../time';
import { findLevel } from './text';
import type { ParsedLine } from './types';

const RFC5424 = /^<(\d{1,3})>\d{1,2} (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[(?:[^\]"\\]|\\.|"(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$/;
const RFC3164_DATE = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) ([ \d]?\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? /;
const PRI = /^<(\d{1,3})>/;
// "host tag[pid]: message" after the date. A tag (program name) starts with a letter, and a
// host is not a date: "2024-05-01 12:00:00 INFO x" is text, not host 2024-05-01 and tag 12.
const HOST_TAG = /^(?!\d{4}-\d\d-\d\d )(\S+) ([A-Za-z_][^\s:[\]]*)(?:\[(\w+)\])?: ?(.*)$/;

export function parseSyslogLine(line: string, time: TimeParser): ParsedLine | undefined {
  if (line.charCodeAt(0) === 60 /* < */) {
    const m = RFC5424.exec(line);
    if (m) return rfc5424(m, time);
  }
  const d = RFC3164_DATE.exec(line);
  if (d) {
    const month = MONTHS[d[2].toLowerCase()];
    if (month === undefined) return undefined;
    const ms = d[7] ? Number((d[7] + '00').slice(0, 3)) : 0;
    const t = time.yearless(month, Number(d[3].trim()), Number(d[4]), Number(d[5]), Number(d[6]), ms);
    if (t === undefined) return undefined;
    return rest(line.slice(d[0].length), t, d[1]);
  }
  // rsyslog's RFC3339 timestamps (only with an explicit zone, or this would claim plain text).
  const pri = PRI.exec(line);
  const at = pri ? pri[0].length : 0;
  const t = time.isoAt(line, at);
  if (t === undefined || line.charCodeAt(time.end) !== 32) return undefined;
  const stamp = line.slice(at, time.end);
  if (!/(?:Z|[+-]\d\d:\d\d)$/.test(stamp)) return undefined;
  return rest(line.slice(time.end + 1), t, pri?.[1]);
}

function rest(text: string, t: number, pri: string | undefined): ParsedLine | undefined {
  const h = HOST_TAG.exec(text);
  // "2024-05-01T12:00:00Z INFO main: started" is text with a level, not a host named INFO.
  if (!h || levelFromWord(h[1])) return undefined;
  const fields: Record<string, unknown> = { host: h[1], app: h[2] };
  if (h[3]) fields.pid = h[3];
  let level: LogLevel;
  let message = h[4];
  if (pri !== undefined) {
    level = severity(pri, fields);
  } else {
    const found = findLevel(message, 0);
    level = found.level;
    if (level !== 'unknown') message = found.rest;
  }
  return { time: t, level, message, fields };
}

function rfc5424(m: RegExpExecArray, time: TimeParser): ParsedLine {
  const fields: Record<string, unknown> = {};
  const level = severity(m[1], fields);
  if (m[3] !== '-') fields.host = m[3];
  if (m[4] !== '-') fields.app = m[4];
  if (m[5] !== '-') fields.pid = m[5];
  if (m[6] !== '-') fields.msgid = m[6];
  if (m[7] !== '-') fields.structuredData = m[7];
  // The message may start with a UTF-8 byte order mark (RFC 5424 section 6.4).
  const message = (m[8] ?? '').replace(/^\uFEFF/, '');
  return { time: m[2] === '-' ? undefined : time.value(m[2]), level, message, fields };
}

function severity(pri: string, fields: Record<string, unknown>): LogLevel {
  const n = Number(pri);
  fields.facility = n >> 3;
  return levelFromSyslogSeverity(n & 7);
}
