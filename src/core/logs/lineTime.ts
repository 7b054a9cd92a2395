import type { LogFormatSpec } from '../model/logs';
import { LineParser, prefixBody } from './detect';
import { continuesEntry } from './multiline';
import type { TimeParser } from './time';

/**
 * The time of a line that starts an entry, or undefined: for a seek, which lands mid-file and
 * must skip continuation lines (stack frames) and lines without a time until it finds one.
 */
export function createLineTimer(spec: LogFormatSpec, time: TimeParser): (line: string) => number | undefined {
  const parser = new LineParser(spec, time);
  return (line) => {
    if (line.length === 0 || continuesEntry(line)) return undefined;
    if (spec.timestampPrefix) {
      const body = prefixBody(line, time);
      if (body !== undefined) return continuesEntry(body) ? undefined : time.isoAt(line, 0);
    }
    return parser.parse(line)?.time;
  };
}
