/**
 * How each source did, in words and as data: a failed source is reported on its own line (and
 * in --json) while the others still print, and the exit status says that one failed.
 */
import { errorMessage, isSourceError, SourceError } from '../core/errors';
import { ExitCode, type ExitStatus } from './exitCodes';
import type { Output } from './output';

export type SourceState = 'ok' | 'failed' | 'notConfigured';

export interface SourceReport {
  name: string;
  state: SourceState;
  /** "42 commits", "unauthorized: the token was refused", "set INCIDENT_DESK_SENTRY_TOKEN". */
  detail: string;
  /** The typed error kind for failures (unauthorized, rateLimited, unreachable, …). */
  error?: string;
  retryAt?: string;
}

const hhmm = (t: number): string => `${new Date(t).toISOString().slice(11, 16)} UTC`;

/** A source failure in one line: what went wrong and what to do. */
export function failureText(e: SourceError): string {
  switch (e.kind) {
    case 'notConfigured':
      return e.message;
    case 'unauthorized':
      return 'unauthorized: the token was refused; set a new one';
    case 'forbidden':
      return 'forbidden: the token lacks a scope';
    case 'notFound':
      return `not found: ${e.message}`;
    case 'rateLimited':
      return `rate limited${e.retryAt ? ` until ${hhmm(e.retryAt)}` : ''}`;
    case 'timeout':
      return `timed out: ${e.message}`;
    case 'unreachable':
      return `unreachable: ${e.message}`;
    case 'badResponse':
      return `bad response: ${e.message}`;
    default:
      return e.message;
  }
}

export function asSourceError(e: unknown): SourceError {
  return isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
}

export function failedReport(name: string, e: unknown): SourceReport {
  const error = asSourceError(e);
  if (error.kind === 'notConfigured') return { name, state: 'notConfigured', detail: error.message };
  return { name, state: 'failed', detail: failureText(error), error: error.kind, ...(error.retryAt ? { retryAt: new Date(error.retryAt).toISOString() } : {}) };
}

/** Prints the sources that did not answer (human mode) to stderr. */
export function printSourceProblems(out: Output, reports: readonly SourceReport[]): void {
  for (const r of reports) {
    if (r.state === 'failed') out.note(`${out.c.red('✗')} ${r.name}: ${r.detail}`);
    else if (r.state === 'notConfigured') out.note(`${out.c.dim('-')} ${r.name}: ${r.detail}`);
  }
}

/** 1 when any source failed, else 0. */
export function statusOf(reports: readonly SourceReport[]): ExitStatus {
  return reports.some((r) => r.state === 'failed') ? ExitCode.failed : ExitCode.ok;
}
