/** The Sentry issues of a window as the Errors view lists them: flagged new, new ones first. */
import type { TimeWindow } from '../../core/model/changes';
import type { ErrorIssue } from '../../core/model/errors';
import { withNewFlags } from '../../core/model/errors';
import type { SentryClient } from './sentryClient';

export interface SentryIssuesRequest {
  window: TimeWindow;
  /** The newest local deploy (git tag), if known: issues first seen after it are new. */
  latestLocalDeploy?: number;
  signal?: AbortSignal;
}

/**
 * Lists the window's issues and flags the new ones. Sentry's own deploys count as "the latest
 * deploy" too, but a failure to read them never holds the list up.
 */
export async function readSentryIssues(client: SentryClient, req: SentryIssuesRequest): Promise<{ issues: ErrorIssue[]; truncated: boolean }> {
  const { window, signal } = req;
  const deploys = client.deploys({ window, signal }).catch(() => []);
  const list = await client.listIssues({ window, signal, latestDeployTime: req.latestLocalDeploy });
  const sentryDeploy = Math.max(0, ...(await deploys).map((d) => d.time));
  const latest = Math.max(req.latestLocalDeploy ?? 0, sentryDeploy) || undefined;
  return { issues: sortIssues(withNewFlags(list.issues, window, latest)), truncated: list.truncated };
}

/** New issues first, then the most recently seen. */
export function sortIssues(issues: ErrorIssue[]): ErrorIssue[] {
  return [...issues].sort((a, b) => Number(b.isNew) - Number(a.isNew) || (b.lastSeen ?? 0) - (a.lastSeen ?? 0));
}
