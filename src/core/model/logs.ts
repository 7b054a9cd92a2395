/**
 * Logs: what a log source produces for a time window and what the Logs views render.
 *
 * Times are milliseconds since the epoch (UTC). Line numbers are 1-based, as an editor shows
 * them. Everything here is plain data (no classes), so results can cross into a webview as JSON.
 */

import type { SourceErrorKind } from '../errors';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Line formats the parser understands. `syslog` covers RFC 3164 and RFC 5424; `access` covers
 * the Apache/nginx common and combined formats; `text` is "timestamp [level] message".
 */
export const LOG_FORMATS = ['json', 'journald', 'logfmt', 'access', 'syslog', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogFormatSpec {
  format: LogFormat;
  /**
   * Every line starts with an RFC 3339 timestamp added by the container runtime
   * (`kubectl logs --timestamps`, `docker logs -t`); `format` describes the rest of the line.
   */
  timestampPrefix: boolean;
}

export interface LogEntry {
  /** When the entry was written; undefined when the line had no time we could read. */
  time: number | undefined;
  level: LogLevel;
  /** The message; for multi-line entries (stack traces) the continuation lines follow it. */
  message: string;
  /** The entry's text as read (all its lines, joined with \n), capped in length. */
  raw: string;
  /** Which source it came from: a file path, or a command's label. */
  source: string;
  /** 1-based line where the entry starts, when known (a read that seeks does not count lines). */
  line?: number;
  /** The plain (uncompressed) file it was read from, for opening it at the entry. */
  file?: string;
  /** Byte offset of the entry's first line in a plain (uncompressed) file. */
  offset?: number;
  /** How many lines the entry spans (more than 1 for stack traces). */
  lineCount: number;
  /** Structured fields: the JSON object, logfmt pairs, access-log or syslog parts. */
  fields?: Record<string, unknown>;
  /** False when no format understood the line: it is kept as text, with no time or level. */
  parsed: boolean;
  /** True when `raw`/`message` were cut (a very long line or a very long trace). */
  truncated?: boolean;
}

/** A group of entries whose messages are the same once variable parts are replaced. */
export interface LogSignature {
  /** Short stable hash of the template: safe as a tree item id or a runbook match key. */
  id: string;
  /** The normalised first line of the message, e.g. `timeout after <duration> calling <url>`. */
  template: string;
  /** The most severe level seen. */
  level: LogLevel;
  /** Occurrences inside the window. */
  count: number;
  /** Occurrences in the baseline before the window. */
  baselineCount: number;
  /** First and last occurrence inside the window (undefined for entries without a time). */
  firstSeen: number | undefined;
  lastSeen: number | undefined;
  /** The earliest entry of the window with this signature (its raw text capped smaller). */
  example: LogEntry;
}

export type LogFindingKind = 'newSignature' | 'burst' | 'successDrop';

/**
 * Something worth a look, as an event with a time, so a correlated view can put it next to
 * deploys and commits.
 */
export interface LogFinding {
  kind: LogFindingKind;
  /** When it started: first occurrence, start of the burst, or of the first low minute. */
  time: number;
  /** When it ended, for bursts and drops (end of the last bucket/minute that qualified). */
  endTime?: number;
  source: string;
  /** For newSignature and burst. */
  signature?: Pick<LogSignature, 'id' | 'template' | 'level'>;
  /** One sentence in plain text, e.g. "412 in 1 min from 14:02Z, baseline 0.2/min (×2060)". */
  detail: string;
  /** An entry that shows it: the signature's example, or the last success before a drop. */
  example: LogEntry | undefined;
  /** The numbers behind the sentence, for sorting and for the view's own wording. */
  measure: { observed: number; expected: number; ratio: number; minutes: number };
}

export interface LogHistogram {
  /** Start of the first bucket (the window's start). */
  start: number;
  bucketMs: number;
  /** Entries per bucket: error and fatal together, warn, and all levels. */
  errors: number[];
  warnings: number[];
  total: number[];
}

export type LogReadMode = 'seek' | 'scan' | 'stream' | 'skipped';

/** How one file (or the command output) was read: the proof that a seek did not read it all. */
export interface LogReadInfo {
  /** The file path, or the command's label. */
  name: string;
  mode: LogReadMode;
  /** Why a file was scanned rather than sought, or skipped (e.g. "compressed", "not time-ordered"). */
  reason?: string;
  compressed: boolean;
  /** Bytes read from disk (compressed bytes for .gz) or from the command's output. */
  bytesRead: number;
  /** Size on disk, when known. */
  bytesTotal?: number;
}

export interface LogCounts {
  /** Entries inside the window, per level. */
  levels: Record<LogLevel, number>;
  /** Entries inside the window. */
  entries: number;
  /** Entries of the window no format understood. */
  unparsed: number;
  /** Lines read in total (window, baseline and whatever a read passed on the way). */
  lines: number;
  /** Lines longer than the cap, kept cut. */
  truncatedLines: number;
  /** Entries of the window that had no time; they are placed by the entries around them. */
  withoutTime: number;
}

export interface LogSourceStatus {
  state: 'ok' | 'error';
  /** For state 'error'. Partial results may still be present (e.g. a command that failed late). */
  error?: { kind: SourceErrorKind; message: string; detail?: string; retryAt?: number };
  /** The format used, and whether it was detected or given by the settings. */
  format: LogFormatSpec & { detected: boolean };
  counts: LogCounts;
  histogram: LogHistogram;
  reads: LogReadInfo[];
  /** True when the baseline held too little data for bursts and new signatures. */
  baselineTooShort: boolean;
  /** Signatures not tracked because the cap was reached (their entries are still counted). */
  untrackedSignatures: number;
  /** Things worth a line in the log channel (e.g. a file that could not be opened). */
  warnings: string[];
}

export interface LogReadResult {
  source: string;
  status: LogSourceStatus;
  /** Entries of the window in read order, up to the query's maxEntries. */
  entries: LogEntry[];
  /** How many entries of the window were not kept because of maxEntries. */
  entriesDropped: number;
  /** Signatures seen inside the window, most frequent first. */
  signatures: LogSignature[];
  findings: LogFinding[];
}

/** A stack frame found in a log entry, for mapping to a workspace file later. */
export interface LogStackFrame {
  language: 'java' | 'python' | 'node' | 'go';
  /** As printed: a path, a file name (Java), or a URL (file:// in Node ESM). */
  file: string;
  line?: number;
  column?: number;
  function?: string;
  /**
   * Not the application's code: runtime and standard library (node:internal, java.*, <frozen …>)
   * or dependencies (node_modules, site-packages). Rarely what to open.
   */
  internal: boolean;
}
