/**
 * JSON lines: pino, bunyan, ECS, Serilog's compact format, structlog, Python json loggers,
 * docker's json-file driver and journald's `journalctl -o json`. Field names differ per
 * logger; the first present name wins, in the order of the lists below.
 */

import type { LogLevel } from '../../model/logs';
import { levelFromSyslogSeverity, levelFromValue } from '../levels';
import type { TimeParser } from '../time';
import { findLevel, parseTextLine } from './text';
import type { ParsedLine } from './types';

const TIME_KEYS = ['time', '@timestamp', 'timestamp', 'ts', '@t', 't', 'date', 'datetime', 'timeMillis', 'asctime', 'eventTime'];
const LEVEL_KEYS = ['level', 'log.level', 'severity', '@l', 'lvl', 'levelname', 'level_name', 'loglevel', 'severity_text'];
const MESSAGE_KEYS = ['msg', 'message', '@m', 'event', 'text', '@mt'];
// A message that is itself an object is shown as JSON, cut to this length.
const OBJECT_MESSAGE_CAP = 2000;

const utf8 = new TextDecoder('utf-8');

export function parseJsonLine(line: string, time: TimeParser): ParsedLine | undefined {
  if (line.charCodeAt(0) !== 123 /* { */ || line.charCodeAt(line.length - 1) !== 125 /* } */) return undefined;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  return fromObject(obj as Record<string, unknown>, time);
}

export function fromObject(o: Record<string, unknown>, time: TimeParser): ParsedLine {
  if ('__REALTIME_TIMESTAMP' in o) return fromJournald(o, time);
  if (typeof o.log === 'string' && typeof o.stream === 'string') return fromDockerJsonFile(o, time);
  let t: number | undefined;
  for (const k of TIME_KEYS) {
    if (o[k] !== undefined) {
      t = time.value(o[k]);
      if (t !== undefined) break;
    }
  }
  // log4j2's JsonLayout: "instant": { "epochSecond": …, "nanoOfSecond": … }
  if (t === undefined && isObject(o.instant) && typeof o.instant.epochSecond === 'number') {
    t = o.instant.epochSecond * 1000 + Math.floor(Number(o.instant.nanoOfSecond ?? 0) / 1e6);
  }
  let level: LogLevel | undefined;
  for (const k of LEVEL_KEYS) {
    if (o[k] !== undefined) {
      level = levelFromValue(o[k]);
      if (level) break;
    }
  }
  // ECS written as nested objects rather than dotted keys.
  if (!level && isObject(o.log)) level = levelFromValue(o.log.level);
  let message: string | undefined;
  for (const k of MESSAGE_KEYS) {
    const v = o[k];
    if (v !== undefined && v !== null) {
      message = typeof v === 'string' ? v : JSON.stringify(v).slice(0, OBJECT_MESSAGE_CAP);
      break;
    }
  }
  return { time: t, level: level ?? 'unknown', message: message ?? '', fields: o };
}

function fromJournald(o: Record<string, unknown>, time: TimeParser): ParsedLine {
  const prio = Number(o.PRIORITY);
  let message = '';
  const m = o.MESSAGE;
  if (typeof m === 'string') message = m;
  // journald writes a message that is not valid UTF-8 as an array of byte values.
  else if (Array.isArray(m)) message = utf8.decode(Uint8Array.from(m.filter((b): b is number => typeof b === 'number')));
  return {
    time: time.value(o.__REALTIME_TIMESTAMP),
    level: o.PRIORITY !== undefined && Number.isInteger(prio) && prio >= 0 && prio <= 7 ? levelFromSyslogSeverity(prio) : 'unknown',
    message,
    fields: o,
  };
}

/** docker's json-file driver: {"log":"…\n","stream":"stderr","time":"…"}; the log may be JSON too. */
function fromDockerJsonFile(o: Record<string, unknown>, time: TimeParser): ParsedLine {
  const text = (o.log as string).replace(/\r?\n$/, '');
  const outer = time.value(o.time);
  const inner = text.startsWith('{') ? parseJsonLine(text, time) : undefined;
  if (inner) return { ...inner, time: inner.time ?? outer, wrapped: true };
  const asText = parseTextLine(text, time);
  if (asText) return { ...asText, time: outer ?? asText.time, fields: o, wrapped: true };
  const { level, rest } = findLevel(text, 0);
  return { time: outer, level, message: level === 'unknown' ? text : rest, fields: o, wrapped: true };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
