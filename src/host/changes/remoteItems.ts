import * as vscode from 'vscode';
import type { ChangeEventRow, ChangeOrigin, DeploymentEventRow, DeploymentState, PullRequestEventRow, ReleaseEventRow } from '../../core/model/deploys';
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

const SERVICE: Record<ChangeOrigin, string> = { git: 'git', github: 'GitHub', sentry: 'Sentry' };
export const DEMO_LABEL = 'DEMO DATA';

/** `GitHub + Sentry`: which services reported a change (the clone itself not counted). */
function servicesOf(sources: readonly ChangeOrigin[]): string {
  return (['github', 'sentry'] as const).filter((s) => sources.includes(s)).map((s) => SERVICE[s]).join(' + ');
}

/** `checkout-service@7e72c2cef4e8…` → `checkout-service@7e72c2c`: Sentry versions often end in a full sha. */
function releaseName(tag: string): string {
  return displayText(tag.replace(/([0-9a-f]{7})[0-9a-f]{5,33}$/i, '$1'), 40);
}

/**
 * The summary row of GitHub and Sentry at the top of a repository in the Changes view: what
 * they added to the list (their rows stand among the local commits), or that they are loading.
 */
export function remoteSummaryItem(root: string, state: RemoteState): vscode.TreeItem {
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
  const item = new vscode.TreeItem(`${state.services.join(' and ')}${state.demo ? ` · ${DEMO_LABEL}` : ''}`, vscode.TreeItemCollapsibleState.None);
  item.id = `${root}|remote`;
  item.iconPath = new vscode.ThemeIcon(state.statuses.length ? 'warning' : 'cloud');
  item.description = parts.length ? `${parts.join(' · ')}, in place below` : state.statuses.length ? 'not available' : 'nothing in the window';
  item.tooltip = [
    'Deployments, merged pull requests, releases and commits your clone lacks, as GitHub and Sentry report them.',
    'Each stands at its time among the local commits (marked ☁); a pull request merged as a local commit, and a deployment of a deploy tag, are shown on that row.',
    state.demo ? `${DEMO_LABEL}: from the local demo server, not a real service.` : '',
  ].filter(Boolean).join('\n');
  item.contextValue = 'remote';
  return item;
}

/** A row only GitHub or Sentry knows: a deployment, a pull request, a release or a commit the clone lacks. */
export function remoteRowItem(root: string, row: ChangeEventRow, now: number, demo: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(displayText(row.title) || '(untitled)', vscode.TreeItemCollapsibleState.None);
  item.id = `${root}|remote|${row.key}`;
  const when = formatRelative(row.time, now);
  const author = row.author ?? (row.kind === 'deployment' ? row.also.find((d) => d.creator)?.creator : undefined);
  const by = author ? displayText(author, 60) : undefined;
  // The remote marker: which service says so, and that it is demo data when it is.
  const marker = [`☁ ${servicesOf(row.sources)}`, demo ? DEMO_LABEL : ''].filter(Boolean).join(' · ');
  switch (row.kind) {
    case 'deployment': {
      const d = row.deployment;
      const color = DEPLOY_COLORS[d.state];
      item.iconPath = new vscode.ThemeIcon('rocket', color ? new vscode.ThemeColor(color) : undefined);
      item.description = [displayText(d.environment, 40), d.state.replace('_', ' '), by && `by ${by}`, d.sha && shortSha(d.sha), when, marker].filter(Boolean).join(' · ');
      item.contextValue = 'remote.deployment';
      break;
    }
    case 'pullRequest': {
      const pr = row.pullRequest;
      item.label = `#${pr.number} ${displayText(pr.title)}`;
      item.iconPath = new vscode.ThemeIcon('git-pull-request', new vscode.ThemeColor('gitDecoration.addedResourceForeground'));
      item.description = [by, `merged ${when}`, row.sha && shortSha(row.sha), 'not in your clone', marker].filter(Boolean).join(' · ');
      item.contextValue = 'remote.pullRequest';
      break;
    }
    case 'release':
      item.iconPath = new vscode.ThemeIcon('tag');
      item.description = [row.release.tag !== row.title ? displayText(row.release.tag, 60) : '', by, when, marker].filter(Boolean).join(' · ');
      item.contextValue = 'remote.release';
      break;
    case 'commit':
      item.iconPath = new vscode.ThemeIcon('git-commit', new vscode.ThemeColor('descriptionForeground'));
      item.description = [by, when, shortSha(row.sha), 'not in your clone', marker].filter(Boolean).join(' · ');
      item.contextValue = 'remote.commit';
      break;
  }
  item.tooltip = `${displayText(row.title)}\n${formatAbsoluteUtc(row.time)} · reported by ${servicesOf(row.sources)}${demo ? ` (${DEMO_LABEL})` : ''}${row.url ? '\nClick to open it on the web.' : ''}`;
  if (row.url) item.command = { command: 'vscode.open', title: 'Open on the Web', arguments: [vscode.Uri.parse(row.url, true)] };
  return item;
}

/**
 * A local merge commit that GitHub knows as a merged pull request: the row says so. The label of
 * a pull request row already names the number; a squash-merged commit's row does not.
 */
export function annotatePullRequest(item: vscode.TreeItem, row: PullRequestEventRow, demo: boolean, named: boolean): void {
  const pr = row.pullRequest;
  const by = pr.author ? ` by ${displayText(pr.author, 60)}` : '';
  const note = `${named ? '☁ GitHub' : `☁ GitHub #${pr.number}`}${demo ? ` · ${DEMO_LABEL}` : ''}`;
  item.description = [typeof item.description === 'string' ? item.description : '', note].filter(Boolean).join(' · ');
  const tip = `GitHub: pull request #${pr.number} “${displayText(pr.title)}”${by}, merged ${formatAbsoluteUtc(pr.mergedAt)}${demo ? ` (${DEMO_LABEL})` : ''}`;
  item.tooltip = [typeof item.tooltip === 'string' ? item.tooltip : '', tip].filter(Boolean).join('\n\n');
}

/**
 * A local deploy tag that GitHub or Sentry also report (a deployment, a release of its commit):
 * the state comes first, as it matters most during an incident; the icon takes the state's colour.
 */
export function annotateDeploy(item: vscode.TreeItem, reports: readonly (DeploymentEventRow | ReleaseEventRow)[], demo: boolean): void {
  if (reports.length === 0) return;
  // Production first: in an incident it is the deploy that matters; then the newest.
  const production = (r: DeploymentEventRow): number => Number(r.deployment.production === true || /^prod/i.test(r.deployment.environment));
  const deployments = reports.filter((r): r is DeploymentEventRow => r.kind === 'deployment').sort((a, b) => production(b) - production(a) || b.time - a.time);
  const releases = reports.filter((r): r is ReleaseEventRow => r.kind === 'release');
  const latest = deployments[0]?.deployment;
  const color = latest && DEPLOY_COLORS[latest.state];
  if (latest) item.iconPath = new vscode.ThemeIcon('rocket', color ? new vscode.ThemeColor(color) : undefined);
  const states = deployments.map((r) => `${displayText(r.deployment.environment, 40)} ${r.deployment.state.replace('_', ' ')}${r.author ? ` by ${displayText(r.author, 60)}` : ''}`);
  const names = releases.map((r) => `release ${releaseName(r.release.tag)}`);
  const sources = servicesOf([...new Set(reports.flatMap((r) => r.sources))]);
  const local = typeof item.description === 'string' ? item.description : '';
  item.description = [...states, local, ...names, `☁ ${sources}`, demo ? DEMO_LABEL : ''].filter(Boolean).join(' · ');
  const lines = reports.map((r) =>
    r.kind === 'deployment'
      ? `${servicesOf(r.sources)}: deployed to ${displayText(r.deployment.environment, 60)} at ${formatAbsoluteUtc(r.time)}, ${r.deployment.state.replace('_', ' ')}`
      : `${servicesOf(r.sources)}: release ${displayText(r.release.tag, 80)} at ${formatAbsoluteUtc(r.time)}`,
  );
  item.tooltip = [typeof item.tooltip === 'string' ? item.tooltip : '', ...lines, demo ? DEMO_LABEL : ''].filter(Boolean).join('\n');
}
