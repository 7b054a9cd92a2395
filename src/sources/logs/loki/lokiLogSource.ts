/**
 * The Loki log source: `GET /loki/api/v1/query_range` over the baseline and the window, oldest
 * first (`direction=forward`), paging by moving `start` to the last timestamp read. Loki's start
 * is inclusive, so entries at that nanosecond already read are skipped on the next page.
 */

import { SourceError } from '../../../core/errors';
import type { LogQuery } from '../../../core/logs/collector';
import type { LogReadResult } from '../../../core/model/logs';
import { asArray, asObject, asString, expectObject } from '../../http/json';
import { JsonHttpClient } from '../../http/jsonClient';
import { authHeaders, levelFromValue, RemoteRead, type RemoteLogSourceOptions } from '../remoteEntries';

export interface LokiLogSourceOptions extends RemoteLogSourceOptions {
  /** LogQL, e.g. `{app="checkout"} |= "error"`; must select log lines, not a metric. */
  query: string;
  /** X-Scope-OrgID, for multi-tenant Loki. */
  tenant?: string;
}

const SERVICE = 'Loki';
const NS_PER_MS = 1_000_000n;

export async function readLokiLogs(options: LokiLogSourceOptions, query: LogQuery): Promise<LogReadResult> {
  const read = new RemoteRead(options.label, query, options.format, options.timeZone);
  const { collector, parser, warnings } = read;
  if (!options.query.trim()) return read.finish(new SourceError('notConfigured', `The Loki source "${options.label}" has no query.`));

  let client: JsonHttpClient;
  try {
    client = new JsonHttpClient({
      service: SERVICE,
      baseUrl: options.baseUrl,
      headers: { ...authHeaders(options.auth), ...(options.tenant ? { 'X-Scope-OrgID': options.tenant } : {}) },
      ...options.http,
    });
  } catch (e) {
    if (e instanceof SourceError) return read.finish(e);
    throw e;
  }

  const limit = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 50;
  const end = BigInt(collector.range.end) * NS_PER_MS + 999_999n;
  let start = BigInt(collector.range.start) * NS_PER_MS;
  // Keys of the entries read at `start`, the one nanosecond the next page repeats.
  let atStart = new Set<string>();
  for (let page = 0; ; page++) {
    if (page >= maxPages) {
      warnings.push(`Stopped after ${maxPages} pages of ${limit} entries; the rest of the window was not read.`);
      break;
    }
    const res = await client.getJson({
      path: '/loki/api/v1/query_range',
      params: { query: options.query, start: start.toString(), end: end.toString(), limit, direction: 'forward' },
      signal: options.signal,
      what: `Loki query ${options.query}`,
    });
    const rows = rowsOf(res.data, options.query);
    read.bytesRead += rows.reduce((n, r) => n + r.line.length, 0);
    if (page === 0) parser.prime(rows.slice(0, 200).map((r) => r.line));
    let fresh = 0;
    let last = start;
    let atLast = new Set<string>();
    for (const r of rows) {
      const key = `${r.stream}\u0000${r.line}`;
      if (r.ns === start && atStart.has(key)) continue;
      fresh++;
      read.lines++;
      if (r.ns > last) {
        last = r.ns;
        atLast = new Set();
      }
      if (r.ns === last) atLast.add(key);
      const ms = Number(r.ns / NS_PER_MS);
      collector.add(parser.entry(ms, r.line, { level: r.level, fields: r.labels }), ms);
    }
    if (rows.length < limit) break;
    if (fresh === 0) {
      // A whole page at one nanosecond: step past it rather than ask for it again.
      start = start + 1n;
      atStart = new Set();
      warnings.push('More entries than one page shared a single timestamp; some were skipped.');
      continue;
    }
    if (last === start) for (const k of atStart) atLast.add(k);
    start = last;
    atStart = atLast;
    if (start > end) break;
  }
  return read.finish();
}

interface Row {
  ns: bigint;
  line: string;
  stream: string;
  labels: Record<string, unknown>;
  level: ReturnType<typeof levelFromValue>;
}

/** The streams of a query_range answer, merged and sorted by time. */
function rowsOf(data: unknown, query: string): Row[] {
  const ctx = { service: SERVICE, what: `Loki query ${query}` };
  const body = expectObject(data, ctx);
  const d = expectObject(body.data, ctx);
  if (d.resultType !== 'streams') {
    throw new SourceError('badResponse', `The Loki query returned ${String(d.resultType)} instead of log lines; use a log query, not a metric query.`);
  }
  const rows: Row[] = [];
  for (const s of asArray(d.result)) {
    const so = asObject(s);
    if (!so) continue;
    const labels = asObject(so.stream) ?? {};
    const stream = JSON.stringify(labels);
    const level = levelFromValue(labels.level) ?? levelFromValue(labels.detected_level);
    for (const v of asArray(so.values)) {
      const pair = asArray(v);
      const ts = asString(pair[0]);
      const line = asString(pair[1]);
      if (ts === undefined || line === undefined || !/^\d+$/.test(ts)) continue;
      rows.push({ ns: BigInt(ts), line, stream, labels, level });
    }
  }
  rows.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
  return rows;
}
