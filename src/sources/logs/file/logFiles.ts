/**
 * The files a file log source names: one path or a glob (picomatch), relative to the workspace
 * or absolute (`/var/log/app/*.log`), plus the rotated siblings of each match (`app.log.1`,
 * `app.log.2.gz`, `app.log-20240501.gz`). Oldest first, so entries arrive roughly in order.
 */

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { SourceError } from '../../../core/errors';

export interface LogFile {
  path: string;
  size: number;
  mtimeMs: number;
  compressed: boolean;
}

export interface ResolveOptions {
  /** Folder that relative patterns start from (the workspace folder). */
  cwd?: string;
  /** Add rotated siblings of every matched file; default true. */
  includeRotated?: boolean;
  signal?: AbortSignal;
}

// A glob walk stops here: a pattern like `/**/*.log` must not crawl a whole disk.
const MAX_WALK_ENTRIES = 20_000;
const MAX_FILES = 200;

export async function resolveLogFiles(pattern: string, options: ResolveOptions = {}): Promise<LogFile[]> {
  const normalized = process.platform === 'win32' ? pattern.replace(/\\/g, '/') : pattern;
  const absolute = path.isAbsolute(normalized) ? normalized : path.resolve(options.cwd ?? process.cwd(), normalized);
  const scan = picomatch.scan(absolute);
  let matched: string[];
  if (!scan.isGlob) matched = [path.normalize(absolute)];
  else {
    const isMatch = picomatch(scan.glob, { dot: false, windows: false });
    const depth = scan.isGlobstar ? 16 : scan.glob.split('/').length;
    matched = await walk(scan.base || '/', depth, (rel) => isMatch(rel), options.signal);
  }
  const all = new Set<string>();
  for (const file of matched) {
    all.add(file);
    if (options.includeRotated !== false) for (const r of await rotatedSiblings(file)) all.add(r);
  }
  const files: LogFile[] = [];
  let missing = 0;
  let lastError: NodeJS.ErrnoException | undefined;
  for (const file of all) {
    try {
      const st = await fsp.stat(file);
      if (!st.isFile()) continue;
      files.push({ path: file, size: st.size, mtimeMs: st.mtimeMs, compressed: file.endsWith('.gz') });
    } catch (e) {
      missing++;
      lastError = e as NodeJS.ErrnoException;
    }
  }
  if (files.length === 0) {
    if (lastError?.code === 'EACCES' || lastError?.code === 'EPERM') {
      throw new SourceError('forbidden', `No permission to read ${pattern}.`, undefined, lastError.message);
    }
    throw new SourceError('notFound', scan.isGlob ? `No log file matches ${pattern}.` : `Log file not found: ${pattern}.`, undefined, missing ? lastError?.message : undefined);
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || rotationIndex(b.path) - rotationIndex(a.path) || a.path.localeCompare(b.path));
  return files.slice(-MAX_FILES);
}

/** `app.log.3.gz` → 3, `app.log` → 0: a higher number is older. */
function rotationIndex(file: string): number {
  const m = /\.(\d{1,4})(?:\.gz)?$/.exec(file);
  return m ? Number(m[1]) : 0;
}

async function rotatedSiblings(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const name = path.basename(file);
  if (/\.(?:\d+|gz)$/.test(name)) return [];
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const rotated = new RegExp(`^${escaped}(?:[.-](?:\\d{1,4}|\\d{4}-?\\d\\d-?\\d\\d(?:[-_]?\\d+)?))?(?:\\.gz)?$`);
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  return names.filter((n) => n !== name && rotated.test(n)).map((n) => path.join(dir, n));
}

async function walk(base: string, depth: number, match: (rel: string) => boolean, signal?: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  let seen = 0;
  const visit = async (dir: string, rel: string, level: number): Promise<void> => {
    if (signal?.aborted) throw new SourceError('cancelled', 'Cancelled.');
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_WALK_ENTRIES) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isFile() || e.isSymbolicLink()) {
        if (match(r)) out.push(path.join(dir, e.name));
      } else if (e.isDirectory() && level < depth) await visit(path.join(dir, e.name), r, level + 1);
    }
  };
  await visit(base, '', 1);
  return out;
}
