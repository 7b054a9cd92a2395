// The Incident overview's data inside the real extension host, on the demo repository: lanes on
// one time axis, source health and ranked suspects with reasons.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IncidentDeskApi } from '../../../src/host/extension';

async function api(): Promise<IncidentDeskApi> {
  const ext = vscode.extensions.getExtension<IncidentDeskApi>('incident-desk.incident-desk');
  assert.ok(ext, 'extension present');
  return ext.activate();
}

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
