/**
 * Changing an incident file as a whole (front matter and an entry at once, e.g. a status change)
 * under the same cross-process lock appends use: the editor, a second window and the command
 * line never lose each other's writes. Uses node's fs, never vscode.
 */
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import { basename, dirname, join } from 'path';
import { lockPathFor, nodeAppendFs } from './fileAppend';
import { acquireLock } from './fileLock';

/**
 * Replaces the file with `transform(text)` through a temporary file and a rename, while holding
 * the lock. Refuses a file that is not valid UTF-8, so damaged bytes are never rewritten.
 * Returns false when the transform changed nothing (the file is then left alone).
 */
export async function editIncidentFile(path: string, transform: (text: string) => string): Promise<boolean> {
  const file = await fsp.realpath(path);
  const lock = await acquireLock(lockPathFor(file), { fs: nodeAppendFs });
  try {
    const bytes = await fsp.readFile(file);
    const before = bytes.toString('utf8');
    if (!Buffer.from(before, 'utf8').equals(bytes)) {
      throw new Error(`${basename(file)} is not valid UTF-8; not changing it (fix the damaged bytes first).`);
    }
    const after = transform(before);
    if (after === before) return false;
    const { mode } = await fsp.stat(file);
    const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await fsp.writeFile(temp, after, { flag: 'wx', mode: mode & 0o777 });
    try {
      if (!(await lock.stillHeld())) throw new Error('Another writer took over the incident file; try again.');
      await fsp.rename(temp, file);
    } catch (e) {
      await fsp.unlink(temp).catch(() => undefined);
      throw e;
    }
    return true;
  } finally {
    await lock.release();
  }
}
