/**
 * The file log source: reads the entries of a time window (and its baseline) from log files
 * named by a path or glob, rotated and gzipped ones included.
 *
 * A plain file that is ordered by time is sought (binary search by timestamp) to just before
 * the baseline starts and read until just past the window's end. A .gz file cannot be sought,
 * and a file whose sampled timestamps go backwards cannot be trusted to be ordered: those are
 * scanned from the start, and the result says so per file (`status.reads`).
 */

import { promises as fsp } from 'node:fs';
import { isSourceError, SourceError } from '../../../core/errors';
import { LogCollector } from '../../../core/logs/collector';
import type { LogQuery } from '../../../core/logs/collector';
import { detectFormat } from '../../../core/logs/detect';
import { LineSplitter } from '../../../core/logs/lineSplitter';
import { createLineTimer } from '../../../core/logs/lineTime';
import { LogStreamParser } from '../../../core/logs/streamParser';
import { TimeParser } from '../../../core/logs/time';
import type { LogFormatSpec, LogReadInfo, LogReadResult } from '../../../core/model/logs';
import { streamFile } from './fileStream';
import { resolveLogFiles } from './logFiles';
import type { LogFile } from './logFiles';
import { BlockReader, locateRange } from './seek';
import type { LocatedRange } from './seek';

export interface FileLogSourceOptions {
  /** A file path or a glob; relative paths start at `cwd`. */
  path: string;
  /** The workspace folder. */
  cwd?: string;
  /** Name of the source in entries and findings; default: the path as given. */
  label?: string;
  /** Also read rotated siblings (app.log.1, app.log.2.gz); default true. */
  includeRotated?: boolean;
  /** The format, when detection should not decide. */
  format?: LogFormatSpec;
  /** IANA zone for times written without an offset; default: the local zone. */
  timeZone?: string;
  signal?: AbortSignal;
  /** Files smaller than this are read whole rather than sought; default 1 MB. */
  seekMinBytes?: number;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Resolves with the window's entries, signatures, findings and a status. A missing file or a
 * read error becomes the status (state 'error', SourceError kinds notFound, forbidden,
 * badResponse, failed); cancelling through the signal rejects with SourceError 'cancelled'.
 */
export async function readFileLogs(options: FileLogSourceOptions, query: LogQuery): Promise<LogReadResult> {
  const run = new FileRead(options, query);
  return run.run();
}

class FileRead {
  private readonly collector: LogCollector;
  private readonly reads: LogReadInfo[] = [];
  private readonly warnings: string[] = [];
  private lines = 0;
  private truncatedLines = 0;
  private format: (LogFormatSpec & { detected: boolean }) | undefined;

  constructor(
    private readonly options: FileLogSourceOptions,
    query: LogQuery,
  ) {
    this.collector = new LogCollector(options.label ?? options.path, query);
  }

  async run(): Promise<LogReadResult> {
    let files: LogFile[];
    try {
      files = await resolveLogFiles(this.options.path, { cwd: this.options.cwd, includeRotated: this.options.includeRotated, signal: this.options.signal });
    } catch (e) {
      const err = asSourceError(e);
      if (err.kind === 'cancelled') throw err;
      return this.finish(err);
    }
    let failed = 0;
    let lastError: SourceError | undefined;
    for (const file of files) {
      const info: LogReadInfo = { name: file.path, mode: 'scan', compressed: file.compressed, bytesRead: 0, bytesTotal: file.size };
      this.reads.push(info);
      try {
        await this.readFile(file, info);
      } catch (e) {
        const err = asSourceError(e);
        if (err.kind === 'cancelled') throw err;
        failed++;
        lastError = err;
        this.warnings.push(err.message);
        info.mode = 'skipped';
        info.reason = err.message;
      }
    }
    return this.finish(failed === files.length ? lastError : undefined);
  }

  private finish(error: SourceError | undefined): LogReadResult {
    return this.collector.result({ format: this.format, reads: this.reads, warnings: this.warnings, lines: this.lines, truncatedLines: this.truncatedLines, error });
  }

  private async readFile(file: LogFile, info: LogReadInfo): Promise<void> {
    const time = new TimeParser({ timeZone: this.options.timeZone, referenceTime: file.mtimeMs });
    for (const w of time.warnings) if (!this.warnings.includes(w)) this.warnings.push(w);
    const { range, tolerance } = this.collector;
    if (file.mtimeMs < range.start - tolerance) {
      info.mode = 'skipped';
      info.reason = 'last written before the window';
      this.collector.noteOlderData();
      return;
    }
    if (file.compressed) {
      info.reason = 'compressed';
      info.bytesRead = await this.stream(file, 0, this.options.format, time, true);
      return;
    }
    const fh = await openFile(file.path);
    let spec: LogFormatSpec;
    let located: LocatedRange;
    const reader = new BlockReader(fh, file.size, this.options.signal);
    try {
      spec = this.options.format ?? detectFormat(headLines(await reader.read(0, HEAD_BYTES)), time).spec;
      const seekable = file.size > (this.options.seekMinBytes ?? 1024 * 1024);
      located = seekable ? await locateRange(reader, range, tolerance, createLineTimer(spec, time)) : { mode: 'scan', reason: 'small file', start: 0, ordered: true };
    } finally {
      await fh.close();
    }
    info.mode = located.mode;
    info.reason = located.reason;
    info.bytesRead = reader.bytesRead;
    if (info.mode === 'skipped') return;
    const { start, end, ordered } = located;
    info.bytesRead += await this.stream(file, start, spec, time, ordered, end);
  }

  /** Streams from `start` into a parser; stops once past the window unless the file is unordered. */
  private async stream(file: LogFile, start: number, spec: LogFormatSpec | undefined, time: TimeParser, allowStop: boolean, end?: number): Promise<number> {
    const { range, tolerance } = this.collector;
    const stopAt = range.end + tolerance;
    let latest = -Infinity;
    let disordered = false;
    let past = false;
    const parser = new LogStreamParser({
      source: this.collector.source,
      time,
      spec,
      firstLine: start === 0 ? 1 : undefined,
      startOffset: file.compressed ? undefined : start,
      onEntry: (entry, at) => {
        if (at !== undefined) {
          if (at < latest - tolerance) disordered = true;
          else if (at > latest) latest = at;
          if (at > stopAt) past = true;
        }
        if (!file.compressed) entry.file = file.path;
        this.collector.add(entry, at);
      },
    });
    let bytes = 0;
    try {
      bytes = await streamFile(file.path, {
        start,
        end,
        gzip: file.compressed,
        signal: this.options.signal,
        onChunk: (chunk) => {
          parser.push(chunk);
          return !(allowStop && past && !disordered);
        },
      });
    } finally {
      parser.end();
      this.lines += parser.lines;
      this.truncatedLines += parser.truncatedLines;
      if (!this.format && parser.format) this.format = { ...parser.format, detected: !this.options.format };
    }
    return bytes;
  }
}

/** Lines of a file's first bytes, for format detection (the last, partial line left out). */
function headLines(head: Uint8Array): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l));
  splitter.push(head);
  return lines;
}

async function openFile(file: string): Promise<import('node:fs/promises').FileHandle> {
  try {
    return await fsp.open(file, 'r');
  } catch (e) {
    throw asSourceError(e, file);
  }
}

function asSourceError(e: unknown, file?: string): SourceError {
  if (isSourceError(e)) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return new SourceError('notFound', `Log file not found: ${file ?? ''}.`, undefined, err.message);
  if (err.code === 'EACCES' || err.code === 'EPERM') return new SourceError('forbidden', `No permission to read ${file ?? 'the log file'}.`, undefined, err.message);
  return new SourceError('failed', `Could not read ${file ?? 'the log file'}: ${err.message ?? String(e)}`, undefined, err.stack);
}
