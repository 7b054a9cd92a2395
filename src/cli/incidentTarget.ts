/**
 * Which incident file a command works on: `--incident <file>`, else the single open incident of
 * the incidents folder (the one the extension adopts too), else the newest open one, saying so.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { parseIncident } from '../core/timeline/parse';
import { pickOpenIncident, readIncidentFolder, resolveIncidentsFolder, type IncidentOnDisk } from '../core/timeline/incidentFolder';
import { nothingError } from './exitCodes';
import type { Output } from './output';
import type { Workspace } from './workspace';

export function incidentsFolder(ws: Workspace, out: Output): string {
  const { folder, warning } = resolveIncidentsFolder(ws.root, ws.settings.incidentsFolder);
  if (warning) out.note(`warning: ${warning}`);
  return folder;
}

export async function readIncidentAt(file: string): Promise<IncidentOnDisk> {
  const text = await fsp.readFile(file, 'utf8');
  return { path: file, name: path.basename(file), text, parsed: parseIncident(text) };
}

/** `readOnly`: with no open incident, the newest one (resolved or not) will do, e.g. to read its timeline. */
export async function targetIncident(ws: Workspace, out: Output, named: string | undefined, cwd: string, readOnly = false): Promise<IncidentOnDisk> {
  if (named) {
    const file = path.resolve(cwd, named);
    try {
      return await readIncidentAt(file);
    } catch {
      throw nothingError(`There is no incident file ${file}.`);
    }
  }
  const folder = incidentsFolder(ws, out);
  const rel = path.relative(process.cwd(), folder) || '.';
  const files = await readIncidentFolder(folder);
  const { file, note } = pickOpenIncident(files);
  if (!file && readOnly && files[0]) {
    out.note(`incident: ${path.join(rel, files[0].name)} (the newest; none is open)`);
    return files[0];
  }
  if (!file) {
    const what = files.length ? `All ${files.length} incident(s) in ${rel} are resolved` : `No incident in ${rel}`;
    throw nothingError(`${what}. Start one: incident-desk start "what is broken" --sev 2, or pass --incident <file>.`);
  }
  out.note(note ?? `incident: ${path.join(rel, file.name)}`);
  return file;
}

/** The incident a read command scopes its window to, if there is one; none is not an error. */
export async function optionalIncident(ws: Workspace, out: Output, named: string | undefined, cwd: string): Promise<IncidentOnDisk | undefined> {
  if (named) return targetIncident(ws, out, named, cwd);
  const files = await readIncidentFolder(incidentsFolder(ws, out)).catch(() => []);
  const { file } = pickOpenIncident(files);
  if (file) out.note(`window of incident ${file.name} (pass --since to choose another)`);
  return file;
}
