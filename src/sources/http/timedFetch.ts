import { SourceError } from '../../core/errors';
import { errorForTransport } from './failures';

export interface TimedFetchOptions {
  service: string;
  /** Shown in transport errors: the configured base, which never holds a token. */
  origin: string;
  /** Per request, covering connect, headers and the whole body. */
  timeoutMs: number;
  maxBodyBytes?: number;
  /** The fetch to wrap; Node's own (undici, real sockets) by default. */
  fetch?: typeof globalThis.fetch;
}

const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/**
 * A fetch for Octokit's `request.fetch` that adds what Octokit lacks: a timeout that also covers
 * reading the body (the body is read here, under the same timer), the caller's AbortSignal, and
 * socket failures as typed SourceErrors. Octokit wraps anything thrown here in a RequestError
 * whose `cause` is our SourceError; the request hook unwraps it.
 */
export function timedFetch(o: TimedFetchOptions): typeof globalThis.fetch {
  const base = o.fetch ?? globalThis.fetch;
  const max = o.maxBodyBytes ?? 32 * 1024 * 1024;
  return async (input, init) => {
    const outer = init?.signal ?? undefined;
    if (outer?.aborted) throw new SourceError('cancelled', 'Cancelled.');
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, o.timeoutMs);
    const onAbort = (): void => controller.abort();
    outer?.addEventListener('abort', onAbort, { once: true });
    try {
      const res = await base(input, { ...init, signal: controller.signal });
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > max) {
        throw new SourceError('badResponse', `${o.service} sent more than the size limit (${declared} bytes).`);
      }
      const body = NULL_BODY.has(res.status) ? null : await res.arrayBuffer();
      if (body && body.byteLength > max) throw new SourceError('badResponse', `${o.service} sent more than the size limit.`);
      const copy = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      // Octokit's paging reads the answer's URL (compare pages by it): keep the one the server answered at.
      Object.defineProperty(copy, 'url', { value: res.url });
      return copy;
    } catch (e) {
      if (outer?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      if (timedOut) throw new SourceError('timeout', `${o.service} did not answer within ${Math.round(o.timeoutMs / 100) / 10} s.`);
      if (e instanceof SourceError) throw e;
      throw errorForTransport(e, o.service, o.origin);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };
}
