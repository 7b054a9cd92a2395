/**
 * The published API samples, kept in test/fixtures/api-samples (SOURCES.md there says where each
 * came from), so a clone alone runs every test. INCIDENT_DESK_API_SAMPLES overrides the folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** out/test/replay → the repository root is three levels up. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export function samplesDir(): string {
  return process.env.INCIDENT_DESK_API_SAMPLES ?? path.join(REPO_ROOT, 'test', 'fixtures', 'api-samples');
}

const cache = new Map<string, string>();

/** A fresh parsed copy of a sample, e.g. loadSample('sentry/org-issues-list.json'); safe to modify. */
export function loadSample<T = unknown>(relative: string): T {
  let text = cache.get(relative);
  if (text === undefined) {
    const file = path.join(samplesDir(), relative);
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`API sample ${relative} not found under ${samplesDir()} (${(e as Error).message})`);
    }
    cache.set(relative, text);
  }
  return JSON.parse(text) as T;
}

export type Json = Record<string, unknown>;

/** The first element of a list sample, as a template for variations. */
export function sampleItem(relative: string): Json {
  const list = loadSample<Json[]>(relative);
  if (!Array.isArray(list) || !list.length) throw new Error(`${relative} is not a non-empty list`);
  return list[0];
}
