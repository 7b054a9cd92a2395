/** The rows remote services add to a repository's local history. */
import type { ChangeGroup, Commit, TimeWindow } from '../model/changes';
import type { ChangeEventRow, RemoteChangeEvent } from '../model/deploys';
import { mergeChangeEvents } from '../model/deploys';

/**
 * Remote events (GitHub first: when both services report one deploy, its row carries GitHub's
 * details) merged with the local commits by sha; rows the local history already shows as they
 * are (a plain local commit) are left out.
 */
export function remoteRowsFor(groups: readonly ChangeGroup[], remote: readonly RemoteChangeEvent[], window: TimeWindow): ChangeEventRow[] {
  const local: Commit[] = groups.flatMap((g) => g.rows.flatMap((r) => (r.kind === 'pr' ? [r.merge, ...r.commits] : [r.commit])));
  const merged = mergeChangeEvents({ local, remote: [...remote], window });
  return merged.filter((r) => !(r.kind === 'commit' && r.local));
}
