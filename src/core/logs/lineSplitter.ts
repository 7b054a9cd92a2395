/**
 * Bytes to lines, for streams of any size: a line longer than the cap keeps its first bytes
 * and the rest is only counted, so a 5 MB line costs 64 KB of memory. UTF-8 with invalid
 * bytes replaced (U+FFFD), a leading byte order mark dropped, CRLF read as LF.
 *
 * A newline byte (0x0A) never occurs inside a UTF-8 sequence, so everything up to the last
 * newline of a chunk can be decoded in one call and split afterwards: that is what keeps
 * this fast.
 */

/** Receives a line without its terminator, the byte offset where it starts, and how many bytes were cut. */
export type LineSink = (line: string, offset: number, cutBytes: number) => void;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export class LineSplitter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private cut = 0;
  private lineStart: number;
  private consumed: number;
  private checkBom: boolean;
  private bomHeld: Uint8Array | undefined;
  // ignoreBOM keeps a U+FEFF in the middle of a stream as text; the leading one is dropped by hand.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(
    private readonly sink: LineSink,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
    /** Byte offset of the first byte pushed (a read that starts mid-file). */
    startOffset = 0,
  ) {
    this.lineStart = startOffset;
    this.consumed = startOffset;
    this.checkBom = startOffset === 0;
  }

  /** Bytes seen so far, including the start offset. */
  get position(): number {
    return this.consumed;
  }

  push(chunk: Uint8Array): void {
    if (this.checkBom) {
      // The mark may arrive split over the first chunks.
      const head = this.bomHeld ? concat([this.bomHeld, chunk], this.bomHeld.length + chunk.length) : chunk;
      if (head.length < 3 && isBomPrefix(head)) {
        this.bomHeld = head;
        return;
      }
      this.checkBom = false;
      this.bomHeld = undefined;
      chunk = head;
      if (isBomPrefix(head)) {
        chunk = head.subarray(3);
        this.consumed += 3;
        this.lineStart = this.consumed;
      }
    }
    const n = chunk.length;
    if (n === 0) return;
    const base = this.consumed;
    this.consumed += n;
    let i = 0;
    if (this.pendingBytes > 0 || this.cut > 0) {
      const nl = chunk.indexOf(10, i);
      if (nl < 0) {
        this.keep(chunk, i, n);
        return;
      }
      this.keep(chunk, i, nl);
      this.flushPending();
      i = nl + 1;
      this.lineStart = base + i;
    }
    const last = chunk.lastIndexOf(10);
    if (last >= i) {
      this.bulk(chunk, i, last, base);
      i = last + 1;
      this.lineStart = base + i;
    }
    if (i < n) this.keep(chunk, i, n);
  }

  /** The last line, when the stream does not end with a newline. */
  end(): void {
    if (this.bomHeld) {
      // A stream of one or two bytes that looked like the start of a mark: they are text.
      const held = this.bomHeld;
      this.bomHeld = undefined;
      this.checkBom = false;
      this.push(held);
    }
    if (this.pendingBytes > 0 || this.cut > 0) this.flushPending();
  }

  /** Lines in chunk[from, last), each ended by a newline, the last one at `last`. */
  private bulk(chunk: Uint8Array, from: number, last: number, base: number): void {
    const text = this.decoder.decode(chunk.subarray(from, last));
    if (text.length === last - from) {
      // One character per byte (ASCII, or single invalid bytes): string offsets are byte offsets.
      let s = 0;
      for (;;) {
        const e = text.indexOf('\n', s);
        const end = e < 0 ? text.length : e;
        this.emitText(text, s, end, base + from + s);
        if (e < 0) break;
        s = e + 1;
      }
      return;
    }
    // Multi-byte characters: find line starts in the bytes to keep offsets exact.
    let s = from;
    while (s <= last) {
      let e = chunk.indexOf(10, s);
      if (e < 0 || e > last) e = last;
      const len = e - s;
      const keep = Math.min(len, this.maxLineBytes);
      this.deliver(this.decoder.decode(chunk.subarray(s, s + keep)), base + s, len - keep);
      s = e + 1;
    }
  }

  private emitText(text: string, s: number, e: number, offset: number): void {
    const len = e - s;
    if (len <= this.maxLineBytes) this.deliver(text.slice(s, e), offset, 0);
    else this.deliver(text.slice(s, s + this.maxLineBytes), offset, len - this.maxLineBytes);
  }

  private keep(chunk: Uint8Array, s: number, e: number): void {
    const take = Math.min(this.maxLineBytes - this.pendingBytes, e - s);
    if (take > 0) {
      // A copy, so the pending line does not hold on to the whole chunk.
      this.pending.push(chunk.slice(s, s + take));
      this.pendingBytes += take;
    }
    this.cut += e - s - Math.max(take, 0);
  }

  private flushPending(): void {
    const bytes = this.pending.length === 1 ? this.pending[0] : concat(this.pending, this.pendingBytes);
    const cut = this.cut;
    this.pending = [];
    this.pendingBytes = 0;
    this.cut = 0;
    this.deliver(this.decoder.decode(bytes), this.lineStart, cut);
  }

  private deliver(line: string, offset: number, cut: number): void {
    if (cut === 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
    this.sink(line, offset, cut);
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/** The bytes are the mark's first bytes (or the whole mark and more). */
function isBomPrefix(bytes: Uint8Array): boolean {
  for (let k = 0; k < 3; k++) {
    if (k >= bytes.length) return true;
    if (bytes[k] !== BOM[k]) return false;
  }
  return true;
}

/** The parts one after another in one array; `total` is their summed length. */
export function concat(parts: Uint8Array[], total: number = parts.reduce((n, p) => n + p.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
