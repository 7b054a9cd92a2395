/**
 * The workspace files each Sentry issue's latest event runs through (its in-app frames), for the
 * "code" reason of the suspects, as the overview gets them from the Errors view. The workspace's
 * files are git's list (tracked and untracked, not ignored), so a frame never maps outside it.
 */
import { mapFrameToFile, WorkspaceFileIndex } from '../core/frames/mapFrame';
import type { ErrorIssue } from '../core/model/errors';
import { runGit } from '../sources/git/gitRunner';
import type { SentryClient } from '../sources/sentry/sentryClient';

/** Latest events are read for this many issues at most, as the Errors view reads them up front. */
const MAX_ISSUES = 20;

export async function issueFrameFiles(
  client: SentryClient,
  issues: readonly ErrorIssue[],
  o: { root: string; stripPrefixes: readonly string[]; signal?: AbortSignal },
): Promise<Map<string, readonly string[]>> {
  const listed = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: o.root, signal: o.signal, timeoutMs: 30_000 });
  const index = new WorkspaceFileIndex(listed.stdout.toString('utf8').split('\0').filter(Boolean));
  const out = new Map<string, readonly string[]>();
  await Promise.all(
    issues.slice(0, MAX_ISSUES).map(async (issue) => {
      const event = await client.latestEvent(issue.id, o.signal).catch(() => undefined);
      if (!event) return;
      const files: string[] = [];
      for (const ex of event.exceptions) {
        for (const frame of ex.frames) {
          if (!frame.inApp) continue;
          const match = mapFrameToFile(frame, index, { stripPrefixes: [...o.stripPrefixes] });
          if (match.kind === 'unique') files.push(match.path);
        }
      }
      out.set(issue.id, files);
    }),
  );
  return out;
}
