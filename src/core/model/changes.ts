/** What changed in a repository: the model the git source produces and the views render. */

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'typechange' | 'unknown';

/** Kinds of change that deserve a second look during an incident. */
export type RiskKind = 'config' | 'flags' | 'migration' | 'dependency' | 'infrastructure' | 'ci';

export interface FileChange {
  status: FileStatus;
  /** Repository-relative path, '/'-separated, as git printed it (decoded as UTF-8 for display). */
  path: string;
  /** For renames and copies: the path before. */
  oldPath?: string;
  /** Blob ids (full) before and after; all zeros when the side does not exist. */
  oldBlob: string;
  newBlob: string;
  /** Risk kinds this path falls under (empty when none). */
  risks: RiskKind[];
}

export interface Commit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** Milliseconds since the epoch. */
  authorTime: number;
  commitTime: number;
  /** First paragraph of the message, on one line. */
  subject: string;
  /** The rest of the message. */
  body: string;
  /** Files changed against the first parent; capped, see filesTotal. Empty for merges. */
  files: FileChange[];
  /** How many files git reported, even when `files` was capped. */
  filesTotal: number;
  /** Branches (short names) whose tip reaches this commit but HEAD does not; empty when on HEAD. */
  branches: string[];
}

export interface DeployMarker {
  tag: string;
  sha: string;
  /** Tagger date for annotated tags, commit date otherwise (ms). */
  time: number;
}

export interface PullRequestRow {
  kind: 'pr';
  number: number;
  merge: Commit;
  /** The commits the merge brought in, newest first. */
  commits: Commit[];
}

export interface CommitRow {
  kind: 'commit';
  commit: Commit;
}

export type ChangeRow = PullRequestRow | CommitRow;

export interface ChangeGroup {
  /** The deploy that shipped these rows; undefined for changes not yet deployed. */
  deploy?: DeployMarker;
  rows: ChangeRow[];
}

export interface TimeWindow {
  /** Inclusive start and end, ms since the epoch. */
  start: number;
  end: number;
  /** Short human label, e.g. "last 24 h" or "since deploy-42". */
  label: string;
}
