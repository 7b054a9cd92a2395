/** What GitHub and Sentry say changed in a window: deployments, pull requests, releases, commits the clone lacks. */
import type { TimeWindow } from '../core/model/changes';
import type { RemoteChangeEvent } from '../core/model/deploys';
import type { CommandContext } from './context';
import { githubClient, sentryClient } from './remoteClients';
import { failedReport, type SourceReport } from './sourceStatus';

/**
 * Both services at once; each one's outcome is added to `sources` (GitHub first), and one failing
 * never stops the other. GitHub's events come first: when both report one deploy, its row
 * carries GitHub's details.
 */
export async function readRemote(ctx: CommandContext, window: TimeWindow, sources: SourceReport[]): Promise<RemoteChangeEvent[]> {
  const { ws, signal } = ctx;
  const w = { ...window, end: Math.max(window.end, ctx.now) };
  let githubReport: SourceReport | undefined;
  let sentryReport: SourceReport | undefined;
  const github = async (): Promise<RemoteChangeEvent[]> => {
    try {
      const { client, repo } = await githubClient(ws, signal);
      const result = await client.changes({ window: w, signal });
      const failed = result.failures[0];
      githubReport = failed ? { ...failedReport('GitHub', failed), detail: `${result.events.length} events; ${failedReport('GitHub', failed).detail}` } : { name: 'GitHub', state: 'ok', detail: `${result.events.length} events from ${repo}` };
      return result.events;
    } catch (e) {
      githubReport = failedReport('GitHub', e);
      return [];
    }
  };
  const sentry = async (): Promise<RemoteChangeEvent[]> => {
    try {
      const client = sentryClient(ws);
      const [releases, deploys] = await Promise.all([client.releases({ window: w, signal }), client.deploys({ window: w, signal })]);
      sentryReport = { name: 'Sentry', state: 'ok', detail: `${releases.length} releases, ${deploys.length} deploys` };
      return [...releases, ...deploys];
    } catch (e) {
      sentryReport = failedReport('Sentry', e);
      return [];
    }
  };
  // GitHub first: when both services report one deploy, its row carries GitHub's details.
  const [g, s] = await Promise.all([github(), sentry()]);
  for (const r of [githubReport, sentryReport]) if (r) sources.push(r);
  return [...g, ...s];
}
