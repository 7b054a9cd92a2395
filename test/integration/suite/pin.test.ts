// Pin to Incident inside the real extension host: an editor selection, a diff hunk, a Changes
// commit row and a Sentry issue (from a local Sentry replay over real HTTP) become evidence
// entries of the active incident, read back from the file with the incident parser.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { AppendResult } from '../../../src/host/incident/incidentWriter';
import type { ParsedEntry } from '../../../src/core/model/incident';
import { parseIncident } from '../../../src/core/timeline/parse';
import { inlineText } from '../../../src/core/timeline/evidence';
import type { ReplayServer } from '../../replay/replayServer';
import { api, until, useDemoSentry } from '../support';

const TOKEN = 'sntrys_pin_integration_token_0123456789abcdef';
const PIN = 'incidentDesk.pinToIncident';

describe('Pin to Incident (real editor, real git, Sentry replay)', function () {
  this.timeout(90_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('incidentDesk');
  let server: ReplayServer;
  let incident: vscode.Uri;
  let previous: string | undefined;

  /** The file's entries as the parser reads them; the file must read without errors. */
  const entries = (): ParsedEntry[] => {
    const parsed = parseIncident(fs.readFileSync(incident.fsPath, 'utf8'));
    assert.deepStrictEqual(parsed.problems.filter((p) => p.severity === 'error'), []);
    return parsed.entries;
  };
  const last = (): ParsedEntry => entries()[entries().length - 1]!;

  before(async () => {
    execFileSync('git', ['config', 'user.name', 'Riley Responder'], { cwd: root });
    execFileSync('git', ['config', 'user.email', 'riley@example.com'], { cwd: root });
    previous = (await (await api()).incidents()).active?.path;
    incident = (await vscode.commands.executeCommand<vscode.Uri>('incidentDesk.startIncident', { title: 'Pinned evidence <b>test</b>', severity: 'SEV3', open: false }))!;
    assert.ok(incident && fs.existsSync(incident.fsPath));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const key of ['sentry.baseUrl', 'sentry.organization', 'sentry.projects']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.clearSentryToken');
    await server?.close();
    // The suites after this one expect the incident that was active before.
    if (previous) await vscode.commands.executeCommand('incidentDesk.switchIncident', vscode.Uri.file(previous));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('pins the selected lines of a workspace file as a code block linked to path:start-end', async () => {
    const file = path.join(root, 'src', 'db', 'orders.ts');
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(file));
    // Lines 17–19, selected the way a mouse drag to the start of line 20 does.
    editor.selection = new vscode.Selection(16, 4, 19, 0);
    const count = entries().length;
    const result = await vscode.commands.executeCommand<AppendResult>(PIN);
    assert.ok(result, 'an entry was appended');
    assert.strictEqual(entries().length, count + 1);
    const entry = last();
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(16, 19).map((l) => l.trimEnd());
    assert.strictEqual(entry.kind, 'evidence');
    assert.ok(entry.author.length > 0);
    assert.deepStrictEqual(entry.links, ['src/db/orders.ts:17-19']);
    assert.strictEqual(entry.text, ['Code in `src/db/orders.ts`, lines 17–19:', '```typescript', ...lines, '```'].join('\n'));
    assert.ok(entry.canonical, 'the entry reads back byte for byte');
  });

  it('makes the link of a pinned selection followable from the incident file', async () => {
    const doc = await vscode.workspace.openTextDocument(incident);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const link = links.find((l) => doc.getText(l.range) === 'src/db/orders.ts:17-19');
    assert.ok(link?.target, `a link on the path among ${links.map((l) => doc.getText(l.range)).join(', ')}`);
    assert.strictEqual(link.target.with({ fragment: '' }).toString(), vscode.Uri.file(path.join(root, 'src', 'db', 'orders.ts')).toString());
    assert.strictEqual(link.target.fragment, 'L17-L19');
  });

  it('refuses a file outside the workspace and the incident file itself, writing nothing', async () => {
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pin-outside-')), 'secret.ts');
    fs.writeFileSync(outside, 'const token = "x";\n');
    const before = fs.readFileSync(incident.fsPath, 'utf8');
    await vscode.window.showTextDocument(vscode.Uri.file(outside));
    assert.strictEqual(await vscode.commands.executeCommand(PIN), undefined);
    await vscode.window.showTextDocument(incident);
    assert.strictEqual(await vscode.commands.executeCommand(PIN), undefined);
    assert.strictEqual(fs.readFileSync(incident.fsPath, 'utf8'), before, 'the incident file is unchanged');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('pins the diff hunk under the cursor with the file, both refs and the line range', async () => {
    const node = await (await api()).findChangeNode((n) => n.type === 'file' && n.file.path === 'src/orders/createOrder.ts' && n.file.status === 'modified');
    assert.ok(node && node.type === 'file');
    await vscode.commands.executeCommand('incidentDesk.changes.openFileDiff', node);
    const tab = await until('the diff', () => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t?.input instanceof vscode.TabInputTextDiff ? t : undefined;
    });
    const input = tab.input as vscode.TabInputTextDiff;
    const editor = await until('the modified side', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === input.modified.toString()));
    const oldLines = (await vscode.workspace.openTextDocument(input.original)).getText().split('\n');
    const newLines = editor.document.getText().split('\n');
    // A line the commit added: the new side has it, the old side nowhere.
    const first = newLines.findIndex((l) => l.trim().length > 3 && !oldLines.includes(l));
    assert.ok(first >= 0, 'the commit adds a line');
    editor.selection = new vscode.Selection(first, 0, first, 0);
    const result = await vscode.commands.executeCommand<AppendResult>(PIN);
    assert.ok(result, 'an entry was appended');
    const entry = last();
    const parent = node.commit.parents[0]!.slice(0, 8);
    const sha = node.commit.sha.slice(0, 8);
    const m = new RegExp(`^Diff of \`src/orders/createOrder\\.ts\` between \`${parent}\` and \`${sha}\`: .+ → lines? (\\d+)(?:–(\\d+))?\\n\`\`\`diff\\n`).exec(entry.text);
    assert.ok(m, entry.text);
    const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
    assert.ok(from <= first + 1 && first + 1 <= to, `the hunk (new lines ${from}–${to}) holds the cursor's line ${first + 1}`);
    assert.ok(entry.text.split('\n').includes(`+${newLines[first]!.trimEnd()}`), `the changed line is quoted:\n${entry.text}`);
    assert.strictEqual(entry.links[0], `src/orders/createOrder.ts:${from}${to > from ? `-${to}` : ''}`);
    assert.deepStrictEqual(entry.links.slice(1), [sha, parent]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('pins a Changes commit row by its sha, with subject, author and files', async () => {
    const node = await (await api()).findChangeNode((n) => n.type === 'commit' && n.commit.files.length > 0);
    assert.ok(node && node.type === 'commit');
    const result = await vscode.commands.executeCommand<AppendResult>(PIN, node);
    assert.ok(result);
    const entry = last();
    const { commit } = node;
    assert.strictEqual(entry.links[0], commit.sha);
    const [head, by, files] = entry.text.split('\n');
    assert.ok(head!.startsWith(`Commit \`${commit.sha.slice(0, 8)}\`: `), head);
    assert.strictEqual(head, `Commit \`${commit.sha.slice(0, 8)}\`: ${inlineText(commit.subject)}`);
    assert.ok(by!.startsWith(`By ${commit.authorName}, committed `), by);
    assert.ok(files!.includes(`\`${commit.files[0]!.path}\``), files);
    // The same commit, the way the overview names it.
    await vscode.commands.executeCommand(PIN, { kind: 'commit', root, sha: commit.sha });
    assert.strictEqual(last().text, entry.text, 'the overview argument writes the same entry');
  });

  it('pins a Sentry issue with its permalink and the in-app frame it failed at', async () => {
    server = await useDemoSentry(TOKEN);
    // Expanding the issue reads its latest event, as opening the row in the view does.
    await until('the issues and their events', async () => {
      const snap = await (await api()).errors(3);
      return snap.state === 'ready' && snap.nodes[0]?.children?.some((c) => c.type === 'exception');
    });
    const result = await vscode.commands.executeCommand<AppendResult>(PIN, { kind: 'issue', id: '9001' });
    assert.ok(result);
    const entry = last();
    const permalink = 'https://acme-demo.sentry.invalid/issues/9001/';
    assert.deepStrictEqual(entry.links, [permalink, 'src/db/orders.ts:18']);
    const [head, facts, thrown] = entry.text.split('\n');
    assert.strictEqual(head, `Sentry issue \`CHECKOUT-SERVICE-${(9001).toString(36).toUpperCase()}\`: DatabaseError: null value in column "partition\\_key" of relation "orders" violates not-null constraint`);
    assert.match(facts!, /^In `insertOrder\(src\/db\/orders\)`, error, 1,843 events, 412 users, first seen \d{4}-\d\d-\d\dT[\d:]+Z$/);
    assert.strictEqual(thrown, 'Thrown at `insertOrder` at `src/db/orders.ts:18`');
    assert.ok(server.requestsTo(/\/issues\//).length > 0, 'the issues came over HTTP');
    // The overview's Errors lane links the permalink: the same issue, the same entry.
    await vscode.commands.executeCommand(PIN, { kind: 'url', url: permalink });
    assert.strictEqual(last().text, entry.text);
  });

  it('pins a log entry, a web page and a plain item the way the overview passes them', async () => {
    const log = path.join(root, 'pin-test-logs', 'pinned.log');
    fs.mkdirSync(path.dirname(log), { recursive: true });
    fs.writeFileSync(log, 'ok\n2026-11-23T14:02:11Z ERROR partition key is null <script>\n');
    await vscode.commands.executeCommand(PIN, { kind: 'log', file: log, line: 2, text: '2026-11-23T14:02:11Z ERROR partition key is null <script>' });
    let entry = last();
    assert.strictEqual(entry.text, 'Log entry in pinned.log at line 2:\n```text\n2026-11-23T14:02:11Z ERROR partition key is null <script>\n```');
    assert.deepStrictEqual(entry.links, ['pin-test-logs/pinned.log:2']);
    await vscode.commands.executeCommand(PIN, { kind: 'url', url: 'https://status.example.invalid/incidents/42', title: 'Status page: *degraded* checkout' });
    entry = last();
    assert.strictEqual(entry.text, 'Status page: \\*degraded\\* checkout');
    assert.deepStrictEqual(entry.links, ['https://status.example.invalid/incidents/42']);
    await vscode.commands.executeCommand(PIN, { kind: 'text', title: 'deploy-42: deployed 4 min before the first error; touches src/db/orders.ts' });
    entry = last();
    assert.strictEqual(entry.text, 'deploy-42: deployed 4 min before the first error; touches src/db/orders.ts');
    assert.deepStrictEqual(entry.links, []);
    fs.rmSync(path.dirname(log), { recursive: true, force: true });
  });
});
