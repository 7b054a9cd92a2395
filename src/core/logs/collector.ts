/**
 * Everything a source produces for one query, gathered as entries stream in: the window's
 * entries (capped), counts per level, the error/warning histogram, signatures and findings.
 * A source feeds it from one or more streams (rotated files) and adds how it read them.
 */

import type { SourceError } from '../errors';
import type { LogEntry, LogFormatSpec, LogHistogram, LogLevel, LogReadInfo, LogReadResult } from '../model/logs';
import { LOG_LEVELS } from '../model/logs';
import { LogAnalyzer } from './analyzer';
import { analysisSettings, MINUTE } from './analysisSettings';
import type { AnalysisOptions, Period } from './analysisSettings';

export interface LogQuery extends AnalysisOptions {
  /** Entries of the window kept in the result (the first ones); default 1000. */
  maxEntries?: number;
  /** Called with every entry of the window as it is read (for a view that fills as it goes). */
  onEntry?: (entry: LogEntry) => void;
  /**
   * How far out of order a time-ordered source may be: a read stops once it is this far past
   * the window's end, and a seek starts this much before the baseline. Default 60 s.
   */
  disorderToleranceMs?: number;
}

export interface StreamSummary {
  format: (LogFormatSpec & { detected: boolean }) | undefined;
  reads: LogReadInfo[];
  warnings: string[];
  lines: number;
  truncatedLines: number;
  error?: SourceError;
}

const HISTOGRAM_MAX_BUCKETS = 720;
const DAY = 1440 * MINUTE;
const HISTOGRAM_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 240, 360, 720, 1440];

export class LogCollector {
  readonly range: Period;
  readonly tolerance: number;
  /** An entry was seen well past the window's end. */
  pastEnd = false;
  private readonly analyzer: LogAnalyzer;
  private readonly window: Period;
  private readonly entries: LogEntry[] = [];
  private dropped = 0;
  private readonly maxEntries: number;
  private readonly levels = Object.fromEntries(LOG_LEVELS.map((l) => [l, 0])) as Record<LogLevel, number>;
  private inWindow = 0;
  private unparsed = 0;
  private withoutTime = 0;
  private readonly histogram: LogHistogram;

  constructor(
    readonly source: string,
    private readonly query: LogQuery,
  ) {
    this.analyzer = new LogAnalyzer(source, query);
    const { window, baseline } = this.analyzer.settings;
    this.window = window;
    this.range = { start: Math.min(baseline.start, window.start), end: window.end };
    this.tolerance = query.disorderToleranceMs ?? 60_000;
    this.maxEntries = query.maxEntries ?? 1000;
    const length = Math.max(1, window.end - window.start);
    const step = HISTOGRAM_STEPS_MIN.find((m) => length / (m * MINUTE) <= HISTOGRAM_MAX_BUCKETS);
    const bucketMs = step !== undefined ? step * MINUTE : Math.ceil(length / HISTOGRAM_MAX_BUCKETS / DAY) * DAY;
    const n = Math.max(1, Math.ceil(length / bucketMs));
    this.histogram = { start: window.start, bucketMs, errors: new Array<number>(n).fill(0), warnings: new Array<number>(n).fill(0), total: new Array<number>(n).fill(0) };
  }

  /** `at`: the entry's time, or for an entry without one the time of the entry before it. */
  add(entry: LogEntry, at: number | undefined): void {
    if (at !== undefined) {
      if (at < this.range.start) {
        this.analyzer.noteOlderData();
        return;
      }
      if (at > this.window.end) {
        if (at > this.window.end + this.tolerance) this.pastEnd = true;
        return;
      }
    }
    this.analyzer.add(entry, at);
    if (at !== undefined && at < this.window.start) return;
    this.inWindow++;
    this.levels[entry.level]++;
    if (!entry.parsed) this.unparsed++;
    if (entry.time === undefined) this.withoutTime++;
    if (at !== undefined) {
      const h = this.histogram;
      const b = Math.min(h.total.length - 1, Math.floor((at - h.start) / h.bucketMs));
      h.total[b]++;
      if (entry.level === 'error' || entry.level === 'fatal') h.errors[b]++;
      else if (entry.level === 'warn') h.warnings[b]++;
    }
    if (this.entries.length < this.maxEntries) this.entries.push(entry);
    else this.dropped++;
    this.query.onEntry?.(entry);
  }

  /** The source has data before the range (a seek landed before it): the baseline is covered. */
  noteOlderData(): void {
    this.analyzer.noteOlderData();
  }

  result(summary: StreamSummary): LogReadResult {
    const analysis = this.analyzer.result();
    const warnings = [...summary.warnings];
    if (analysis.untrackedSignatures > 0) warnings.push(`${analysis.untrackedSignatures} entries had signatures beyond the cap and were only counted.`);
    return {
      source: this.source,
      status: {
        state: summary.error ? 'error' : 'ok',
        error: summary.error ? { kind: summary.error.kind, message: summary.error.message, detail: summary.error.detail, retryAt: summary.error.retryAt } : undefined,
        format: summary.format ?? { format: 'text', timestampPrefix: false, detected: true },
        counts: {
          levels: this.levels,
          entries: this.inWindow,
          unparsed: this.unparsed,
          lines: summary.lines,
          truncatedLines: summary.truncatedLines,
          withoutTime: this.withoutTime,
        },
        histogram: this.histogram,
        reads: summary.reads,
        baselineTooShort: analysis.baselineTooShort,
        untrackedSignatures: analysis.untrackedSignatures,
        warnings,
      },
      entries: this.entries,
      entriesDropped: this.dropped,
      signatures: analysis.signatures,
      findings: analysis.findings,
    };
  }
}

/** The analysis settings a query resolves to (e.g. to show the baseline used). */
export function resolvedPeriods(query: LogQuery): { window: Period; baseline: Period } {
  const s = analysisSettings(query);
  return { window: s.window, baseline: s.baseline };
}
