/**
 * Serves demo data (organization and owner "acme-demo") until killed:
 *
 *   node out/test/replay/serve.js --sentry --github [--port N] [--repo PATH] [--token T]
 *
 * Both services share one port: Sentry under /api/0/, GitHub at /repos/ and /api/v3/repos/.
 * --repo reads the demo repository so remote shas match its commits. Prints one JSON line with
 * the addresses to configure, then logs nothing; SIGINT or SIGTERM stops it.
 */
import { demoFacts, demoGitHubData, demoSentryData, DEMO_ORG, DEMO_PROJECT, DEMO_REPO } from './demoData';
import { installGitHubRoutes } from './githubReplay';
import { ReplayServer } from './replayServer';
import { installSentryRoutes } from './sentryReplay';

interface Args {
  sentry: boolean;
  github: boolean;
  port: number;
  repo?: string;
  token?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { sentry: false, github: false, port: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--sentry') args.sentry = true;
    else if (a === '--github') args.github = true;
    else if (a === '--port') args.port = Number(value());
    else if (a === '--repo') args.repo = value();
    else if (a === '--token') args.token = value();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.sentry && !args.github) args.sentry = args.github = true;
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('--port must be 0..65535');
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const now = Date.now();
  const facts = demoFacts({ now, repo: args.repo });
  const server = await ReplayServer.start(args.port);
  // A long-running demo must not grow without bound.
  setInterval(() => server.clearRequests(), 60_000).unref();
  if (args.sentry) installSentryRoutes(server, demoSentryData(facts, now), { token: args.token });
  if (args.github) installGitHubRoutes(server, demoGitHubData(facts), { token: args.token });
  process.stdout.write(
    JSON.stringify({
      demo: true,
      note: 'Demo data for the acme-demo checkout-service; nothing here is real.',
      url: server.url,
      sentry: args.sentry ? { baseUrl: server.url, org: DEMO_ORG, projects: [DEMO_PROJECT], environment: 'production' } : undefined,
      github: args.github ? { baseUrl: server.url, enterpriseBaseUrl: `${server.url}/api/v3`, owner: DEMO_ORG, repo: DEMO_REPO } : undefined,
      fromRepository: args.repo ?? null,
    }) + '\n',
  );
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
