import { SourceError } from '../../core/errors';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  /** Backoff before the first retry; doubles each time, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The most one request may spend waiting between attempts. A Retry-After or rate-limit reset
   * further away fails at once (rateLimited with retryAt) instead of holding the view.
   */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxTotalWaitMs: 20_000 };

export function retryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy {
  return { ...DEFAULT_RETRY, ...overrides };
}

/**
 * Thrown by an attempt whose failure may pass (429, 5xx): carries the error to report when no
 * retry is left, and when the server said to come back.
 */
export class RetryableFailure extends Error {
  constructor(
    readonly error: SourceError,
    /** ms since the epoch, from Retry-After or a rate-limit reset header. */
    readonly retryAt?: number,
  ) {
    super(error.message);
    this.name = 'RetryableFailure';
  }
}

/** Retry-After as seconds (`120`) or an HTTP date; the moment it names, in ms since the epoch. */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const v = value.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return now + Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(now, t);
}

/**
 * Exponential backoff with "equal jitter": half the step is fixed, half random, so clients that
 * failed together do not all come back in the same instant, and none retries at once.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/** Waits, or rejects with `cancelled` as soon as the signal fires. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new SourceError('cancelled', 'Cancelled.'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new SourceError('cancelled', 'Cancelled.'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryHooks {
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
  onRetry?: (failure: RetryableFailure, delayMs: number, attempt: number) => void;
}

/**
 * Runs `attempt` until it succeeds, throws something other than RetryableFailure, or the
 * retries or the wait budget run out; then the failure's own SourceError is thrown.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}): Promise<T> {
  const now = hooks.now ?? Date.now;
  let waited = 0;
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (e) {
      if (!(e instanceof RetryableFailure)) throw e;
      if (n >= policy.retries) throw e.error;
      const backoff = backoffDelay(n, policy, hooks.random);
      // The server's own time wins over our guess; a tiny margin avoids arriving a hair early.
      const delay = e.retryAt !== undefined ? Math.max(0, e.retryAt - now()) + 50 : backoff;
      if (waited + delay > policy.maxTotalWaitMs) throw e.error;
      hooks.onRetry?.(e, delay, n + 1);
      await sleep(delay, hooks.signal);
      waited += delay;
    }
  }
}
