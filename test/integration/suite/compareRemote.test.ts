// "Compare with Previous Successful Deploy" on GitHub deployments whose commits the clone lacks:
// the comparison and both sides of each file come from a local GitHub replay server (real HTTP,
// real Octokit), which answers from an upstream git repository the workspace never fetched.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ChangeNode } from '../../../src/host/changes/changesTree';
import type { RemoteCompareOutcome } from '../../../src/host/changes/remoteCompareView';
import { ReplayServer } from '../../replay/replayServer';
import { installGitHubRoutes } from '../../replay/githubReplay';
import { demoGitHubData } from '../../replay/demoData';
import { compareInRepo, factsFromRepo, fileInRepo } from '../../replay/demoFacts';
import { loadSample, sampleItem } from '../../replay/samples';
import type { Json } from '../../replay/samples';
import { api, until } from '../support';

const GH_TOKEN = 'ghp_compareRemoteToken0123456789abcdef';
const H = 3_600_000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

/** A repository with two commits the workspace never saw: what production ran, then what it runs now. */
function upstreamRepo(): { dir: string; base: string; head: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-upstream-'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Up Stream', GIT_AUTHOR_EMAIL: 'up@example.com', GIT_COMMITTER_NAME: 'Up Stream', GIT_COMMITTER_EMAIL: 'up@example.com' };
  const git = (args: string[]): string => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  const write = (file: string, content: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  };
  git(['init', '-q', '-b', 'main']);
  write('src/orders/createOrder.ts', 'export function createOrder() {\n  return { meta: {} };\n}\n');
  write('src/db/orders.ts', 'export const table = "orders";\n');
  write('src/legacy/old.ts', 'export const legacy = true;\n');
  write('media/logo.png', PNG);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Production as it was']);
  const base = git(['rev-parse', 'HEAD']);
  write('src/orders/createOrder.ts', 'import { buildMeta } from "./meta";\nexport function createOrder() {\n  return { meta: buildMeta() };\n}\n');
  write('src/orders/meta.ts', 'export const buildMeta = () => ({ partition_key: null });\n');
  git(['mv', 'src/db/orders.ts', 'src/db/orderRepo.ts']);
  git(['rm', '-q', 'src/legacy/old.ts']);
  write('media/logo.png', Buffer.concat([PNG, Buffer.from([0, 1, 2])]));
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Build order meta in its own module']);
  return { dir, base, head: git(['rev-parse', 'HEAD']) };
}

describe('Compare deploys the clone lacks, through GitHub (real HTTP, real editor)', function () {
  this.timeout(90_000);
  let server: ReplayServer;
  let up: ReturnType<typeof upstreamRepo>;
  let repoPath = '';
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('incidentDesk');

  before(async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    up = upstreamRepo();
    const data = demoGitHubData(factsFromRepo(root));
    const deployment = sampleItem('github/deployments-list.json');
    const status = sampleItem('github/deployment-statuses-list.json');
    const now = Date.now();
    const extra = [
      { id: 9101, sha: up.base, at: now - 3 * H },
      { id: 9102, sha: up.head, at: now - 2 * H },
    ].map((d) => ({ ...structuredClone(deployment), id: d.id, sha: d.sha, ref: 'main', environment: 'canary', created_at: new Date(d.at).toISOString(), updated_at: new Date(d.at).toISOString() }));
    data.deployments = [...extra.reverse(), ...data.deployments];
    for (const d of extra) data.statuses[String(d.id)] = [{ ...structuredClone(status), state: 'success', environment: 'canary', created_at: d.created_at, updated_at: d.updated_at }];
    const demoCompare = data.compare as (basehead: string) => Json | undefined;
    const template = loadSample<Json>('github/compare.json');
    data.compare = (basehead) => {
      const [b, h] = basehead.split('...');
      if (b !== up.base || h !== up.head) return demoCompare(basehead);
      const diff = compareInRepo(up.dir, b, h)!;
      const commit = sampleItem('github/commits-list.json');
      return {
        ...template,
        status: 'ahead',
        ahead_by: diff.commits.length,
        behind_by: 0,
        total_commits: diff.commits.length,
        html_url: `https://github.com/${data.owner}/${data.repo}/compare/${basehead}`,
        commits: diff.commits.map((c) => ({ ...structuredClone(commit), sha: c.sha, commit: { ...(commit.commit as Json), message: c.subject } })),
        files: diff.files.map((f) => ({ filename: f.path, previous_filename: f.previous, status: f.status, additions: f.additions, deletions: f.deletions, changes: f.additions + f.deletions })),
      };
    };
    data.contents = (file, ref) => fileInRepo(up.dir, ref, file) ?? fileInRepo(root, ref, file);
    repoPath = `/repos/${data.owner}/${data.repo}`;
    server = await ReplayServer.start();
    installGitHubRoutes(server, data, { token: GH_TOKEN });
    await config().update('github.apiBaseUrl', server.url, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('incidentDesk.setGitHubToken', GH_TOKEN);
    await vscode.commands.executeCommand('incidentDesk.changes.pickWindow', '24h');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config().update('github.apiBaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
    await server?.close();
    fs.rmSync(up.dir, { recursive: true, force: true });
  });

  const canaryNode = (): Promise<ChangeNode> =>
    until(async () => (await api()).findChangeNode((n) => n.type === 'remoteRow' && n.row.kind === 'deployment' && n.row.sha === up.head), 30_000);

  const compare = async (): Promise<RemoteCompareOutcome> =>
    (await vscode.commands.executeCommand('incidentDesk.changes.compareWithPreviousDeploy', await canaryNode())) as RemoteCompareOutcome;

  const activeDiff = (name: string): Promise<vscode.TabInputTextDiff> =>
    until(() => {
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.isActive && t.input instanceof vscode.TabInputTextDiff && t.label.startsWith(`${name} (`));
      return tab?.input as vscode.TabInputTextDiff | undefined;
    });

  const sides = async (input: vscode.TabInputTextDiff): Promise<[string, string]> => {
    const [l, r] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
    return [l.getText(), r.getText()];
  };

  it('lists the comparison from GitHub and opens each file as a diff of its two sides', async () => {
    const outcome = await compare();
    assert.deepEqual(outcome, { kind: 'listed', commits: 1, files: 5 });
    assert.ok(server.requestsTo(`${repoPath}/compare/${up.base}...${up.head}`).length >= 1, 'the compare API was asked');
    // The list is open; files come in GitHub's order: media/logo.png (binary), then the renamed one.
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const renamed = await activeDiff('orderRepo.ts');
    assert.equal(renamed.original.scheme, 'incident-desk-github');
    assert.deepEqual(await sides(renamed), ['export const table = "orders";\n', 'export const table = "orders";\n'], 'the left is the old path at the base');
    assert.match(renamed.original.query, /"path":"src\/db\/orders\.ts"/);

    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await sides(await activeDiff('old.ts')), ['export const legacy = true;\n', ''], 'a removed file has an empty right side');

    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const [left, right] = await sides(await activeDiff('createOrder.ts'));
    assert.match(left, /return \{ meta: \{\} \};/);
    assert.match(right, /buildMeta\(\)/);

    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await sides(await activeDiff('meta.ts')), ['', 'export const buildMeta = () => ({ partition_key: null });\n'], 'an added file has an empty left side');
    const contents = server.requestsTo(/\/contents\//);
    assert.ok(contents.every((r) => /vnd\.github(\.v3)?\.raw/.test(String(r.headers.accept))), 'files are read raw');
    assert.ok(contents.every((r) => r.query.get('ref') === up.base || r.query.get('ref') === up.head));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('says a binary file is binary instead of opening a diff', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal((await compare()).kind, 'listed');
    server.clearRequests();
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await until(() => server.requestsTo(/\/contents\/media/).length >= 2 || undefined);
    await new Promise((r) => setTimeout(r, 500));
    const diffs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff);
    assert.equal(diffs.length, 0, 'no diff editor for a binary file');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('gives a status, not an exception, when GitHub does not know the comparison', async () => {
    server.fault(/\/compare\//, { status: 404, body: JSON.stringify({ message: 'Not Found' }) });
    try {
      const outcome = await compare();
      assert.equal(outcome.kind, 'failed');
      assert.equal(outcome.kind === 'failed' && outcome.reason, 'notFound');
    } finally {
      server.clearFaults();
    }
  });

  it('retries a 500 and then lists the comparison', async () => {
    server.clearRequests();
    server.fault(/\/compare\//, { status: 500, times: 1 });
    const outcome = await compare();
    assert.deepEqual(outcome, { kind: 'listed', commits: 1, files: 5 });
    assert.equal(server.requestsTo(/\/compare\//).length, 2, 'one failure, one retry');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
