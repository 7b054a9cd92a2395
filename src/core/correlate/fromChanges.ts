/** Turns the Changes model (deploy groups of commits and pull requests) into suspect changes. */
import type { ChangeGroup, FileChange } from '../model/changes';
import type { SuspectChange } from './suspects';

/**
 * One suspect per row: a pull request with the files of all its commits, a commit with its own.
 * A row under a deploy is dated by that deploy, since that is when it could start to hurt.
 */
export function suspectsFromGroups(groups: readonly ChangeGroup[]): SuspectChange[] {
  const out: SuspectChange[] = [];
  for (const group of groups) {
    const deployedAt = group.deploy?.time;
    const deployName = group.deploy?.tag;
    for (const row of group.rows) {
      if (row.kind === 'pr') {
        out.push({
          key: `sha:${row.merge.sha}`,
          kind: 'pullRequest',
          title: `#${row.number} ${row.merge.body.split('\n')[0]?.trim() || row.merge.subject}`,
          time: row.merge.commitTime,
          deployedAt,
          deployName,
          sha: row.merge.sha,
          files: uniqueFiles([row.merge, ...row.commits].flatMap((c) => c.files)),
        });
      } else {
        const c = row.commit;
        out.push({ key: `sha:${c.sha}`, kind: 'commit', title: c.subject, time: c.commitTime, deployedAt, deployName, sha: c.sha, files: c.files });
      }
    }
  }
  return out;
}

function uniqueFiles(files: readonly FileChange[]): FileChange[] {
  const seen = new Map<string, FileChange>();
  for (const f of files) if (!seen.has(f.path)) seen.set(f.path, f);
  return [...seen.values()];
}
