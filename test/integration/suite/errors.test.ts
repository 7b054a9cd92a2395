// The Errors view inside the real extension host, against a local Sentry replay server over real
// HTTP: configuration, token commands, issues, frames mapped to the demo workspace's files,
// editor decorations, and a 401 that shows its status while the Changes view keeps working.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { ErrorsSnapshot, ErrorsSnapshotNode } from '../../../src/host/errors/errorsFeature';
import { ReplayServer } from '../../replay/replayServer';
import { installSentryRoutes } from '../../replay/sentryReplay';
import { installGitHubRoutes } from '../../replay/githubReplay';
import { demoGitHubData, demoSentryData, DEMO_ORG, DEMO_PROJECT } from '../../replay/demoData';
import type { SnapshotNode } from '../../../src/host/changes/changesSnapshot';
import { factsFromRepo } from '../../replay/demoFacts';
import { EXTENSION_ID, api, until } from '../support';

const TOKEN = 'sntrys_integration_token_0123456789abcdef';
const GH_TOKEN = 'ghp_integrationToken0123456789abcdef';

function flattenChanges(nodes: SnapshotNode[] = []): SnapshotNode[] {
  return nodes.flatMap((n) => [n, ...flattenChanges(n.children)]);
}

function flatten(nodes: ErrorsSnapshotNode[] = []): ErrorsSnapshotNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

async function errorsWhen(pred: (s: ErrorsSnapshot) => boolean): Promise<ErrorsSnapshot> {
  let last: ErrorsSnapshot | undefined;
  try {
    return await until(async () => {
      last = await (await api()).errors();
      return pred(last) ? last : undefined;
    });
  } catch {
    throw new Error(`Errors view never reached the expected state: ${JSON.stringify(last).slice(0, 600)}`);
  }
}

describe('Errors view against a local Sentry (real HTTP, real editor)', function () {
  this.timeout(90_000);
  let server: ReplayServer;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('incidentDesk');

  before(async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    server = await ReplayServer.start();
    const facts = factsFromRepo(root);
    installSentryRoutes(server, demoSentryData(facts, Date.now()), { token: TOKEN });
    installGitHubRoutes(server, demoGitHubData(facts), { token: GH_TOKEN });
    await vscode.commands.executeCommand('incidentDesk.clearSentryToken');
    await config().update('sentry.baseUrl', server.url, vscode.ConfigurationTarget.Workspace);
    await config().update('sentry.projects', [DEMO_PROJECT], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
  });

  after(async () => {
    await vscode.commands.executeCommand('incidentDesk.clearSentryToken');
    for (const key of ['sentry.baseUrl', 'sentry.organization', 'sentry.projects', 'github.apiBaseUrl']) await config().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    await server?.close();
  });

  it('says it is not configured until there is an organization and a token', async () => {
    await vscode.commands.executeCommand('incidentDesk.errors.refresh');
    const snap = await errorsWhen((s) => s.state === 'notConfigured');
    assert.deepEqual(snap.nodes, [], 'the welcome content speaks, not rows');
    assert.equal(server.requestsTo(/\/api\/0\//).length, 0, 'nothing was requested without a token');
  });

  it('lists the issues of the window, new first, after the token is set by its command', async () => {
    await config().update('sentry.organization', DEMO_ORG, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.setSentryToken', TOKEN);
    const snap = await errorsWhen((s) => s.state === 'ready');
    const issues = snap.nodes.filter((n) => n.type === 'issue');
    assert.ok(issues.length >= 2, `issues: ${issues.map((i) => i.label).join(' | ')}`);
    assert.match(issues[0].label, /^DatabaseError: null value in column "partition_key"/);
    assert.ok(issues[0].label.length <= 64, 'long titles are cut so the counts stay visible');
    assert.match(issues[0].description ?? '', /^NEW · 1,843 events · 412 users · last /);
    assert.equal(issues[0].icon, 'sparkle');
    assert.ok(!/^NEW/.test(issues[issues.length - 1].description ?? ''), 'older issues are not marked new');
    assert.match(snap.description ?? '', /^(last 24 h|the incident so far) · \d+ issues/);
    const sent = server.requestsTo(/\/issues\//)[0];
    assert.ok(sent, 'the issues were requested over HTTP');
  });

  it('expands an issue into its exception and in-app frames mapped to workspace files', async () => {
    const snap = await (await api()).errors(3);
    const first = snap.nodes.find((n) => n.type === 'issue')!;
    const exceptions = (first.children ?? []).filter((c) => c.type === 'exception');
    assert.equal(exceptions[0]?.label, 'OrderCreateError', 'the error that surfaced comes first');
    const exception = exceptions.find((c) => c.label === 'caused by DatabaseError');
    assert.ok(exception, `the chained cause is listed: ${exceptions.map((e) => e.label).join(' | ')}`);
    const frames = exception.children ?? [];
    assert.equal(frames[0].label, 'insertOrder', 'the in-app frame that threw comes first');
    assert.equal(frames[0].description, 'src/db/orders.ts:18');
    assert.equal(frames[0].command, 'incidentDesk.errors.openFrame');
    const library = frames.find((f) => f.label === 'Client.query');
    assert.ok(library, 'library frames are listed after the app frames');
    assert.match(library.description ?? '', /not in workspace$/);
    assert.equal(library.command, undefined, 'an unmapped frame is not clickable');
    assert.ok(frames.indexOf(library) > frames.findIndex((f) => f.label === 'router.post'));
  });

  it('opens the local file at the frame line and marks the line in the editor', async () => {
    const snap = await (await api()).errors(2);
    assert.ok(snap.nodes.length > 0);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(ext.isActive);
    await vscode.commands.executeCommand('incidentDesk.errors.openFrame', { index: 9, filename: '/usr/src/app/src/db/orders.ts', absPath: '/usr/src/app/src/db/orders.ts', lineno: 18, colno: 18, inApp: true, context: [] });
    const editor = await until(() => (vscode.window.activeTextEditor?.document.uri.path.endsWith('/src/db/orders.ts') ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.selection.active.line, 17, 'cursor on line 18');
    const marks = await until(async () => {
      const d = (await (await api()).errors(0)).decorations;
      return Object.entries(d).find(([uri]) => uri.endsWith('/src/db/orders.ts'))?.[1];
    });
    const mark = marks.find((m) => m.line === 18);
    assert.ok(mark, `marks: ${JSON.stringify(marks)}`);
    assert.match(mark.text, /^⚠ 1,843 events · DatabaseError: null value/);
  });

  it('keeps the mark on its line when lines are inserted above it', async () => {
    const editor = vscode.window.activeTextEditor!;
    try {
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '// one\n// two\n'));
      const marks = Object.entries((await (await api()).errors(0)).decorations).find(([uri]) => uri.endsWith('/src/db/orders.ts'))?.[1] ?? [];
      assert.ok(marks.some((m) => m.line === 20), `marks after the edit: ${JSON.stringify(marks)}`);
      assert.ok(!marks.some((m) => m.line === 18), 'and not on its old line');
    } finally {
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.equal(editor.document.isDirty, false);
  });

  it('adds GitHub deployments, merged pull requests and Sentry deploys to What Changed Recently?, among the local commits', async () => {
    await config().update('github.apiBaseUrl', server.url, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.setGitHubToken', GH_TOKEN);
    let last: SnapshotNode[] = [];
    const annotated = await until(async () => {
      last = (await (await api()).changes()).nodes;
      return last.find((n) => n.type === 'deploy' && /☁ GitHub/.test(n.description ?? ''));
    }, 30_000).catch(() => assert.fail(`no deploy row carries GitHub's deployment: ${JSON.stringify(last).slice(0, 1500)}`));
    const summary = last.find((n) => n.type === 'remote');
    assert.ok(summary, 'a summary row names the services');
    assert.equal(summary.label, 'GitHub and Sentry');
    assert.match(summary.description ?? '', /\d+ deployments?.*, in place below$/);
    assert.equal(summary.children, undefined, 'no separate section: the rows stand among the local ones');
    // The GitHub deployment of a deploy tag's commit is that deploy's row, with its state.
    assert.match(annotated.label, /^deploy-\d{8}-\d{4}$/);
    assert.match(annotated.description ?? '', /^production success by deploy-bot · (canary success by deploy-bot · )?deployed .* ago · \d+ commits?( \+ \d+ ☁)?( · release [^·]+)* · ☁ GitHub( \+ Sentry)?$/);
    assert.ok(!/[0-9a-f]{12}/.test(annotated.description ?? ''), 'release versions ending in a sha are shortened');
    assert.equal(annotated.icon, 'rocket');
    const all = flattenChanges(last);
    // PR #226 merged as a local commit: one row, the local one, marked with what GitHub says.
    const prs = all.filter((n) => /^#226 /.test(n.label));
    assert.equal(prs.length, 1, `PR #226 once: ${prs.map((p) => `${p.type} ${p.label}`).join(' | ')}`);
    assert.equal(prs[0].type, 'pr');
    assert.match(prs[0].description ?? '', / · ☁ GitHub$/);
    // What only GitHub knows (the fix merged minutes ago, not fetched) stands at its time among
    // the commits not deployed yet, marked remote.
    const undeployed = last.find((n) => n.type === 'deploy' && n.label === 'Not deployed yet');
    assert.ok(undeployed, 'there are undeployed changes');
    const children = undeployed.children ?? [];
    const fix = children.find((c) => c.type === 'remoteRow' && /^#227 Default the partition key/.test(c.label));
    assert.ok(fix, `the unfetched PR is among the undeployed rows: ${children.map((c) => c.label).join(' | ')}`);
    assert.match(fix.description ?? '', /^lena · merged .* ago · [0-9a-f]{8} · not in your clone · ☁ GitHub$/);
    const firstLocal = children.findIndex((c) => c.type === 'commit' || c.type === 'pr');
    assert.ok(children.indexOf(fix) < firstLocal, 'newest first: it was merged after the local commits');
    // Its canary deployment (a commit the clone lacks) is a row too, with its state.
    const canary = children.find((c) => c.type === 'remoteRow' && c.icon === 'rocket');
    assert.ok(canary, `the canary deployment is a row: ${children.map((c) => c.label).join(' | ')}`);
    assert.match(canary.description ?? '', /^canary · success · by deploy-bot · [0-9a-f]{8} · .* ago · ☁ GitHub$/);
    assert.ok(all.some((n) => n.type === 'commit'), 'the local rows are still there');
  });

  it('keeps the local rows and shows a status row when GitHub fails', async () => {
    server.fault(/^\/repos\//, { status: 401 });
    try {
      await vscode.commands.executeCommand('incidentDesk.changes.refresh');
      const status = await until(async () => {
        const snap = await (await api()).changes();
        return snap.nodes.find((n) => n.type === 'message' && /^GitHub: unauthorized/.test(n.label));
      }, 30_000);
      assert.equal(status.command, 'incidentDesk.setGitHubToken', 'the status offers its action');
      const all = flattenChanges((await (await api()).changes()).nodes);
      assert.ok(!all.some((n) => /☁ GitHub/.test(n.description ?? '')), 'no GitHub rows or marks while it refuses');
      assert.ok(all.some((n) => n.type === 'deploy'), 'local deploy groups are intact');
      assert.ok(all.some((n) => n.type === 'commit'), 'local commits are intact');
    } finally {
      server.clearFaults();
    }
  });

  it('shows "unauthorized" in place when Sentry refuses the token, and Changes still works', async () => {
    await vscode.commands.executeCommand('incidentDesk.setSentryToken', 'sntrys_wrong_token_0123456789abcdef');
    const snap = await errorsWhen((s) => s.state === 'error');
    assert.equal(snap.nodes.length, 1);
    assert.match(snap.nodes[0].label, /^Sentry: unauthorized/);
    assert.equal(snap.nodes[0].command, 'incidentDesk.setSentryToken', 'the row offers to set a new token');
    assert.deepEqual(snap.decorations, {}, 'marks go when the issues go');
    const changes = await (await api()).changes();
    assert.equal(changes.state, 'ready');
    assert.ok(changes.nodes.length > 0, 'the Changes view still lists the local history');
  });
});
