import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitFixture } from '../unit/helpers/gitFixture';
import { closedPort, ReplayServer } from '../replay/replayServer';
import { commitsFromSample, deploymentsFromSample, installGitHubRoutes, pullsFromSample, releasesFromSample, sampleGitHubData, statusFromSample } from '../replay/githubReplay';
import { installSentryRoutes, issuesFromSample, sampleSentryData } from '../replay/sentryReplay';
import { installLokiRoutes, lokiStream } from '../replay/lokiReplay';
import { elasticHits, installElasticRoutes } from '../replay/elasticReplay';
import { spawn } from 'node:child_process';
import { CLI, hasAnsi, json, runCli, writeSettings } from './runCli';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SENTRY_TOKEN = 'sntrys_cli_test_secret_0123456789';
const GITHUB_TOKEN = 'ghp_cli_test_secret_abcdefghij';
const ORG = 'the-interstellar-jurisdiction';

interface SourceRow {
  name: string;
  state: string;
  detail: string;
  error?: string;
}

describe('cli: sources through the local replay servers', function () {
  this.timeout(90_000);
  const now = Date.now();
  let repo: GitFixture;
  let github: ReplayServer;
  let sentry: ReplayServer;
  let prSha: string;
  let configSha: string;

  before(async () => {
    repo = new GitFixture('idesk-cli-sources-');
    repo.git('config', 'user.name', 'Dana Ops');
    repo.git('config', 'user.email', 'dana@example.com');
    repo.git('remote', 'add', 'origin', 'https://github.com/octocat/Hello-World.git');
    repo.commit(now - 5 * HOUR, 'Initial service', { 'src/app.ts': 'export const app = 1;\n' });
    repo.gitAt(now - 4 * HOUR, 'tag', 'deploy-41');
    repo.gitAt(now - 3 * HOUR, 'checkout', '-q', '-b', 'feature');
    repo.commit(now - 3 * HOUR, 'Retry payments twice', { 'src/payments.ts': 'export const retries = 2;\n' });
    repo.gitAt(now - 2 * HOUR, 'checkout', '-q', 'main');
    repo.gitAt(now - 2 * HOUR, 'merge', '--no-ff', '-q', '-m', 'Merge pull request #42 from octo/feature\n\nRetry payment calls', 'feature');
    prSha = repo.gitAt(now - 2 * HOUR, 'rev-parse', 'HEAD').trim();
    repo.gitAt(now - 90 * MIN, 'tag', 'deploy-42');
    configSha = repo.commit(now - 30 * MIN, 'Turn on new checkout flag', { 'config/flags.yaml': 'newCheckout: true\n' });

    github = await ReplayServer.start();
    installGitHubRoutes(
      github,
      {
        ...sampleGitHubData(),
        pulls: pullsFromSample([{ number: 42, mergedAt: now - 2 * HOUR, title: 'Retry payment calls', sha: prSha }]),
        deployments: deploymentsFromSample([{ id: 7, createdAt: now - 80 * MIN, sha: prSha, environment: 'production' }]),
        statuses: { '*': [statusFromSample('success', now - 75 * MIN)] },
        releases: releasesFromSample([{ tag: 'v2.4.0', publishedAt: now - 85 * MIN }]),
        commits: commitsFromSample([{ message: 'Hotfix pushed from another clone', at: now - 10 * MIN }]),
      },
      { token: GITHUB_TOKEN },
    );
    sentry = await ReplayServer.start();
    installSentryRoutes(sentry, { ...sampleSentryData(ORG), issues: issuesFromSample(3, { now, spacingMs: 5 * MIN }), releases: [] }, { token: SENTRY_TOKEN });
  });

  after(async () => {
    await github.close();
    await sentry.close();
    fs.rmSync(repo.root, { recursive: true, force: true });
  });

  beforeEach(() => {
    sentry.clearFaults();
    github.clearFaults();
  });

  const settings = (extra: Record<string, unknown> = {}): void =>
    writeSettings(repo.root, {
      'incidentDesk.github.apiBaseUrl': github.url,
      'incidentDesk.sentry.baseUrl': sentry.url,
      'incidentDesk.sentry.organization': ORG,
      'incidentDesk.changes.riskPatterns': { flags: ['config/flags.yaml'] },
      ...extra,
    });
  const tokens = { INCIDENT_DESK_SENTRY_TOKEN: SENTRY_TOKEN, INCIDENT_DESK_GITHUB_TOKEN: GITHUB_TOKEN };
  const run = (args: string[], env: Record<string, string | undefined> = tokens) => runCli(args, { cwd: repo.root, env });

  it('changes: deploys, the pull request and the flag change marked, with GitHub rows merged in', async () => {
    settings();
    const r = await run(['changes', '--since', '6h']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!hasAnsi(r.stdout));
    const out = r.stdout;
    assert.match(out, /· last 6 h · 4 commit\(s\), 1 pull request\(s\), 2 deploy tag\(s\)/);
    assert.match(out, /^● not yet deployed\n {2}[0-9a-f]{8}\s+\S+\s+Test Author\s+Turn on new checkout flag \[config, flags\]$/m);
    assert.match(out, /^▲ deployed deploy-42 /m);
    assert.match(out, /PR #42 Retry payment calls$/m);
    assert.match(out, /^▲ deployed deploy-41 /m);
    assert.match(out, /^From GitHub and Sentry$/m);
    assert.match(out, /deploy production success\s+[0-9a-f]{8}/);
    assert.match(out, /release v2\.4\.0/);
    assert.match(out, /commit \(not in this clone\)\s+[0-9a-f]{8}\s+Hotfix pushed from another clone/);

    const j = json<{ groups: Array<{ deploy: { tag: string } | null; rows: Array<{ kind: string; sha: string; risks: string[]; number?: number }> }>; remote: Array<{ kind: string }>; sources: SourceRow[] }>(await run(['changes', '--since', '6h', '--json']));
    assert.deepEqual(j.groups.map((g) => g.deploy?.tag ?? null), [null, 'deploy-42', 'deploy-41']);
    assert.equal(j.groups[0]!.rows[0]!.sha, configSha);
    assert.deepEqual(j.groups[0]!.rows[0]!.risks, ['config', 'flags']);
    assert.equal(j.groups[1]!.rows[0]!.kind, 'pullRequest');
    assert.equal(j.groups[1]!.rows[0]!.number, 42);
    assert.deepEqual(j.remote.map((x) => x.kind).sort(), ['commit', 'deployment', 'pullRequest', 'release']);
    assert.deepEqual(j.sources.map((s) => [s.name, s.state]), [['git', 'ok'], ['GitHub', 'ok'], ['Sentry', 'ok']]);
  });

  it('changes --from/--to reads exactly that window; bad windows are usage errors', async () => {
    settings();
    const j = json<{ window: { label: string }; groups: Array<{ rows: Array<{ sha: string }> }> }>(await run(['changes', '--from', '150m', '--to', '60m', '--json', '--no-remote']));
    assert.equal(j.window.label, '150m to 60m');
    assert.deepEqual(j.groups.flatMap((g) => g.rows.map((r) => r.sha)), [prSha]);
    for (const args of [['--from', 'soon'], ['--to', '1h'], ['--since', '2h', '--from', '3h'], ['--from', '1h', '--to', '2h']]) {
      const r = await run(['changes', ...args]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /^error: changes: /m);
    }
  });

  it('changes: a refused Sentry is reported, git and GitHub still print, and the exit status is 1', async () => {
    settings({ 'incidentDesk.sentry.baseUrl': `http://127.0.0.1:${await closedPort()}` });
    const r = await run(['changes', '--since', '6h']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Turn on new checkout flag/);
    assert.match(r.stdout, /deploy production success/);
    assert.match(r.stderr, /✗ Sentry: unreachable/);
    const j = json<{ sources: SourceRow[] }>(await run(['changes', '--since', '6h', '--json']));
    assert.deepEqual(j.sources.find((s) => s.name === 'Sentry')?.error, 'unreachable');
  });

  it('on a terminal: colour, relative times, and a progress line on stderr while a slow source loads', async function () {
    const script = ['/usr/bin/script', '/bin/script'].find((p) => fs.existsSync(p));
    if (!script) this.skip();
    settings();
    sentry.fault(/\/releases\//, { kind: 'slow', delayMs: 1500 });
    const command = [process.execPath, CLI, 'changes', '--since', '6h'].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = await new Promise<{ out: string; code: number | null }>((resolve, reject) => {
      const child = spawn(script!, ['-qec', command, '/dev/null'], { cwd: repo.root, env: { ...process.env, ...tokens, NO_COLOR: '', FORCE_COLOR: '' } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ out, code }));
    });
    assert.equal(r.code, 0, r.out);
    assert.ok(hasAnsi(r.out), 'coloured on a terminal');
    assert.match(r.out, /asking GitHub and Sentry…/, 'progress while the slow source loads');
    assert.match(r.out, /\d+ (min|h) ago/, 'relative times');
    assert.ok(!r.out.includes(GITHUB_TOKEN) && !r.out.includes(SENTRY_TOKEN));
  });

  it('Ctrl-C cancels a slow source at once and exits 130', async () => {
    settings();
    sentry.fault(/\/releases\//, { kind: 'slow', delayMs: 20_000 });
    const child = spawn(process.execPath, [CLI, 'changes', '--since', '6h'], { cwd: repo.root, env: { ...process.env, ...tokens } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    await new Promise((r) => setTimeout(r, 1500));
    const sent = Date.now();
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr);
    assert.ok(Date.now() - sent < 5000, 'stopped promptly');
  });

  it('changes: no GitHub token means no GitHub request, said once, exit 0', async () => {
    settings();
    github.clearRequests();
    const r = await run(['changes', '--since', '6h'], { INCIDENT_DESK_SENTRY_TOKEN: SENTRY_TOKEN });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GitHub: no token for octocat\/Hello-World: set INCIDENT_DESK_GITHUB_TOKEN or GITHUB_TOKEN/);
    assert.equal(github.requests.length, 0);
  });

  it('errors: the window\'s Sentry issues, new first; 500 → exit 1; not configured → exit 3', async () => {
    settings();
    const r = await run(['errors', '--since', '3h']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Sentry · last 3 h · 3 issue\(s\), 3 new$/m);
    assert.match(r.stdout, /^NEW\s+error\s+PUMP-STATION-1001\s+10\s+0 users\s+\S+\s+Example exception number 1/m);
    const j = json<{ issues: Array<{ shortId: string; isNew: boolean }>; sources: SourceRow[] }>(await run(['errors', '--since', '3h', '--json']));
    assert.deepEqual(j.issues.map((i) => i.shortId), ['PUMP-STATION-1001', 'PUMP-STATION-1002', 'PUMP-STATION-1003']);

    sentry.fault(/\/issues\//, { status: 500 });
    const failed = await run(['errors', '--since', '3h', '--json']);
    assert.equal(failed.code, 1, failed.stderr);
    assert.equal(json<{ sources: SourceRow[] }>(failed).sources[0]!.state, 'failed');

    settings({ 'incidentDesk.sentry.organization': '' });
    const none = await run(['errors', '--since', '3h']);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /Sentry: not configured: set incidentDesk\.sentry\.organization/);
  });

  it('never prints a token: not in errors, not in --json, not when a proxy echoes it back', async () => {
    settings();
    sentry.fault(/\/issues\//, { kind: 'html', status: 502, echoAuthorization: true });
    const viaEnv = await run(['errors', '--since', '3h', '--json']);
    const viaFlag = await run(['errors', '--since', '3h', '--sentry-token', SENTRY_TOKEN, '--github-token', GITHUB_TOKEN], {});
    const wrong = await run(['changes', '--since', '6h', '--json'], { INCIDENT_DESK_SENTRY_TOKEN: SENTRY_TOKEN, INCIDENT_DESK_GITHUB_TOKEN: 'ghp_wrong_token_zyxwvut' });
    for (const r of [viaEnv, viaFlag, wrong]) {
      for (const secret of [SENTRY_TOKEN, GITHUB_TOKEN, 'ghp_wrong_token_zyxwvut']) {
        assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `a token was printed:\n${r.stdout}\n${r.stderr}`);
      }
    }
    assert.equal(viaEnv.code, 1);
    assert.equal(json<{ sources: SourceRow[] }>(wrong).sources.find((s) => s.name === 'GitHub')?.error, 'unauthorized');
  });

  it('logs: file, Loki and Elasticsearch read at once; a refused one fails alone (exit 1); --source picks', async () => {
    const loki = await ReplayServer.start();
    const elastic = await ReplayServer.start();
    try {
      const t = now - 20 * MIN;
      installLokiRoutes(loki, [lokiStream({ app: 'checkout' }, Array.from({ length: 30 }, (_, i) => ({ time: t + i * 1000, line: `level=error msg="payment timeout after ${100 + i}ms"` })))]);
      installElasticRoutes(elastic, elasticHits('logs-app', Array.from({ length: 12 }, (_, i) => ({ time: t + i * 1000, level: 'error', message: `db pool exhausted (waiters=${i})` }))), {});
      fs.mkdirSync(path.join(repo.root, 'logs'), { recursive: true });
      const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ time: new Date(t + i * 1000).toISOString(), level: 'error', msg: `cart service 503 for user ${i}` }));
      fs.writeFileSync(path.join(repo.root, 'logs', 'app.log'), `${lines.join('\n')}\n`);
      const sources = [
        { name: 'app-file', type: 'file', path: 'logs/app.log' },
        { name: 'loki', type: 'loki', url: loki.url, query: '{app="checkout"}' },
        { name: 'es', type: 'elasticsearch', url: elastic.url, index: 'logs-*' },
        { name: 'dead-loki', type: 'loki', url: `http://127.0.0.1:${await closedPort()}`, query: '{app="x"}' },
      ];
      settings({ 'incidentDesk.logs.sources': sources });
      const r = await run(['logs', '--since', '1h']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /^✓ app-file \(file\) · 20 entries · 20 errors/m);
      assert.match(r.stdout, /^✓ loki \(loki\) · 30 entries · 30 errors/m);
      assert.match(r.stdout, /^✓ es \(elasticsearch\) · 12 entries · 12 errors/m);
      assert.match(r.stdout, /^\s+20\s+error\s+cart service <num> for user <num>/m);
      assert.match(r.stdout, /^✗ dead-loki \(loki\): unreachable/m);
      const j = json<{ sources: Array<{ name: string; state: string; signatures: unknown[] }> }>(await run(['logs', '--since', '1h', '--json']));
      assert.deepEqual(j.sources.map((s) => [s.name, s.state]), [['app-file', 'ok'], ['loki', 'ok'], ['es', 'ok'], ['dead-loki', 'failed']]);
      const one = await run(['logs', '--since', '1h', '--source', 'loki', '--json']);
      assert.equal(one.code, 0, one.stderr);
      assert.deepEqual(json<{ sources: Array<{ name: string }> }>(one).sources.map((s) => s.name), ['loki']);
      const bad = await run(['logs', '--source', 'nope']);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /no source named 'nope'; configured: app-file, loki, es, dead-loki/);
    } finally {
      await loki.close();
      await elastic.close();
    }
    settings();
    const none = await run(['logs']);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /No log sources are configured/);
  });

  it('logs: Loki credentials come from INCIDENT_DESK_LOG_CREDENTIALS_<NAME>, and are never printed', async () => {
    const secret = 'loki_cli_secret_token_42';
    const loki = await ReplayServer.start();
    try {
      installLokiRoutes(loki, [lokiStream({ app: 'checkout' }, [{ time: now - 5 * MIN, line: 'level=error msg="boom"' }])], { token: secret });
      settings({ 'incidentDesk.logs.sources': [{ name: 'prod loki', type: 'loki', url: loki.url, query: '{app="checkout"}' }] });
      const without = await run(['logs', '--since', '1h', '--json']);
      assert.equal(without.code, 1);
      assert.equal(json<{ sources: Array<{ error?: { kind: string } }> }>(without).sources[0]!.error?.kind, 'unauthorized');
      const withAuth = await run(['logs', '--since', '1h'], { INCIDENT_DESK_LOG_CREDENTIALS_PROD_LOKI: JSON.stringify({ kind: 'bearer', token: secret }) });
      assert.equal(withAuth.code, 0, withAuth.stderr);
      assert.match(withAuth.stdout, /^✓ prod loki \(loki\) · 1 entries · 1 errors/m);
      assert.ok(!withAuth.stdout.includes(secret) && !withAuth.stderr.includes(secret));
    } finally {
      await loki.close();
    }
  });

  it('suspects: ranks the incident window\'s changes with reasons, from git and Sentry', async () => {
    settings();
    const r = await run(['suspects', '--since', '6h']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Suspects · last 6 h · \d+ ranked$/m);
    assert.match(r.stdout, /^1\.\s+\d+\s+[0-9a-f]{8}\s+\S/m);
    assert.match(r.stdout, /^ {6}· /m, 'reasons are listed under each suspect');
    const j = json<{ suspects: Array<{ title: string; score: number; reasons: string[]; sha?: string }>; sources: SourceRow[] }>(await run(['suspects', '--since', '6h', '--json']));
    assert.ok(j.suspects.length >= 2);
    assert.ok(j.suspects.every((s, i) => i === 0 || s.score <= j.suspects[i - 1]!.score), 'ranked by score');
    const flag = j.suspects.find((s) => s.sha === configSha);
    assert.ok(flag, 'the flag change is a suspect');
    assert.ok(flag.reasons.some((x) => /feature flags/.test(x)), flag.reasons.join(' | '));
    assert.deepEqual(j.sources.map((s) => [s.name, s.state]), [['git', 'ok'], ['GitHub changes', 'ok'], ['Sentry changes', 'ok'], ['Sentry', 'ok']]);
  });

  it('exits 3 outside a git repository for commands that need one', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'idesk-cli-norepo-'));
    try {
      for (const c of ['changes', 'suspects']) {
        const r = await runCli([c], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
        assert.equal(r.code, 3, `${c}: ${r.stderr}`);
        assert.match(r.stderr, /not inside a git repository/);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
