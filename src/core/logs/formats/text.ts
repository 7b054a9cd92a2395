/**
 * Plain text: "timestamp [level] message" in its many spellings (log4j/logback, Python's
 * logging, Go's log package, nginx's error log, Rails), plus klog (`E1023 14:02:11.123456 1
 * file.go:42] message`), which Kubernetes components write.
 */

import type { LogLevel } from '../../model/logs';
import { levelFromWord } from '../levels';
import { epochToMs } from '../time';
import type { TimeParser } from '../time';
import type { ParsedLine } from './types';

const KLOG = /^([IWEF])(\d\d)(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?\s+\d+ ([^\]\s]+)\] ?(.*)$/;
const KLOG_LEVEL: Record<string, LogLevel> = { I: 'info', W: 'warn', E: 'error', F: 'fatal' };
const EPOCH_PREFIX = /^(\d{10}(?:\d{3})?(?:\.\d{1,9})?)\s/;
// How many tokens after the timestamp may come before the level ("[main] c.f.Bar ERROR").
const LEVEL_SEARCH_TOKENS = 5;

export function parseTextLine(line: string, time: TimeParser): ParsedLine | undefined {
  const c = line.charCodeAt(0);
  let at = c === 91 /* [ */ ? 1 : 0;
  let t = time.isoAt(line, at);
  if (t !== undefined) at = time.end;
  else if (c >= 48 && c <= 57) {
    const e = EPOCH_PREFIX.exec(line);
    if (!e) return undefined;
    t = epochToMs(Number(e[1]));
    if (t === undefined) return undefined;
    at = e[1].length;
  } else return (c === 73 || c === 87 || c === 69 || c === 70 ? parseKlog(line, time) : undefined) ?? leadingLevelThenTime(line, time);
  if (line.charCodeAt(at) === 93 /* ] */) at++;
  const { level, rest } = findLevel(line, at);
  return { time: t, level, message: rest };
}

/** Level word and the message after it, searched in the first few tokens from `at`. */
export function findLevel(line: string, at: number): { level: LogLevel; rest: string } {
  let pos = skipSeparators(line, at);
  const messageStart = pos;
  for (let i = 0; i < LEVEL_SEARCH_TOKENS && pos < line.length; i++) {
    let end = line.indexOf(' ', pos);
    if (end < 0) end = line.length;
    const token = stripPunctuation(line.slice(pos, end));
    // Python's default format: "ERROR:root:message".
    const colon = i === 0 ? token.indexOf(':') : -1;
    if (colon > 0) {
      const level = levelFromWord(token.slice(0, colon));
      if (level) return { level, rest: line.slice(line.indexOf(':', pos) + 1) };
    }
    // The first token may be any case ("info", "Info"); later ones must be upper case (or
    // bracketed, stripped above) so that "Connection error occurred" is not an error.
    if (token.length > 0 && (i === 0 || token === token.toUpperCase())) {
      const level = levelFromWord(token);
      // "Error: boom" opens a JavaScript exception: an error, and the text stays as written.
      if (level && i === 0 && line.startsWith('Error: ', pos)) return { level, rest: line.slice(messageStart) };
      if (level) return { level, rest: line.slice(skipSeparators(line, end)) };
    }
    pos = skipSeparators(line, end);
  }
  return { level: 'unknown', rest: line.slice(messageStart) };
}

function stripPunctuation(token: string): string {
  let s = 0;
  let e = token.length;
  while (s < e && isPunct(token.charCodeAt(s))) s++;
  while (e > s && isPunct(token.charCodeAt(e - 1))) e--;
  return token.slice(s, e);
}

function isPunct(c: number): boolean {
  // [ ] ( ) < > : , | - = * .
  return c === 91 || c === 93 || c === 40 || c === 41 || c === 60 || c === 62 || c === 58 || c === 44 || c === 124 || c === 45 || c === 61 || c === 42 || c === 46;
}

function skipSeparators(line: string, at: number): number {
  while (at < line.length) {
    const c = line.charCodeAt(at);
    // spaces, tabs, and a lone "-", ":" or "|" between fields
    if (c === 32 || c === 9) at++;
    else if ((c === 45 || c === 58 || c === 124) && (line.charCodeAt(at + 1) === 32 || at + 1 === line.length)) at++;
    else break;
  }
  return at;
}

function parseKlog(line: string, time: TimeParser): ParsedLine | undefined {
  const m = KLOG.exec(line);
  if (!m) return undefined;
  const ms = m[7] ? Number((m[7] + '00').slice(0, 3)) : 0;
  const t = time.yearless(Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms);
  if (t === undefined) return undefined;
  return { time: t, level: KLOG_LEVEL[m[1]], message: m[9], fields: { caller: m[8] } };
}

/** "ERROR 2024-05-01 12:00:00 message" and "[WARN] [2024-05-01T12:00:00Z] message". */
function leadingLevelThenTime(line: string, time: TimeParser): ParsedLine | undefined {
  const sp = line.indexOf(' ');
  if (sp < 3 || sp > 12) return undefined;
  const level = levelFromWord(stripPunctuation(line.slice(0, sp)));
  if (!level) return undefined;
  let at = skipSeparators(line, sp);
  if (line.charCodeAt(at) === 91) at++;
  const t = time.isoAt(line, at);
  if (t === undefined) return undefined;
  at = time.end;
  if (line.charCodeAt(at) === 93) at++;
  return { time: t, level, message: line.slice(skipSeparators(line, at)) };
}
