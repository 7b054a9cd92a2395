/**
 * A small HTTP server on 127.0.0.1 that replays API responses, with faults injected per route
 * and every request recorded, so tests drive the real axios and Octokit clients over sockets.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'status' | 'malformedJson' | 'html' | 'slow' | 'reset' | 'wrongShape';

export interface FaultSpec {
  /** What goes wrong; `status` (the default) answers `status` with a JSON error body. */
  kind?: FaultKind;
  status?: number;
  /** Retry-After: seconds, or an HTTP date string. */
  retryAfter?: number | string;
  headers?: Record<string, string>;
  /** Body instead of the default one for the kind. */
  body?: string;
  contentType?: string;
  /** slow: wait this long before the normal answer (default 5 s). */
  delayMs?: number;
  /** How many requests it affects; every one when undefined. */
  times?: number;
  /** html: put the request's Authorization header into the page, as some debug proxies do. */
  echoAuthorization?: boolean;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** The request body as text ('' for GET). */
  body: string;
}

export interface RouteRequest extends RecordedRequest {
  params: Record<string, string>;
  /** http://127.0.0.1:PORT, for absolute links in Link headers. */
  origin: string;
}

export interface ReplayResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `raw` is given. */
  json?: unknown;
  /** The body as is: text, or bytes (file contents). */
  raw?: string | Buffer;
}

export type RouteHandler = (req: RouteRequest) => ReplayResponse | Promise<ReplayResponse>;
/** Runs before routing: an answer here (401 for a wrong token, 403 for a spent rate limit) wins. */
export type Gate = (req: RouteRequest) => ReplayResponse | undefined;
/** Runs on every routed answer: rate-limit headers, ETags. */
export type Decorator = (req: RouteRequest, res: ReplayResponse) => ReplayResponse;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

interface ActiveFault {
  match: string | RegExp;
  spec: FaultSpec;
  left: number;
}

export class ReplayServer {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly gates: Gate[] = [];
  private readonly decorators: Decorator[] = [];
  private faults: ActiveFault[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private origin = '';

  private constructor(private readonly server: http.Server) {}

  /** Listens on 127.0.0.1; port 0 (the default) picks a free port. */
  static async start(port = 0): Promise<ReplayServer> {
    const server = http.createServer();
    const replay = new ReplayServer(server);
    server.on('request', (req, res) => void replay.handle(req, res));
    server.on('connection', (s) => {
      replay.sockets.add(s);
      s.on('close', () => replay.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    replay.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return replay;
  }

  get url(): string {
    return this.origin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /**
   * `/api/0/organizations/:org/issues/`: `:name` matches one segment (decoded into params). A
   * RegExp matches the whole path; its groups become params `1`, `2`, … (decoded).
   */
  route(method: string, path: string | RegExp, handler: RouteHandler): this {
    if (path instanceof RegExp) {
      const groups = new RegExp(`${path.source}|`).exec('')!.length - 1;
      this.routes.push({ method: method.toUpperCase(), pattern: path, names: Array.from({ length: groups }, (_, i) => String(i + 1)), handler });
      return this;
    }
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  gate(g: Gate): this {
    this.gates.push(g);
    return this;
  }

  decorate(d: Decorator): this {
    this.decorators.push(d);
    return this;
  }

  /** Injects a fault for requests whose path equals `match` (or matches it). Later faults go first. */
  fault(match: string | RegExp, spec: FaultSpec): this {
    this.faults.unshift({ match, spec, left: spec.times ?? Number.POSITIVE_INFINITY });
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  requestsTo(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve) => {
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve());
      req.on('error', () => resolve());
    });
    const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    this.requests.push(recorded);
    try {
      const fault = this.takeFault(u.pathname);
      if (fault) {
        if (await this.applyFault(fault, req, res)) return;
      }
      const answer = await this.answer({ ...recorded, params: {}, origin: this.origin });
      if (res.destroyed) return;
      send(res, answer);
    } catch (e) {
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, json: { detail: `replay server error: ${String(e)}` } });
    }
  }

  private async answer(req: RouteRequest): Promise<ReplayResponse> {
    for (const g of this.gates) {
      const early = g(req);
      if (early) return early;
    }
    for (const r of this.routes) {
      if (r.method !== req.method.toUpperCase()) continue;
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      const params: Record<string, string> = {};
      r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
      let out = await r.handler({ ...req, params });
      for (const d of this.decorators) out = d(req, out);
      return out;
    }
    return { status: 404, json: { detail: 'The requested resource does not exist', message: 'Not Found' } };
  }

  private takeFault(path: string): FaultSpec | undefined {
    const f = this.faults.find((x) => x.left > 0 && (typeof x.match === 'string' ? x.match === path : x.match.test(path)));
    if (!f) return undefined;
    f.left--;
    return f.spec;
  }

  /** True when the fault answered (or killed) the request; false to go on with the normal answer. */
  private async applyFault(spec: FaultSpec, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const kind = spec.kind ?? 'status';
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
    switch (kind) {
      case 'reset':
        req.socket.destroy();
        return true;
      case 'slow':
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            this.timers.delete(t);
            resolve();
          }, spec.delayMs ?? 5_000);
          this.timers.add(t);
          res.on('close', () => {
            clearTimeout(t);
            this.timers.delete(t);
            resolve();
          });
        });
        if (res.destroyed) return true;
        if (spec.status === undefined) return false;
        send(res, { status: spec.status, headers, json: { detail: 'slow fault' } });
        return true;
      case 'malformedJson':
        send(res, { status: spec.status ?? 200, headers: { 'content-type': 'application/json', ...headers }, raw: spec.body ?? '[{"id": "1", "title": "Unterminated' });
        return true;
      case 'html': {
        const auth = spec.echoAuthorization ? `<pre>Authorization: ${String(req.headers.authorization ?? '')}</pre>` : '';
        const page = spec.body ?? `<!DOCTYPE html><html><head><title>Sign in - Corporate SSO</title></head><body><h1>Please sign in</h1>${auth}<form action="/login"></form></body></html>`;
        send(res, { status: spec.status ?? 200, headers: { 'content-type': spec.contentType ?? 'text/html; charset=utf-8', ...headers }, raw: page });
        return true;
      }
      case 'wrongShape':
        send(res, { status: spec.status ?? 200, headers, json: { detail: 'an object where a list belongs' } });
        return true;
      case 'status': {
        const status = spec.status ?? 500;
        const body = spec.body ?? JSON.stringify({ detail: `injected ${status}`, message: `injected ${status}` });
        send(res, { status, headers: { 'content-type': spec.contentType ?? 'application/json', ...headers }, raw: body });
        return true;
      }
    }
  }
}

function send(res: http.ServerResponse, r: ReplayResponse): void {
  const status = r.status ?? 200;
  const headers: Record<string, string> = { ...r.headers };
  let body: string | Buffer = '';
  if (status !== 304 && status !== 204) {
    if (r.raw !== undefined) body = r.raw;
    else if (r.json !== undefined) {
      body = JSON.stringify(r.json);
      headers['content-type'] ??= 'application/json';
    }
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, headers);
  res.end(body);
}

/** A port nothing listens on: listen, note the port, close. For "connection refused". */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
