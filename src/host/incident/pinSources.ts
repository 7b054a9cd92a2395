import * as vscode from 'vscode';
import * as path from 'node:path';
import { diffHunks, hunkAt, hunksIn, splitTextLines } from '../../core/changes/hunks';
import { commitUrl, type RemoteRepo } from '../../core/changes/remote';
import type { Commit } from '../../core/model/changes';
import type { ChangeEventRow } from '../../core/model/deploys';
import type { ErrorIssue, StackFrame } from '../../core/model/errors';
import type { EvidenceItem, FrameRef } from '../../core/timeline/evidence';
import type { ChangeNode } from '../changes/changesTree';
import type { ErrorNode } from '../errors/errorsTree';
import type { ErrorsFeature } from '../errors/errorsFeature';
import { GIT_SCHEME } from '../git/gitContentProvider';

/**
 * What "Pin to Incident" pins, turned into an EvidenceItem: the selection or diff hunk of the
 * active editor, a Changes row, an Errors row. A string instead of an item says why there is
 * nothing to pin; the caller shows it.
 */

/** `src/a.ts` for a file inside a workspace folder; undefined for anything outside. */
export function workspaceRelative(fsPath: string): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fsPath));
  if (!folder || folder.uri.scheme !== 'file') return undefined;
  const rel = path.relative(folder.uri.fsPath, fsPath);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** The selected lines (or the cursor's line) of a file editor, or the hunk under the cursor in a diff. */
export async function editorItem(isIncidentFile: (uri: vscode.Uri) => boolean): Promise<EvidenceItem | string> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof vscode.TabInputTextDiff) return hunkItem(input);
  const editor = vscode.window.activeTextEditor;
  if (!editor) return 'Open a file and select the lines to pin, or put the cursor on a change in a diff.';
  const doc = editor.document;
  if (isIncidentFile(doc.uri)) return 'This is the incident file itself: its entries are already in the timeline.';
  if (doc.uri.scheme !== 'file') return 'Pin to Incident links to files of the workspace; this editor does not show one (save it in the workspace first).';
  const rel = workspaceRelative(doc.uri.fsPath);
  if (!rel) return `${path.basename(doc.uri.fsPath)} is outside the workspace folders: the incident can only link to files inside them.`;
  const { start, end } = selectedLines(editor.selection);
  const last = Math.min(end, doc.lineCount);
  const code = doc.getText(new vscode.Range(start - 1, 0, last - 1, doc.lineAt(last - 1).text.length));
  return { kind: 'selection', path: rel, startLine: start, endLine: last, code, language: doc.languageId };
}

/** 1-based lines a selection covers; a selection that ends at the start of a line leaves that line out. */
function selectedLines(sel: vscode.Selection): { start: number; end: number } {
  const start = sel.start.line + 1;
  let end = sel.end.line + 1;
  if (!sel.isEmpty && sel.end.character === 0 && sel.end.line > sel.start.line) end--;
  return { start, end };
}

async function hunkItem(input: vscode.TabInputTextDiff): Promise<EvidenceItem | string> {
  const active = vscode.window.activeTextEditor;
  const isOld = active?.document.uri.toString() === input.original.toString();
  const editor = isOld || active?.document.uri.toString() === input.modified.toString() ? active : vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === input.modified.toString());
  if (!editor) return 'Put the cursor on a change in the diff to pin its hunk.';
  const [oldDoc, newDoc] = await Promise.all([vscode.workspace.openTextDocument(input.original), vscode.workspace.openTextDocument(input.modified)]);
  const hunks = diffHunks(splitTextLines(oldDoc.getText()), splitTextLines(newDoc.getText()));
  if (!hunks) return 'The two sides of this diff differ in too many lines to tell the hunks apart; select the lines in the file and pin them from there.';
  const side = isOld ? 'old' : 'new';
  const { start, end } = selectedLines(editor.selection);
  const hunk = editor.selection.isEmpty ? hunkAt(hunks, side, start) : hunksIn(hunks, side, start, end);
  if (!hunk) return 'The cursor is not on a change: put it on a changed line of the diff (or select several) to pin that hunk.';
  const file = diffSidePath(input.modified) ?? diffSidePath(input.original);
  return {
    kind: 'hunk',
    path: file ?? path.posix.basename(input.modified.path),
    leftRef: diffSideRef(input.original),
    rightRef: diffSideRef(input.modified),
    oldStart: hunk.oldStart,
    oldCount: hunk.oldCount,
    newStart: hunk.newStart,
    newCount: hunk.newCount,
    lines: hunk.lines,
  };
}

/** Workspace-relative path of one side of a diff: a file, a blob of this extension, or the git extension's `git:` uri. */
function diffSidePath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return workspaceRelative(uri.fsPath);
  const query = parseQuery(uri);
  if (uri.scheme === GIT_SCHEME && typeof query?.root === 'string') return workspaceRelative(path.join(query.root, ...uri.path.split('/').filter(Boolean)));
  if (uri.scheme === 'git' && typeof query?.path === 'string') return workspaceRelative(query.path);
  return undefined;
}

/** What a side of a diff shows: `working tree`, `index`, a commit, or the label this extension gave it. */
function diffSideRef(uri: vscode.Uri): string {
  if (uri.scheme === 'file') return 'working tree';
  if (uri.scheme === GIT_SCHEME) return uri.fragment || 'git';
  if (uri.scheme === 'git') {
    const ref = parseQuery(uri)?.ref;
    return typeof ref !== 'string' || ref === '' || ref === '~' ? 'index' : ref;
  }
  return uri.scheme;
}

function parseQuery(uri: vscode.Uri): Record<string, unknown> | undefined {
  try {
    const q: unknown = JSON.parse(uri.query);
    return q && typeof q === 'object' ? (q as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A Changes view row: a commit, a pull request, a deploy, or a row GitHub or Sentry reported. */
export function changeNodeItem(node: ChangeNode): EvidenceItem | string | undefined {
  switch (node.type) {
    case 'commit': {
      const remote = node.repo.state.kind === 'ready' ? node.repo.state.remote : undefined;
      return commitItem(node.commit, remote);
    }
    case 'pr': {
      const remote = node.repo.state.kind === 'ready' ? node.repo.state.remote : undefined;
      const merge = node.row.merge;
      const title = merge.body.split('\n').find((l) => l.trim())?.trim() ?? merge.subject;
      const url = remote?.host === 'github' ? `${remote.webBase}/pull/${node.row.number}` : remote ? commitUrl(remote, merge.sha) : undefined;
      return { kind: 'pullRequest', number: node.row.number, title, sha: merge.sha, author: merge.authorName, time: merge.commitTime, commits: node.row.commits.length, url };
    }
    case 'deploy': {
      if (!node.deploy) return 'These commits are not deployed yet: pin one of them instead.';
      const commits = node.rows.reduce((n, r) => n + (r.kind === 'pr' ? 1 + r.commits.length : 1), 0);
      return { kind: 'deploy', name: node.deploy.tag, sha: node.deploy.sha, time: node.deploy.time, commits };
    }
    case 'remoteRow':
      return remoteRowItem(node.row);
    default:
      return undefined;
  }
}

export function commitItem(commit: Commit, remote?: RemoteRepo): Extract<EvidenceItem, { kind: 'commit' }> {
  return {
    kind: 'commit',
    sha: commit.sha,
    subject: commit.subject,
    author: commit.authorName,
    time: commit.commitTime,
    files: commit.files.map((f) => f.path),
    filesTotal: commit.filesTotal,
    url: remote ? commitUrl(remote, commit.sha) : undefined,
  };
}

function remoteRowItem(row: ChangeEventRow): EvidenceItem {
  switch (row.kind) {
    case 'deployment': {
      const d = row.deployment;
      const by = d.creator ?? row.also.find((a) => a.creator)?.creator;
      return { kind: 'deploy', name: d.ref ?? d.release ?? row.title, environment: d.environment, state: d.state.replace('_', ' '), sha: d.sha ?? row.sha, time: d.time, url: d.url ?? row.url, by };
    }
    case 'pullRequest': {
      const pr = row.pullRequest;
      return { kind: 'pullRequest', number: pr.number, title: pr.title, sha: row.sha, author: pr.author, time: pr.mergedAt, url: pr.url ?? row.url };
    }
    case 'release': {
      const r = row.release;
      return { kind: 'release', tag: r.tag, name: r.name, sha: r.sha ?? row.sha, time: r.time, url: r.url ?? row.url, by: r.author };
    }
    case 'commit':
      if (row.local) return { ...commitItem(row.local), url: row.url };
      return { kind: 'commit', sha: row.sha, subject: row.title, author: row.author, time: row.time, url: row.url };
  }
}

/** An Errors view row: an issue (with the frame it threw at, when its latest event is read) or a frame. */
export async function errorNodeItem(node: ErrorNode, errors: ErrorsFeature | undefined): Promise<EvidenceItem | undefined> {
  if (node.type === 'issue') return issueItem(node.issue, errors);
  if (node.type === 'frame') {
    const i = node.issue;
    return { kind: 'frame', issue: { shortId: i.shortId, title: i.title, permalink: i.permalink }, frame: frameRef(node.frame, node.path) };
  }
  return undefined;
}

export async function issueItem(issue: ErrorIssue, errors: ErrorsFeature | undefined): Promise<EvidenceItem> {
  const item: EvidenceItem = {
    kind: 'issue',
    shortId: issue.shortId,
    title: issue.title,
    culprit: issue.culprit || undefined,
    level: issue.level === 'unknown' ? undefined : issue.level,
    count: issue.count,
    users: issue.userCount,
    firstSeen: issue.firstSeen,
    permalink: issue.permalink,
  };
  // Only an event already read: pinning never waits for Sentry.
  const state = errors?.model.readyEvents.get(issue.id);
  // The root cause (the last of a chain) failed deepest: its in-app frame that threw.
  const chain = state?.kind === 'ready' ? [...state.event.exceptions].reverse() : [];
  const thrown = chain.map((e) => e.frames.find((f) => f.inApp)).find(Boolean);
  if (thrown && errors) {
    const { uris } = await errors.files.resolve(thrown);
    item.frame = frameRef(thrown, uris.length === 1 && uris[0] ? workspaceRelative(uris[0].fsPath) : undefined);
  }
  return item;
}

function frameRef(frame: StackFrame, localPath: string | undefined): FrameRef {
  const rel = localPath && !path.isAbsolute(localPath) && !localPath.startsWith('..') ? localPath : undefined;
  return { function: frame.function, path: rel, line: frame.lineno, reported: rel ? undefined : (frame.filename ?? frame.absPath ?? frame.module) };
}
