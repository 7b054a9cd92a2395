/**
 * What Octokit itself does not do, added around its request path: conditional requests with
 * ETags, honouring rate limits before asking, retries of 429/5xx and secondary limits, and every
 * failure as a typed SourceError.
 */
import { SourceError } from '../../core/errors';
import { errorForStatus, headerGetter, badResponse } from '../http/failures';
import type { HeaderGetter } from '../http/failures';
import type { Log } from '../http/log';
import { RetryableFailure, withRetries } from '../http/retry';
import type { RetryPolicy } from '../http/retry';

export interface RateLimitState {
  limit?: number;
  remaining: number;
  /** ms since the epoch */
  resetAt: number;
}

interface CachedResponse {
  etag: string;
  response: OctokitResponse;
}

export interface OctokitResponse {
  status: number;
  url: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

export interface RequestOptionsLike {
  method?: string;
  url?: string;
  headers?: Record<string, string | number | undefined>;
  request?: { signal?: AbortSignal; parseSuccessResponseBody?: boolean };
  [key: string]: unknown;
}

type RequestFn = (options: RequestOptionsLike) => Promise<OctokitResponse>;

export interface HookContext {
  service: string;
  policy: RetryPolicy;
  log: Log;
  now: () => number;
  /** The full URL of a request, for the ETag cache key. */
  urlOf: (options: RequestOptionsLike) => string;
  /** Names what a route is about, for messages: `GitHub repository acme/shop`. */
  describe: (options: RequestOptionsLike) => string;
  maxCachedResponses?: number;
}

/** Per-client state the hook keeps between requests. */
export class GitHubRequestState {
  readonly etags = new Map<string, CachedResponse>();
  rateLimit?: RateLimitState;
  /** How many answers came from the ETag cache (304); for tests and the log. */
  notModified = 0;
}

export function createRequestHook(ctx: HookContext, state: GitHubRequestState) {
  const maxCached = ctx.maxCachedResponses ?? 300;
  return async (request: RequestFn, options: RequestOptionsLike): Promise<OctokitResponse> => {
    const what = ctx.describe(options);
    const method = (options.method ?? 'GET').toUpperCase();
    // A body handed over unread (raw file bytes) can be read once: it is neither cached nor checked as JSON.
    const streamed = options.request?.parseSuccessResponseBody === false;
    const key = method === 'GET' && !streamed ? ctx.urlOf(options) : undefined;
    const signal = options.request?.signal;

    const attempt = async (): Promise<OctokitResponse> => {
      const rl = state.rateLimit;
      if (rl && rl.remaining <= 0 && rl.resetAt > ctx.now()) {
        // Asking again before the reset only burns goodwill: fail (or wait) without a request.
        throw new RetryableFailure(
          new SourceError('rateLimited', `GitHub rate limit reached; try again after ${new Date(rl.resetAt).toISOString()}.`, rl.resetAt),
          rl.resetAt,
        );
      }
      const cached = key ? state.etags.get(key) : undefined;
      // In place: before-after-hook binds inner hooks to this very object, so a copy passed to
      // request() would be ignored by them.
      if (cached) options.headers = { ...options.headers, 'if-none-match': cached.etag };
      else if (options.headers) delete options.headers['if-none-match'];
      try {
        const res = await request(options);
        noteRateLimit(state, headerGetter(res.headers));
        if (key && typeof res.headers.etag === 'string' && res.status === 200) {
          state.etags.delete(key);
          state.etags.set(key, { etag: res.headers.etag, response: res });
          if (state.etags.size > maxCached) state.etags.delete(state.etags.keys().next().value as string);
        }
        if (!streamed) checkBody(res, ctx.service, what);
        return res;
      } catch (e) {
        const failure = e as { status?: number; response?: OctokitResponse; cause?: unknown };
        if (failure.cause instanceof SourceError) throw failure.cause;
        if (e instanceof SourceError) throw e;
        const headers = headerGetter(failure.response?.headers);
        if (failure.response) noteRateLimit(state, headers);
        if (failure.status === 304 && cached) {
          state.notModified++;
          // Fresh rate-limit headers, but the cached body and its paging links.
          return { ...cached.response, headers: { ...failure.response?.headers, ...pick(cached.response.headers, ['link', 'etag', 'content-type']) } };
        }
        if (typeof failure.status === 'number' && failure.response) {
          throw errorForStatus(failure.status, headers, bodyText(failure.response.data), { service: ctx.service, what, now: ctx.now() });
        }
        const message = e instanceof Error ? e.message : String(e);
        throw new SourceError('failed', `The request for ${what} failed: ${message}`);
      }
    };

    return withRetries(attempt, ctx.policy, {
      signal,
      now: ctx.now,
      onRetry: (f, delay, n) => ctx.log.warn('github', `${what}: ${f.error.message} Retrying in ${(delay / 1000).toFixed(1)} s (retry ${n} of ${ctx.policy.retries}).`),
    }).catch((e: unknown) => {
      if (e instanceof SourceError && e.kind !== 'cancelled') ctx.log.warn('github', `${e.message}${e.detail ? ` (${e.detail})` : ''}`);
      throw e;
    });
  };
}

function noteRateLimit(state: GitHubRequestState, headers: HeaderGetter): void {
  const remaining = Number(headers('x-ratelimit-remaining'));
  const reset = Number(headers('x-ratelimit-reset'));
  if (headers('x-ratelimit-remaining') === undefined || !Number.isFinite(remaining) || !Number.isFinite(reset)) return;
  const limit = Number(headers('x-ratelimit-limit'));
  state.rateLimit = { remaining, resetAt: reset * 1000, limit: Number.isFinite(limit) ? limit : undefined };
}

/**
 * Octokit hands back a string when a 2xx body was not JSON (malformed, or an HTML page from a
 * proxy): that is a badResponse, not data.
 */
function checkBody(res: OctokitResponse, service: string, what: string): void {
  if (res.status === 204 || res.status === 205) return;
  const data = res.data;
  if (data !== null && typeof data === 'object' && !(data instanceof ArrayBuffer)) return;
  const contentType = typeof res.headers['content-type'] === 'string' ? res.headers['content-type'] : undefined;
  const text = bodyText(data);
  const reason = /html/i.test(contentType ?? '') || /^\s*<(!doctype|html)/i.test(text) ? 'an HTML page came where JSON was expected' : 'the JSON is malformed';
  throw badResponse({ service, what }, reason, contentType, text);
}

function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  try {
    return JSON.stringify(data) ?? '';
  } catch {
    return '';
  }
}

function pick(headers: OctokitResponse['headers'], names: string[]): OctokitResponse['headers'] {
  const out: OctokitResponse['headers'] = {};
  for (const n of names) if (headers[n] !== undefined) out[n] = headers[n];
  return out;
}
