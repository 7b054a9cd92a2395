/**
 * Streams the bytes of a file (from an offset, or through gunzip for .gz) to a consumer that
 * can stop the read early. Never reads a whole file into memory.
 */

import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { SourceError } from '../../../core/errors';

export interface StreamOptions {
  start?: number;
  /** Offset to stop before (plain files); default: the end of the file. */
  end?: number;
  gzip?: boolean;
  signal?: AbortSignal;
  /** Receives each chunk (decompressed for gzip); return false to stop reading. */
  onChunk: (chunk: Uint8Array) => boolean;
}

const CHUNK = 1024 * 1024;

/** Resolves with the bytes read from disk (compressed bytes for gzip). */
export async function streamFile(file: string, options: StreamOptions): Promise<number> {
  if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
  const start = options.start ?? 0;
  if (options.end !== undefined && options.end <= start) return 0;
  // createReadStream's end is inclusive.
  const end = options.end !== undefined ? options.end - 1 : undefined;
  const raw = createReadStream(file, { start, end, highWaterMark: CHUNK });
  let bytesRead = 0;
  raw.on('data', (c) => (bytesRead += c.length));
  const gunzip = options.gzip ? createGunzip({ chunkSize: CHUNK }) : undefined;
  const source = gunzip ? raw.pipe(gunzip) : raw;
  // pipe() does not forward errors; a read error must end the loop below.
  if (gunzip) raw.on('error', (e) => gunzip.destroy(e));
  const onAbort = (): void => {
    source.destroy(new SourceError('cancelled', 'Cancelled.'));
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
      if (!options.onChunk(chunk)) break;
    }
  } catch (e) {
    if (options.signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
    throw readError(file, e, !!gunzip);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    raw.destroy();
    gunzip?.destroy();
  }
  return bytesRead;
}

function readError(file: string, e: unknown, gzip: boolean): SourceError {
  if (e instanceof SourceError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return new SourceError('notFound', `Log file not found: ${file}.`, undefined, err.message);
  if (err.code === 'EACCES' || err.code === 'EPERM') return new SourceError('forbidden', `No permission to read ${file}.`, undefined, err.message);
  if (gzip && /^Z_|incorrect header|unexpected end/i.test(`${err.code ?? ''} ${err.message}`)) {
    return new SourceError('badResponse', `${file} is not a valid gzip file, or it was cut short.`, undefined, err.message);
  }
  return new SourceError('failed', `Could not read ${file}: ${err.message}`, undefined, err.message);
}
