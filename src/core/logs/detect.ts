/**
 * Which format a source is written in, from a sample of its first lines; and the per-line
 * parser for a format, which tries the other formats when a line does not fit (sources mix
 * formats: JSON logs with a library's plain-text warnings between them).
 */

import type { LogFormat, LogFormatSpec } from '../model/logs';
import { parseAccessLine } from './formats/access';
import { parseJsonLine } from './formats/json';
import { parseLogfmtLine } from './formats/logfmt';
import { parseSyslogLine } from './formats/syslog';
import { parseTextLine } from './formats/text';
import type { FormatParser, ParsedLine } from './formats/types';
import type { TimeParser } from './time';

const PARSERS: Record<LogFormat, FormatParser> = {
  json: parseJsonLine,
  journald: parseJsonLine,
  access: parseAccessLine,
  syslog: parseSyslogLine,
  logfmt: parseLogfmtLine,
  text: parseTextLine,
};

/** Most specific first: a journald line is JSON too, a syslog line is "timestamp text" too. */
const ORDER: LogFormat[] = ['json', 'access', 'syslog', 'logfmt', 'text'];
const SAMPLE_LINES = 200;

export interface Detection {
  spec: LogFormatSpec;
  /** Sampled lines the chosen format understood, and lines sampled. */
  matched: number;
  sampled: number;
}

/**
 * Votes per line for the first format (in ORDER) that understands it; the most votes win.
 * A line counts for "timestamp prefix + X" when it starts with an RFC 3339 time with a zone
 * and the rest is JSON, logfmt, an access or a syslog line. A prefix followed by plain text
 * is simply text (the text parser reads the same time), which also keeps stack frames of
 * such streams recognisable.
 */
export function detectFormat(lines: readonly string[], time: TimeParser): Detection {
  const votes = new Map<string, number>();
  let sampled = 0;
  for (const line of lines) {
    if (sampled >= SAMPLE_LINES) break;
    if (line.trim() === '' || line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) continue;
    sampled++;
    const key = classify(line, time);
    if (key) votes.set(key, (votes.get(key) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestVotes = 0;
  for (const [key, n] of votes) {
    if (n > bestVotes || (n === bestVotes && best !== undefined && rank(key) < rank(best))) {
      best = key;
      bestVotes = n;
    }
  }
  if (!best) return { spec: { format: 'text', timestampPrefix: false }, matched: 0, sampled };
  const prefixed = best.startsWith('prefix:');
  return { spec: { format: (prefixed ? best.slice(7) : best) as LogFormat, timestampPrefix: prefixed }, matched: bestVotes, sampled };
}

function rank(key: string): number {
  if (key === 'journald') return 0;
  if (key.startsWith('prefix:')) return 1 + ORDER.indexOf(key.slice(7) as LogFormat) / 10;
  return 2 + ORDER.indexOf(key as LogFormat);
}

function classify(line: string, time: TimeParser): string | undefined {
  const body = prefixBody(line, time);
  if (body !== undefined) {
    const inner = firstFormat(body, time);
    if (inner && inner !== 'text') return `prefix:${inner}`;
  }
  return firstFormat(line, time);
}

function firstFormat(line: string, time: TimeParser): string | undefined {
  for (const f of ORDER) {
    const p = PARSERS[f](line, time);
    if (!p) continue;
    if (f === 'json' && p.fields && '__REALTIME_TIMESTAMP' in p.fields) return 'journald';
    // Text needs its timestamp (klog lines and "LEVEL time" lines have one too).
    if (f === 'text' && p.time === undefined) return undefined;
    return f;
  }
  return undefined;
}

/**
 * The rest of a line after a container runtime's RFC 3339 timestamp and one space; undefined
 * when the line does not start with one. Sets nothing else; `time.end` is left after the stamp.
 */
export function prefixBody(line: string, time: TimeParser): string | undefined {
  const c = line.charCodeAt(0);
  if (c < 48 || c > 57) return undefined;
  const t = time.isoAt(line, 0);
  if (t === undefined || line.charCodeAt(time.end) !== 32 || line.charCodeAt(10) !== 84 /* T */) return undefined;
  const last = line.charCodeAt(time.end - 1);
  // The runtime always writes a zone: Z or an offset ending in a digit.
  if (last !== 90 && !(last >= 48 && last <= 57 && /[+-]\d\d:\d\d$/.test(line.slice(0, time.end)))) return undefined;
  return line.slice(time.end + 1);
}

/** Parses lines of one format, falling back to the others for lines that do not fit. */
export class LineParser {
  private readonly parsers: FormatParser[];

  constructor(
    readonly spec: LogFormatSpec,
    private readonly time: TimeParser,
  ) {
    const primary = spec.format === 'journald' ? 'json' : spec.format;
    this.parsers = [PARSERS[primary], ...ORDER.filter((f) => f !== primary).map((f) => PARSERS[f])];
  }

  parse(line: string): ParsedLine | undefined {
    for (const p of this.parsers) {
      const r = p(line, this.time);
      if (r) return r;
    }
    return undefined;
  }
}
