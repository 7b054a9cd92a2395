/**
 * The `incidentDesk.logs.sources` setting, read defensively: each item becomes a typed source
 * config or a problem naming the item, so one bad entry never hides the others.
 */

import type { LogFormat, LogFormatSpec } from '../model/logs';
import { LOG_FORMATS } from '../model/logs';
import type { SuccessSignal } from './success';

interface CommonConfig {
  name: string;
  /** Overrides detection, e.g. "json" or "text". */
  format?: LogFormatSpec;
  success?: SuccessSignal | null;
}

export type LogSourceConfig = CommonConfig &
  (
    | { type: 'file'; path: string }
    | { type: 'command'; command: string[]; timeoutSeconds?: number }
    | { type: 'loki'; url: string; query: string; tenant?: string }
    | { type: 'elasticsearch'; url: string; index: string; query?: string; fields: { timestamp?: string; level?: string; message?: string } }
  );

export type LogSourceType = LogSourceConfig['type'];

export interface SourceConfigProblem {
  index: number;
  name?: string;
  message: string;
}

export function readLogSourceConfigs(raw: unknown): { sources: LogSourceConfig[]; problems: SourceConfigProblem[] } {
  const sources: LogSourceConfig[] = [];
  const problems: SourceConfigProblem[] = [];
  const names = new Set<string>();
  const list = Array.isArray(raw) ? raw : [];
  list.forEach((item, index) => {
    const o = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
    const name = typeof o?.name === 'string' ? o.name.trim() : '';
    const fail = (message: string): void => void problems.push({ index, name: name || undefined, message });
    if (!o) return fail('is not an object');
    if (!name) return fail('has no name');
    if (names.has(name)) return fail(`"${name}" is used by an earlier source`);
    const str = (k: string): string | undefined => (typeof o[k] === 'string' && (o[k] as string).trim() ? (o[k] as string).trim() : undefined);
    const common: CommonConfig = { name };
    if (o.format !== undefined) {
      const f = str('format');
      if (!f || !LOG_FORMATS.includes(f as LogFormat)) return fail(`has an unknown format (use one of ${LOG_FORMATS.join(', ')})`);
      common.format = { format: f as LogFormat, timestampPrefix: o.timestampPrefix === true };
    }
    const success = readSuccess(o.success);
    if (typeof success === 'string') return fail(success);
    if (success !== undefined) common.success = success;
    let config: LogSourceConfig | string;
    switch (o.type) {
      case 'file':
        config = str('path') ? { ...common, type: 'file', path: str('path')! } : 'needs a "path"';
        break;
      case 'command': {
        const cmd = o.command;
        const ok = Array.isArray(cmd) && cmd.length > 0 && cmd.every((a) => typeof a === 'string') && (cmd[0] as string).trim() !== '';
        const timeout = typeof o.timeoutSeconds === 'number' && o.timeoutSeconds > 0 ? o.timeoutSeconds : undefined;
        config = ok ? { ...common, type: 'command', command: cmd as string[], timeoutSeconds: timeout } : 'needs "command" as an array of strings (program first; no shell)';
        break;
      }
      case 'loki':
        config = str('url') && str('query') ? { ...common, type: 'loki', url: str('url')!, query: str('query')!, tenant: str('tenant') } : 'needs "url" and "query"';
        break;
      case 'elasticsearch': {
        const f = o.fields && typeof o.fields === 'object' ? (o.fields as Record<string, unknown>) : {};
        const field = (k: string): string | undefined => (typeof f[k] === 'string' && (f[k] as string).trim() ? (f[k] as string).trim() : undefined);
        config =
          str('url') && str('index')
            ? { ...common, type: 'elasticsearch', url: str('url')!, index: str('index')!, query: str('query'), fields: { timestamp: field('timestamp'), level: field('level'), message: field('message') } }
            : 'needs "url" and "index"';
        break;
      }
      default:
        config = 'has no "type" (file, command, loki or elasticsearch)';
    }
    if (typeof config === 'string') return fail(config);
    names.add(name);
    sources.push(config);
  });
  return { sources, problems };
}

/** `"http2xx"`, `"none"`, `{pattern}` or `{field, equals|pattern}`; a string is an error message. */
function readSuccess(v: unknown): SuccessSignal | null | undefined | string {
  if (v === undefined) return undefined;
  if (v === 'none' || v === null) return null;
  if (v === 'http2xx') return { kind: 'httpStatus' };
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const pattern = typeof o.pattern === 'string' ? o.pattern : undefined;
    if (pattern !== undefined) {
      try {
        new RegExp(pattern);
      } catch (e) {
        return `has an invalid success pattern: ${(e as Error).message}`;
      }
    }
    if (typeof o.field === 'string' && o.field) {
      const eq = o.equals;
      const equals = typeof eq === 'string' || typeof eq === 'number' || typeof eq === 'boolean' ? eq : undefined;
      return { kind: 'field', path: o.field, equals, pattern };
    }
    if (pattern !== undefined) return { kind: 'regex', pattern };
  }
  return 'has a "success" that is not "http2xx", "none", {"pattern"} or {"field", "equals"}';
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** Counts → a line of block characters, the highest count the full block; zero is a space-like lowest. */
export function sparkline(values: readonly number[], maxChars = 30): string {
  if (!values.length) return '';
  // Fold to at most maxChars buckets by summing neighbours.
  const per = Math.ceil(values.length / maxChars);
  const folded: number[] = [];
  for (let i = 0; i < values.length; i += per) folded.push(values.slice(i, i + per).reduce((a, b) => a + b, 0));
  const max = Math.max(...folded);
  if (max === 0) return BLOCKS[0].repeat(folded.length);
  return folded.map((v) => (v === 0 ? BLOCKS[0] : BLOCKS[Math.max(1, Math.min(7, Math.ceil((v / max) * 7)))])).join('');
}
