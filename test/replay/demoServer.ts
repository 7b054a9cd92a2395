/**
 * The demo's Sentry and GitHub on one loopback port, with the settings that point Incident Desk
 * at them. Requests must carry the demo token, which the extension sends only in demo mode.
 */
import { DEMO_TOKEN } from '../../src/core/demo';
import { demoFacts, demoGitHubData, demoSentryData, DEMO_ORG, DEMO_PROJECT } from './demoData';
import { installGitHubRoutes } from './githubReplay';
import { ReplayServer } from './replayServer';
import { installSentryRoutes } from './sentryReplay';

export interface DemoReplay {
  server: ReplayServer;
  /** User settings for the editor: demo mode on, both services at the local server. */
  settings: Record<string, unknown>;
}

export async function startDemoReplay(repo?: string, port = 0): Promise<DemoReplay> {
  const now = Date.now();
  const facts = demoFacts({ now, repo });
  const server = await ReplayServer.start(port);
  setInterval(() => server.clearRequests(), 60_000).unref();
  installSentryRoutes(server, demoSentryData(facts, now), { token: DEMO_TOKEN });
  installGitHubRoutes(server, demoGitHubData(facts), { token: DEMO_TOKEN });
  return {
    server,
    settings: {
      'incidentDesk.demoData': true,
      'incidentDesk.sentry.baseUrl': server.url,
      'incidentDesk.sentry.organization': DEMO_ORG,
      'incidentDesk.sentry.projects': [DEMO_PROJECT],
      'incidentDesk.github.apiBaseUrl': server.url,
      // The service log scripts/demo-logs.mjs writes into the demo workspace.
      'incidentDesk.logs.sources': [{ name: 'checkout-service log', type: 'file', path: 'logs/checkout-service.log', success: { pattern: '^order created$' } }],
    },
  };
}
