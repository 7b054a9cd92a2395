import * as vscode from 'vscode';
import type { DeployPair } from '../../core/changes/previousDeploy';
import { describeComparedFile, notDiffable, sidesOf, type SideContent } from '../../core/changes/remoteCompare';
import { displayText, shortSha } from '../../core/changes/display';
import { SourceError, errorMessage, isSourceError, type SourceErrorKind } from '../../core/errors';
import type { ComparedFile, RemoteComparison } from '../../core/model/deploys';
import type { GitHubClient } from '../../sources/github/githubClient';
import type { Log } from '../log';
import { statusRow } from '../sources/sourceStatus';
import { githubSideUri, type GitHubContentProvider } from './githubContentProvider';

/** What "Compare with Previous Successful Deploy" came to through GitHub; returned to callers and tests. */
export type RemoteCompareOutcome =
  | { kind: 'listed'; commits: number; files: number }
  | { kind: 'identical' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; reason: SourceErrorKind; message: string };

export interface RemoteCompareContext {
  root: string;
  pair: DeployPair;
  client: GitHubClient;
  contents: GitHubContentProvider;
  log: Log;
}

const STATUS_ICON: Partial<Record<ComparedFile['status'], string>> = { added: 'diff-added', deleted: 'diff-removed', renamed: 'diff-renamed' };

interface FileItem extends vscode.QuickPickItem {
  file?: ComparedFile;
  url?: string;
}

/**
 * The comparison as GitHub reports it: a list of the changed files (and the commits) that stays
 * open while files are opened from it, each as an editor diff of its two sides read from GitHub.
 */
export async function compareOnGitHub(ctx: RemoteCompareContext): Promise<RemoteCompareOutcome> {
  const { pair } = ctx;
  const title = `${displayText(pair.base.name)} ↔ ${displayText(pair.head.name)}`;
  let cmp: RemoteComparison;
  try {
    cmp = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Comparing ${title} on GitHub`, cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return ctx.client.compare(pair.base.sha, pair.head.sha, abort.signal);
    });
  } catch (e) {
    const error = asSourceError(e);
    if (error.kind === 'cancelled') return { kind: 'cancelled' };
    ctx.log.warn('github', `compare ${title}: ${error.message}`);
    void showFailure(`Could not compare ${title} on GitHub`, error, () => compareOnGitHub(ctx));
    return { kind: 'failed', reason: error.kind, message: error.message };
  }
  if (cmp.files.length === 0) {
    void vscode.window.showInformationMessage(`${title}: GitHub reports no file that differs.`);
    return { kind: 'identical' };
  }
  showListing(ctx, title, cmp);
  return { kind: 'listed', commits: cmp.commits.length, files: cmp.files.length };
}

function showListing(ctx: RemoteCompareContext, title: string, cmp: RemoteComparison): void {
  const pick = vscode.window.createQuickPick<FileItem>();
  const more = cmp.totalCommits > cmp.commits.length ? ` (first ${cmp.commits.length} of ${cmp.totalCommits})` : '';
  // GitHub's compare lists 300 files at most.
  const capped = cmp.files.length >= 300 ? ' (GitHub lists the first 300)' : '';
  pick.title = `${title}: ${cmp.totalCommits} ${cmp.totalCommits === 1 ? 'commit' : 'commits'}, ${cmp.files.length} ${cmp.files.length === 1 ? 'file' : 'files'}${capped} (from GitHub)`;
  pick.placeholder = 'Enter opens a file as a diff and keeps this list open; Escape closes it';
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  const fileItems: FileItem[] = cmp.files.map((file) => ({
    label: `$(${STATUS_ICON[file.status] ?? 'diff-modified'}) ${displayText(file.path, 200)}`,
    description: displayText(describeComparedFile(file), 200),
    file,
  }));
  const commitItems: FileItem[] = [...cmp.commits].reverse().map((c) => ({
    label: `$(git-commit) ${displayText(c.subject) || '(no message)'}`,
    description: [shortSha(c.sha), displayText(c.authorLogin ?? c.authorName, 60)].filter(Boolean).join(' · '),
    url: c.url,
  }));
  pick.items = [
    { label: 'Files', kind: vscode.QuickPickItemKind.Separator },
    ...fileItems,
    { label: `Commits${more}`, kind: vscode.QuickPickItemKind.Separator },
    ...commitItems,
  ];
  if (cmp.url) pick.buttons = [{ iconPath: new vscode.ThemeIcon('link-external'), tooltip: 'Open the Comparison on GitHub' }];
  pick.onDidTriggerButton(() => cmp.url && void vscode.env.openExternal(vscode.Uri.parse(cmp.url, true)));
  pick.onDidAccept(() => {
    const item = pick.activeItems[0];
    if (item?.file) void openFileDiff(ctx, item.file, cmp.url);
    else if (item?.url) void vscode.env.openExternal(vscode.Uri.parse(item.url, true));
  });
  pick.onDidHide(() => pick.dispose());
  pick.show();
}

/** Reads both sides (with progress, cancellable), then opens the diff, or says why there is none. */
export async function openFileDiff(ctx: RemoteCompareContext, file: ComparedFile, compareUrl?: string): Promise<'opened' | 'notDiffable' | 'cancelled' | 'failed'> {
  const { base, head } = ctx.pair;
  const sides = sidesOf(file, base.sha, head.sha);
  let contents: [SideContent, SideContent];
  try {
    contents = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading ${file.path} from GitHub`, cancellable: true }, (_p, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const read = (side: typeof sides.left): Promise<SideContent> =>
        side ? ctx.contents.read({ root: ctx.root, path: side.path, ref: side.ref }, abort.signal) : Promise.resolve({ kind: 'empty' });
      return Promise.all([read(sides.left), read(sides.right)]);
    });
  } catch (e) {
    const error = asSourceError(e);
    if (error.kind === 'cancelled') return 'cancelled';
    ctx.log.warn('github', `${file.path}: ${error.message}`);
    void showFailure(`Could not read ${displayText(file.path)} from GitHub`, error, () => openFileDiff(ctx, file, compareUrl));
    return 'failed';
  }
  const why = notDiffable(...contents);
  if (why) {
    const action = compareUrl ? await vscode.window.showInformationMessage(`${displayText(file.path)} is ${why}; no diff is shown here.`, 'Open the Comparison on GitHub') : undefined;
    if (action && compareUrl) await vscode.env.openExternal(vscode.Uri.parse(compareUrl, true));
    return 'notDiffable';
  }
  const left = githubSideUri(ctx.root, file.previousPath ?? file.path, sides.left, shortSha(base.sha));
  const right = githubSideUri(ctx.root, file.path, sides.right, shortSha(head.sha));
  const name = file.path.split('/').pop() ?? file.path;
  await vscode.commands.executeCommand('vscode.diff', left, right, `${name} (${shortSha(base.sha)} ↔ ${shortSha(head.sha)})`, { preview: true, preserveFocus: true });
  return 'opened';
}

/** One message, with the action that helps for this kind of failure, and Retry. */
async function showFailure(what: string, error: SourceError, retry: () => unknown): Promise<void> {
  const fix = statusRow('GitHub', error).command;
  const actions = ['Retry', ...(fix ? [fix.title] : [])];
  const picked = await vscode.window.showErrorMessage(`${what}: ${error.message}`, ...actions);
  if (picked === 'Retry') void retry();
  else if (picked && fix) void vscode.commands.executeCommand(fix.command, ...(fix.arguments ?? []));
}

function asSourceError(e: unknown): SourceError {
  return isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
}
