/**
 * Runs the built command line (dist/cli.js) as a child process, the way a person or a script
 * would, and collects what it printed and how it exited.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Environment of a clean terminal-less run: no colour forcing, no tokens from the machine running the tests. */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (/^(INCIDENT_DESK_|GITHUB_TOKEN$|GH_TOKEN$|SENTRY_AUTH_TOKEN$|FORCE_COLOR$|NO_COLOR$)/.test(k)) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export function runCli(args: readonly string[], o: RunOptions): Promise<CliResult> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: o.cwd, env: cleanEnv(o.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** The JSON a --json run printed on stdout; fails with the whole output when it is not JSON. */
export function json<T = Record<string, unknown>>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/** Writes `.vscode/settings.json` as a person would: with comments and trailing commas. */
export function writeSettings(root: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.join(root, '.vscode'), { recursive: true });
  const body = Object.entries(settings)
    .map(([k, v]) => `  // set by the test\n  ${JSON.stringify(k)}: ${JSON.stringify(v)},`)
    .join('\n');
  fs.writeFileSync(path.join(root, '.vscode', 'settings.json'), `{\n${body}\n}\n`);
}

const ESC = String.fromCharCode(27);
export const hasAnsi = (text: string): boolean => text.includes(`${ESC}[`);
