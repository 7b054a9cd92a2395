/**
 * The incidents folder on disk, as the extension and the command line both see it: where it is,
 * which files in it are incidents, which one is newest, and creating a file without ever
 * replacing one. Uses node's fs, never vscode.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import type { IncidentMeta, ParsedIncident } from '../model/incident';
import { parseIncident } from './parse';
import { isIncidentFileName, isInside, numberedFileName, startedAt } from './incidentText';

/**
 * The folder of `incidentDesk.incidentsFolder` inside `root`. A setting that points outside the
 * root is not used: `incidents` is, with a warning to pass on.
 */
export function resolveIncidentsFolder(root: string, wanted: string): { folder: string; warning?: string } {
  const resolved = path.resolve(root, wanted || 'incidents');
  if (isInside(root, resolved)) return { folder: resolved };
  return { folder: path.join(root, 'incidents'), warning: `incidentDesk.incidentsFolder "${wanted}" is outside the workspace; using "incidents" instead` };
}

export interface IncidentOnDisk {
  path: string;
  name: string;
  text: string;
  parsed: ParsedIncident;
}

/** Newest first: by start time, then by file name (the date leads it). */
export function newestFirst<T extends { name: string; parsed: { meta: IncidentMeta } }>(a: T, b: T): number {
  return (startedAt(b.parsed.meta) ?? 0) - (startedAt(a.parsed.meta) ?? 0) || b.name.localeCompare(a.name);
}

/** Every incident file of the folder, parsed, newest first; an absent folder has none. */
export async function readIncidentFolder(folder: string): Promise<IncidentOnDisk[]> {
  let names: string[];
  try {
    const entries = await fsp.readdir(folder, { withFileTypes: true });
    names = entries.filter((e) => e.isFile() && isIncidentFileName(e.name)).map((e) => e.name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const files = await Promise.all(
    names.map(async (name): Promise<IncidentOnDisk | undefined> => {
      const file = path.join(folder, name);
      const text = await fsp.readFile(file, 'utf8').catch(() => undefined);
      return text === undefined ? undefined : { path: file, name, text, parsed: parseIncident(text) };
    }),
  );
  return files.filter((f): f is IncidentOnDisk => f !== undefined).sort(newestFirst);
}

export function isOpenIncident(f: { parsed: { meta: IncidentMeta } }): boolean {
  return f.parsed.meta.status !== 'resolved';
}

/**
 * The incident to work on when none was named: the single open one (the rule the extension uses
 * to adopt an incident), else the newest open one, with a note saying so when there was a choice.
 */
export function pickOpenIncident<T extends { name: string; parsed: { meta: IncidentMeta } }>(files: readonly T[]): { file?: T; note?: string } {
  const open = [...files].filter(isOpenIncident).sort(newestFirst);
  if (open.length === 0) return {};
  if (open.length === 1) return { file: open[0] };
  return { file: open[0], note: `${open.length} incidents are open; using the newest, ${open[0]!.name} (pick another with --incident)` };
}

/** Creates `fileName` in `folder` without ever replacing a file: `a.md`, then `a-2.md`, `a-3.md` … */
export async function writeNewIncidentFile(folder: string, fileName: string, text: string): Promise<string> {
  await fsp.mkdir(folder, { recursive: true });
  for (let attempt = 1; attempt < 1000; attempt++) {
    const target = path.join(folder, numberedFileName(fileName, attempt));
    try {
      await fsp.writeFile(target, text, { flag: 'wx' });
      return target;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  throw new Error(`Too many incident files named like ${fileName}.`);
}
