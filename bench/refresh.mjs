// Refresh benchmark: four sources whose servers answer after 100, 200, 400 and 800 ms (Sentry,
// GitHub, Loki, Elasticsearch, each through its real client over a socket to a local replay
// server), refreshed through the overview's RefreshRunner. The run should take about as long
// as the slowest source measured alone, not the sum: the ratio is printed (target <= 1.10).
//   node bench/run.mjs refresh
import path from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchRefresh(root, runs = 5) {
  const out = (p) => require(path.join(root, 'out', p));
  const { RefreshRunner } = out('src/core/refresh/refreshRunner.js');
  const { SentryClient } = out('src/sources/sentry/sentryClient.js');
  const { GitHubClient } = out('src/sources/github/githubClient.js');
  const { readLokiLogs } = out('src/sources/logs/loki/lokiLogSource.js');
  const { readElasticsearchLogs } = out('src/sources/logs/elasticsearch/elasticsearchLogSource.js');
  const { startSentryReplay, sampleSentryData } = out('test/replay/sentryReplay.js');
  const { startGitHubReplay, sampleGitHubData } = out('test/replay/githubReplay.js');
  const { startLokiReplay } = out('test/replay/lokiReplay.js');
  const { startElasticReplay } = out('test/replay/elasticReplay.js');

  const now = Date.now();
  const window = { start: now - 24 * 3_600_000, end: now };
  const sentry = await startSentryReplay(sampleSentryData('acme'), { token: 'bench' });
  const github = await startGitHubReplay(sampleGitHubData('acme', 'shop'), { token: 'bench' });
  const loki = await startLokiReplay();
  const elastic = await startElasticReplay();
  const servers = [sentry.server, github.server, loki.server, elastic.server];
  const delays = [100, 200, 400, 800];
  // Every request to a server waits its delay before the normal answer.
  servers.forEach((s, i) => s.fault(/.*/, { kind: 'slow', delayMs: delays[i] }));

  const http = { timeoutMs: 10_000 };
  const tasks = [
    { name: 'Sentry (100 ms)', run: (signal) => new SentryClient({ baseUrl: sentry.url, org: 'acme', projects: [], token: 'bench' }, http).listIssues({ window, signal }) },
    { name: 'GitHub (200 ms)', run: (signal) => new GitHubClient({ owner: 'acme', name: 'shop' }, { baseUrl: github.url, token: 'bench', ...http }).changes({ window, signal }) },
    { name: 'Loki (400 ms)', run: (signal) => readLokiLogs({ label: 'loki', baseUrl: loki.url, query: '{job="varlogs"}', http }, { window, signal }) },
    { name: 'Elasticsearch (800 ms)', run: (signal) => readElasticsearchLogs({ label: 'es', baseUrl: elastic.url, index: 'my-index-000001', http }, { window, signal }) },
  ];
  try {
    // Warm up the clients' code once.
    await new RefreshRunner({ tasks: () => tasks }).run();
    const alone = new Map(tasks.map((t) => [t.name, []]));
    const together = [];
    for (let r = 0; r < runs; r++) {
      for (const t of tasks) {
        const s = performance.now();
        await t.run(new AbortController().signal);
        alone.get(t.name).push(performance.now() - s);
      }
      const result = await new RefreshRunner({ tasks: () => tasks }).run();
      const failed = result.outcomes.filter((o) => !o.ok);
      if (failed.length) throw new Error(`refresh bench: ${failed.map((o) => `${o.name}: ${o.error.message}`).join('; ')}`);
      together.push(result.ms);
    }
    const each = tasks.map((t) => [t.name, median(alone.get(t.name))]);
    const slowest = Math.max(...each.map(([, v]) => v));
    const sum = each.reduce((n, [, v]) => n + v, 0);
    const total = median(together);
    console.log(`refresh      alone: ${each.map(([n, v]) => `${n} ${v.toFixed(0)} ms`).join(', ')}`);
    console.log(`refresh      all four at once ${total.toFixed(0)} ms; slowest alone ${slowest.toFixed(0)} ms; sum ${sum.toFixed(0)} ms; ratio to the slowest ${(total / slowest).toFixed(2)}x (target <= 1.10)`);
    return { total, slowest, sum };
  } finally {
    await Promise.all(servers.map((s) => s.close()));
  }
}
