import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { mapFrameToFile, WorkspaceFileIndex } from '../../../src/core/frames/mapFrame';
import type { Commit } from '../../../src/core/model/changes';
import { mergeChangeEvents } from '../../../src/core/model/deploys';
import { topAppFrame } from '../../../src/core/model/errors';
import { GitHubClient } from '../../../src/sources/github/githubClient';
import { SentryClient } from '../../../src/sources/sentry/sentryClient';
import { demoFacts, demoGitHubData, demoSentryData } from '../../replay/demoData';
import { installGitHubRoutes } from '../../replay/githubReplay';
import { ReplayServer } from '../../replay/replayServer';
import { installSentryRoutes } from '../../replay/sentryReplay';
import { GitFixture, HOUR, MIN } from '../helpers/gitFixture';

const SERVE = path.resolve(__dirname, '../../replay/serve.js');

interface ServeInfo {
  demo: boolean;
  url: string;
  sentry: { baseUrl: string; org: string; projects: string[]; environment: string };
  github: { baseUrl: string; owner: string; repo: string };
}

function startServe(args: string[]): Promise<{ child: ChildProcess; info: ServeInfo }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ child, info: JSON.parse(out.slice(0, nl)) as ServeInfo });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

describe('demo replay', function () {
  this.timeout(15_000);

  it('serves labelled demo data from the CLI until it is stopped', async () => {
    const { child, info } = await startServe(['--sentry', '--github', '--port', '0']);
    try {
      assert.equal(info.demo, true);
      assert.equal(info.sentry.org, 'acme-demo');
      const now = Date.now();
      const window = { start: now - 24 * HOUR, end: now };
      const sentry = new SentryClient({ ...info.sentry, token: 'demo' });
      const github = new GitHubClient({ owner: info.github.owner, name: info.github.repo }, { baseUrl: info.github.baseUrl });
      const [changes, deploys] = await Promise.all([github.changes({ window }), sentry.deploys({ window })]);
      const latestDeploy = Math.max(...changes.events.filter((e) => e.kind === 'deployment').map((e) => e.time));
      const issues = await sentry.listIssues({ window, latestDeployTime: latestDeploy });
      assert.deepEqual(issues.issues.map((i) => [i.id, i.isNew]), [['9001', true], ['8710', false], ['8533', false]]);
      assert.match(issues.issues[0].project.name, /demo data/);
      assert.ok(deploys.length >= 1 && deploys[0].environment === 'production');

      const event = await sentry.latestEvent('9001');
      assert.deepEqual(event.exceptions.map((e) => e.type), ['OrderCreateError', 'DatabaseError']);
      const top = topAppFrame(event);
      const files = new WorkspaceFileIndex(['src/db/orders.ts', 'src/orders/createOrder.ts', 'src/api/orders.ts', 'test/db/orders.test.ts']);
      assert.deepEqual(top && mapFrameToFile(top, files), { kind: 'unique', path: 'src/orders/createOrder.ts', matchedSegments: Number.MAX_SAFE_INTEGER });
      const cause = event.exceptions[1].frames;
      assert.equal(cause[0].function, 'insertOrder');
      assert.equal(cause.find((f) => !f.inApp)?.function, 'Parser.parseErrorMessage', 'library frames follow, innermost first');

      const rows = mergeChangeEvents({ local: [], remote: changes.events });
      assert.ok(rows.some((r) => r.kind === 'pullRequest' && r.pullRequest.number === 226));
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    }
  });

  it('reads shas from a demo repository so remote rows join local commits', async () => {
    const repo = new GitFixture('idesk-demo-');
    const server = await ReplayServer.start();
    try {
      const now = Date.now();
      const base = repo.commit(now - 3 * HOUR, 'Initial import', { 'src/orders/meta.ts': 'export const a = 1;\n' });
      repo.git('checkout', '-q', '-b', 'refactor/order-meta');
      repo.commit(now - 2 * HOUR, 'Refactor order metadata builder', { 'src/orders/meta.ts': 'export const a = 2;\n' });
      repo.git('checkout', '-q', 'main');
      repo.gitAt(now - 48 * MIN, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #226 from acme-demo/refactor/order-meta\n\nRefactor order metadata builder', 'refactor/order-meta');
      const merge = repo.git('rev-parse', 'HEAD').trim();
      repo.gitAt(now - 30 * MIN, 'tag', '-a', '-m', 'deploy', 'deploy-20261123-1630');

      const facts = demoFacts({ now, repo: repo.root });
      assert.deepEqual(facts.merges.map((m) => [m.number, m.sha, m.login]), [[226, merge, 'test']]);
      assert.equal(facts.deploys[0].sha, merge, 'the annotated tag is peeled to its commit');
      installSentryRoutes(server, demoSentryData(facts, now));
      installGitHubRoutes(server, demoGitHubData(facts));

      const github = new GitHubClient({ owner: 'acme-demo', name: 'checkout-service' }, { baseUrl: server.url });
      const { events } = await github.changes({ window: { start: now - 24 * HOUR, end: now } });
      const local: Commit = { sha: merge, parents: [], authorName: 'Test Author', authorEmail: 'author@example.com', authorTime: now - 48 * MIN, commitTime: now - 48 * MIN, subject: 'Merge pull request #226', body: '', files: [], filesTotal: 0, branches: [] };
      const rows = mergeChangeEvents({ local: [local], remote: events });
      const prRow = rows.find((r) => r.kind === 'pullRequest' && r.pullRequest.number === 226);
      assert.ok(prRow && prRow.kind === 'pullRequest' && prRow.local === local && prRow.sources.includes('git'));
      assert.ok(rows.some((r) => r.kind === 'deployment' && r.sha === merge));
      const unfetched = rows.find((r) => r.kind === 'pullRequest' && r.pullRequest.number === 227);
      assert.ok(unfetched && unfetched.kind === 'pullRequest' && !unfetched.local && unfetched.remote, 'the fix merged on GitHub is one row with its commit, not in the clone');

      const cmp = await github.compare(base, merge);
      assert.equal(cmp.totalCommits, 2);
      assert.deepEqual(cmp.files.map((f) => [f.path, f.status]), [['src/orders/meta.ts', 'modified']]);
      await assert.rejects(github.compare('--output=x', merge), /not a ref/);
      // The fix merged on GitHub and deployed to canary: compared with the deploy before through the API.
      const fix = unfetched.sha!;
      const viaGitHub = await github.compare(merge, fix);
      assert.deepEqual(viaGitHub.commits.map((c) => c.sha), [fix]);
      assert.deepEqual(viaGitHub.files.map((f) => [f.path, f.status]), [['src/orders/meta.ts', 'modified']]);
      assert.equal(Buffer.from(await github.fileAt('src/orders/meta.ts', fix)).toString('utf8'), 'export const a = 2;\n');
      assert.ok(rows.some((r) => r.kind === 'deployment' && r.sha === fix && r.deployment.environment === 'canary'), 'the canary deploy of the fix is a row');
    } finally {
      await server.close();
      repo.remove();
    }
  });
});
