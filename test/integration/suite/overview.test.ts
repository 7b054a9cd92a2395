// The Incident overview's data inside the real extension host, on the demo repository: lanes on
// one time axis, source health and ranked suspects with reasons.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ReplayServer } from '../../replay/replayServer';
import { api, useDemoSentry } from '../support';

const TOKEN = 'sntrys_overview_token_0123456789abcdef';

describe('Incident overview (real editor, real git)', function () {
  this.timeout(60_000);

  it('puts deploys, pull requests and the incident timeline on one axis, with git healthy', async () => {
    await vscode.commands.executeCommand('incidentDesk.changes.refresh');
    const state = await (await api()).overview();
    const lane = (id: string) => state.lanes.find((l) => l.id === id)!;
    assert.deepEqual(state.lanes.map((l) => l.id), ['deploys', 'changes', 'config', 'errors', 'logs', 'timeline']);
    assert.ok(state.window.end - state.window.start > 60 * 60_000, 'a window of more than an hour');
    for (const l of state.lanes) for (const i of l.items) assert.ok(i.time >= state.window.start && i.time <= state.window.end, `${l.id} ${i.label} inside the window`);
    const git = state.sources.find((s) => s.name.startsWith('git'));
    assert.equal(git?.health, 'ok');
    assert.match(git!.detail, /^\d+ commits$/);
    assert.ok(state.sources.some((s) => s.name === 'Sentry'), 'Sentry has a place in the strip, configured or not');
    assert.ok(state.incident, 'the active incident is shown');
    assert.ok(lane('timeline').items.length > 0, 'the incident entries are on the axis');
    assert.ok(lane('timeline').items.every((i) => i.target?.kind === 'entry'), 'each entry reveals its line');
    if (state.window.start < Date.now() - 50 * 60_000) {
      assert.ok(lane('changes').items.some((i) => i.label === '#226' && i.target?.kind === 'commit'), `PR #226 on the axis: ${lane('changes').items.map((i) => i.label).join(', ')}`);
      assert.ok(lane('deploys').items.some((i) => /^deploy-/.test(i.label)), 'a deploy marker on the axis');
    }
  });

  it('ranks suspects from local git alone, each with a score and its reasons', async () => {
    const state = await (await api()).overview();
    assert.ok(state.suspects.length > 0, 'suspects from local git alone');
    for (const s of state.suspects) {
      assert.ok(s.score > 0 && s.score <= 100);
      assert.ok(s.reasons.length > 0, `${s.title} has reasons`);
    }
    assert.ok(state.suspects.some((s) => s.reasons.some((r) => / before (the incident started|`.*` was first seen)$/.test(r))), 'a timing reason');
  });
});

describe('Incident overview refresh against a local Sentry (real HTTP)', function () {
  this.timeout(90_000);
  let server: ReplayServer;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('incidentDesk');

  before(async () => {
    server = await useDemoSentry(TOKEN);
  });

  after(async () => {
    await vscode.commands.executeCommand('incidentDesk.clearSentryToken');
    for (const key of ['sentry.baseUrl', 'sentry.organization', 'sentry.projects']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await server?.close();
  });

  it('reads every source at once: Sentry issues join the axis and their stack frames the ranking', async () => {
    const run = await (await api()).refreshOverview();
    assert.deepEqual(run.outcomes.map((o) => [o.name, o.ok]), [['git', true], ['Sentry', true]], JSON.stringify(run.outcomes));
    const state = await (await api()).overview();
    const sentry = state.sources.find((s) => s.name.startsWith('Sentry'));
    assert.equal(sentry?.health, 'ok', JSON.stringify(sentry));
    assert.match(sentry!.detail, /^\d+ issues$/);
    assert.ok(state.lanes.find((l) => l.id === 'errors')!.items.length > 0, 'Sentry issues at their first-seen time');
    assert.ok(
      state.suspects.some((s) => s.reasons.some((r) => /in-app frames? of/.test(r))),
      `a reason from the events' stack frames: ${JSON.stringify(state.suspects.map((s) => s.reasons))}`,
    );
  });

  it('when a refresh of Sentry fails, keeps its last good issues on the axis, marked stale, while git stays fresh', async () => {
    const before = (await (await api()).overview()).lanes.find((l) => l.id === 'errors')!.items.map((i) => i.id);
    server.fault(/\/issues\/$/, { status: 500 });
    try {
      const run = await (await api()).refreshOverview();
      const sentryRun = run.outcomes.find((o) => o.name === 'Sentry');
      assert.equal(sentryRun?.ok, false);
      assert.equal(run.outcomes.find((o) => o.name === 'git')?.ok, true, 'git is not held back by Sentry');
      const state = await (await api()).overview();
      const sentry = state.sources.find((s) => s.name.startsWith('Sentry'));
      assert.equal(sentry?.health, 'error');
      assert.equal(sentry?.stale, true, JSON.stringify(sentry));
      assert.ok(sentry?.at && sentry.at < Date.now(), 'says when the shown data is from');
      assert.deepEqual(state.lanes.find((l) => l.id === 'errors')!.items.map((i) => i.id), before, 'the last good issues stay');
      assert.equal(state.sources.find((s) => s.name.startsWith('git'))?.stale, undefined);
    } finally {
      server.clearFaults();
    }
    await (await api()).refreshOverview();
    const fresh = (await (await api()).overview()).sources.find((s) => s.name.startsWith('Sentry'));
    assert.equal(fresh?.health, 'ok');
    assert.equal(fresh?.stale, undefined);
  });
});
