import * as vscode from 'vscode';
import * as path from 'node:path';
import type { ChangeRow, Commit, DeployMarker, FileChange, PullRequestRow, RiskKind } from '../../core/model/changes';
import { RISK_LABELS, RISK_ORDER } from '../../core/changes/risk';
import { displayMultiline, displayText, shortSha } from '../../core/changes/display';
import { formatAbsoluteUtc, formatRelative, widerPreset } from '../../core/changes/timeWindow';
import { Commands } from '../../core/ids';
import type { ChangesModel, RepoEntry } from './changesModel';
import type { ChangeEventRow, DeploymentEventRow, ReleaseEventRow } from '../../core/model/deploys';
import { interleave, placeRemoteRows, type RemotePlacement } from '../../core/changes/placeRemote';
import { pullRequestNumber } from '../../core/changes/group';
import type { RemoteChangesModel } from './remoteChanges';
import { annotateDeploy, annotatePullRequest, remoteRowItem, remoteSummaryItem } from './remoteItems';

export type ChangeNode =
  | { type: 'repo'; repo: RepoEntry }
  | { type: 'message'; id: string; text: string; icon: string; tooltip?: string; command?: vscode.Command }
  | { type: 'deploy'; repo: RepoEntry; deploy?: DeployMarker; rows: ChangeRow[]; index: number; remote: ChangeEventRow[]; deployments: (DeploymentEventRow | ReleaseEventRow)[] }
  | { type: 'pr'; repo: RepoEntry; row: PullRequestRow }
  | { type: 'commit'; repo: RepoEntry; commit: Commit }
  | { type: 'file'; repo: RepoEntry; commit: Commit; file: FileChange }
  | { type: 'moreFiles'; commit: Commit; hidden: number }
  /** The summary of GitHub and Sentry; their rows stand among the local ones. */
  | { type: 'remote'; repo: RepoEntry }
  | { type: 'remoteRow'; repo: RepoEntry; row: ChangeEventRow };

const RISK_ICONS: Record<RiskKind, string> = {
  flags: 'symbol-boolean',
  migration: 'database',
  config: 'settings-gear',
  infrastructure: 'server-environment',
  dependency: 'package',
  ci: 'github-action',
};
const STATUS_LETTER: Record<FileChange['status'], string> = {
  added: 'A', modified: 'M', deleted: 'D', renamed: 'R', copied: 'C', typechange: 'T', unknown: '?',
};
const STATUS_COLOR: Partial<Record<FileChange['status'], string>> = {
  added: 'gitDecoration.addedResourceForeground',
  modified: 'gitDecoration.modifiedResourceForeground',
  deleted: 'gitDecoration.deletedResourceForeground',
  renamed: 'gitDecoration.renamedResourceForeground',
};

export function commitRisks(commit: Commit): RiskKind[] {
  const found = new Set<RiskKind>();
  for (const f of commit.files) for (const r of f.risks) found.add(r);
  return RISK_ORDER.filter((r) => found.has(r));
}

/** A GitHub merge keeps the PR title as the first line of its body. */
export function prTitle(merge: Commit): string {
  return merge.body.split('\n').find((l) => l.trim())?.trim() ?? merge.subject;
}

function rowCommits(row: ChangeRow): Commit[] {
  return row.kind === 'pr' ? [row.merge, ...row.commits] : [row.commit];
}

function rowTime(row: ChangeRow): number {
  return row.kind === 'pr' ? row.merge.commitTime : row.commit.commitTime;
}

/** Renders the ChangesModel; holds no data of its own. */
export class ChangesTreeProvider implements vscode.TreeDataProvider<ChangeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<ChangeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;
  private remoteSubscription?: vscode.Disposable;
  private remote?: RemoteChangesModel;
  /** Where each repository's GitHub and Sentry rows went at the last render, for annotations. */
  private readonly placements = new Map<string, RemotePlacement>();

  constructor(private readonly model: ChangesModel) {
    this.subscription = model.onDidChange(() => this.emitter.fire(undefined));
  }

  /** Adds the GitHub and Sentry rows to each repository. */
  setRemote(remote: RemoteChangesModel): void {
    this.remote = remote;
    this.remoteSubscription = remote.onDidChange(() => this.emitter.fire(undefined));
  }

  async getChildren(node?: ChangeNode): Promise<ChangeNode[]> {
    if (!node) {
      await this.model.ensureLoaded();
      if (this.model.state !== 'ready') return []; // the view's welcome content speaks
      if (this.model.repos.length === 1) return this.repoChildren(this.model.repos[0]);
      return this.model.repos.map((repo) => ({ type: 'repo', repo }));
    }
    switch (node.type) {
      case 'repo':
        return this.repoChildren(node.repo);
      case 'deploy':
        return interleave(node.rows, rowTime, node.remote).map((x) => ('local' in x ? this.rowNode(node.repo, x.local) : { type: 'remoteRow', repo: node.repo, row: x.remote }));
      case 'pr': {
        if (node.row.commits.length) return node.row.commits.map((commit) => ({ type: 'commit', repo: node.repo, commit }));
        // Its commits are older than the window: show what the merge changed instead.
        const merge = node.row.merge;
        try {
          const { files, total } = await this.model.pullRequestFiles(node.repo, merge);
          const out: ChangeNode[] = files.map((file) => ({ type: 'file', repo: node.repo, commit: merge, file }));
          if (total > files.length) out.push({ type: 'moreFiles', commit: merge, hidden: total - files.length });
          return out;
        } catch (e) {
          return [{ type: 'message', id: `${node.repo.root}|prerr|${merge.sha}`, icon: 'error', text: `Could not read the pull request's changes: ${displayText(String((e as Error).message ?? e))}` }];
        }
      }
      case 'commit': {
        const files: ChangeNode[] = node.commit.files.map((file) => ({ type: 'file', repo: node.repo, commit: node.commit, file }));
        const hidden = node.commit.filesTotal - node.commit.files.length;
        if (hidden > 0) files.push({ type: 'moreFiles', commit: node.commit, hidden });
        return files;
      }
      default:
        return [];
    }
  }

  private repoChildren(repo: RepoEntry): ChangeNode[] {
    const s = repo.state;
    const id = (k: string): string => `${repo.root}|${k}`;
    switch (s.kind) {
      case 'loading':
        return [{ type: 'message', id: id('loading'), text: 'Reading git history…', icon: 'loading~spin' }];
      case 'emptyRepository':
        return [{ type: 'message', id: id('empty'), text: 'This repository has no commits yet.', icon: 'info' }];
      case 'error':
        return [{
          type: 'message', id: id('error'), text: `Could not read history: ${displayText(s.error.message)}`, icon: 'error',
          tooltip: 'Click to show the log.', command: { command: Commands.showLog, title: 'Show Log' },
        }];
      case 'ready':
        break;
    }
    const out: ChangeNode[] = [];
    const remote = this.remote?.stateFor(repo);
    // GitHub and Sentry: a summary row and each failing service's status, with its action.
    const services: ChangeNode[] = [];
    // The summary says what the services added; when they only failed, their statuses say it.
    const failedOnly = remote?.kind === 'ready' && remote.rows.length === 0 && remote.statuses.length > 0;
    if (remote && (remote.kind === 'loading' || remote.services.length > 0) && !failedOnly) services.push({ type: 'remote', repo });
    if (remote?.kind === 'ready') services.push(...remote.statuses.map((st, i): ChangeNode => ({ type: 'message', id: id(`remote|status|${i}`), text: st.text, icon: st.icon, tooltip: st.tooltip, command: st.command })));
    if (s.shallow) {
      out.push({
        type: 'message', id: id('shallow'), icon: 'warning',
        text: 'Shallow clone: history is cut, older changes are missing.',
        tooltip: 'Run `git fetch --unshallow` in this repository to read the full history.',
      });
    }
    const groups = s.groups
      .map((g) => ({ ...g, rows: g.rows.filter((r) => this.matchesRisk(r)) }))
      .filter((g) => g.rows.length > 0);
    const placement = placeRemoteRows(groups, remote?.kind === 'ready' ? remote.rows : []);
    this.placements.set(repo.root, placement);
    // Remote rows have no files: a risk or path filter leaves them out.
    const shown = (rows: ChangeEventRow[]): ChangeEventRow[] => (this.model.isFiltered ? [] : rows);
    const remoteRows = (rows: ChangeEventRow[]): ChangeNode[] => shown(rows).map((row) => ({ type: 'remoteRow', repo, row }));
    if (groups.length === 0) {
      const wider = widerPreset(s.window);
      const filtered = this.model.isFiltered;
      out.push({ type: 'message', id: id('none'), icon: 'check', text: `No ${placement.top.length && !filtered ? 'local ' : ''}changes ${filtered ? 'match the filters ' : ''}in ${s.window.label}.` });
      if (filtered) out.push({ type: 'message', id: id('clear'), icon: 'clear-all', text: 'Clear the filters', command: { command: Commands.changesClearFilters, title: 'Clear Filters' } });
      else if (wider) out.push({ type: 'message', id: id('widen'), icon: 'zoom-out', text: `Widen to the last ${wider}`, command: { command: Commands.changesPickWindow, title: 'Widen', arguments: [wider] } });
      // The local answer first; then what the services say.
      return [...out, ...services, ...remoteRows(placement.top)];
    }
    out.unshift(...services);
    out.push(...remoteRows(placement.top));
    let budget = this.model.rowLimit;
    let hidden = 0;
    groups.forEach((g, index) => {
      const rows: ChangeRow[] = [];
      for (const r of g.rows) {
        const weight = rowCommits(r).length;
        if (budget <= 0) hidden += weight;
        else rows.push(r);
        budget -= weight;
      }
      if (rows.length) out.push({ type: 'deploy', repo, deploy: g.deploy, rows, index, remote: shown(placement.inGroup[index]), deployments: placement.deployments[index] });
    });
    if (hidden > 0) {
      out.push({
        type: 'message', id: id('more'), icon: 'ellipsis', text: `${hidden.toLocaleString('en-US')} more commits not shown: show more`,
        command: { command: Commands.changesShowMore, title: 'Show More' },
      });
    }
    return out;
  }

  private rowNode(repo: RepoEntry, row: ChangeRow): ChangeNode {
    return row.kind === 'pr' ? { type: 'pr', repo, row } : { type: 'commit', repo, commit: row.commit };
  }

  /** Whether a repository's GitHub and Sentry rows came from the demo server. */
  private demo(repo: RepoEntry): boolean {
    const state = this.remote?.stateFor(repo);
    return state?.kind === 'ready' && state.demo;
  }

  private matchesRisk(row: ChangeRow): boolean {
    const filter = this.model.riskFilter;
    if (filter.length === 0) return true;
    return rowCommits(row).some((c) => c.files.some((f) => f.risks.some((r) => filter.includes(r))));
  }

  getTreeItem(node: ChangeNode): vscode.TreeItem {
    const now = Date.now();
    switch (node.type) {
      case 'repo': {
        const item = new vscode.TreeItem(node.repo.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.repo.root}|repo`;
        item.iconPath = new vscode.ThemeIcon('repo');
        const dirName = node.repo.root.split(/[\\/]/).pop() ?? '';
        const parts = dirName && dirName !== node.repo.name ? [`repository ${dirName}`] : [];
        if (node.repo.state.kind === 'ready') parts.push(`${node.repo.state.commitCount} ${node.repo.state.commitCount === 1 ? 'commit' : 'commits'}`);
        item.description = parts.join(' · ') || undefined;
        item.tooltip = node.repo.root;
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.id = node.id;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.tooltip;
        item.command = node.command;
        item.contextValue = 'message';
        return item;
      }
      case 'deploy': {
        const d = node.deploy;
        const label = d ? displayText(d.tag) : 'Not deployed yet';
        const item = new vscode.TreeItem(label, node.index < 2 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.repo.root}|deploy|${d?.tag ?? ''}`;
        item.iconPath = new vscode.ThemeIcon(d ? 'rocket' : 'circle-large-outline');
        const count = node.rows.reduce((n, r) => n + rowCommits(r).length, 0);
        item.description = d ? `deployed ${formatRelative(d.time, now)} · ${count} ${count === 1 ? 'commit' : 'commits'}` : `${count} ${count === 1 ? 'commit' : 'commits'}`;
        item.tooltip = d ? `Deploy tag ${d.tag} at ${formatAbsoluteUtc(d.time)} (commit ${shortSha(d.sha)})` : 'Commits newer than the last deploy tag.';
        if (node.remote.length) item.description += ` + ${node.remote.length} ☁`;
        item.contextValue = d ? 'deploy' : 'undeployed';
        annotateDeploy(item, node.deployments, this.demo(node.repo));
        return item;
      }
      case 'pr': {
        const { row } = node;
        const item = new vscode.TreeItem(`#${row.number} ${displayText(prTitle(row.merge))}`, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.repo.root}|pr|${row.merge.sha}`;
        const risks = [...new Set(row.commits.flatMap(commitRisks))];
        item.iconPath = new vscode.ThemeIcon('git-pull-request', risks.length ? new vscode.ThemeColor('list.warningForeground') : undefined);
        const n = row.commits.length;
        const count = n ? `${n} ${n === 1 ? 'commit' : 'commits'}` : 'commits before the window';
        item.description = [displayText(row.merge.authorName, 60), `merged ${formatRelative(row.merge.commitTime, now)}`, count, ...risks.map((r) => RISK_LABELS[r])].join(' · ');
        item.tooltip = this.commitTooltip(row.merge, risks);
        item.contextValue = node.repo.state.kind === 'ready' && node.repo.state.remote ? 'commit.pr.remote' : 'commit.pr';
        const github = this.placements.get(node.repo.root)?.pullRequests.get(row.merge.sha.toLowerCase());
        if (github) annotatePullRequest(item, github, this.demo(node.repo), true);
        return item;
      }
      case 'commit':
        return this.commitItem(node.repo, node.commit, now);
      case 'file':
        return this.fileItem(node.repo, node.commit, node.file);
      case 'remote':
        return remoteSummaryItem(node.repo.root, this.remote?.stateFor(node.repo) ?? { kind: 'loading' });
      case 'remoteRow':
        return remoteRowItem(node.repo.root, node.row, now, this.demo(node.repo));
      case 'moreFiles': {
        const item = new vscode.TreeItem(`${node.hidden.toLocaleString('en-US')} more files not listed`, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.tooltip = 'Large commit: open all of its changes from the commit row to see every file.';
        return item;
      }
    }
  }

  private commitItem(repo: RepoEntry, commit: Commit, now: number): vscode.TreeItem {
    const risks = commitRisks(commit);
    const item = new vscode.TreeItem(displayText(commit.subject) || '(no message)', commit.filesTotal > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${repo.root}|commit|${commit.sha}`;
    const icon = risks.length ? RISK_ICONS[risks[0]] : commit.parents.length > 1 ? 'git-merge' : 'git-commit';
    item.iconPath = new vscode.ThemeIcon(icon, risks.length ? new vscode.ThemeColor('list.warningForeground') : undefined);
    const parts = [displayText(commit.authorName, 60), formatRelative(commit.commitTime, now)];
    if (commit.branches.length) parts.push(`⎇ ${commit.branches.map((b) => displayText(b, 40)).join(', ')}`);
    parts.push(...risks.map((r) => RISK_LABELS[r]));
    item.description = parts.join(' · ');
    item.tooltip = this.commitTooltip(commit, risks);
    const remote = repo.state.kind === 'ready' && repo.state.remote ? '.remote' : '';
    item.contextValue = `commit${remote}`;
    const github = this.placements.get(repo.root)?.pullRequests.get(commit.sha.toLowerCase());
    if (github) annotatePullRequest(item, github, this.demo(repo), pullRequestNumber(commit.subject) === github.pullRequest.number);
    item.accessibilityInformation = { label: `Commit ${displayText(commit.subject)} by ${displayText(commit.authorName)}, ${formatRelative(commit.commitTime, now)}${risks.length ? `, changes ${risks.map((r) => RISK_LABELS[r]).join(', ')}` : ''}` };
    return item;
  }

  /** Plain text, never markdown: a commit's words cannot become a link, an image or markup. */
  private commitTooltip(commit: Commit, risks: RiskKind[]): string {
    const lines = [displayMultiline(commit.subject)];
    if (commit.body) lines.push('', displayMultiline(commit.body.slice(0, 4000)));
    lines.push('', `${shortSha(commit.sha)} · ${displayText(commit.authorName, 80)} <${displayText(commit.authorEmail, 80)}> · ${formatAbsoluteUtc(commit.commitTime)}`);
    if (commit.filesTotal) lines.push(`${commit.filesTotal.toLocaleString('en-US')} ${commit.filesTotal === 1 ? 'file' : 'files'} changed`);
    if (risks.length) lines.push(`Risky: ${risks.map((r) => RISK_LABELS[r]).join(', ')}`);
    return lines.join('\n');
  }

  private fileItem(repo: RepoEntry, commit: Commit, file: FileChange): vscode.TreeItem {
    const base = path.posix.basename(file.path);
    const item = new vscode.TreeItem(displayText(base), vscode.TreeItemCollapsibleState.None);
    item.id = `${repo.root}|file|${commit.sha}|${file.oldPath ?? ''}|${file.path}`;
    const dir = path.posix.dirname(file.path);
    const where = file.oldPath ? `← ${displayText(file.oldPath)}` : dir === '.' ? '' : displayText(dir);
    const risk = file.risks[0];
    item.description = [STATUS_LETTER[file.status], where, ...file.risks.map((r) => RISK_LABELS[r])].filter(Boolean).join(' · ');
    item.iconPath = risk
      ? new vscode.ThemeIcon(RISK_ICONS[risk], new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon(file.status === 'deleted' ? 'diff-removed' : file.status === 'added' ? 'diff-added' : file.status === 'renamed' ? 'diff-renamed' : 'diff-modified', STATUS_COLOR[file.status] ? new vscode.ThemeColor(STATUS_COLOR[file.status]!) : undefined);
    item.tooltip = `${displayText(file.path, 1000)}${file.oldPath ? `\nrenamed from ${displayText(file.oldPath, 1000)}` : ''}\n${file.status}${file.risks.length ? ` · ${file.risks.map((r) => RISK_LABELS[r]).join(', ')}` : ''}\nClick to open the diff.`;
    item.command = { command: Commands.changesOpenFileDiff, title: 'Open Diff', arguments: [{ type: 'file', repo, commit, file }] };
    item.contextValue = 'file';
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.remoteSubscription?.dispose();
    this.emitter.dispose();
  }
}
