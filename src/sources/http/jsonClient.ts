import axios from 'axios';
import type { AxiosInstance } from 'axios';
import { SourceError } from '../../core/errors';
import { redact } from '../../core/redact';
import { errorForStatus, errorForTransport, headerGetter, parseJsonBody } from './failures';
import type { HeaderGetter } from './failures';
import type { Log } from './log';
import { silentLog } from './log';
import { retryPolicy, withRetries } from './retry';
import type { RetryPolicy } from './retry';

export interface HttpClientOptions {
  /** Who answers, for messages and the log: "Sentry". */
  service: string;
  /** https://sentry.io, https://sentry.example.com/prefix, http://127.0.0.1:PORT in tests. */
  baseUrl: string;
  /** Sent with every request; the token goes here, never into a URL. */
  headers?: Record<string, string>;
  /** Per attempt, covering connect, headers and body. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  log?: Log;
  maxBodyBytes?: number;
  now?: () => number;
}

export type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

export interface JsonRequest {
  /** A path below the base URL (`/api/0/...`), or an absolute URL from a Link header. */
  path: string;
  params?: Record<string, QueryValue>;
  signal?: AbortSignal;
  /** What is asked for, for messages: `Sentry organization "acme"`. */
  what: string;
  /** Sent as a JSON body with POST (Elasticsearch `_search`); GET when absent. */
  body?: unknown;
  /** Extra headers for this request only. */
  headers?: Record<string, string>;
}

export interface JsonResponse {
  status: number;
  data: unknown;
  headers: HeaderGetter;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_BODY = 32 * 1024 * 1024;

/**
 * The axios instance every HTTP source uses: bodies as text (we parse them, so malformed JSON and
 * HTML error pages become badResponse instead of a string where an object was expected), every
 * status resolved (we map them), a body size cap, few redirects.
 */
export function createAxiosInstance(options: Pick<HttpClientOptions, 'headers' | 'maxBodyBytes'> = {}): AxiosInstance {
  return axios.create({
    headers: { Accept: 'application/json', 'User-Agent': 'incident-desk', ...options.headers },
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 3,
    maxContentLength: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    decompress: true,
  });
}

/**
 * Accepts https, and plain http only on the loopback interface (local replay servers and
 * tunnels): a token must not cross a network in clear text.
 */
export function checkBaseUrl(raw: string, service: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new SourceError('notConfigured', `The ${service} address "${redact(raw)}" is not a URL.`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) {
    throw new SourceError('notConfigured', `The ${service} address must start with https:// (got ${u.protocol}//${u.host}).`);
  }
  if (u.username || u.password || u.search || u.hash) {
    throw new SourceError('notConfigured', `The ${service} address must not hold credentials, a query or a fragment.`);
  }
  return u;
}

/** GET JSON with a timeout, cancellation, retries of 429/5xx, and typed errors. */
export class JsonHttpClient {
  readonly axios: AxiosInstance;
  private readonly base: URL;
  private readonly policy: RetryPolicy;
  private readonly log: Log;
  private readonly now: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.base = checkBaseUrl(options.baseUrl, options.service);
    this.axios = createAxiosInstance(options);
    this.policy = retryPolicy(options.retry);
    this.log = options.log ?? silentLog;
    this.now = options.now ?? Date.now;
  }

  async getJson(req: JsonRequest): Promise<JsonResponse> {
    const url = this.urlFor(req.path, req.params);
    try {
      return await withRetries(() => this.once(url, req), this.policy, {
        signal: req.signal,
        now: this.now,
        onRetry: (f, delay, attempt) =>
          this.log.warn(this.options.service.toLowerCase(), `${req.what}: ${f.error.message} Retrying in ${(delay / 1000).toFixed(1)} s (retry ${attempt} of ${this.policy.retries}).`),
      });
    } catch (e) {
      if (e instanceof SourceError && e.kind !== 'cancelled') {
        this.log.warn(this.options.service.toLowerCase(), `${e.message}${e.detail ? ` (${redact(e.detail)})` : ''}`);
      }
      throw e;
    }
  }

  /** Paths join the base (keeping a self-hosted prefix); absolute links keep only their path and query on our origin. */
  urlFor(path: string, params?: Record<string, QueryValue>): string {
    let u: URL;
    if (/^https?:\/\//i.test(path)) {
      const link = new URL(path);
      // A next-page link naming another host must not take the token there.
      u = link.origin === this.base.origin ? link : new URL(link.pathname + link.search, this.base.origin);
    } else {
      u = new URL(this.base.href.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
    }
    for (const [k, v] of Object.entries(params ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const item of v) u.searchParams.append(k, String(item));
      else u.searchParams.set(k, String(v));
    }
    return u.href;
  }

  private async once(url: string, req: JsonRequest): Promise<JsonResponse> {
    const { service } = this.options;
    if (req.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = (): void => controller.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let res;
    try {
      res = await this.axios.request<string>(
        req.body === undefined
          ? { url, method: 'GET', signal: controller.signal, headers: req.headers }
          : { url, method: 'POST', signal: controller.signal, data: JSON.stringify(req.body), headers: { 'Content-Type': 'application/json', ...req.headers } },
      );
    } catch (e) {
      if (req.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      if (timedOut) throw new SourceError('timeout', `${service} did not answer within ${formatSeconds(timeoutMs)} (${req.what}).`);
      if (axios.isAxiosError(e) && e.code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(e.message)) {
        throw new SourceError('badResponse', `${service} sent more than the size limit for ${req.what}.`);
      }
      throw errorForTransport(e, service, this.base.origin);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
    const headers = headerGetter(res.headers);
    const body = typeof res.data === 'string' ? res.data : String(res.data ?? '');
    if (res.status >= 200 && res.status < 300) {
      return { status: res.status, data: parseJsonBody({ service, what: req.what }, body, headers('content-type')), headers };
    }
    throw errorForStatus(res.status, headers, body, { service, what: req.what, now: this.now() });
  }
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
