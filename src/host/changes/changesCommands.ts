import * as vscode from 'vscode';
import * as path from 'node:path';
import { WINDOW_PRESETS, parseWindowStart } from '../../core/changes/timeWindow';
import { RISK_LABELS, RISK_ORDER, isRiskKind } from '../../core/changes/risk';
import { commitUrl } from '../../core/changes/remote';
import { displayText, shortSha } from '../../core/changes/display';
import { Commands, ContextKeys, Views } from '../../core/ids';
import { errorMessage } from '../../core/errors';
import type { Commit, FileChange } from '../../core/model/changes';
import { ZERO_BLOB } from '../../sources/git/logParser';
import { GitRepository } from '../../sources/git/repository';
import { blobUri } from '../git/gitContentProvider';
import { withProgress } from '../progress';
import type { Log } from '../log';
import type { ChangesModel, RepoEntry } from './changesModel';
import { prTitle, type ChangeNode } from './changesTree';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/** The commands of the Changes view. Each one is also reachable from the palette or a menu. */
export function registerChangesCommands(register: Register, model: ChangesModel, log: Log): void {
  const refresh = (): Promise<void> => withProgress(Views.changes, 'Incident Desk: reading git history', (token) => model.refresh(token));
  const updateFiltered = (): void => void vscode.commands.executeCommand('setContext', ContextKeys.changesFiltered, model.isFiltered);

  register(Commands.whatChanged, async () => {
    await vscode.commands.executeCommand(`${Views.changes}.focus`);
    const spec = await pickWindow(model.windowSpec);
    if (spec) await withProgress(Views.changes, 'Incident Desk: reading git history', () => model.setWindow(spec));
  });
  register(Commands.changesPickWindow, async (preset?: string) => {
    const spec = typeof preset === 'string' ? preset : await pickWindow(model.windowSpec);
    if (spec) await withProgress(Views.changes, 'Incident Desk: reading git history', () => model.setWindow(spec));
  });
  register(Commands.changesRefresh, refresh);
  register(Commands.changesShowMore, () => model.showMore());

  register(Commands.changesFilterRisk, async (kinds?: string[]) => {
    if (Array.isArray(kinds)) {
      model.setRiskFilter(kinds.filter(isRiskKind));
      updateFiltered();
      return;
    }
    const items = RISK_ORDER.map((kind) => ({ label: RISK_LABELS[kind], risk: kind, picked: model.riskFilter.includes(kind) }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Show only commits that change…', placeHolder: 'Pick none to show every change' });
    if (!picked) return;
    model.setRiskFilter(picked.map((p) => p.risk));
    updateFiltered();
  });

  register(Commands.changesFilterByPath, async (uri?: vscode.Uri) => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || target.scheme !== 'file') {
      void vscode.window.showInformationMessage('Open a file of the repository (or right-click one in the Explorer) to filter changes by its path.');
      return;
    }
    const repo = model.repos.find((r) => isInside(r.root, target.fsPath));
    if (!repo) {
      void vscode.window.showWarningMessage(`${path.basename(target.fsPath)} is not inside a repository shown in the Changes view.`);
      return;
    }
    let fsPath = target.fsPath;
    if (!uri) {
      const pick = await vscode.window.showQuickPick(
        [{ label: `$(file) ${path.basename(fsPath)}`, value: fsPath }, { label: `$(folder) ${path.basename(path.dirname(fsPath))}/`, value: path.dirname(fsPath) }],
        { title: 'Show only changes that touch…' },
      );
      if (!pick) return;
      fsPath = pick.value;
    }
    const rel = path.relative(repo.root, fsPath).split(path.sep).join('/') || '.';
    await withProgress(Views.changes, 'Incident Desk: reading git history', () => model.setPathFilter({ root: repo.root, path: rel, label: rel }));
    updateFiltered();
  });

  register(Commands.changesClearFilters, async () => {
    model.setRiskFilter([]);
    if (model.pathFilter) await model.setPathFilter(undefined);
    updateFiltered();
  });

  register(Commands.changesOpenFileDiff, async (node?: ChangeNode) => {
    if (node?.type !== 'file') return;
    await openFileDiff(node.repo, node.commit, node.file);
  });

  register(Commands.changesOpenCommitChanges, async (node?: ChangeNode) => {
    if (node?.type !== 'commit' && node?.type !== 'pr') return;
    // A pull request opens as the merge against its first parent: everything it changed.
    const commit = node.type === 'pr' ? node.row.merge : node.commit;
    let files = commit.files;
    if (node.type === 'pr') {
      try {
        files = (await model.pullRequestFiles(node.repo, commit)).files;
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not read the pull request's changes: ${errorMessage(e)}`, 'Show Log').then((a) => a && log.show());
        return;
      }
    }
    if (files.length === 0) {
      void vscode.window.showInformationMessage('This commit changes no files against its first parent.');
      return;
    }
    const resources = files.map((f) => {
      const [left, right] = diffUris(node.repo.root, commit, f);
      return [vscode.Uri.file(path.join(node.repo.root, f.path)), left, right];
    });
    const title = `${shortSha(commit.sha)} ${displayText(node.type === 'pr' ? `#${node.row.number} ${prTitle(node.row.merge)}` : commit.subject, 80)}`;
    try {
      await vscode.commands.executeCommand('vscode.changes', title, resources);
    } catch (e) {
      log.warn('changes', `multi-diff not available (${errorMessage(e)}); opening the first file`);
      await openFileDiff(node.repo, commit, files[0]);
    }
  });

  register(Commands.changesCopySha, async (node?: ChangeNode) => {
    const sha = node?.type === 'commit' ? node.commit.sha : node?.type === 'pr' ? node.row.merge.sha : undefined;
    if (!sha) return;
    await vscode.env.clipboard.writeText(sha);
    vscode.window.setStatusBarMessage(`Copied ${shortSha(sha)}`, 3000);
  });

  register(Commands.changesOpenOnRemote, async (node?: ChangeNode) => {
    if (node?.type !== 'commit' && node?.type !== 'pr') return;
    const state = node.repo.state;
    if (state.kind !== 'ready' || !state.remote) {
      void vscode.window.showInformationMessage('This repository has no GitHub, GitLab or Bitbucket remote to open.');
      return;
    }
    const sha = node.type === 'commit' ? node.commit.sha : node.row.merge.sha;
    await vscode.env.openExternal(vscode.Uri.parse(commitUrl(state.remote, sha)));
  });

  register(Commands.changesInitRepository, async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return;
    const ok = await vscode.window.showWarningMessage(`Run "git init" in ${folder.name}?`, { modal: true }, 'Initialize');
    if (ok !== 'Initialize') return;
    try {
      await GitRepository.init(folder.uri.fsPath);
      await refresh();
    } catch (e) {
      void vscode.window.showErrorMessage(`git init failed: ${errorMessage(e)}`, 'Show Log').then((a) => a && log.show());
    }
  });
}

async function pickWindow(current: string): Promise<string | undefined> {
  type Item = vscode.QuickPickItem & { spec: string };
  const items: Item[] = WINDOW_PRESETS.map((p) => ({ label: p.label, spec: p.id, description: p.id === current ? 'current' : undefined }));
  items.push({ label: 'Custom start…', spec: '', description: 'e.g. 2h, 90m, 2026-11-23 14:00, yesterday 14:00' });
  const pick = await vscode.window.showQuickPick(items, { title: 'What changed since…', placeHolder: 'Pick a time window' });
  if (!pick) return undefined;
  if (pick.spec) return pick.spec;
  return vscode.window.showInputBox({
    title: 'What changed since…',
    prompt: 'A duration back from now (2h, 90m), an ISO date-time, or yesterday 14:00',
    value: /^\d/.test(current) ? current : '',
    validateInput: (v) => {
      const r = parseWindowStart(v, Date.now());
      return r.ok ? undefined : r.message;
    },
  });
}

function diffUris(root: string, commit: Commit, file: FileChange): [vscode.Uri, vscode.Uri] {
  const parent = commit.parents[0] ? shortSha(commit.parents[0]) : 'empty';
  const left = blobUri(root, file.oldPath ?? file.path, file.oldBlob || ZERO_BLOB, parent);
  const right = blobUri(root, file.path, file.newBlob || ZERO_BLOB, shortSha(commit.sha));
  return [left, right];
}

async function openFileDiff(repo: RepoEntry, commit: Commit, file: FileChange): Promise<void> {
  const [left, right] = diffUris(repo.root, commit, file);
  const name = path.posix.basename(file.path);
  const title = `${displayText(name, 80)} (${commit.parents[0] ? shortSha(commit.parents[0]) : 'new'} ↔ ${shortSha(commit.sha)})`;
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
}

function isInside(root: string, fsPath: string): boolean {
  const rel = path.relative(root, fsPath);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
