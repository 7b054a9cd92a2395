import * as vscode from 'vscode';
import type { ChangeEventRow, DeploymentState } from '../../core/model/deploys';
import { displayText, shortSha } from '../../core/changes/display';
import { formatAbsoluteUtc, formatRelative } from '../../core/changes/timeWindow';
import type { RemoteState } from './remoteChanges';

const DEPLOY_COLORS: Partial<Record<DeploymentState, string>> = {
  success: 'testing.iconPassed',
  failure: 'errorForeground',
  error: 'errorForeground',
  in_progress: 'editorWarning.foreground',
  queued: 'descriptionForeground',
  pending: 'descriptionForeground',
  inactive: 'disabledForeground',
};

/** The "GitHub and Sentry" section of a repository in the Changes view. */
export function remoteSectionItem(root: string, state: RemoteState): vscode.TreeItem {
  if (state.kind === 'loading') {
    const item = new vscode.TreeItem('Reading GitHub and Sentry…', vscode.TreeItemCollapsibleState.None);
    item.id = `${root}|remote-loading`;
    item.iconPath = new vscode.ThemeIcon('loading~spin');
    return item;
  }
  const count = (kind: ChangeEventRow['kind']): number => state.rows.filter((r) => r.kind === kind).length;
  const parts = [
    [count('deployment'), 'deployment', 'deployments'],
    [count('pullRequest'), 'pull request', 'pull requests'],
    [count('release'), 'release', 'releases'],
    [count('commit'), 'commit not in the clone', 'commits not in the clone'],
  ]
    .filter(([n]) => Number(n) > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  const item = new vscode.TreeItem(`${state.services.join(' and ')}${state.demo ? ' (demo data)' : ''}`, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${root}|remote`;
  item.iconPath = new vscode.ThemeIcon(state.statuses.length ? 'warning' : 'cloud');
  item.description = parts.join(' · ') || (state.statuses.length ? 'not available' : 'nothing in the window');
  item.tooltip = 'Deployments, merged pull requests, releases and commits your clone lacks, as GitHub and Sentry report them; each change once, matched to local commits by sha.';
  item.contextValue = 'remote';
  return item;
}

/** One remote row: a deployment, a merged pull request, a release or a commit the clone lacks. */
export function remoteRowItem(root: string, row: ChangeEventRow, now: number): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(row.title) || '(untitled)', vscode.TreeItemCollapsibleState.None);
  item.id = `${root}|remote|${row.key}`;
  const when = formatRelative(row.time, now);
  const author = row.author ?? (row.kind === 'deployment' ? row.also.find((d) => d.creator)?.creator : undefined);
  const by = author ? displayText(author, 60) : undefined;
  const from = row.sources.includes('git') || (row.kind === 'pullRequest' && row.local) ? 'in clone' : undefined;
  const sources = row.sources.filter((s) => s !== 'git').join(' + ');
  switch (row.kind) {
    case 'deployment': {
      const d = row.deployment;
      const color = DEPLOY_COLORS[d.state];
      item.iconPath = new vscode.ThemeIcon('rocket', color ? new vscode.ThemeColor(color) : undefined);
      item.description = [displayText(d.environment, 40), d.state.replace('_', ' '), by && `by ${by}`, d.sha && shortSha(d.sha), when, sources].filter(Boolean).join(' · ');
      item.contextValue = 'remote.deployment';
      break;
    }
    case 'pullRequest': {
      const pr = row.pullRequest;
      item.label = `#${pr.number} ${displayText(pr.title)}`;
      item.iconPath = new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('gitDecoration.addedResourceForeground'));
      item.description = [by, `merged ${when}`, row.sha && shortSha(row.sha), from, sources].filter(Boolean).join(' · ');
      item.contextValue = 'remote.pullRequest';
      break;
    }
    case 'release':
      item.iconPath = new vscode.ThemeIcon('tag');
      item.description = [row.release.tag !== row.title ? displayText(row.release.tag, 60) : '', by, when, sources].filter(Boolean).join(' · ');
      item.contextValue = 'remote.release';
      break;
    case 'commit':
      item.iconPath = new vscode.ThemeIcon('git-commit', new vscode.ThemeColor('descriptionForeground'));
      item.description = [by, when, shortSha(row.sha), 'not in your clone'].filter(Boolean).join(' · ');
      item.contextValue = 'remote.commit';
      break;
  }
  item.tooltip = `${displayText(row.title)}\n${formatAbsoluteUtc(row.time)}${row.url ? '\nClick to open it on the web.' : ''}`;
  if (row.url) item.command = { command: 'vscode.open', title: 'Open on the Web', arguments: [vscode.Uri.parse(row.url, true)] };
  return item;
}
