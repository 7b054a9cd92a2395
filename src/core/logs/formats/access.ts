/**
 * Apache/nginx access logs, common and combined:
 * `host ident user [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.1" 200 2326 "referer" "agent"`.
 * The status gives the level: 5xx error, 4xx warn, else info.
 */

import { levelFromHttpStatus } from '../levels';
import type { TimeParser } from '../time';
import type { ParsedLine } from './types';

const QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
const ACCESS = new RegExp(`^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${QUOTED} (\\d{3}) (\\d+|-)(?: ${QUOTED} ${QUOTED})?(.*)$`);

export function parseAccessLine(line: string, time: TimeParser): ParsedLine | undefined {
  const m = ACCESS.exec(line);
  if (!m) return undefined;
  const t = time.clf(m[4]);
  if (t === undefined) return undefined;
  const status = Number(m[6]);
  const request = m[5];
  const [method, path, protocol] = request.split(' ');
  const fields: Record<string, unknown> = {
    remote: m[1],
    user: m[3] === '-' ? undefined : m[3],
    method,
    path,
    protocol,
    status,
    bytes: m[7] === '-' ? 0 : Number(m[7]),
  };
  if (m[8] !== undefined) {
    fields.referer = m[8];
    fields.userAgent = m[9];
  }
  return { time: t, level: levelFromHttpStatus(status), message: `${request} ${status}`, fields };
}
