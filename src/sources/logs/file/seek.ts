/**
 * Seeking by timestamp in a time-ordered plain file: a binary search over byte offsets. Each
 * probe reads a small block, skips to the next line start, then skips continuation lines (stack
 * frames) and lines without a time until one has a time. Only probes are read, so finding a
 * window in a multi-GB file reads a few hundred KB.
 */

import type { FileHandle } from 'node:fs/promises';
import { SourceError } from '../../../core/errors';
import { concat } from '../../../core/logs/lineSplitter';

const BLOCK = 16 * 1024;
// A probe gives up after this much without a timed line (a huge line, a long binary blob).
const MAX_PROBE_BYTES = 4 * 1024 * 1024;
// Lines are decoded up to this length to read their time; the rest is skipped.
const MAX_PROBE_LINE = 64 * 1024;

export type LineTimer = (line: string) => number | undefined;

export interface ProbeHit {
  /** Byte offset where the timed line starts. */
  offset: number;
  time: number;
}

/** Reads blocks of a file through one handle and counts the bytes it read. */
export class BlockReader {
  bytesRead = 0;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    private readonly signal?: AbortSignal,
  ) {}

  async read(pos: number, length = BLOCK): Promise<Uint8Array> {
    if (this.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
    const buf = new Uint8Array(Math.max(0, Math.min(length, this.size - pos)));
    if (buf.length === 0) return buf;
    const { bytesRead } = await this.fh.read(buf, 0, buf.length, pos);
    this.bytesRead += bytesRead;
    return bytesRead === buf.length ? buf : buf.subarray(0, bytesRead);
  }

  /**
   * The first line starting at or after `pos` (at `pos` itself only when pos is 0) that has a
   * time; undefined when none starts before `limit` or within the probe budget.
   */
  async firstTimedLine(pos: number, limit: number, timeOf: LineTimer): Promise<ProbeHit | undefined> {
    let at = pos;
    let lineStart = pos === 0 ? 0 : -1;
    let carry: Uint8Array[] = [];
    let carried = 0;
    while (at < this.size && at - pos < MAX_PROBE_BYTES) {
      if (lineStart >= limit) return undefined;
      const buf = await this.read(at);
      if (buf.length === 0) break;
      let i = 0;
      if (lineStart < 0) {
        const nl = buf.indexOf(10);
        if (nl < 0) {
          at += buf.length;
          continue;
        }
        i = nl + 1;
        lineStart = at + i;
      }
      for (;;) {
        const nl = buf.indexOf(10, i);
        if (nl < 0) {
          if (carried < MAX_PROBE_LINE) {
            carry.push(buf.subarray(i, Math.min(buf.length, i + MAX_PROBE_LINE - carried)));
            carried += Math.min(buf.length - i, MAX_PROBE_LINE - carried);
          }
          break;
        }
        const piece = buf.subarray(i, Math.min(nl, i + Math.max(0, MAX_PROBE_LINE - carried)));
        const text = this.decoder.decode(carry.length ? concat([...carry, piece]) : piece).replace(/\r$/, '');
        carry = [];
        carried = 0;
        if (lineStart >= limit) return undefined;
        const t = timeOf(text);
        if (t !== undefined) return { offset: lineStart, time: t };
        i = nl + 1;
        lineStart = at + i;
      }
      at += buf.length;
    }
    return undefined;
  }
}

/**
 * The offset to start reading from so that no timed line with a time at or after `target` is
 * before it: the start of a timed line older than the target, or 0. Assumes the file is
 * ordered by time (check with `sampleOrder` first).
 */
export async function seekToTime(reader: BlockReader, target: number, timeOf: LineTimer): Promise<number> {
  return (await search(reader, 0, (t) => t < target, target, timeOf)).lo;
}

/**
 * An offset to stop reading at: the start of a timed line later than `target`, searched from
 * `from`. Before it: the lines up to the target, at most about one block of lines after it,
 * and the continuation lines of the entry before it. The file size when no line is later.
 */
export async function seekPastTime(reader: BlockReader, from: number, target: number, timeOf: LineTimer): Promise<number> {
  return (await search(reader, from, (t) => t <= target, target, timeOf)).end;
}

/**
 * Narrows [lo, hi) to a block around where `before` stops holding. Probes are placed by
 * interpolating the times at both ends (log lines come at a roughly steady rate, so a few
 * probes suffice), a little to either side of the estimate in turn so that both ends close
 * in; a probe that does not halve the range is followed by plain bisection, which bounds the
 * worst case (bursts, gaps) to that of a binary search.
 */
async function search(reader: BlockReader, from: number, before: (t: number) => boolean, target: number, timeOf: LineTimer): Promise<{ lo: number; end: number }> {
  let lo = from;
  let hi = reader.size;
  let end = reader.size;
  // The time at the start of the range, for the interpolation.
  const first = await reader.firstTimedLine(from, hi, timeOf);
  if (!first) return { lo, end };
  if (!before(first.time)) return { lo, end: first.offset };
  let loTime: number | undefined = first.time;
  let hiTime: number | undefined;
  let interpolate = true;
  let side = -1;
  while (hi - lo > BLOCK) {
    let mid = lo + Math.floor((hi - lo) / 2);
    if (interpolate && loTime !== undefined && hiTime !== undefined && hiTime > loTime) {
      const estimate = lo + ((hi - lo) * (target - loTime)) / (hiTime - loTime) + (side * BLOCK) / 2;
      mid = Math.floor(Math.min(hi - BLOCK / 4, Math.max(lo + BLOCK / 4, estimate)));
      side = -side;
    }
    const width = hi - lo;
    const hit = await reader.firstTimedLine(mid, hi, timeOf);
    if (hit && before(hit.time)) {
      lo = hit.offset;
      loTime = hit.time;
    } else {
      hi = mid;
      if (hit) {
        end = hit.offset;
        hiTime = hit.time;
      }
    }
    interpolate = hi - lo <= width / 2;
  }
  return { lo, end };
}

export interface OrderSample {
  ordered: boolean;
  first: number | undefined;
  /** Times found at evenly spaced offsets, in file order. */
  times: number[];
}

/**
 * Times at `points` evenly spaced offsets: the file counts as ordered when each is no more
 * than `tolerance` older than the latest one before it.
 */
export async function sampleOrder(reader: BlockReader, timeOf: LineTimer, tolerance: number, points = 16): Promise<OrderSample> {
  // The probes are independent: read concurrently (the thread pool reads them in parallel).
  const hits = await Promise.all(Array.from({ length: points }, (_, k) => reader.firstTimedLine(Math.floor((reader.size * k) / points), reader.size, timeOf)));
  const times = hits.filter((h) => h !== undefined).map((h) => h.time);
  let latest = -Infinity;
  let ordered = true;
  for (const t of times) {
    if (t < latest - tolerance) ordered = false;
    if (t > latest) latest = t;
  }
  return { ordered, first: times[0], times };
}


export interface LocatedRange {
  mode: 'seek' | 'scan' | 'skipped';
  reason?: string;
  /** Where to read from, and where to stop (undefined: the end of the file). */
  start: number;
  end?: number;
  /** A read may stop once past the range (false: the file is not ordered by time). */
  ordered: boolean;
}

/**
 * Where the lines of `range` are in a plain file: sampled for order, then sought at both ends
 * when ordered; a file that is not ordered, or has no timestamps, is scanned whole.
 */
export async function locateRange(reader: BlockReader, range: { start: number; end: number }, tolerance: number, timeOf: LineTimer): Promise<LocatedRange> {
  const sample = await sampleOrder(reader, timeOf, tolerance);
  if (sample.times.length === 0) return { mode: 'scan', reason: 'no timestamps found', start: 0, ordered: true };
  if (!sample.ordered) return { mode: 'scan', reason: 'not time-ordered', start: 0, ordered: false };
  if (sample.first !== undefined && sample.first > range.end + tolerance) return { mode: 'skipped', reason: 'starts after the window', start: 0, ordered: true };
  const start = await seekToTime(reader, range.start - tolerance, timeOf);
  // Stop at the first line past the range too, rather than reading on by whole chunks.
  const end = await seekPastTime(reader, start, range.end + tolerance, timeOf);
  return { mode: 'seek', start, end, ordered: true };
}
