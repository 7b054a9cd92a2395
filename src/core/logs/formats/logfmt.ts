/**
 * logfmt (`time=… level=info msg="hello world" user=42`), as written by Go's slog text
 * handler, logrus, Heroku's router and many Go services.
 */

import type { LogLevel } from '../../model/logs';
import { levelFromValue } from '../levels';
import type { TimeParser } from '../time';
import type { ParsedLine } from './types';

const TIME_KEYS = ['time', 'ts', 't', 'timestamp', '@timestamp', 'date'];
// Heroku's router writes its level as `at=error`.
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel', 'at'];
const MESSAGE_KEYS = ['msg', 'message', 'desc'];

export function parseLogfmtLine(line: string, time: TimeParser): ParsedLine | undefined {
  const fields = tokenize(line);
  if (!fields) return undefined;
  const keys = Object.keys(fields);
  let t: number | undefined;
  let level: LogLevel | undefined;
  let message: string | undefined;
  let known = 0;
  for (const k of TIME_KEYS) {
    if (fields[k] !== undefined) {
      t = time.value(fields[k]);
      if (t !== undefined) {
        known++;
        break;
      }
    }
  }
  for (const k of LEVEL_KEYS) {
    if (fields[k] !== undefined) {
      level = levelFromValue(fields[k]);
      if (level) {
        known++;
        break;
      }
    }
  }
  for (const k of MESSAGE_KEYS) {
    if (fields[k] !== undefined) {
      message = fields[k];
      known++;
      break;
    }
  }
  // A sentence with one "a=b" in it is not logfmt: ask for a known key and a second pair, or
  // several pairs and nothing else.
  if (keys.length < 2 || (known === 0 && keys.length < 3)) return undefined;
  return { time: t, level: level ?? 'unknown', message: message ?? line, fields };
}

/** key=value pairs; undefined when the line has bare words (it is prose, not logfmt). */
function tokenize(line: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const n = line.length;
  let i = 0;
  let pairs = 0;
  while (i < n) {
    while (i < n && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n) {
      const c = line.charCodeAt(i);
      if (c === 61 /* = */ || c === 32 || c === 9 || c === 34 /* " */) break;
      i++;
    }
    if (i === keyStart || line.charCodeAt(i) !== 61) return undefined;
    const key = line.slice(keyStart, i);
    i++;
    let value: string;
    if (line.charCodeAt(i) === 34) {
      i++;
      let s = '';
      let segment = i;
      for (;;) {
        if (i >= n) return undefined; // unterminated quote
        const c = line.charCodeAt(i);
        if (c === 92 /* \ */) {
          s += line.slice(segment, i);
          const next = line.charAt(i + 1);
          s += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          i += 2;
          segment = i;
        } else if (c === 34) {
          s += line.slice(segment, i);
          i++;
          break;
        } else i++;
      }
      value = s;
    } else {
      const start = i;
      while (i < n && line.charCodeAt(i) !== 32 && line.charCodeAt(i) !== 9) i++;
      value = line.slice(start, i);
    }
    out[key] = value;
    pairs++;
  }
  return pairs > 0 ? out : undefined;
}
