import type { ChangeGroup, ChangeRow, Commit, DeployMarker } from '../model/changes';

export interface GroupInput {
  /** Commits of the window as git printed them (newest first by default order). */
  commits: Commit[];
  /** Deploy markers, any order. Only the ones whose commit is among `commits` group anything. */
  deploys: DeployMarker[];
  /** The commit HEAD points at, to find the mainline (first-parent chain). */
  headSha?: string;
  /** Other branches read (name → tip sha), to mark commits that only they reach. */
  branchTips?: { name: string; sha: string }[];
}

const PR_MERGE = /^Merge pull request #(\d+)\b/;
const PR_SQUASH = /\(#(\d+)\)\s*$/;

/** The PR number a commit subject names: a GitHub merge or a squash-merge suffix. */
export function pullRequestNumber(subject: string): number | undefined {
  const m = PR_MERGE.exec(subject) ?? PR_SQUASH.exec(subject);
  return m ? Number(m[1]) : undefined;
}

/**
 * Groups the window's commits for the Changes view: under the first deploy that shipped them
 * (newest deploy first, not-yet-deployed changes on top), pull-request merges folded into one
 * row with the commits they brought in, and commits that only another branch reaches marked
 * with that branch. Linear in the number of commits.
 */
export function groupChanges(input: GroupInput): ChangeGroup[] {
  const bySha = new Map(input.commits.map((c) => [c.sha, c]));
  markBranches(input, bySha);

  // Mainline: first-parent chain from HEAD, as far as the window goes.
  const mainline: Commit[] = [];
  const onMainline = new Set<string>();
  for (let c = input.headSha ? bySha.get(input.headSha) : undefined; c; c = bySha.get(c.parents[0] ?? '')) {
    if (onMainline.has(c.sha)) break;
    mainline.push(c);
    onMainline.add(c.sha);
  }

  // Fold each PR merge's side commits into it; oldest merge first so a commit belongs to the
  // merge that first brought it in.
  const foldedInto = new Map<string, string>();
  const prCommits = new Map<string, Commit[]>();
  for (let i = mainline.length - 1; i >= 0; i--) {
    const merge = mainline[i];
    if (merge.parents.length < 2 || pullRequestNumber(merge.subject) === undefined || !PR_MERGE.test(merge.subject)) continue;
    const brought: Commit[] = [];
    const stack = merge.parents.slice(1);
    while (stack.length) {
      const c = bySha.get(stack.pop()!);
      if (!c || onMainline.has(c.sha) || foldedInto.has(c.sha)) continue;
      foldedInto.set(c.sha, merge.sha);
      brought.push(c);
      stack.push(...c.parents);
    }
    brought.sort((a, b) => b.commitTime - a.commitTime);
    prCommits.set(merge.sha, brought);
  }

  // Which deploy shipped each commit: the oldest deploy whose commit reaches it.
  const deployOf = new Map<string, DeployMarker>();
  const deploys = [...input.deploys].filter((d) => bySha.has(d.sha)).sort((a, b) => a.time - b.time);
  for (const d of deploys) {
    const stack = [d.sha];
    while (stack.length) {
      const c = bySha.get(stack.pop()!);
      if (!c || deployOf.has(c.sha)) continue;
      deployOf.set(c.sha, d);
      stack.push(...c.parents);
    }
  }

  const groups = new Map<DeployMarker | undefined, ChangeRow[]>();
  const ordered = [...input.commits].sort((a, b) => b.commitTime - a.commitTime);
  for (const c of ordered) {
    if (foldedInto.has(c.sha)) continue;
    const nested = prCommits.get(c.sha);
    const row: ChangeRow = nested ? { kind: 'pr', number: pullRequestNumber(c.subject)!, merge: c, commits: nested } : { kind: 'commit', commit: c };
    const key = deployOf.get(c.sha);
    let rows = groups.get(key);
    if (!rows) groups.set(key, (rows = []));
    rows.push(row);
  }

  const result: ChangeGroup[] = [];
  const undeployed = groups.get(undefined);
  if (undeployed) result.push({ rows: undeployed });
  for (const d of [...deploys].reverse()) {
    const rows = groups.get(d);
    if (rows) result.push({ deploy: d, rows });
  }
  return result;
}

function markBranches(input: GroupInput, bySha: Map<string, Commit>): void {
  if (!input.branchTips?.length) return;
  const fromHead = new Set<string>();
  const stack = input.headSha ? [input.headSha] : [];
  while (stack.length) {
    const c = bySha.get(stack.pop()!);
    if (!c || fromHead.has(c.sha)) continue;
    fromHead.add(c.sha);
    stack.push(...c.parents);
  }
  for (const tip of input.branchTips) {
    const seen = new Set<string>();
    const walk = [tip.sha];
    while (walk.length) {
      const c = bySha.get(walk.pop()!);
      if (!c || seen.has(c.sha) || fromHead.has(c.sha)) continue;
      seen.add(c.sha);
      if (!c.branches.includes(tip.name)) c.branches.push(tip.name);
      walk.push(...c.parents);
    }
  }
}

/** Counts for the view's description line. */
export function countRows(groups: ChangeGroup[]): { commits: number; pullRequests: number } {
  let commits = 0;
  let pullRequests = 0;
  for (const g of groups)
    for (const r of g.rows) {
      if (r.kind === 'pr') {
        pullRequests++;
        commits += r.commits.length + 1;
      } else commits++;
    }
  return { commits, pullRequests };
}
