import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIncident } from '../../src/core/timeline/parse';
import { GitFixture } from '../unit/helpers/gitFixture';
import { hasAnsi, json, runCli, writeSettings } from './runCli';

describe('cli: the incident record', function () {
  this.timeout(60_000);
  let repo: GitFixture;

  beforeEach(() => {
    repo = new GitFixture('idesk-cli-incident-');
    repo.git('config', 'user.name', 'Dana Ops');
    repo.git('config', 'user.email', 'dana@example.com');
    repo.commit(Date.now() - 3_600_000, 'initial', { 'README.md': 'hello\n' });
  });

  afterEach(() => fs.rmSync(repo.root, { recursive: true, force: true }));

  const run = (...args: string[]) => runCli(args, { cwd: repo.root });

  it('starts an incident, logs, confirms and refutes, resolves, and reads the timeline back', async () => {
    const start = await run('start', 'Checkout returns 500s', '--sev', '2', '--service', 'checkout', '--service', 'payments', '--json');
    assert.equal(start.code, 0, start.stderr);
    const started = json<{ file: string; severity: string; services: string[]; commander: string }>(start);
    assert.equal(started.severity, 'SEV2');
    assert.deepEqual(started.services, ['checkout', 'payments']);
    assert.equal(started.commander, 'Dana Ops');
    assert.match(path.basename(started.file), /^\d{4}-\d{2}-\d{2}-checkout-returns-500s\.md$/);
    assert.equal(path.dirname(started.file), path.join(fs.realpathSync(repo.root), 'incidents'));

    assert.equal((await run('log', 'observation', 'p99 of /checkout at 4s')).code, 0);
    const h1 = await run('log', 'hypothesis', 'Pool exhausted after #42', '--link', 'config/app.yaml:3');
    assert.equal(h1.code, 0, h1.stderr);
    assert.match(h1.stdout, /^Logged hypothesis H1 in .*\.md:\d+$/m);
    assert.match(h1.stderr, /incident: incidents[\\/]\d{4}-\d{2}-\d{2}-checkout-returns-500s\.md/, 'says which incident it picked');
    const h2 = json<{ entry: { hypothesis: string } }>(await run('log', 'hypothesis', 'Payments is slow', '--json'));
    assert.equal(h2.entry.hypothesis, 'H2');
    assert.equal((await run('confirm', 'H1', '--reason', 'Reverting #42 fixed it')).code, 0);
    assert.equal((await run('refute', 'h2', '--reason', 'Payments p99 flat')).code, 0);
    const resolved = await run('resolve');
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(resolved.stdout, /investigating → resolved/);

    const parsed = parseIncident(fs.readFileSync(started.file, 'utf8'));
    assert.deepEqual(parsed.problems.filter((p) => p.severity !== 'info'), []);
    assert.equal(parsed.meta.status, 'resolved');
    assert.ok(parsed.meta.resolved);
    assert.deepEqual(parsed.entries.map((e) => e.kind), ['observation', 'hypothesis', 'hypothesis', 'confirm', 'refute', 'status']);
    assert.deepEqual(parsed.hypotheses.map((h) => [h.id, h.state]), [['H1', 'confirmed'], ['H2', 'refuted']]);
    assert.deepEqual(parsed.entries[1]!.links, ['config/app.yaml:3']);
    assert.ok(parsed.entries.every((e) => e.author === 'Dana Ops'));

    // Resolved: reading still works (the newest incident), piped output is plain.
    const timeline = await run('timeline');
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.ok(!hasAnsi(timeline.stdout), 'no escape codes when piped');
    assert.match(timeline.stdout, /^Checkout returns 500s$/m);
    assert.match(timeline.stdout, /SEV2 · resolved · checkout, payments · commander Dana Ops/);
    assert.match(timeline.stdout, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\s+hypothesis H1\s+Dana Ops\s+Pool exhausted after #42 \[config\/app\.yaml:3\]$/m);
    assert.match(timeline.stdout, /^ {2}H1\s+confirmed\s+Pool exhausted after #42 \(Reverting #42 fixed it\)$/m);
    const tj = json<{ entries: unknown[]; hypotheses: Array<{ id: string; state: string }> }>(await run('timeline', '--json'));
    assert.equal(tj.entries.length, 6);
    assert.deepEqual(tj.hypotheses.map((h) => h.state), ['confirmed', 'refuted']);

    // A resolved incident takes no new entries unless named.
    const late = await run('log', 'note', 'late');
    assert.equal(late.code, 3);
    assert.match(late.stderr, /are resolved/);
    assert.equal((await run('log', 'note', 'late', '--incident', started.file)).code, 0);
  });

  it('uses the newest open incident when several are open, and says so', async () => {
    const a = json<{ file: string }>(await run('start', 'First', '--sev', '3', '--json'));
    await new Promise((r) => setTimeout(r, 1100));
    const b = json<{ file: string }>(await run('start', 'Second', '--sev', 'SEV1', '--json'));
    const r = await run('log', 'note', 'which one?', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(json<{ file: string }>(r).file, b.file);
    assert.match(r.stderr, /2 incidents are open; using the newest/);
    assert.ok(!fs.readFileSync(a.file, 'utf8').includes('which one?'));
  });

  it('finds the incidents folder from .vscode/settings.json (JSON with comments) like the extension', async () => {
    writeSettings(repo.root, { 'incidentDesk.incidentsFolder': 'ops/records' });
    const r = json<{ file: string }>(await run('start', 'Queue backlog', '--sev', '4', '--json'));
    assert.equal(path.dirname(r.file), path.join(fs.realpathSync(repo.root), 'ops', 'records'));
    // From a subfolder too: the workspace is the folder with .vscode.
    fs.mkdirSync(path.join(repo.root, 'src', 'deep'), { recursive: true });
    const sub = await runCli(['log', 'note', 'from a subfolder', '--json'], { cwd: path.join(repo.root, 'src', 'deep') });
    assert.equal(sub.code, 0, sub.stderr);
    assert.equal(json<{ file: string }>(sub).file, r.file);
  });

  it('reads a damaged settings file as far as it can and says where it is damaged', async () => {
    fs.mkdirSync(path.join(repo.root, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(repo.root, '.vscode', 'settings.json'), '{\n  // ops folder\n  "incidentDesk.incidentsFolder": "ops",\n  "editor.fontSize": 14 14,\n}\n');
    const r = await run('start', 'Damaged settings', '--sev', '3', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: \.vscode[\\/]settings\.json:4: CommaExpected/);
    assert.equal(path.basename(path.dirname(json<{ file: string }>(r).file)), 'ops');
  });

  it('exits 2 with a clear message for bad flags and values, and 3 when there is no incident', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['start', 'x', '--sev', '9'], 2, /--sev must be one of 1, 2, 3, 4/],
      [['start', '--sev', '2'], 2, /give the incident a title/],
      [['start', 'x'], 2, /--sev is required/],
      [['start', 'x', '--sev', '2', '--frob'], 2, /Unknown option '--frob'/],
      [['log', 'rumour', 'x'], 2, /the first argument is the kind/],
      [['log', 'note'], 2, /needs text/],
      [['confirm', 'H1'], 2, /needs --reason/],
      [['log', 'note', 'hello'], 3, /No incident in incidents/],
      [['timeline', '--incident', 'nope.md'], 3, /There is no incident file/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run(...args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '', `${args.join(' ')} printed to stdout`);
    }
    assert.equal((await run('start', 'Real', '--sev', '2')).code, 0);
    const missing = await run('confirm', 'H4', '--reason', 'x');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /There is no hypothesis H4 .* \(it has none yet\)/);
    const asJson = await run('confirm', 'H4', '--reason', 'x', '--json');
    assert.equal(json<{ error: { status: number } }>(asJson).error.status, 2);
  });

  it('colours only when asked (FORCE_COLOR) or on a terminal, never with NO_COLOR or --no-color, never shows progress when piped', async () => {
    await run('start', 'Colours', '--sev', '2');
    await run('log', 'hypothesis', 'something');
    const forced = await runCli(['timeline'], { cwd: repo.root, env: { FORCE_COLOR: '1' } });
    assert.ok(hasAnsi(forced.stdout), 'FORCE_COLOR colours piped output');
    const off = await runCli(['timeline', '--no-color'], { cwd: repo.root, env: { FORCE_COLOR: '1' } });
    assert.ok(!hasAnsi(off.stdout));
    const noColor = await runCli(['timeline'], { cwd: repo.root, env: { NO_COLOR: '1' } });
    assert.ok(!hasAnsi(noColor.stdout) && !hasAnsi(noColor.stderr));
    const changes = await run('changes', '--since', '2h');
    assert.ok(!changes.stderr.includes('\r'), 'no progress line on a pipe');
  });

  it('drafts the postmortem, keeps an existing draft, and commits exactly the two files', async () => {
    const { file } = json<{ file: string }>(await run('start', 'Cache stampede', '--sev', '2', '--json'));
    await run('log', 'hypothesis', 'TTLs expire together');
    await run('confirm', 'H1', '--reason', 'Jitter fixed it');
    await run('resolve');
    repo.write('unrelated.txt', 'work in progress\n');
    repo.git('add', 'unrelated.txt');

    const draft = await run('postmortem');
    assert.equal(draft.code, 0, draft.stderr);
    const pm = file.replace(/\.md$/, '.postmortem.md');
    assert.match(fs.readFileSync(pm, 'utf8'), /^# Postmortem: Cache stampede/);
    fs.appendFileSync(pm, '\nWritten by hand.\n');
    const again = await run('postmortem');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists; keeping it/);
    assert.match(fs.readFileSync(pm, 'utf8'), /Written by hand\./);

    const commit = await run('postmortem', '--commit', '--json');
    assert.equal(commit.code, 0, commit.stderr);
    const c = json<{ commit: { sha: string; subject: string; paths: string[] } }>(commit);
    assert.match(c.commit.subject, /^Postmortem: Cache stampede \(SEV2, \d{4}-\d{2}-\d{2}\)$/);
    assert.deepEqual(repo.git('show', '--name-only', '--format=', c.commit.sha).trim().split('\n').sort(), [path.relative(fs.realpathSync(repo.root), file), path.relative(fs.realpathSync(repo.root), pm)].sort());
    assert.match(repo.git('diff', '--cached', '--name-only'), /unrelated\.txt/, 'other staged work stays staged');

    const printed = await run('postmortem', '--print');
    assert.match(printed.stdout, /^# Postmortem: Cache stampede/);
  });
});
