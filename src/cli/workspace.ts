/**
 * Where the command line runs: the workspace folder (the nearest folder with a
 * `.vscode/settings.json`, else the repository's top level, else the current folder), its git
 * repository if any, its settings, and the tokens from flags and the environment.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { isSourceError } from '../core/errors';
import { settingsFrom, type Settings } from '../core/settings';
import { GitRepository } from '../sources/git/repository';
import { nothingError } from './exitCodes';
import type { Output } from './output';
import { readWorkspaceSettings, type WorkspaceSettings } from './settingsFile';

export interface Tokens {
  sentry?: string;
  github?: string;
}

export interface Workspace {
  /** The folder settings and the incidents folder are relative to. */
  root: string;
  repository?: GitRepository;
  /** Why there is no repository ('notARepository', 'toolMissing' or a message). */
  repositoryProblem?: string;
  settings: Settings;
  raw: WorkspaceSettings;
  tokens: Tokens;
}

export interface WorkspaceFlags {
  cwd?: string;
  sentryToken?: string;
  githubToken?: string;
}

export async function openWorkspace(flags: WorkspaceFlags, out: Output, env: NodeJS.ProcessEnv = process.env): Promise<Workspace> {
  const cwd = path.resolve(flags.cwd ?? process.cwd());
  if (!existsSync(cwd)) throw nothingError(`${cwd} does not exist.`);
  let repository: GitRepository | undefined;
  let repositoryProblem: string | undefined;
  try {
    repository = await GitRepository.open(cwd);
  } catch (e) {
    repositoryProblem = isSourceError(e) && e.kind === 'toolMissing' ? 'Git was not found on the PATH.' : `${cwd} is not inside a git repository.`;
  }
  const root = workspaceFolder(cwd, repository?.root);
  const raw = await readWorkspaceSettings(root);
  for (const p of raw.problems) out.note(`warning: ${p}`);
  const tokens: Tokens = {
    sentry: flags.sentryToken || env.INCIDENT_DESK_SENTRY_TOKEN || env.SENTRY_AUTH_TOKEN || undefined,
    github: flags.githubToken || env.INCIDENT_DESK_GITHUB_TOKEN || env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
  };
  out.secret(tokens.sentry);
  out.secret(tokens.github);
  return { root, repository, repositoryProblem, settings: settingsFrom(raw.get), raw, tokens };
}

/** The nearest folder from `cwd` up to the repository's top level that has `.vscode/settings.json`. */
function workspaceFolder(cwd: string, repoRoot: string | undefined): string {
  const top = repoRoot ? path.resolve(repoRoot) : undefined;
  for (let dir = cwd; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.vscode', 'settings.json'))) return dir;
    if (!top || dir === top || path.dirname(dir) === dir) break;
  }
  return top ?? cwd;
}

/** The repository, or the exit-3 error that says why there is none. */
export function requireRepository(ws: Workspace): GitRepository {
  if (ws.repository) return ws.repository;
  throw nothingError(`${ws.repositoryProblem ?? 'No git repository here.'} Run it inside a repository, or pass -C <folder>.`);
}
