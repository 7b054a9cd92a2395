// The Logs view inside the real extension host: a real log file, a command source (argument
// array, no shell) and a Loki source against the replay server, read for one window; a source
// that fails shows its own status while the others render.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LogsSnapshot, LogsSnapshotRow } from '../../../src/host/logs/logsSnapshot';
import { lokiStream, startLokiReplay } from '../../replay/lokiReplay';
import type { ReplayServer } from '../../replay/replayServer';
import { api } from '../support';

const MIN = 60_000;

/** Two quiet hours, then in the last 10 minutes: a new error at 6/min, a known warning bursting, orders stopping. */
export function storyLines(end: number, style: 'text' | 'json'): string[] {
  const rows: { t: number; level: string; msg: string }[] = [];
  const failFrom = end - 10 * MIN;
  for (let t = end - 120 * MIN; t <= end; t += 10_000) {
    if (t < failFrom) rows.push({ t, level: 'INFO', msg: `order placed id=${t % 9973} total=${(t % 500) / 10}` });
    if (t % MIN === 0) rows.push({ t: t + 1, level: 'WARN', msg: `cache miss for key cart:${t % 977}` });
  }
  for (let t = failFrom; t <= end; t += 10_000) {
    rows.push({ t: t + 2, level: 'ERROR', msg: `partition key is null for order ${t % 9973}` });
    for (let k = 0; k < 4; k++) rows.push({ t: t + 3 + k, level: 'WARN', msg: `cache miss for key cart:${(t + k) % 977}` });
  }
  rows.sort((a, b) => a.t - b.t);
  const lines = rows.map((r) => (style === 'json' ? JSON.stringify({ time: new Date(r.t).toISOString(), level: r.level.toLowerCase(), msg: r.msg }) : `${new Date(r.t).toISOString()} ${r.level} ${r.msg}`));
  if (style === 'text') {
    // One stack trace, multi-line, with a frame in the workspace's own code.
    const at = new Date(failFrom + 5_000).toISOString();
    lines.push(`${at} ERROR unhandled rejection in checkout\nTypeError: Cannot read properties of null (reading 'partitionKey')\n    at placeOrder (/srv/app/src/checkout.ts:42:13)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5)`);
  }
  return lines;
}

function flat(rows: LogsSnapshotRow[]): LogsSnapshotRow[] {
  return rows.flatMap((r) => [r, ...flat(r.children)]);
}

describe('Logs view (real editor, file + command + Loki replay)', function () {
  this.timeout(60_000);
  let dir: string;
  let loki: ReplayServer;
  const end = Math.floor(Date.now() / MIN) * MIN;
  const window = { start: end - 15 * MIN, end, label: 'test window' };
  let snap: LogsSnapshot;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-logs-'));
    fs.writeFileSync(path.join(dir, 'app.log'), storyLines(end, 'text').join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'worker.jsonl'), storyLines(end, 'json').join('\n') + '\n');
    const lines = storyLines(end, 'json').map((l) => ({ time: Date.parse((JSON.parse(l) as { time: string }).time), line: l }));
    ({ server: loki } = await startLokiReplay([lokiStream({ app: 'checkout' }, lines)]));
    await vscode.workspace.getConfiguration('incidentDesk.logs').update(
      'sources',
      [
        { name: 'app file', type: 'file', path: path.join(dir, 'app.log'), success: { pattern: '^order placed' } },
        { name: 'worker command', type: 'command', command: ['cat', path.join(dir, 'worker.jsonl')], success: { pattern: '^order placed' } },
        { name: 'loki', type: 'loki', url: loki.url, query: '{app="checkout"}', success: { pattern: '^order placed' } },
        { name: 'broken', type: 'command', command: ['no-such-program-for-incident-desk'] },
      ],
      vscode.ConfigurationTarget.Workspace,
    );
    await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
    snap = (await api()).logs();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('incidentDesk.logs').update('sources', undefined, vscode.ConfigurationTarget.Workspace);
    await loki?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads every source for the window; the failing one shows its status, the others render', () => {
    assert.deepEqual(snap.window, window);
    assert.deepEqual(snap.rows.map((r) => r.label), ['app file', 'worker command', 'loki', 'broken']);
    const broken = snap.rows[3];
    assert.match(broken.description ?? '', /^command not found/);
    assert.match(broken.children[0].label, /no-such-program-for-incident-desk was not found/);
    for (const r of snap.rows.slice(0, 3)) {
      assert.match(r.description ?? '', /^ok · \d+ entries · \d+ err · \d+ warn [▁▂▃▄▅▆▇█]+$/, `${r.label}: ${r.description}`);
    }
    assert.ok(loki.requestsTo('/loki/api/v1/query_range').length >= 1);
  });

  it('lists the new signature and the burst first, and the success drop, in every source', () => {
    for (const source of snap.rows.slice(0, 3)) {
      const kids = source.children;
      const drop = kids.find((k) => k.contextValue === 'logFinding');
      assert.ok(drop, `${source.label}: success drop among ${kids.map((k) => k.label).join(' | ')}`);
      assert.match(drop.label, /^Successes? dropped/i);
      const sigs = kids.filter((k) => k.contextValue === 'logSignature');
      assert.match(sigs[0].label, /partition key is null for order <num>|cache miss for key/);
      const partition = sigs.find((s) => /partition key is null/.test(s.label));
      const cache = sigs.find((s) => /cache miss/.test(s.label));
      assert.match(partition?.description ?? '', /^NEW · ×\d+ · \d\d:\d\dZ–\d\d:\d\dZ$/);
      assert.match(cache?.description ?? '', /^BURST · ×\d+/);
      assert.ok(sigs.indexOf(partition!) < 2 && sigs.indexOf(cache!) < 2, 'marked signatures come first');
    }
  });

  it('a file signature opens the file at the entry; others open a read-only document of matching entries with links to workspace frames', async () => {
    const file = snap.rows[0];
    const sig = file.children.find((k) => /partition key is null/.test(k.label))!;
    await vscode.commands.executeCommand('incidentDesk.logs.openEntries', sig.node);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, path.join(dir, 'app.log'));
    assert.match(editor!.document.lineAt(editor!.selection.active.line).text, /ERROR partition key is null/);

    const trace = file.children.find((k) => /unhandled rejection/.test(k.label));
    assert.ok(trace, 'the multi-line trace is one signature');
    await vscode.commands.executeCommand('incidentDesk.logs.showEntries', trace.node);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.scheme, 'incident-desk-logs');
    assert.match(doc.getText(), />> \[.*\] ERROR .*app\.log.*\n {3}.*unhandled rejection in checkout\n {3}TypeError: Cannot read properties of null/);

    const lokiSig = snap.rows[2].children.find((k) => /partition key/.test(k.label))!;
    await vscode.commands.executeCommand('incidentDesk.logs.openEntries', lokiSig.node);
    const lokiDoc = vscode.window.activeTextEditor!.document;
    assert.equal(lokiDoc.uri.scheme, 'incident-desk-logs');
    const matches = lokiDoc.getText().match(/^>> /gm) ?? [];
    assert.ok(matches.length >= 50, `matching entries marked (${matches.length})`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a stack frame in an entry links to the workspace file it names', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri;
    // A workspace file the frame's path ends with.
    const files = await vscode.workspace.findFiles('**/*.{ts,js,py,go,java}', '**/node_modules/**', 1);
    assert.ok(files.length, 'the demo workspace has source files');
    const rel = vscode.workspace.asRelativePath(files[0], false);
    fs.appendFileSync(path.join(dir, 'app.log'), `${new Date(end - MIN).toISOString()} ERROR boom in handler\nError: boom\n    at handle (/srv/build/${rel}:7:3)\n`);
    await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
    const again = (await api()).logs();
    const boom = flat(again.rows).find((r) => /boom in handler/.test(r.label));
    assert.ok(boom);
    await vscode.commands.executeCommand('incidentDesk.logs.showEntries', boom.node);
    const doc = vscode.window.activeTextEditor!.document;
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const link = links.find((l) => l.target?.path.endsWith(rel));
    assert.ok(link, `a link to ${rel} among ${links.map((l) => l.target?.toString()).join(', ')}`);
    assert.equal(link.target!.with({ fragment: '' }).toString(), vscode.Uri.joinPath(root, rel).toString());
    assert.equal(link.target!.fragment, 'L7,3');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('pins a signature to the active incident as evidence with its example line', async () => {
    const incident = await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.startIncident', { title: 'Orders failing with a null partition key', severity: 'SEV2' });
    assert.ok(incident);
    const sig = snap.rows[2].children.find((k) => /partition key/.test(k.label))!;
    await vscode.commands.executeCommand('incidentDesk.logs.pinToTimeline', sig.node);
    const text = fs.readFileSync(incident.fsPath, 'utf8');
    assert.match(text, /evidence · .+ — Log signature in loki \(new\): "partition key is null for order \\<num\\>" ×\d+:\n {2}```text\n {2}\{"time":"[^"]+","level":"error","msg":"partition key is null for order \d+"\}\n {2}```\n/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a source whose refresh fails after a good read keeps its data, marked stale with when it is from and why', async () => {
    const file = path.join(dir, 'app.log');
    await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
    const good = (await api()).logs().rows[0];
    assert.match(good.description ?? '', /^ok · /);
    const goodCount = good.children.filter((k) => k.contextValue === 'logSignature').length;
    fs.renameSync(file, `${file}.moved`);
    try {
      await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
      const rows = (await api()).logs().rows;
      const app = rows[0];
      assert.match(app.description ?? '', /^stale \(not found\), data from \d\d:\d\dZ · \d+ entries · \d+ err/);
      assert.match(app.children[0].label, /^Stale: showing data from \d\d:\d\dZ; the refresh at \d\d:\d\dZ failed: Log file not found: .*app\.log/);
      assert.equal(app.children[0].icon, 'history');
      // The good data is still listed, signatures and success drop included.
      assert.equal(app.children.filter((k) => k.contextValue === 'logSignature').length, goodCount);
      assert.ok(app.children.some((k) => k.contextValue === 'logFinding'));
      // The other sources are unaffected; the one that never worked still shows its failure.
      assert.match(rows[1].description ?? '', /^ok · /);
      assert.match(rows[3].description ?? '', /^command not found/);
    } finally {
      fs.renameSync(`${file}.moved`, file);
    }
    await vscode.commands.executeCommand('incidentDesk.logs.refresh', window);
    assert.match((await api()).logs().rows[0].description ?? '', /^ok · /);
  });
});
