import * as fs from 'node:fs';
import * as path from 'node:path';
import { LogStreamParser } from '../../../src/core/logs/streamParser';
import { TimeParser } from '../../../src/core/logs/time';
import type { TimeOptions } from '../../../src/core/logs/time';
import type { LogEntry, LogFormatSpec } from '../../../src/core/model/logs';

// Compiled tests run from out/test/unit/logs; fixtures stay in the source tree.
export const FIXTURES = path.resolve(__dirname, '../../../../test/unit/fixtures/logs');

export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

export interface Parsed {
  entries: LogEntry[];
  /** Where each entry was placed in time (its own time, or the one before it). */
  placed: (number | undefined)[];
  parser: LogStreamParser;
  format: (LogFormatSpec & { detected: boolean }) | undefined;
}

/** Parses bytes (pushed in chunks of `chunk` bytes, to exercise chunk boundaries). */
export function parse(input: string | Buffer, options: TimeOptions & { spec?: LogFormatSpec; chunk?: number; source?: string } = {}): Parsed {
  const entries: LogEntry[] = [];
  const placed: (number | undefined)[] = [];
  const parser = new LogStreamParser({
    source: options.source ?? 'test',
    time: new TimeParser({ timeZone: options.timeZone ?? 'UTC', referenceTime: options.referenceTime }),
    spec: options.spec,
    firstLine: 1,
    startOffset: 0,
    onEntry: (e, at) => {
      entries.push(e);
      placed.push(at);
    },
  });
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const step = options.chunk ?? bytes.length;
  for (let i = 0; i < bytes.length; i += Math.max(1, step)) parser.push(bytes.subarray(i, i + step));
  parser.end();
  return { entries, placed, parser, format: parser.format };
}

export const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
export const at = (s: string): number => Date.parse(s);
