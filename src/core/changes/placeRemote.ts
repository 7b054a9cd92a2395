/**
 * Where GitHub's and Sentry's rows go in "What changed recently?": next to the local commits, in
 * the same time order and deploy groups, each change once. A merged pull request whose merge
 * commit is local annotates that commit's row; a deployment or release of a local deploy tag's
 * commit joins that deploy's row; everything else stands at its time as a row of its own.
 */
import type { DeployMarker } from '../model/changes';
import type { ChangeEventRow, DeploymentEventRow, PullRequestEventRow, ReleaseEventRow } from '../model/deploys';

export interface RemotePlacement {
  /** Newer than every deploy group with no "not deployed yet" group to hold them: above the groups. */
  top: ChangeEventRow[];
  /** Per group, by the index of the groups given: rows that stand among its local rows. */
  inGroup: ChangeEventRow[][];
  /** Per group: the deployments and releases of its deploy tag's commit, shown on the deploy's own row. */
  deployments: (DeploymentEventRow | ReleaseEventRow)[][];
  /** Pull requests whose merge commit is in the clone, by that commit's sha. */
  pullRequests: Map<string, PullRequestEventRow>;
}

/**
 * `groups` as the Changes view shows them: an optional group without a deploy (not deployed yet)
 * and deploy groups, newest first. A row at time t belongs to the deploy group whose deploy is
 * the oldest at or after t (that deploy is the first that could have shipped it), to the group
 * without a deploy when it is newer than every deploy, and to the oldest group when older than all.
 */
export function placeRemoteRows(groups: readonly { deploy?: Pick<DeployMarker, 'sha' | 'time'> }[], rows: readonly ChangeEventRow[]): RemotePlacement {
  const out: RemotePlacement = { top: [], inGroup: groups.map(() => []), deployments: groups.map(() => []), pullRequests: new Map() };
  const deployGroups = groups
    .map((g, index) => ({ index, deploy: g.deploy }))
    .filter((g): g is { index: number; deploy: Pick<DeployMarker, 'sha' | 'time'> } => !!g.deploy)
    .sort((a, b) => b.deploy.time - a.deploy.time);
  const undeployed = groups.findIndex((g) => !g.deploy);
  const bySha = new Map<string, number>();
  for (const g of deployGroups) if (!bySha.has(g.deploy.sha.toLowerCase())) bySha.set(g.deploy.sha.toLowerCase(), g.index);

  const groupAt = (t: number): number | undefined => {
    if (deployGroups.length === 0 || t > deployGroups[0].deploy.time) return undeployed >= 0 ? undeployed : undefined;
    for (let k = 0; k < deployGroups.length - 1; k++) if (t > deployGroups[k + 1].deploy.time) return deployGroups[k].index;
    return deployGroups[deployGroups.length - 1].index;
  };

  for (const row of rows) {
    if (row.kind === 'commit' && row.local) continue; // the local row already shows it
    if (row.kind === 'pullRequest' && row.local) {
      out.pullRequests.set(row.local.sha.toLowerCase(), row);
      continue;
    }
    if ((row.kind === 'deployment' || row.kind === 'release') && row.sha && bySha.has(row.sha)) {
      out.deployments[bySha.get(row.sha)!].push(row);
      continue;
    }
    const g = groupAt(row.time);
    (g === undefined ? out.top : out.inGroup[g]).push(row);
  }
  const newestFirst = (a: { time: number }, b: { time: number }): number => b.time - a.time;
  out.top.sort(newestFirst);
  for (const list of out.inGroup) list.sort(newestFirst);
  return out;
}

export type Interleaved<L> = { local: L } | { remote: ChangeEventRow };

/** Local rows (newest first, kept in their order) and remote rows merged by time; local first on a tie. */
export function interleave<L>(local: readonly L[], timeOf: (row: L) => number, remote: readonly ChangeEventRow[]): Interleaved<L>[] {
  const out: Interleaved<L>[] = [];
  let r = 0;
  for (const l of local) {
    const t = timeOf(l);
    while (r < remote.length && remote[r].time > t) out.push({ remote: remote[r++] });
    out.push({ local: l });
  }
  while (r < remote.length) out.push({ remote: remote[r++] });
  return out;
}
