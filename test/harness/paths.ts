// Where things are: the project, its manifest, code-server, the browser, and test artifacts.
import * as fs from 'fs';
import * as path from 'path';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'incident-desk') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no incident-desk package.json above ${start}`);
  }
}

/** The extension's folder (the repository root); works from test/harness and out/test/harness. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

export interface Manifest {
  name: string;
  publisher: string;
  version: string;
  main?: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    viewsContainers?: { activitybar?: { id: string; title: string }[] };
    views?: Record<string, { id: string; name: string }[]>;
  };
}

export function readManifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Manifest;
}

export const manifest = readManifest();
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
/** Title of the activity-bar entry: the aria-label the workbench gives it. */
export const CONTAINER_TITLE = manifest.contributes?.viewsContainers?.activitybar?.[0]?.title ?? 'Incident Desk';

export const CODE_SERVER =
  process.env.CODE_SERVER || path.join(PROJECT_ROOT, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** test-results/<suite>, created on demand. */
export function resultsDir(suite: string): string {
  const dir = path.join(PROJECT_ROOT, 'test-results', suite);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function assertToolsInstalled(): void {
  const missing = [CODE_SERVER, CHROMIUM].filter((p) => !fs.existsSync(p));
  if (missing.length) throw new Error(`missing ${missing.join(', ')}: run bash scripts/setup.sh`);
  const bundle = path.join(PROJECT_ROOT, manifest.main ?? 'dist/extension.js');
  if (!fs.existsSync(bundle)) throw new Error(`missing ${bundle}: run npm run build`);
}
