/** What counts as a success, for the "successes dropped" finding. */

import type { LogEntry } from '../model/logs';

export type SuccessSignal =
  /** A regular expression tested against the message. */
  | { kind: 'regex'; pattern: string; flags?: string }
  /**
   * A field (dotted path into the JSON object, e.g. `res.statusCode`; a literal dotted key such
   * as ECS's `"http.response.status_code"` is found too) equal to a value, or matching a pattern.
   */
  | { kind: 'field'; path: string; equals?: string | number | boolean; pattern?: string }
  /** An HTTP status 2xx: access logs, pino-http's `res.statusCode`, ECS's `http.response.status_code`. */
  | { kind: 'httpStatus' };

export type SuccessMatcher = (entry: LogEntry) => boolean;

const STATUS_PATHS = ['status', 'res.statusCode', 'http.response.status_code', 'statusCode', 'status_code', 'response.status'];

/** Throws a SyntaxError for an invalid pattern, so settings can report it. */
export function successMatcher(signal: SuccessSignal): SuccessMatcher {
  switch (signal.kind) {
    case 'regex': {
      const re = new RegExp(signal.pattern, (signal.flags ?? '').replace(/[gy]/g, ''));
      return (e) => re.test(e.message);
    }
    case 'field': {
      const re = signal.pattern !== undefined ? new RegExp(signal.pattern) : undefined;
      const want = signal.equals === undefined ? undefined : String(signal.equals);
      return (e) => {
        const v = fieldAt(e.fields, signal.path);
        if (v === undefined || v === null || typeof v === 'object') return false;
        const s = String(v);
        if (want !== undefined && s !== want) return false;
        return re ? re.test(s) : want !== undefined;
      };
    }
    case 'httpStatus':
      return (e) => {
        if (!e.fields) return false;
        for (const p of STATUS_PATHS) {
          const v = fieldAt(e.fields, p);
          if (v === undefined) continue;
          const n = typeof v === 'number' ? v : Number(v);
          return n >= 200 && n < 300;
        }
        return false;
      };
  }
}

/** A value by dotted path; a key that itself contains dots ("log.level") is tried first. */
export function fieldAt(fields: Record<string, unknown> | undefined, path: string): unknown {
  if (!fields) return undefined;
  if (path in fields) return fields[path];
  let cur: unknown = fields;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
