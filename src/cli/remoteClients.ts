/**
 * Sentry and GitHub clients from the workspace's settings and the tokens of the command line.
 * Demo mode (incidentDesk.demoData) sends the fixed demo token to a loopback address only, as
 * the extension does.
 */
import { DEMO_TOKEN, isLoopback } from '../core/demo';
import { SourceError } from '../core/errors';
import { GitHubClient } from '../sources/github/githubClient';
import { parseGitHubRemote } from '../sources/github/remote';
import { SentryClient } from '../sources/sentry/sentryClient';
import type { Workspace } from './workspace';

export function sentryClient(ws: Workspace): SentryClient {
  const s = ws.settings.sentry;
  const token = ws.tokens.sentry ?? (ws.settings.demoData && isLoopback(s.baseUrl) ? DEMO_TOKEN : undefined);
  if (!s.organization) throw new SourceError('notConfigured', 'not configured: set incidentDesk.sentry.organization in .vscode/settings.json');
  if (!token) throw new SourceError('notConfigured', 'no token: set INCIDENT_DESK_SENTRY_TOKEN (or pass --sentry-token)');
  return new SentryClient({ baseUrl: s.baseUrl, org: s.organization, projects: s.projects, environment: s.environment || undefined, token });
}

export function sentryConfigured(ws: Workspace): boolean {
  return ws.settings.sentry.organization !== '';
}

/** The GitHub client of the repository's remote, or a notConfigured error saying what is missing. */
export async function githubClient(ws: Workspace, signal?: AbortSignal): Promise<{ client: GitHubClient; repo: string }> {
  const g = ws.settings.github;
  if (!g.enabled) throw new SourceError('notConfigured', 'turned off (incidentDesk.github.enabled)');
  const url = await ws.repository?.remoteUrl(signal).catch(() => undefined);
  const ref = url ? parseGitHubRemote(url, { enterpriseHosts: g.enterpriseHosts }) : undefined;
  if (!ref) throw new SourceError('notConfigured', 'the repository has no GitHub remote');
  const apiBaseUrl = g.apiBaseUrl || ref.apiBaseUrl;
  const token = ws.tokens.github ?? (ws.settings.demoData && isLoopback(apiBaseUrl) ? DEMO_TOKEN : undefined);
  // No request without a token, as in the editor: the anonymous rate limit is too small to spend.
  if (!token) throw new SourceError('notConfigured', `no token for ${ref.owner}/${ref.name}: set INCIDENT_DESK_GITHUB_TOKEN or GITHUB_TOKEN`);
  return { client: new GitHubClient({ owner: ref.owner, name: ref.name }, { baseUrl: apiBaseUrl, token }), repo: `${ref.owner}/${ref.name}` };
}
