/**
 * A log source whose refresh failed after an earlier good read keeps showing that read, marked
 * stale with when its data is from and why the refresh failed: a flaky Loki or a rotated-away
 * file should not blank the view in the middle of an incident.
 */

import type { LogReadResult, LogSourceStatus } from '../model/logs';

export interface StaleMark {
  /** When the data shown was read. */
  dataFrom: number;
  /** When the refresh that failed ended. */
  failedAt: number;
  /** Why it failed. */
  error: NonNullable<LogSourceStatus['error']>;
}

export interface SourceRead {
  result: LogReadResult;
  /** When `result` was read. */
  readAt: number;
  stale?: StaleMark;
}

/**
 * What to show after a read that ended at `now`: the new result when it succeeded or when there
 * is no earlier good read (of the same source settings: `sameSource`), else the earlier good
 * read marked stale.
 */
export function afterRefresh(previous: SourceRead | undefined, next: LogReadResult, now: number, sameSource = true): SourceRead {
  const error = next.status.error;
  if (!error || !previous || !sameSource || previous.result.status.error) return { result: next, readAt: now };
  return { result: previous.result, readAt: previous.readAt, stale: { dataFrom: previous.readAt, failedAt: now, error } };
}
