/**
 * One mapping from HTTP and socket failures to the typed errors of core/errors.ts, shared by
 * the axios (Sentry) and Octokit (GitHub) paths so both report the same kinds the same way.
 */
import { SourceError } from '../../core/errors';
import { redact } from '../../core/redact';
import { parseRetryAfter, RetryableFailure } from './retry';

/** Header lookup by lower-case name, whatever client produced the response. */
export type HeaderGetter = (name: string) => string | undefined;

export function headerGetter(headers: unknown): HeaderGetter {
  const map = new Map<string, string>();
  if (headers && typeof headers === 'object') {
    // AxiosHeaders, fetch Headers and plain objects all iterate as [name, value] or own keys.
    const entries: Iterable<[string, unknown]> =
      typeof (headers as { entries?: unknown }).entries === 'function' && !Array.isArray(headers)
        ? ((headers as { entries(): Iterable<[string, unknown]> }).entries() as Iterable<[string, unknown]>)
        : Object.entries(headers as Record<string, unknown>);
    for (const [k, v] of entries) {
      if (v === undefined || v === null) continue;
      map.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v));
    }
  }
  return (name) => map.get(name.toLowerCase());
}

export interface FailureContext {
  /** "Sentry", "GitHub": who answered. */
  service: string;
  /** What was asked for, for messages: `Sentry organization "acme"`, `GitHub repository acme/shop`. */
  what: string;
  now: number;
}

/** First 200 characters of a body, tokens removed and control characters made visible, for the log. */
export function bodySnippet(body: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  return redact(body.slice(0, max)).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\ufffd');
}

export function badResponse(ctx: Pick<FailureContext, 'service' | 'what'>, reason: string, contentType: string | undefined, body: string): SourceError {
  return new SourceError(
    'badResponse',
    `${ctx.service} sent an answer for ${ctx.what} that could not be read: ${reason}.`,
    undefined,
    `content-type: ${contentType ?? '(none)'}; body: ${bodySnippet(body)}`,
  );
}

/** Reads a JSON body, or fails with badResponse naming what came instead (an HTML login page, say). */
export function parseJsonBody(ctx: Pick<FailureContext, 'service' | 'what'>, body: string, contentType: string | undefined): unknown {
  const type = (contentType ?? '').toLowerCase();
  const trimmed = body.trimStart();
  if (type.includes('html') || /^<(!doctype|html|head|body)\b/i.test(trimmed)) {
    throw badResponse(ctx, 'an HTML page came where JSON was expected (a proxy, login or error page?)', contentType, body);
  }
  try {
    return JSON.parse(body);
  } catch {
    throw badResponse(ctx, 'the JSON is malformed', contentType, body);
  }
}

/**
 * A non-2xx status → the SourceError to report, wrapped in RetryableFailure when waiting may
 * help (429, 5xx, GitHub's rate limits).
 */
export function errorForStatus(status: number, headers: HeaderGetter, body: string, ctx: FailureContext): SourceError | RetryableFailure {
  const { service, what, now } = ctx;
  const apiMessage = messageFrom(body);
  const detail = `HTTP ${status}${apiMessage ? `: ${apiMessage}` : ''}`;
  const rateLimited = (retryAt: number | undefined, why: string): RetryableFailure =>
    new RetryableFailure(
      new SourceError('rateLimited', `${service} rate limit reached (${why})${retryAt ? `; try again after ${new Date(retryAt).toISOString()}` : ''}.`, retryAt, detail),
      retryAt,
    );

  if (status === 401) {
    return new SourceError('unauthorized', `${service} did not accept the token (401). Sign in again or replace the token.`, undefined, detail);
  }
  if (status === 403 || status === 429) {
    const retryAfter = parseRetryAfter(headers('retry-after'), now);
    if (retryAfter !== undefined) return rateLimited(retryAfter, status === 429 ? 'too many requests' : 'secondary rate limit');
    // GitHub's primary limit is a 403 (sometimes 429) with x-ratelimit-remaining: 0.
    if (headers('x-ratelimit-remaining') === '0' || headers('x-sentry-rate-limit-remaining') === '0') {
      return rateLimited(resetTime(headers, now), 'no requests left in this hour');
    }
    if (status === 429) return rateLimited(resetTime(headers, now), 'too many requests');
    if (/secondary rate limit|abuse/i.test(apiMessage)) return rateLimited(now + 60_000, 'secondary rate limit');
    return new SourceError('forbidden', `${service} refused access to ${what} (403): the token lacks a permission or scope.`, undefined, detail);
  }
  if (status === 404) {
    return new SourceError('notFound', `${what} was not found on ${service}, or the token cannot see it.`, undefined, detail);
  }
  if (status === 408) {
    return new RetryableFailure(new SourceError('timeout', `${service} timed out answering for ${what} (408).`, undefined, detail));
  }
  if (status >= 500) {
    const retryAt = parseRetryAfter(headers('retry-after'), now);
    const unavailable = status === 502 || status === 503 || status === 504;
    const error = unavailable
      ? new SourceError('unreachable', `${service} is unavailable (${status}) while asking for ${what}.`, undefined, detail)
      : new SourceError('failed', `${service} had an internal error (${status}) while asking for ${what}.`, undefined, detail);
    return new RetryableFailure(error, retryAt);
  }
  if (status >= 300 && status < 400) {
    return new SourceError('badResponse', `${service} redirected the request for ${what} (${status}) somewhere it was not followed.`, undefined, detail);
  }
  return new SourceError('failed', `${service} refused the request for ${what} (${status})${apiMessage ? `: ${apiMessage}` : ''}.`, undefined, detail);
}

/** When a rate limit lifts: Sentry's and GitHub's reset headers are epoch seconds. */
function resetTime(headers: HeaderGetter, now: number): number | undefined {
  for (const name of ['x-sentry-rate-limit-reset', 'x-ratelimit-reset']) {
    const v = Number(headers(name));
    if (Number.isFinite(v) && v > 0) return Math.max(now, v * 1000);
  }
  return undefined;
}

/** The human message inside an API error body ({detail} for Sentry, {message} for GitHub). */
function messageFrom(body: string): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      const m = o.detail ?? o.message ?? o.error;
      if (typeof m === 'string') return bodySnippet(m).replace(/\s+/g, ' ').trim();
    }
  } catch {
    // Not JSON: the status says enough, and the body goes to the detail elsewhere.
  }
  return '';
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ECONNABORTED: 'connection aborted',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'connection closed',
};

/**
 * A request that got no HTTP answer → unreachable (socket codes, TLS) or timeout. `origin` is
 * the configured base (never carries a token; redacted anyway).
 */
export function errorForTransport(err: unknown, service: string, origin: string): SourceError {
  const code = errorCode(err);
  const where = redact(origin);
  const raw = redact(err instanceof Error ? err.message : String(err));
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new SourceError('timeout', `${service} at ${where} did not answer in time.`, undefined, `${code}: ${raw}`);
  }
  if (code && UNREACHABLE_CODES[code]) {
    return new SourceError('unreachable', `Could not reach ${service} at ${where}: ${UNREACHABLE_CODES[code]}.`, undefined, `${code}: ${raw}`);
  }
  if (code && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL/i.test(code)) {
    return new SourceError('unreachable', `Could not reach ${service} at ${where}: its TLS certificate was not accepted (${code}).`, undefined, raw);
  }
  return new SourceError('unreachable', `Could not reach ${service} at ${where}${code ? ` (${code})` : ''}.`, undefined, raw);
}

/** The socket error code, looking through fetch's `cause` and AggregateError wrappers. */
function errorCode(err: unknown, depth = 0): string | undefined {
  if (!err || typeof err !== 'object' || depth > 4) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code !== 'ERR_BAD_RESPONSE' && e.code !== 'ERR_BAD_REQUEST') return e.code;
  const fromCause = errorCode(e.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const c = errorCode(inner, depth + 1);
    if (c) return c;
  }
  return undefined;
}
