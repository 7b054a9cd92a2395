// "What changed recently?" inside the real extension host, on the demo workspace's real git history.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as vscode from 'vscode';
import type { IncidentDeskApi } from '../../../src/host/extension';
import type { SnapshotNode } from '../../../src/host/changes/changesSnapshot';
import { EXTENSION_ID, api, until } from '../support';

function flatten(nodes: SnapshotNode[] = []): SnapshotNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('What changed recently? (real git, real editor)', function () {
  this.timeout(60_000);

  before(async () => {
    await vscode.commands.executeCommand('incidentDesk.changes.clearFilters');
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
  });

  it('groups the last 24 h under deploy markers with the pull requests folded', async () => {
    const snap = await (await api()).changes();
    assert.equal(snap.state, 'ready');
    const top = snap.nodes;
    assert.ok(top.length >= 2, `groups: ${top.map((n) => n.label).join(' | ')}`);
    const deploys = top.filter((n) => n.type === 'deploy' && /^deploy-\d{8}-\d{4}$/.test(n.label));
    assert.ok(deploys.length >= 2, 'at least two deploys in 24 h');
    assert.match(deploys[0].description ?? '', /^deployed .* ago · \d+ commits?$/);
    const all = flatten(top);
    const pr = all.find((n) => n.type === 'pr' && /^#226 /.test(n.label));
    assert.ok(pr, 'PR #226 is one row');
    assert.ok(pr.children && pr.children.some((c) => c.label === 'Refactor order metadata builder'), 'expanding the PR shows its commits');
  });

  it('makes risky change types stand out and filters by them', async () => {
    const all = flatten((await (await api()).changes()).nodes);
    const flagsFile = all.find((n) => n.type === 'file' && n.label === 'flags.yml');
    assert.ok(flagsFile, 'config/flags.yml is listed');
    assert.equal(flagsFile.icon, 'symbol-boolean');
    assert.match(flagsFile.description ?? '', /feature flags/);
    await vscode.commands.executeCommand('incidentDesk.changes.filterRisk', ['migration']);
    const filtered = flatten((await (await api()).changes()).nodes).filter((n) => n.type === 'commit' || n.type === 'pr');
    assert.ok(filtered.length > 0, 'a migration commit remains');
    for (const row of filtered.filter((r) => r.type === 'commit')) {
      const files = row.children ?? [];
      if (files.length) assert.ok(files.some((f) => /database migration/.test(f.description ?? '')), `${row.label} changes a migration`);
    }
    assert.ok(filtered.length < all.filter((n) => n.type === 'commit' || n.type === 'pr').length, 'the filter hides commits');
    await vscode.commands.executeCommand('incidentDesk.changes.clearFilters');
  });

  it('opens the diff of a file at a commit against its parent', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const ext = vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!;
    const all = flatten((await ext.exports.changes()).nodes);
    const file = all.find((n) => n.type === 'file' && n.label === 'createOrder.ts' && n.command === 'incidentDesk.changes.openFileDiff');
    assert.ok(file, 'createOrder.ts is listed under the refactor');
    const node = await ext.exports.findChangeNode((n) => n.type === 'file' && n.file.path === 'src/orders/createOrder.ts');
    assert.ok(node, 'node found');
    await vscode.commands.executeCommand('incidentDesk.changes.openFileDiff', node);
    const tab = await until(() => vscode.window.tabGroups.activeTabGroup.activeTab);
    assert.ok(tab.input instanceof vscode.TabInputTextDiff, `a diff is open (${tab.label})`);
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(input.modified.scheme, 'incident-desk-git');
    const [left, right] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    assert.notEqual(left.getText(), right.getText(), 'the two sides differ');
    assert.match(right.getText(), /buildOrderMeta/);
    assert.match(tab.label, /createOrder\.ts \(\w{8} ↔ \w{8}\)/);
  });

  it('opens all changes of a commit and copies its SHA', async () => {
    const ext = vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!;
    const node = await ext.exports.findChangeNode((n) => n.type === 'commit' && n.commit.files.length > 1);
    assert.ok(node && node.type === 'commit');
    await vscode.commands.executeCommand('incidentDesk.changes.openCommitChanges', node);
    const tab = await until(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t && t.label.startsWith(node.commit.sha.slice(0, 8)) ? t : undefined;
    });
    assert.ok(tab.label.includes(node.commit.subject.slice(0, 20)));
    await vscode.commands.executeCommand('incidentDesk.changes.copySha', node);
    assert.equal(await vscode.env.clipboard.readText(), node.commit.sha);
  });

  it('compares the newest deploy with the previous one: every file that differs opens as a diff', async () => {
    const ext = vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!;
    const node = await ext.exports.findChangeNode((n) => n.type === 'deploy' && !!n.deploy && n.index <= 1);
    assert.ok(node && node.type === 'deploy' && node.deploy);
    await vscode.commands.executeCommand('incidentDesk.changes.compareWithPreviousDeploy', node);
    const tab = await until(() => {
      const t = vscode.window.tabGroups.activeTabGroup.activeTab;
      return t && t.label.includes(`↔ ${node.deploy!.tag}`) ? t : undefined;
    });
    assert.match(tab.label, /^deploy-\d{8}-\d{4} ↔ deploy-/);
    // The comparison names what the deploy shipped: PR #226's file is in it.
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const base = tab.label.split(' ↔ ')[0]!;
    const files = execFileSync('git', ['diff', '--name-only', base, node.deploy.tag], { cwd: root, encoding: 'utf8' }).trim().split('\n');
    assert.ok(files.includes('src/orders/createOrder.ts'), files.join());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('filters by path and narrows the window', async () => {
    const ws = vscode.workspace.workspaceFolders![0].uri;
    await vscode.commands.executeCommand('incidentDesk.changes.filterByPath', vscode.Uri.joinPath(ws, 'config', 'flags.yml'));
    const rows = flatten((await (await api()).changes()).nodes).filter((n) => n.type === 'commit');
    assert.ok(rows.length >= 1);
    for (const r of rows) assert.ok((r.children ?? []).some((f) => f.label === 'flags.yml'), `${r.label} touches flags.yml`);
    await vscode.commands.executeCommand('incidentDesk.changes.clearFilters');

    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '1m');
    const empty = (await (await api()).changes()).nodes;
    assert.match(empty[0].label, /^No changes in last 1 min\.$/);
    assert.equal(empty[1].command, 'incidentDesk.changes.pickWindow', 'offers a wider window');
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', 'lastDeploy');
    const sinceDeploy = await (await api()).changes();
    assert.ok(sinceDeploy.nodes.every((n) => n.type !== 'deploy' || n.label === 'Not deployed yet'), 'only undeployed changes since the last deploy');
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
  });

  it('shows what a pull request changed when its commits are older than the window', async () => {
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '1h');
    try {
      const ext = vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID)!;
      const pr = flatten((await ext.exports.changes()).nodes).find((n) => n.type === 'pr' && /^#226 /.test(n.label));
      assert.ok(pr, 'PR #226 merged within the hour');
      assert.match(pr.description ?? '', /commits before the window/);
      assert.deepEqual((pr.children ?? []).map((c) => c.label).sort(), ['createOrder.ts', 'meta.test.ts', 'meta.ts']);
      const node = await ext.exports.findChangeNode((n) => n.type === 'pr' && n.row.number === 226);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('incidentDesk.changes.openCommitChanges', node);
      const tab = await until(() => {
        const t = vscode.window.tabGroups.activeTabGroup.activeTab;
        return t && /#226 Refactor order metadata builder/.test(t.label) ? t : undefined;
      });
      assert.ok(tab, 'the PR opens as one multi-file diff');
    } finally {
      await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
    }
  });

  it('marks commits of other pushed branches when the setting asks for them', async () => {
    const config = vscode.workspace.getConfiguration('incidentDesk');
    await config.update('changes.branches', 'pushed', vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '7d');
      const all = flatten((await (await api()).changes()).nodes);
      const marked = all.filter((n) => n.type === 'commit' && /⎇ /.test(n.description ?? ''));
      assert.ok(marked.length > 0, 'some commits carry a branch mark');
      assert.ok(marked.every((n) => !/refactor\/order-meta/.test(n.description ?? '')), 'a branch without upstream is not read');
    } finally {
      await config.update('changes.branches', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
    }
  });
});
