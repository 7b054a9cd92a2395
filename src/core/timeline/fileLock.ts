/**
 * An exclusive lock between processes (several editor windows, a CLI) that write the same
 * incident file. It is a lock file created with O_EXCL (`wx`) next to the incident file.
 *
 * Stale locks: a lock whose owner process is gone (same host, pid not alive) is broken at once;
 * any other lock older than `staleMs` is broken too. Breaking renames the lock file aside and
 * checks it was the same lock that was judged stale; if a fresh lock was caught instead, it is
 * put back with a no-clobber link. Because a breaker can still race in rare cases, the holder
 * checks that it still owns the lock just before committing (see fileAppend.ts).
 *
 * This module touches the filesystem through a small port and never imports vscode.
 */

import { randomBytes } from 'crypto';
import { hostname } from 'os';

/** The filesystem operations the lock and the append need; `nodeAppendFs` implements them. */
export interface AppendFs {
  readFile(path: string): Promise<Uint8Array>;
  /** Creates `path` only if it does not exist (`wx`), writes `data`, optionally fsyncs. Rejects with code EEXIST. */
  writeNew(path: string, data: Uint8Array | string, options?: { mode?: number; sync?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Hard link; rejects with code EEXIST when `to` exists. */
  link(from: string, to: string): Promise<void>;
  stat(path: string): Promise<{ mtimeMs: number; mode: number }>;
  chmod(path: string, mode: number): Promise<void>;
  realpath(path: string): Promise<string>;
}

export interface LockOptions {
  fs: AppendFs;
  /** Give up after waiting this long in total (ms). */
  timeoutMs?: number;
  /** A lock older than this is considered abandoned (ms). */
  staleMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  host?: string;
  pid?: number;
  isProcessAlive?: (pid: number) => boolean;
}

export interface LockHandle {
  readonly path: string;
  readonly token: string;
  /** Whether the lock file is still this lock (it may have been broken as stale). */
  stillHeld(): Promise<boolean>;
  /** Removes the lock file if it is still this lock. Never throws. */
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  created: string;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockPath: string,
    readonly waitedMs: number,
    readonly holder?: string,
  ) {
    super(`Could not lock ${lockPath} within ${waitedMs} ms${holder ? ` (held by ${holder})` : ''}.`);
    this.name = 'LockTimeoutError';
  }
}

export const DEFAULT_LOCK_TIMEOUT_MS = 10_000;
export const DEFAULT_STALE_MS = 10_000;
/** Holders keep the lock for milliseconds, so waiters poll often; the jitter spreads them out. */
const MIN_DELAY_MS = 1;
const MAX_DELAY_MS = 16;
const INSPECT_EVERY_MS = 100;

export async function acquireLock(lockPath: string, options: LockOptions): Promise<LockHandle> {
  const { fs } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const info: LockInfo = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    token: randomBytes(8).toString('hex'),
    created: new Date(now()).toISOString(),
  };
  const content = JSON.stringify(info);
  const started = now();
  let delay = MIN_DELAY_MS;
  let holder: string | undefined;
  let inspectedAt = -Infinity;
  for (;;) {
    try {
      await fs.writeNew(lockPath, content);
      return handle(fs, lockPath, info.token, content);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    // Looking for a stale lock costs a stat and a read, so it is done now and then, not per poll.
    if (now() - inspectedAt >= INSPECT_EVERY_MS) {
      inspectedAt = now();
      const seen = await inspect(lockPath, options, now);
      if (seen === 'gone') continue;
      if (seen.stale) {
        await breakLock(fs, lockPath, seen.content);
        continue;
      }
      holder = seen.holder;
    }
    const waited = now() - started;
    if (waited >= timeoutMs) throw new LockTimeoutError(lockPath, waited, holder);
    // Jitter keeps writers that collided once from colliding again in lockstep.
    await sleep(Math.min(delay * (0.5 + random()), timeoutMs - waited));
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}

async function inspect(
  lockPath: string,
  options: LockOptions,
  now: () => number,
): Promise<'gone' | { stale: boolean; content: string; holder?: string }> {
  const { fs } = options;
  let content: string;
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(lockPath)).mtimeMs;
    content = Buffer.from(await fs.readFile(lockPath)).toString('utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return 'gone';
    throw error;
  }
  const info = parseInfo(content);
  const holder = info ? `pid ${info.pid} on ${info.host}` : undefined;
  const tooOld = now() - mtimeMs > (options.staleMs ?? DEFAULT_STALE_MS);
  const sameHost = info !== undefined && info.host === (options.host ?? hostname());
  const alive = options.isProcessAlive ?? isProcessAlive;
  const ownerGone = sameHost && info !== undefined && !alive(info.pid);
  return holder === undefined ? { stale: tooOld || ownerGone, content } : { stale: tooOld || ownerGone, content, holder };
}

async function breakLock(fs: AppendFs, lockPath: string, judged: string): Promise<void> {
  const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await fs.rename(lockPath, aside);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw error;
  }
  try {
    const caught = Buffer.from(await fs.readFile(aside)).toString('utf8');
    if (caught !== judged) {
      // Another writer took the lock between our look and the rename: give it back.
      await fs.link(aside, lockPath).catch(() => undefined);
    }
  } finally {
    await fs.unlink(aside).catch(() => undefined);
  }
}

function handle(fs: AppendFs, path: string, token: string, content: string): LockHandle {
  const stillHeld = async (): Promise<boolean> => {
    try {
      return Buffer.from(await fs.readFile(path)).toString('utf8') === content;
    } catch {
      return false;
    }
  };
  return {
    path,
    token,
    stillHeld,
    release: async () => {
      if (await stillHeld()) await fs.unlink(path).catch(() => undefined);
    },
  };
}

function parseInfo(content: string): LockInfo | undefined {
  try {
    const value = JSON.parse(content) as Partial<LockInfo>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string') {
      return { pid: value.pid, host: value.host, token: value.token, created: String(value.created ?? '') };
    }
  } catch {
    // An empty or half-written lock file: its owner is between create and write.
  }
  return undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}
