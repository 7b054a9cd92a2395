/** Options of the log analysis, their defaults, and small helpers shared by the analyzer. */

import type { LogEntry, LogLevel } from '../model/logs';
import type { SuccessSignal } from './success';

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MAX_BUCKETS = 60;

export interface Period {
  /** Inclusive start and end, ms since the epoch. */
  start: number;
  end: number;
}

export interface AnalysisOptions {
  window: Period;
  /** The period to compare with; default `defaultBaseline(window)`. Must end at or before the window start. */
  baseline?: Period;
  burst?: { factor?: number; minCount?: number };
  /** What counts as a success; default: HTTP 2xx where entries carry a status. `null`: none. */
  success?: SuccessSignal | null;
  successDrop?: { fraction?: number; minutes?: number; minBaselinePerMinute?: number };
  /** Levels whose signatures can produce burst and new-signature findings. */
  findingLevels?: readonly LogLevel[];
  /**
   * Only entries of these levels are grouped into signatures (all when undefined). Grouping is
   * most of the cost of a read; a view that lists error and warning signatures passes those.
   */
  signatureLevels?: readonly LogLevel[];
  /** Baseline time with data needed before bursts and new signatures are judged. */
  minBaselineMinutes?: number;
  maxSignatures?: number;
  /** Cap on an example entry's raw text and message. */
  exampleChars?: number;
}

export interface AnalysisSettings {
  window: Period;
  baseline: Period;
  burst: { factor: number; minCount: number };
  success: SuccessSignal | undefined;
  successDrop: { fraction: number; minutes: number; minBaselinePerMinute: number };
  findingLevels: ReadonlySet<LogLevel>;
  signatureLevels: ReadonlySet<LogLevel> | undefined;
  minBaselineMinutes: number;
  maxSignatures: number;
  exampleChars: number;
}

export const DEFAULT_FINDING_LEVELS: readonly LogLevel[] = ['warn', 'error', 'fatal', 'unknown'];

/** Four times the window's length before it, at least an hour, at most a day. */
export function defaultBaseline(window: Period): Period {
  const length = Math.min(24 * HOUR, Math.max(HOUR, 4 * (window.end - window.start)));
  return { start: window.start - length, end: window.start };
}

export function analysisSettings(o: AnalysisOptions): AnalysisSettings {
  const baseline = o.baseline ?? defaultBaseline(o.window);
  return {
    window: o.window,
    baseline: { start: baseline.start, end: Math.min(baseline.end, o.window.start) },
    burst: { factor: o.burst?.factor ?? 5, minCount: o.burst?.minCount ?? 10 },
    success: o.success === null ? undefined : (o.success ?? { kind: 'httpStatus' }),
    successDrop: {
      fraction: o.successDrop?.fraction ?? 0.5,
      minutes: o.successDrop?.minutes ?? 3,
      minBaselinePerMinute: o.successDrop?.minBaselinePerMinute ?? 1,
    },
    findingLevels: new Set(o.findingLevels ?? DEFAULT_FINDING_LEVELS),
    signatureLevels: o.signatureLevels ? new Set(o.signatureLevels) : undefined,
    minBaselineMinutes: o.minBaselineMinutes ?? 10,
    maxSignatures: o.maxSignatures ?? 5000,
    exampleChars: o.exampleChars ?? 8192,
  };
}

/** Burst buckets: one minute each, longer for long windows so there are at most 60. */
export function bucketLayout(window: Period): { bucketMs: number; count: number } {
  const length = Math.max(1, window.end - window.start);
  const bucketMs = Math.max(MINUTE, Math.ceil(length / MAX_BUCKETS / MINUTE) * MINUTE);
  return { bucketMs, count: Math.max(1, Math.ceil(length / bucketMs)) };
}

/** An entry to keep as an example: text capped, fields dropped when the entry was large. */
export function lightCopy(entry: LogEntry, cap: number): LogEntry {
  if (entry.raw.length <= cap && entry.message.length <= cap) return entry;
  const copy: LogEntry = { ...entry, raw: entry.raw.slice(0, cap), message: entry.message.slice(0, cap), truncated: true };
  delete copy.fields;
  return copy;
}

export const describe = {
  time: (t: number): string => `${new Date(t).toISOString().slice(11, 16)}Z`,
  minutes: (ms: number): string => (ms >= 2 * HOUR && ms % HOUR === 0 ? `${ms / HOUR} h` : `${Math.round(ms / MINUTE)} min`),
  rate: (n: number): string => (n >= 10 ? n.toFixed(0) : n >= 1 ? n.toFixed(1) : n.toFixed(2)),
  ratio: (n: number): string => (Number.isFinite(n) ? (n >= 10 ? n.toFixed(0) : n.toFixed(1)) : '∞'),
};
