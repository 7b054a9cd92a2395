import type { ChangeGroup, DeployMarker, TimeWindow } from '../../core/model/changes';
import type { RiskClassifier } from '../../core/changes/risk';
import { groupChanges } from '../../core/changes/group';
import { windowFor } from '../../core/changes/timeWindow';
import { SourceError } from '../../core/errors';
import type { GitRepository } from './repository';

export interface WhatChangedOptions {
  /** A preset (`24h`, `lastDeploy`) or a typed start (`90m`, `yesterday 14:00`). */
  windowSpec: string;
  /** An explicit window (from … to …) instead of `windowSpec`. */
  window?: TimeWindow;
  now: number;
  deployTagPatterns: readonly string[];
  branches: 'current' | 'pushed';
  paths?: string[];
  classify: RiskClassifier;
  signal?: AbortSignal;
}

export interface WhatChanged {
  window: TimeWindow;
  groups: ChangeGroup[];
  deploys: DeployMarker[];
  commitCount: number;
  warnings: string[];
}

/**
 * "What changed recently?" for one repository: the deploy tags and the window's history read
 * side by side (two git processes at once), then grouped. Only "since the last deploy" has to
 * wait for the tags before it knows where the window starts.
 */
export async function readWhatChanged(repo: GitRepository, o: WhatChangedOptions): Promise<WhatChanged> {
  const tags = repo.deployTags(o.deployTagPatterns, o.signal);
  const read = (window: TimeWindow) =>
    repo.readCommits({ window, branches: o.branches, paths: o.paths, classify: o.classify, signal: o.signal });
  let window: TimeWindow;
  let deploys: DeployMarker[];
  let result: Awaited<ReturnType<typeof read>>;
  if (o.window) {
    window = o.window;
    const commits = read(window);
    [deploys, result] = await Promise.all([tags, commits]);
  } else if (o.windowSpec.trim() === 'lastDeploy') {
    deploys = await tags;
    window = unwrap(windowFor(o.windowSpec, o.now, deploys[0]?.time, deploys[0]?.tag));
    result = await read(window);
  } else {
    window = unwrap(windowFor(o.windowSpec, o.now));
    // Start both before awaiting either, and never leave a rejection unobserved.
    const commits = read(window);
    [deploys, result] = await Promise.all([tags, commits]);
  }
  const groups = groupChanges({ commits: result.commits, deploys, headSha: repo.info.headSha, branchTips: result.branchTips });
  return { window, groups, deploys, commitCount: result.commits.length, warnings: result.warnings };
}

function unwrap(w: TimeWindow | { error: string }): TimeWindow {
  if ('error' in w) throw new SourceError('failed', w.error);
  return w;
}
