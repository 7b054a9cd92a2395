/** Level names and numbers of the common loggers, mapped onto our seven levels. */

import type { LogLevel } from '../model/logs';

const WORDS: Record<string, LogLevel> = {
  trace: 'trace', trc: 'trace', finest: 'trace', finer: 'trace', verbose: 'trace',
  debug: 'debug', dbg: 'debug', fine: 'debug', config: 'debug',
  info: 'info', inf: 'info', information: 'info', informational: 'info', notice: 'info',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  error: 'error', err: 'error', eror: 'error', severe: 'error',
  fatal: 'fatal', critical: 'fatal', crit: 'fatal', emerg: 'fatal', emergency: 'fatal',
  alert: 'fatal', panic: 'fatal', dpanic: 'fatal',
};

/** For "most severe level seen"; unknown ranks lowest so any real level wins. */
export const LEVEL_RANK: Record<LogLevel, number> = { unknown: 0, trace: 1, debug: 2, info: 3, warn: 4, error: 5, fatal: 6 };

// The spellings seen in practice (info, INFO, Info), so most lookups need no lower-casing.
const EXACT = new Map<string, LogLevel>();
for (const [w, level] of Object.entries(WORDS)) {
  EXACT.set(w, level);
  EXACT.set(w.toUpperCase(), level);
  EXACT.set(w[0].toUpperCase() + w.slice(1), level);
}

export function levelFromWord(word: string): LogLevel | undefined {
  // Fast reject: level words are short.
  if (word.length === 0 || word.length > 13) return undefined;
  return EXACT.get(word) ?? (/[a-z][A-Z]|[A-Z]{2}[a-z]/.test(word) ? EXACT.get(word.toLowerCase()) : undefined);
}

/** pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal (between: round down). */
export function levelFromPinoNumber(n: number): LogLevel {
  if (n >= 60) return 'fatal';
  if (n >= 50) return 'error';
  if (n >= 40) return 'warn';
  if (n >= 30) return 'info';
  if (n >= 20) return 'debug';
  if (n >= 10) return 'trace';
  return 'unknown';
}

/** Syslog severity (0 emerg … 7 debug), also journald's PRIORITY. */
export function levelFromSyslogSeverity(n: number): LogLevel {
  if (n <= 2) return 'fatal';
  if (n === 3) return 'error';
  if (n === 4) return 'warn';
  if (n <= 6) return 'info';
  return 'debug';
}

/** A level field's value: a word, a pino/bunyan number, or a number written as a string. */
export function levelFromValue(v: unknown): LogLevel | undefined {
  if (typeof v === 'number') return levelFromPinoNumber(v);
  if (typeof v !== 'string') return undefined;
  const w = levelFromWord(v.trim());
  if (w) return w;
  if (/^\d{2}$/.test(v)) return levelFromPinoNumber(Number(v));
  return undefined;
}

/** HTTP status: 5xx error, 4xx warn, anything else info. */
export function levelFromHttpStatus(status: number): LogLevel {
  if (status >= 500) return 'error';
  if (status >= 400) return 'warn';
  return 'info';
}
