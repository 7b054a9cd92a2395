/**
 * The `incidentDesk.*` settings as the extension would see them in this folder: the workspace's
 * `.vscode/settings.json` (JSON with comments and trailing commas) over the defaults the
 * extension's manifest contributes. User settings of an editor are not read.
 */
import { existsSync, promises as fsp, readFileSync } from 'fs';
import * as path from 'path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { SettingKeys } from '../core/ids';
import type { SettingLookup } from '../core/settings';

const PREFIX = `${SettingKeys.section}.`;

export interface WorkspaceSettings {
  get: SettingLookup;
  /** The settings file read, if there was one. */
  file?: string;
  /** Problems of that file, with line numbers; the readable parts are still used. */
  problems: string[];
}

/** `contributes.configuration` defaults of the package this file was bundled into (dist/cli.js → ../package.json). */
export function contributedDefaults(): Map<string, unknown> {
  const defaults = new Map<string, unknown>();
  for (let dir = __dirname, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    try {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } } };
      if (pkg.name !== 'incident-desk') continue;
      for (const [key, spec] of Object.entries(pkg.contributes?.configuration?.properties ?? {})) {
        if (key.startsWith(PREFIX) && spec.default !== undefined) defaults.set(key.slice(PREFIX.length), spec.default);
      }
      return defaults;
    } catch {
      return defaults;
    }
  }
  return defaults;
}

export async function readWorkspaceSettings(workspace: string): Promise<WorkspaceSettings> {
  const defaults = contributedDefaults();
  const file = path.join(workspace, '.vscode', 'settings.json');
  let text: string;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch {
    return { get: (k) => defaults.get(k), problems: [] };
  }
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
  const problems = errors.map((e) => `${path.relative(workspace, file)}:${lineOf(text, e.offset)}: ${printParseErrorCode(e.error)}`);
  const values = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) problems.push(`${path.relative(workspace, file)}: not a JSON object; using the defaults`);
  const get: SettingLookup = (key) => {
    const flat = values[PREFIX + key];
    if (flat !== undefined) return flat;
    return defaults.get(key);
  };
  return { get, file, problems };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
