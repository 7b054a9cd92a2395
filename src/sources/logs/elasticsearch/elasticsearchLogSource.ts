/**
 * The Elasticsearch / OpenSearch log source: `POST {index}/_search` with a range filter on the
 * timestamp field, an optional query string, sorted oldest first, paging with `search_after`.
 * Field names default to ECS (`@timestamp`, `log.level`, `message`) and can be changed.
 */

import { SourceError } from '../../../core/errors';
import type { LogQuery } from '../../../core/logs/collector';
import type { LogReadResult } from '../../../core/model/logs';
import { asArray, asNumber, asObject, asString, expectObject } from '../../http/json';
import type { JsonObject } from '../../http/json';
import { JsonHttpClient } from '../../http/jsonClient';
import { authHeaders, levelFromValue, RemoteLineParser, RemoteRead, type RemoteLogSourceOptions } from '../remoteEntries';

export interface ElasticFields {
  timestamp: string;
  level: string;
  message: string;
}

export const ECS_FIELDS: ElasticFields = { timestamp: '@timestamp', level: 'log.level', message: 'message' };

export interface ElasticsearchLogSourceOptions extends RemoteLogSourceOptions {
  /** Index or pattern, e.g. `logs-*`; comma-separated lists allowed. */
  index: string;
  /** Lucene query string (`service.name:checkout AND NOT log.level:debug`); everything when empty. */
  queryString?: string;
  fields?: Partial<ElasticFields>;
}

const SERVICE = 'Elasticsearch';

export async function readElasticsearchLogs(options: ElasticsearchLogSourceOptions, query: LogQuery): Promise<LogReadResult> {
  const fields = { ...ECS_FIELDS, ...options.fields };
  const read = new RemoteRead(options.label, query, options.format ?? { format: 'text', timestampPrefix: false }, options.timeZone);
  const { collector, parser, warnings } = read;
  const index = options.index.trim();
  if (!index || /[\s/?#]/.test(index)) return read.finish(new SourceError('notConfigured', `The Elasticsearch source "${options.label}" needs an index pattern without spaces or slashes.`));

  let client: JsonHttpClient;
  try {
    client = new JsonHttpClient({ service: SERVICE, baseUrl: options.baseUrl, headers: authHeaders(options.auth), ...options.http });
  } catch (e) {
    if (e instanceof SourceError) return read.finish(e);
    throw e;
  }

  const size = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 50;
  const filter: JsonObject[] = [
    { range: { [fields.timestamp]: { gte: collector.range.start, lte: collector.range.end, format: 'epoch_millis' } } },
  ];
  if (options.queryString?.trim()) filter.push({ query_string: { query: options.queryString.trim() } });
  const what = `Elasticsearch index ${index}`;
  let searchAfter: unknown[] | undefined;
  for (let page = 0; ; page++) {
    if (page >= maxPages) {
      warnings.push(`Stopped after ${maxPages} pages of ${size} hits; the rest of the window was not read.`);
      break;
    }
    const res = await client.getJson({
      path: `/${encodeURIComponent(index).replace(/%2C/gi, ',').replace(/%2A/gi, '*')}/_search`,
      body: {
        size,
        track_total_hits: false,
        query: { bool: { filter } },
        // _doc breaks ties between hits of one millisecond so search_after never repeats a page.
        // Sort values come back as epoch numbers, which Elasticsearch and OpenSearch both accept in search_after.
        sort: [{ [fields.timestamp]: { order: 'asc' } }, { _doc: 'asc' }],
        ...(searchAfter ? { search_after: searchAfter } : {}),
      },
      signal: options.signal,
      what,
    });
    const hits = hitsOf(res.data, what);
    for (const h of hits) {
      const src = asObject(h._source) ?? {};
      const message = asString(pick(src, fields.message)) ?? JSON.stringify(src);
      const time = timeOf(pick(src, fields.timestamp), parser) ?? timeOf(asArray(h.sort)[0], parser);
      read.bytesRead += message.length;
      read.lines++;
      const entry = parser.entry(time, message, { level: levelFromValue(pick(src, fields.level)), fields: src });
      collector.add(entry, time);
    }
    if (hits.length < size) break;
    const sort = asArray(hits[hits.length - 1].sort);
    if (!sort.length) {
      warnings.push('Elasticsearch sent no sort values; only the first page was read.');
      break;
    }
    searchAfter = sort;
  }
  return read.finish();
}

function hitsOf(data: unknown, what: string): JsonObject[] {
  const ctx = { service: SERVICE, what };
  const body = expectObject(data, ctx);
  if (body.timed_out === true) throw new SourceError('timeout', `Elasticsearch timed out searching ${what.replace(/^Elasticsearch /, '')}.`);
  const hits = expectObject(body.hits, ctx);
  return asArray(hits.hits).map(asObject).filter((h): h is JsonObject => h !== undefined);
}

/** `log.level` as a nested path (ECS documents) or as a dotted key (flattened ones). */
function pick(src: JsonObject, path: string): unknown {
  if (path in src) return src[path];
  let cur: unknown = src;
  for (const part of path.split('.')) {
    const o = asObject(cur);
    if (!o) return undefined;
    cur = o[part];
  }
  return cur;
}

function timeOf(v: unknown, parser: RemoteLineParser): number | undefined {
  const n = asNumber(v);
  if (typeof v === 'number' && n !== undefined) return n;
  const s = asString(v);
  if (!s) return undefined;
  if (/^\d+$/.test(s)) return Number(s);
  const t = parser.time.isoAt(s, 0);
  return t ?? (Number.isNaN(Date.parse(s)) ? undefined : Date.parse(s));
}
