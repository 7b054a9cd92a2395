/**
 * Shared by the remote log sources (Loki, Elasticsearch): how they authenticate, and how one
 * line that arrived with its own time becomes a LogEntry. The server's time wins over a time
 * inside the line; the line's own format (JSON, logfmt, text) still gives level and message.
 */

import { TimeParser } from '../../core/logs/time';
import { detectFormat, LineParser } from '../../core/logs/detect';
import { levelFromWord } from '../../core/logs/levels';
import type { LogEntry, LogFormatSpec, LogLevel, LogReadResult } from '../../core/model/logs';
import { LogCollector, type LogQuery } from '../../core/logs/collector';
import type { SourceError } from '../../core/errors';
import type { HttpClientOptions } from '../http/jsonClient';

export type RemoteAuth =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'basic'; username: string; password: string }
  /** Elasticsearch: the base64 `id:api_key` pair, sent as `Authorization: ApiKey …`. */
  | { kind: 'apiKey'; key: string };

export function authHeaders(auth: RemoteAuth | undefined): Record<string, string> {
  switch (auth?.kind) {
    case 'bearer':
      return { Authorization: `Bearer ${auth.token}` };
    case 'basic':
      return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
    case 'apiKey':
      return { Authorization: `ApiKey ${auth.key}` };
    default:
      return {};
  }
}

const MAX_LINE_CHARS = 64 * 1024;

/** Parses lines one at a time; the format is detected from the first batch unless given. */
export class RemoteLineParser {
  private parser: LineParser | undefined;
  private detected = false;
  readonly time: TimeParser;

  constructor(
    private readonly source: string,
    private readonly spec: LogFormatSpec | undefined,
    timeZone?: string,
  ) {
    this.time = new TimeParser({ timeZone });
    if (spec) this.parser = new LineParser(spec, this.time);
  }

  get format(): (LogFormatSpec & { detected: boolean }) | undefined {
    return this.parser ? { ...this.parser.spec, detected: this.detected } : undefined;
  }

  /** Call with the first page's lines before parsing them. */
  prime(lines: readonly string[]): void {
    if (this.parser) return;
    this.parser = new LineParser(detectFormat(lines, this.time).spec, this.time);
    this.detected = true;
  }

  entry(time: number | undefined, line: string, extra?: { level?: LogLevel; fields?: Record<string, unknown> }): LogEntry {
    if (!this.parser) this.prime([line]);
    const truncated = line.length > MAX_LINE_CHARS;
    const text = truncated ? line.slice(0, MAX_LINE_CHARS) : line;
    const firstLine = text.split('\n', 1)[0];
    const parsed = this.parser!.parse(firstLine);
    const rest = text.length > firstLine.length ? text.slice(firstLine.length) : '';
    let level: LogLevel = parsed?.level ?? 'unknown';
    if (level === 'unknown' && extra?.level) level = extra.level;
    if (level === 'unknown' && rest && /\n\s+at |\nTraceback|\n\s+File "/.test(rest)) level = 'error';
    const entry: LogEntry = {
      time: time ?? parsed?.time,
      level,
      message: (parsed?.message ?? firstLine) + rest,
      raw: text,
      source: this.source,
      lineCount: text.split('\n').length,
      parsed: parsed !== undefined || time !== undefined,
    };
    const fields = parsed?.fields || extra?.fields ? { ...extra?.fields, ...parsed?.fields } : undefined;
    if (fields) entry.fields = fields;
    if (truncated) entry.truncated = true;
    return entry;
  }
}

/** A level from a label or field value ("error", "ERR", 50 for pino). */
export function levelFromValue(v: unknown): LogLevel | undefined {
  if (typeof v === 'string') return levelFromWord(v.trim());
  return undefined;
}

/** One read of a remote log service: its collector, parser, counters and the result it ends in. */
export class RemoteRead {
  readonly collector: LogCollector;
  readonly parser: RemoteLineParser;
  readonly warnings: string[] = [];
  bytesRead = 0;
  lines = 0;

  constructor(
    private readonly label: string,
    query: LogQuery,
    format: ConstructorParameters<typeof RemoteLineParser>[1],
    timeZone: ConstructorParameters<typeof RemoteLineParser>[2],
  ) {
    this.collector = new LogCollector(label, query);
    this.parser = new RemoteLineParser(label, format, timeZone);
  }

  finish(error?: SourceError): LogReadResult {
    return this.collector.result({
      format: this.parser.format,
      reads: [{ name: this.label, mode: 'stream', compressed: false, bytesRead: this.bytesRead }],
      warnings: [...this.parser.time.warnings, ...this.warnings],
      lines: this.lines,
      truncatedLines: 0,
      error,
    });
  }
}

/** What every remote log source is given, besides its own query. */
export interface RemoteLogSourceOptions {
  /** Name of the source in entries and findings. */
  label: string;
  baseUrl: string;
  auth?: RemoteAuth;
  /** Entries per request. */
  pageSize?: number;
  /** Requests per read at most; what is past them is reported as cut. */
  maxPages?: number;
  format?: LogFormatSpec;
  timeZone?: string;
  signal?: AbortSignal;
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'retry' | 'log'>;
}
