// Log findings reach the other views: a log signature read by the Logs view makes the matching
// runbook suggested with that signature as the reason, and the Log findings lane of the
// overview shows it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { api, until } from '../support';

const MIN = 60_000;

describe('Log findings in runbook suggestions and the overview (real editor)', function () {
  this.timeout(60_000);
  let dir: string;
  const end = Math.floor(Date.now() / MIN) * MIN;
  const window = { start: end - 15 * MIN, end, label: 'test window' };

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-findings-'));
    const lines: string[] = [];
    for (let t = end - 120 * MIN; t < end; t += 20_000) {
      lines.push(`${new Date(t).toISOString()} INFO order placed id=${t % 997}`);
      if (t > end - 8 * MIN) lines.push(`${new Date(t + 1).toISOString()} ERROR null value in column "partition_key" of relation "orders" violates not-null constraint`);
    }
    fs.writeFileSync(path.join(dir, 'checkout.log'), lines.join('\n') + '\n');
    await vscode.workspace.getConfiguration('incidentDesk.logs').update('sources', [{ name: 'checkout file', type: 'file', path: path.join(dir, 'checkout.log') }], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('incidentDesk.logs').update('sources', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('suggests the database runbook because of the log signature', async () => {
    await vscode.commands.executeCommand('incidentDesk.runbooks.refresh');
    const snap = await until('the database runbook suggested from the logs', async () => {
      const s = await (await api()).runbooks();
      const db = s.suggested.find((r) => r.path === 'docs/runbooks/database-write-failures.md');
      return db && db.reasons.some((r) => /log signature `null value in column "partition_key"/.test(r)) ? db : undefined;
    });
    assert.ok(snap.reasons.length > 0);
  });

  it('puts the new signature on the Log findings lane of the overview', async () => {
    const state = await (await api()).overview();
    const lane = state.lanes.find((l) => l.id === 'logs')!;
    assert.ok(lane.items.some((i) => /^new: null value in column "<str>" of relation "<str>"/.test(i.label)), lane.items.map((i) => i.label).join(' | ') || '(empty lane)');
    assert.ok(state.sources.some((s) => s.name === 'checkout file' && s.health === 'ok'));
  });
});
