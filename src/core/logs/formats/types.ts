import type { LogLevel } from '../../model/logs';
import type { TimeParser } from '../time';

/** One line as a format understood it. */
export interface ParsedLine {
  time: number | undefined;
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
  /**
   * The line wrapped someone else's line (docker's json-file `log` field): its message may be
   * the continuation of a stack trace started on an earlier line.
   */
  wrapped?: boolean;
}

export type FormatParser = (line: string, time: TimeParser) => ParsedLine | undefined;
