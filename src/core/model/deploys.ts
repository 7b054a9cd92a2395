/**
 * What changed, as seen by the remote services: deployments, merged pull requests, releases and
 * commits from GitHub and Sentry. mergeChangeEvents joins them with the local git history so
 * "What changed recently?" shows each change once.
 */
import type { Commit, FileStatus, TimeWindow } from './changes';

export type ChangeOrigin = 'git' | 'github' | 'sentry';

/** GitHub's deployment states, plus what a Sentry deploy record means (it finished). */
export type DeploymentState = 'success' | 'failure' | 'error' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'unknown';

export interface DeploymentEvent {
  kind: 'deployment';
  source: 'github' | 'sentry';
  id: string;
  environment: string;
  /** The latest status (GitHub), `success` for a finished Sentry deploy. */
  state: DeploymentState;
  /** When it happened: creation for GitHub, finish (else start) for Sentry. ms since the epoch. */
  time: number;
  /** When the latest status was set (GitHub) or the deploy finished (Sentry). */
  updated?: number;
  creator?: string;
  /** Full commit id when known. */
  sha?: string;
  /** Branch or tag (GitHub), release version (Sentry). */
  ref?: string;
  description?: string;
  release?: string;
  url?: string;
  production?: boolean;
}

export interface PullRequestEvent {
  kind: 'pullRequest';
  number: number;
  title: string;
  author?: string;
  mergedAt: number;
  /** The commit the merge left on the base branch (merge, squash or last rebased commit). */
  mergeCommitSha?: string;
  baseRef?: string;
  headRef?: string;
  url?: string;
}

export interface ReleaseEvent {
  kind: 'release';
  source: 'github' | 'sentry';
  /** Git tag (GitHub) or release version (Sentry). */
  tag: string;
  name: string;
  /** Published (GitHub) or released, else created (Sentry). */
  time: number;
  author?: string;
  url?: string;
  /** Full commit id when the service says which commit it is. */
  sha?: string;
  commitCount?: number;
  draft?: boolean;
  prerelease?: boolean;
}

export interface RemoteCommitEvent {
  kind: 'commit';
  sha: string;
  subject: string;
  body: string;
  authorName: string;
  authorLogin?: string;
  authorTime: number;
  /** When it landed (committer date); the time a row sorts by. */
  time: number;
  url?: string;
}

export type RemoteChangeEvent = DeploymentEvent | PullRequestEvent | ReleaseEvent | RemoteCommitEvent;

export interface ComparedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
}

/** GET compare/{base}...{head}: what head has that base has not. */
export interface RemoteComparison {
  status: string;
  aheadBy: number;
  behindBy: number;
  totalCommits: number;
  /** Oldest first, as GitHub sends them (at most 250). */
  commits: RemoteCommitEvent[];
  /** At most 300, as GitHub sends them. */
  files: ComparedFile[];
  url?: string;
}

interface RowBase {
  /** Stable across refreshes, for tree item ids. */
  key: string;
  time: number;
  title: string;
  author?: string;
  url?: string;
  sources: ChangeOrigin[];
}

export interface CommitEventRow extends RowBase {
  kind: 'commit';
  sha: string;
  local?: Commit;
  remote?: RemoteCommitEvent;
}

export interface PullRequestEventRow extends RowBase {
  kind: 'pullRequest';
  sha?: string;
  pullRequest: PullRequestEvent;
  /** The merge commit when the clone or GitHub's commit list has it. */
  local?: Commit;
  remote?: RemoteCommitEvent;
}

export interface DeploymentEventRow extends RowBase {
  kind: 'deployment';
  sha?: string;
  deployment: DeploymentEvent;
  /** The same deploy as reported by another service. */
  also: DeploymentEvent[];
}

export interface ReleaseEventRow extends RowBase {
  kind: 'release';
  sha?: string;
  release: ReleaseEvent;
}

export type ChangeEventRow = CommitEventRow | PullRequestEventRow | DeploymentEventRow | ReleaseEventRow;

/**
 * Two deploy records of one sha to one environment this close together are one deploy seen by
 * two services (GitHub and Sentry). Further apart they are a redeploy, such as a rollback, which
 * matters during an incident and stays a row of its own.
 */
export const SAME_DEPLOY_TOLERANCE_MS = 15 * 60_000;

/** Deploys before releases before merges before plain commits when times are equal. */
const KIND_ORDER: Record<ChangeEventRow['kind'], number> = { deployment: 0, release: 1, pullRequest: 2, commit: 3 };

export interface MergeInput {
  local: readonly Commit[];
  remote: readonly RemoteChangeEvent[];
  /** When given, rows outside it are dropped. */
  window?: Pick<TimeWindow, 'start' | 'end'>;
}

/**
 * Local commits and remote events → one list of rows, newest first, each change once: a commit
 * that is both in the clone and in GitHub's list is one row; a pull request absorbs the commit
 * it merged as (matched by sha); one deploy reported by GitHub and Sentry is one row.
 */
export function mergeChangeEvents(input: MergeInput): ChangeEventRow[] {
  const bySha = new Map<string, CommitEventRow | PullRequestEventRow>();
  const rows: ChangeEventRow[] = [];
  const add = <R extends ChangeEventRow>(row: R): R => {
    rows.push(row);
    return row;
  };

  for (const c of input.local) {
    const sha = normalSha(c.sha);
    if (!sha || bySha.has(sha)) continue;
    bySha.set(sha, add({ kind: 'commit', key: `sha:${sha}`, sha, time: c.commitTime, title: c.subject, author: c.authorName, sources: ['git'], local: c }));
  }

  const remote = input.remote;
  for (const e of remote) {
    if (e.kind !== 'commit') continue;
    const sha = normalSha(e.sha);
    if (!sha) continue;
    const row = bySha.get(sha);
    if (row) {
      row.remote ??= e;
      row.url ??= e.url;
      addSource(row, 'github');
    } else {
      bySha.set(sha, add({ kind: 'commit', key: `sha:${sha}`, sha, time: e.time, title: e.subject, author: e.authorLogin ?? e.authorName, url: e.url, sources: ['github'], remote: e }));
    }
  }

  const seenPrs = new Set<number>();
  for (const e of remote) {
    if (e.kind !== 'pullRequest' || seenPrs.has(e.number)) continue;
    seenPrs.add(e.number);
    const sha = normalSha(e.mergeCommitSha);
    const existing = sha ? bySha.get(sha) : undefined;
    if (existing && existing.kind === 'pullRequest') continue;
    const row: PullRequestEventRow = {
      kind: 'pullRequest',
      key: sha ? `sha:${sha}` : `pr:${e.number}`,
      sha,
      time: e.mergedAt,
      title: e.title,
      author: e.author,
      url: e.url,
      sources: ['github'],
      pullRequest: e,
    };
    if (existing) {
      // The merge commit row becomes the pull request row, keeping what the clone knows.
      row.local = existing.local;
      row.remote = existing.remote;
      row.sources = union(existing.sources, ['github']);
      rows[rows.indexOf(existing)] = row;
    } else rows.push(row);
    if (sha) bySha.set(sha, row);
  }

  const deployRows: DeploymentEventRow[] = [];
  const deployKeys = new Set<string>();
  for (const e of remote) {
    if (e.kind !== 'deployment') continue;
    const key = `deploy:${e.source}:${e.id}`;
    if (deployKeys.has(key)) continue;
    deployKeys.add(key);
    const sha = normalSha(e.sha);
    const twin = sha ? deployRows.find((r) => sameDeploy(r.deployment, e, sha)) : undefined;
    if (twin) {
      twin.also.push(e);
      addSource(twin, e.source);
      continue;
    }
    deployRows.push(add({ kind: 'deployment', key, sha, time: e.time, title: deployTitle(e), author: e.creator, url: e.url, sources: [e.source], deployment: e, also: [] }));
  }

  const releaseKeys = new Set<string>();
  for (const e of remote) {
    if (e.kind !== 'release') continue;
    const key = `release:${e.source}:${e.tag}`;
    if (releaseKeys.has(key)) continue;
    releaseKeys.add(key);
    rows.push({ kind: 'release', key, sha: normalSha(e.sha), time: e.time, title: e.name || e.tag, author: e.author, url: e.url, sources: [e.source], release: e });
  }

  const w = input.window;
  const kept = w ? rows.filter((r) => r.time >= w.start && r.time <= w.end) : rows;
  return kept.sort((a, b) => b.time - a.time || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.key.localeCompare(b.key));
}

function sameDeploy(a: DeploymentEvent, b: DeploymentEvent, sha: string): boolean {
  return (
    a.source !== b.source &&
    normalSha(a.sha) === sha &&
    a.environment.toLowerCase() === b.environment.toLowerCase() &&
    Math.abs(a.time - b.time) <= SAME_DEPLOY_TOLERANCE_MS
  );
}

function deployTitle(e: DeploymentEvent): string {
  const what = e.release ?? (e.sha ? e.sha.slice(0, 7) : e.ref);
  return what ? `Deploy ${what} to ${e.environment}` : `Deploy to ${e.environment}`;
}

/** Full lower-case hex commit ids only: a short or odd id could join the wrong rows. */
function normalSha(sha: string | undefined): string | undefined {
  if (!sha) return undefined;
  const s = sha.trim().toLowerCase();
  return /^[0-9a-f]{40}$|^[0-9a-f]{64}$/.test(s) ? s : undefined;
}

function addSource(row: { sources: ChangeOrigin[] }, s: ChangeOrigin): void {
  if (!row.sources.includes(s)) row.sources.push(s);
}

function union(a: ChangeOrigin[], b: ChangeOrigin[]): ChangeOrigin[] {
  return [...new Set([...a, ...b])];
}
