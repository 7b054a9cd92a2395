/**
 * A byte stream to log entries: lines are split (lineSplitter), the format is detected from
 * the first lines unless given, each line is parsed, and continuation lines (stack traces) are
 * folded into the entry they belong to, which keeps the first line's time.
 *
 * Nothing here throws on input: a line no format understands becomes an entry of its own with
 * `parsed: false`.
 */

import type { LogEntry, LogFormatSpec, LogLevel } from '../model/logs';
import { detectFormat, LineParser, prefixBody } from './detect';
import type { ParsedLine } from './formats/types';
import { findLevel } from './formats/text';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from './lineSplitter';
import { continuesEntry, isExceptionHeader, isTraceLine, showsTrace, TRACEBACK_HEADER } from './multiline';
import type { TimeParser } from './time';

export const DEFAULT_MAX_ENTRY_CHARS = 64 * 1024;
// Lines held back to detect the format before the first entry is emitted.
const DETECT_LINES = 200;
const DETECT_CHARS = 1024 * 1024;

export interface StreamParserOptions {
  /** Label of the source, copied into every entry. */
  source: string;
  time: TimeParser;
  /** The format; detected from the first lines when not given. */
  spec?: LogFormatSpec;
  /**
   * Receives each entry once it is complete, with the time used to place it: its own, or for
   * an entry without a time the last time seen before it.
   */
  onEntry: (entry: LogEntry, placedAt: number | undefined) => void;
  /** Line number of the first line pushed; leave undefined when reading from mid-file. */
  firstLine?: number;
  /** Byte offset of the first byte pushed, to give entries an `offset` (plain files only). */
  startOffset?: number;
  maxLineBytes?: number;
  maxEntryChars?: number;
}

interface Draft {
  time: number | undefined;
  level: LogLevel;
  message: string;
  raw: string;
  line: number | undefined;
  offset: number | undefined;
  lineCount: number;
  fields: Record<string, unknown> | undefined;
  parsed: boolean;
  truncated: boolean;
  inTraceback: boolean;
  hasTrace: boolean;
}

export class LogStreamParser {
  /** Lines read, lines that were cut, blank lines skipped. */
  lines = 0;
  truncatedLines = 0;
  blankLines = 0;
  private readonly splitter: LineSplitter;
  private parser: LineParser | undefined;
  private detected = false;
  private held: { line: string; offset: number; cut: number }[] = [];
  private heldChars = 0;
  private current: Draft | undefined;
  private heldBlanks = 0;
  private lineNo: number | undefined;
  private lastTime: number | undefined;
  private readonly maxEntryChars: number;
  private readonly withOffsets: boolean;

  constructor(private readonly options: StreamParserOptions) {
    this.maxEntryChars = options.maxEntryChars ?? DEFAULT_MAX_ENTRY_CHARS;
    this.lineNo = options.firstLine;
    this.withOffsets = options.startOffset !== undefined;
    if (options.spec) this.parser = new LineParser(options.spec, options.time);
    this.splitter = new LineSplitter((l, o, c) => this.onLine(l, o, c), options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, options.startOffset ?? 0);
  }

  /** The format in use, once known, and whether it was detected rather than given. */
  get format(): (LogFormatSpec & { detected: boolean }) | undefined {
    return this.parser ? { ...this.parser.spec, detected: this.detected } : undefined;
  }

  /** Bytes pushed so far (plus the start offset). */
  get position(): number {
    return this.splitter.position;
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Call at the end of the stream: flushes the last line and the last entry. */
  end(): void {
    this.splitter.end();
    if (!this.parser) this.detectNow();
    this.finish();
  }

  private onLine(line: string, offset: number, cut: number): void {
    this.lines++;
    if (cut > 0) this.truncatedLines++;
    if (!this.parser) {
      this.held.push({ line, offset, cut });
      this.heldChars += line.length;
      if (this.held.length >= DETECT_LINES || this.heldChars >= DETECT_CHARS) this.detectNow();
      return;
    }
    this.process(line, offset, cut);
  }

  private detectNow(): void {
    const d = detectFormat(
      this.held.map((h) => h.line),
      this.options.time,
    );
    this.parser = new LineParser(d.spec, this.options.time);
    this.detected = true;
    const held = this.held;
    this.held = [];
    for (const h of held) this.process(h.line, h.offset, h.cut);
  }

  private process(line: string, offset: number, cut: number): void {
    const lineNo = this.lineNo;
    if (this.lineNo !== undefined) this.lineNo++;
    const cur = this.current;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) {
      // Blank lines inside an entry (between chained Python exceptions) are kept if a
      // continuation line follows them; otherwise they are skipped.
      if (cur) this.heldBlanks++;
      else this.blankLines++;
      return;
    }
    const parser = this.parser!;
    let body = line;
    let prefixTime: number | undefined;
    if (parser.spec.timestampPrefix) {
      const b = prefixBody(line, this.options.time);
      if (b !== undefined) {
        prefixTime = this.options.time.isoAt(line, 0);
        body = b;
      }
    }
    if (cur && continuesEntry(body)) {
      if (opensTraceback(body)) cur.inTraceback = true;
      this.append(cur, line, body, cut);
      return;
    }
    let parsed: ParsedLine | undefined = parser.parse(body);
    if (!parsed && prefixTime !== undefined) {
      const { level, rest } = findLevel(body, 0);
      parsed = { time: prefixTime, level, message: level === 'unknown' ? body : rest };
    }
    if (cur && continuesAfterParse(cur, parsed, body, prefixTime)) {
      this.append(cur, line, parsed ? parsed.message : body, cut);
      return;
    }
    this.finish();
    if (parsed) {
      const time = prefixTime ?? parsed.time;
      this.current = draft(time, parsed.level, parsed.message, line, lineNo, this.withOffsets ? offset : undefined, parsed.fields, true, cut > 0, this.maxEntryChars);
    } else {
      this.current = draft(undefined, 'unknown', body, line, lineNo, this.withOffsets ? offset : undefined, undefined, false, cut > 0, this.maxEntryChars);
    }
    const opened = parsed ? parsed.message : body;
    if (opensTraceback(opened)) this.current.inTraceback = true;
    if (showsTrace(opened)) this.current.hasTrace = true;
  }

  private append(cur: Draft, line: string, body: string, cut: number): void {
    for (; this.heldBlanks > 0; this.heldBlanks--) this.appendLine(cur, '', '', 0);
    this.appendLine(cur, line, body, cut);
  }

  private appendLine(cur: Draft, line: string, body: string, cut: number): void {
    cur.lineCount++;
    if (!cur.hasTrace && showsTrace(body)) cur.hasTrace = true;
    if (cut > 0) cur.truncated = true;
    if (cur.raw.length + line.length + 1 <= this.maxEntryChars) cur.raw += '\n' + line;
    else cur.truncated = true;
    if (cur.message.length + body.length + 1 <= this.maxEntryChars) cur.message += '\n' + body;
  }

  private finish(): void {
    this.blankLines += this.heldBlanks;
    this.heldBlanks = 0;
    const d = this.current;
    if (!d) return;
    this.current = undefined;
    if (d.time !== undefined) this.lastTime = d.time;
    const entry: LogEntry = {
      time: d.time,
      // An entry that carries a stack trace but named no level is an error.
      level: d.level === 'unknown' && d.hasTrace ? 'error' : d.level,
      message: d.message,
      raw: d.raw,
      source: this.options.source,
      lineCount: d.lineCount,
      parsed: d.parsed,
    };
    if (d.line !== undefined) entry.line = d.line;
    if (d.offset !== undefined) entry.offset = d.offset;
    if (d.fields) entry.fields = d.fields;
    if (d.truncated) entry.truncated = true;
    this.options.onEntry(entry, d.time ?? this.lastTime);
  }
}

// Lines of one trace are written at once; a line with its own time further away starts anew.
const SAME_WRITE_MS = 1000;

function opensTraceback(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith(TRACEBACK_HEADER) || t.startsWith('During handling of the above') || t.startsWith('The above exception');
}

/**
 * For a line that did not look like a continuation before parsing. Unparsed lines continue a
 * Python traceback (its last line, "ValueError: bad", is not indented) or open an exception
 * under the entry before. Parsed lines without a level (a timestamp on every line, as kubectl
 * and docker add) continue when what follows the time is a frame or trace line, written
 * within a second of the entry.
 */
function continuesAfterParse(cur: Draft, parsed: ParsedLine | undefined, body: string, prefixTime: number | undefined): boolean {
  if (!parsed) {
    if (cur.inTraceback) {
      cur.inTraceback = false;
      return true;
    }
    return isExceptionHeader(body);
  }
  if (parsed.level !== 'unknown') return false;
  const t = prefixTime ?? parsed.time;
  if (t !== undefined && cur.time !== undefined && Math.abs(t - cur.time) > SAME_WRITE_MS) {
    cur.inTraceback = false;
    return false;
  }
  const msg = parsed.message;
  if (isTraceLine(msg)) {
    if (opensTraceback(msg)) cur.inTraceback = true;
    return true;
  }
  if (cur.inTraceback) {
    if (isExceptionHeader(msg)) cur.inTraceback = false;
    return true;
  }
  return t !== undefined && cur.time !== undefined && isExceptionHeader(msg);
}

function draft(
  time: number | undefined,
  level: LogLevel,
  message: string,
  line: string,
  lineNo: number | undefined,
  offset: number | undefined,
  fields: Record<string, unknown> | undefined,
  parsed: boolean,
  truncated: boolean,
  cap: number,
): Draft {
  return {
    time,
    level,
    message: message.length > cap ? message.slice(0, cap) : message,
    raw: line.length > cap ? line.slice(0, cap) : line,
    line: lineNo,
    offset,
    lineCount: 1,
    fields,
    parsed,
    truncated: truncated || line.length > cap,
    inTraceback: false,
    hasTrace: false,
  };
}
