import type { FileStatus } from '../../core/model/changes';
import type { ComparedFile, DeploymentEvent, DeploymentState, PullRequestEvent, ReleaseEvent, RemoteCommitEvent, RemoteComparison } from '../../core/model/deploys';
import { asArray, asBoolean, asNumber, asObject, asString, asTime, asWebUrl, expectObject } from '../http/json';

const STATES: readonly DeploymentState[] = ['success', 'failure', 'error', 'inactive', 'in_progress', 'queued', 'pending'];

/** A deployment and its latest status (the statuses list is newest first) → a deploy marker. */
export function parseDeployment(raw: unknown, latestStatus?: unknown): DeploymentEvent | undefined {
  const o = asObject(raw);
  const id = asString(o?.id);
  const time = asTime(o?.created_at);
  if (!o || !id || time === undefined) return undefined;
  const status = asObject(latestStatus);
  const stateText = asString(status?.state)?.toLowerCase();
  return {
    kind: 'deployment',
    source: 'github',
    id,
    environment: asString(o.environment) || asString(o.original_environment) || '(no environment)',
    state: STATES.find((s) => s === stateText) ?? 'unknown',
    time,
    updated: asTime(status?.updated_at) ?? asTime(status?.created_at) ?? asTime(o.updated_at),
    creator: asString(asObject(o.creator)?.login),
    sha: sha(o.sha),
    ref: asString(o.ref),
    description: asString(status?.description) || asString(o.description) || undefined,
    url: asWebUrl(status?.log_url) ?? asWebUrl(status?.target_url) ?? asWebUrl(status?.environment_url),
    production: asBoolean(o.production_environment),
  };
}

/** A pull request from the closed list; undefined unless it was merged. */
export function parsePullRequest(raw: unknown): PullRequestEvent | undefined {
  const o = asObject(raw);
  const number = asNumber(o?.number);
  const mergedAt = asTime(o?.merged_at);
  if (!o || number === undefined || mergedAt === undefined) return undefined;
  return {
    kind: 'pullRequest',
    number,
    title: asString(o.title) ?? '',
    author: asString(asObject(o.user)?.login),
    mergedAt,
    mergeCommitSha: sha(o.merge_commit_sha),
    baseRef: asString(asObject(o.base)?.ref),
    headRef: asString(asObject(o.head)?.ref),
    url: asWebUrl(o.html_url),
  };
}

export function parseGitHubRelease(raw: unknown): ReleaseEvent | undefined {
  const o = asObject(raw);
  const tag = asString(o?.tag_name);
  // A draft has no publish date; its creation is the best we know.
  const time = asTime(o?.published_at) ?? asTime(o?.created_at);
  if (!o || !tag || time === undefined) return undefined;
  return {
    kind: 'release',
    source: 'github',
    tag,
    name: asString(o.name) || tag,
    time,
    author: asString(asObject(o.author)?.login),
    url: asWebUrl(o.html_url),
    sha: sha(o.target_commitish),
    draft: asBoolean(o.draft),
    prerelease: asBoolean(o.prerelease),
  };
}

export function parseGitHubCommit(raw: unknown): RemoteCommitEvent | undefined {
  const o = asObject(raw);
  const id = sha(o?.sha);
  const commit = asObject(o?.commit);
  if (!o || !id) return undefined;
  const author = asObject(commit?.author);
  const committer = asObject(commit?.committer);
  const authorTime = asTime(author?.date) ?? asTime(committer?.date);
  const time = asTime(committer?.date) ?? authorTime;
  if (time === undefined) return undefined;
  const message = asString(commit?.message) ?? '';
  const [subject, ...rest] = message.split(/\r?\n\r?\n/);
  return {
    kind: 'commit',
    sha: id,
    subject: subject.replace(/\s*\r?\n\s*/g, ' ').trim(),
    body: rest.join('\n\n').trim(),
    authorName: asString(author?.name) ?? '',
    authorLogin: asString(asObject(o.author)?.login),
    authorTime: authorTime ?? time,
    time,
    url: asWebUrl(o.html_url),
  };
}

const FILE_STATUS: Record<string, FileStatus> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'modified',
};

export function parseComparison(raw: unknown, ctx: { service: string; what: string }): RemoteComparison {
  const o = expectObject(raw, ctx);
  const files: ComparedFile[] = [];
  for (const f of asArray(o.files)) {
    const fo = asObject(f);
    const path = asString(fo?.filename);
    if (!fo || !path) continue;
    files.push({
      path,
      previousPath: asString(fo.previous_filename),
      status: FILE_STATUS[asString(fo.status) ?? ''] ?? 'unknown',
      additions: asNumber(fo.additions) ?? 0,
      deletions: asNumber(fo.deletions) ?? 0,
    });
  }
  return {
    status: asString(o.status) ?? 'unknown',
    aheadBy: asNumber(o.ahead_by) ?? 0,
    behindBy: asNumber(o.behind_by) ?? 0,
    totalCommits: asNumber(o.total_commits) ?? 0,
    commits: asArray(o.commits).map(parseGitHubCommit).filter((c): c is RemoteCommitEvent => !!c),
    files,
    url: asWebUrl(o.html_url),
  };
}

function sha(v: unknown): string | undefined {
  const s = asString(v);
  return s && /^[0-9a-f]{40}$/i.test(s) ? s.toLowerCase() : undefined;
}
