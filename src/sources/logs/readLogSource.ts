/**
 * One entry point for every log source type: a config (from the settings) and its credentials
 * → the read for a query. Failures of remote sources become the result's status, so the
 * caller shows one source failed while the others render; only cancelling rejects.
 */

import { SourceError } from '../../core/errors';
import type { LogQuery } from '../../core/logs/collector';
import { LogCollector } from '../../core/logs/collector';
import type { LogSourceConfig } from '../../core/logs/sourceConfig';
import type { LogReadResult } from '../../core/model/logs';
import type { Log } from '../http/log';
import { readCommandLogs } from './command/commandLogSource';
import { readElasticsearchLogs } from './elasticsearch/elasticsearchLogSource';
import { readFileLogs } from './file/fileLogSource';
import { readLokiLogs } from './loki/lokiLogSource';
import type { RemoteAuth } from './remoteEntries';

export interface ReadContext {
  /** Workspace folder for relative paths and the command's working directory. */
  cwd?: string;
  timeZone?: string;
  auth?: RemoteAuth;
  signal?: AbortSignal;
  log?: Log;
  /** Per HTTP request. */
  timeoutMs?: number;
}

export async function readLogSource(config: LogSourceConfig, query: LogQuery, ctx: ReadContext): Promise<LogReadResult> {
  const q: LogQuery = config.success !== undefined ? { ...query, success: config.success } : query;
  const common = { format: config.format, timeZone: ctx.timeZone, signal: ctx.signal };
  const http = { timeoutMs: ctx.timeoutMs, log: ctx.log };
  try {
    switch (config.type) {
      case 'file':
        return await readFileLogs({ ...common, path: config.path, cwd: ctx.cwd, label: config.name }, q);
      case 'command':
        return await readCommandLogs({ ...common, argv: config.command, cwd: ctx.cwd, label: config.name, timeoutMs: config.timeoutSeconds ? config.timeoutSeconds * 1000 : undefined }, q);
      case 'loki':
        return await readLokiLogs({ ...common, label: config.name, baseUrl: config.url, query: config.query, tenant: config.tenant, auth: ctx.auth, http }, q);
      case 'elasticsearch':
        return await readElasticsearchLogs(
          {
            ...common,
            label: config.name,
            baseUrl: config.url,
            index: config.index,
            queryString: config.query,
            fields: Object.fromEntries(Object.entries(config.fields).filter(([, v]) => v !== undefined)),
            auth: ctx.auth,
            http,
          },
          q,
        );
    }
  } catch (e) {
    if (e instanceof SourceError && e.kind !== 'cancelled') return failed(config.name, q, e);
    throw e;
  }
}

/** An empty result carrying the error as its status. */
export function failed(name: string, query: LogQuery, error: SourceError): LogReadResult {
  return new LogCollector(name, query).result({ format: undefined, reads: [], warnings: [], lines: 0, truncatedLines: 0, error });
}
