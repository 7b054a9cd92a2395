/**
 * Appending an entry to an incident file on disk, safely when several processes write at once.
 *
 * Under an exclusive lock (fileLock.ts) it re-reads the file, assigns the hypothesis id and the
 * time if missing (so two writers never pick the same id), inserts the entry's bytes, writes a
 * temporary file in the same folder and renames it over the incident file. The bytes around the
 * insertion are copied as they are, so even content that is not valid UTF-8 survives.
 *
 * Filesystem code lives here and in fileLock.ts only; both use node's fs, never vscode.
 */

import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import { basename, dirname, join } from 'path';
import type { NewTimelineEntry, TimelineEntry } from '../model/incident';
import { planAppend } from './append';
import type { AppendPlan } from './append';
import { formatTimestamp } from './format';
import type { AppendFs, LockOptions } from './fileLock';
import { acquireLock, codeOf } from './fileLock';

export interface AppendToFileOptions extends Partial<LockOptions> {
  /** How often to start over when the lock was lost (broken as stale) before committing. */
  maxAttempts?: number;
}

export interface AppendToFileResult {
  /** The entry as written: normalized, with its time and hypothesis id. */
  entry: TimelineEntry;
  /** 1-based line of the entry's header in the file after the append. */
  line: number;
  /** The file that was written (symlinks resolved). */
  path: string;
}

/** An entry for `appendEntryToFile`; the time defaults to the moment the lock is held. */
export type FileEntryInput = Omit<NewTimelineEntry, 'at'> & { at?: string };

export const nodeAppendFs: AppendFs = {
  readFile: (path) => fsp.readFile(path),
  async writeNew(path, data, options) {
    const handle = await fsp.open(path, 'wx', options?.mode ?? 0o666);
    try {
      await handle.writeFile(data);
      if (options?.sync) await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  link: (from, to) => fsp.link(from, to),
  stat: (path) => fsp.stat(path),
  chmod: (path, mode) => fsp.chmod(path, mode),
  realpath: (path) => fsp.realpath(path),
};

export function lockPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`);
}

export async function appendEntryToFile(
  path: string,
  input: FileEntryInput,
  options: AppendToFileOptions = {},
): Promise<AppendToFileResult> {
  const fs = options.fs ?? nodeAppendFs;
  const now = options.now ?? Date.now;
  const file = await fs.realpath(path);
  const maxAttempts = options.maxAttempts ?? 3;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const lock = await acquireLock(lockPathFor(file), { ...options, fs });
    try {
      const original = Buffer.from(await fs.readFile(file));
      const { mode } = await fs.stat(file);
      const entry: NewTimelineEntry = { ...input, at: input.at ?? formatTimestamp(now()) };
      const plan = planAppend(original.toString('utf8'), entry);
      const updated = spliceBytes(original, plan);
      const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      await fs.writeNew(temp, updated, { mode: mode & 0o777, sync: true });
      try {
        await fs.chmod(temp, mode & 0o7777);
        if (!(await lock.stillHeld())) {
          await fs.unlink(temp).catch(() => undefined);
          continue;
        }
        await renameWithRetry(fs, temp, file);
      } catch (error) {
        await fs.unlink(temp).catch(() => undefined);
        throw error;
      }
      return { entry: plan.entry, line: plan.line, path: file };
    } finally {
      await lock.release();
    }
  }
  throw new Error(`Lost the lock on ${file} ${maxAttempts} times in a row; the entry was not written.`);
}

/**
 * Inserts the planned text at the same place in the original bytes. The plan's offset is the
 * start of a line (or the end), and line breaks are single bytes in UTF-8 even when other bytes
 * are invalid, so counting them finds the same place.
 */
function spliceBytes(original: Buffer, plan: AppendPlan): Buffer {
  if (plan.atEnd) return Buffer.concat([original, Buffer.from(plan.insert, 'utf8')]);
  let at = 0;
  if (plan.lineIndex > 0) {
    let seen = 0;
    at = -1;
    for (let i = 0; i < original.length; i++) {
      if (original[i] === 0x0a && ++seen === plan.lineIndex) {
        at = i + 1;
        break;
      }
    }
    if (at === -1) throw new Error('The file changed while it was being read.');
  }
  return Buffer.concat([original.subarray(0, at), Buffer.from(plan.insert, 'utf8'), original.subarray(at)]);
}

/** Windows refuses to replace a file another program has open for a moment; try a few times. */
async function renameWithRetry(fs: AppendFs, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      const code = codeOf(error);
      if (attempt >= 4 || (code !== 'EPERM' && code !== 'EBUSY' && code !== 'EACCES')) throw error;
      await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
    }
  }
}
