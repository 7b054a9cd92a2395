import * as path from 'path';
import * as vscode from 'vscode';
import { previousLocalDeploy, previousSuccessfulDeployment, type DeployPair } from '../../core/changes/previousDeploy';
import { createRiskClassifier } from '../../core/changes/risk';
import { Commands } from '../../core/ids';
import { ZERO_BLOB } from '../../sources/git/logParser';
import { blobUri } from '../git/gitContentProvider';
import type { Log } from '../log';
import type { ChangeNode } from './changesTree';
import type { RemoteChangesModel } from './remoteChanges';
import { GITHUB_SCHEME, GitHubContentProvider } from './githubContentProvider';
import { compareOnGitHub } from './remoteCompareView';

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/**
 * "Compare with Previous Successful Deploy": what a deploy shipped that the last good one did
 * not. Local git when the clone has both commits (every file opens as a diff); GitHub's compare
 * API otherwise (the files are listed, each opening as a diff of its two sides read from GitHub).
 */
export function registerCompareDeploys(register: Register, remote: () => RemoteChangesModel | undefined, log: Log): vscode.Disposable {
  const classify = createRiskClassifier();
  const contents = new GitHubContentProvider((root) => remote()?.githubClient(root));
  register(Commands.changesCompareWithPreviousDeploy, async (node?: ChangeNode) => {
    if (!node || (node.type !== 'deploy' && node.type !== 'remoteRow')) return;
    const repo = node.repo;
    const pair = pairFor(node, remote());
    if (!pair) {
      void vscode.window.showInformationMessage('There is no earlier successful deploy of another commit in this window to compare with. Widen the window of the Changes view.');
      return;
    }
    const title = `${pair.base.name} ↔ ${pair.head.name}`;
    let local: Awaited<ReturnType<NonNullable<typeof repo.repository>['diffFiles']>> | undefined;
    try {
      local = repo.repository ? await repo.repository.diffFiles(pair.base.sha, pair.head.sha, classify) : undefined;
    } catch (e) {
      log.info('changes', `compare ${title}: not both in the local clone (${e instanceof Error ? e.message : String(e)}); trying GitHub`);
    }
    if (local) {
      if (local.files.length === 0) {
        void vscode.window.showInformationMessage(`${title}: no file differs.`);
        return;
      }
      const short = (sha: string) => sha.slice(0, 7);
      const resources = local.files.map((f) => [
        vscode.Uri.file(path.join(repo.root, f.path)),
        blobUri(repo.root, f.oldPath ?? f.path, f.oldBlob || ZERO_BLOB, short(pair.base.sha)),
        blobUri(repo.root, f.path, f.newBlob || ZERO_BLOB, short(pair.head.sha)),
      ]);
      await vscode.commands.executeCommand('vscode.changes', title, resources);
      return;
    }
    const client = remote()?.githubClient(repo.root);
    if (!client) {
      // Not awaited: the command returns while the message waits for the person.
      void vscode.window.showWarningMessage(`${title}: the local clone lacks one of the commits. Fetch, or sign in to GitHub to compare through its API.`, 'Sign in to GitHub').then((action) => {
        if (action) void vscode.commands.executeCommand(Commands.signInToGitHub);
      });
      return { kind: 'failed', reason: 'notConfigured', message: 'GitHub is not signed in for this repository.' };
    }
    return compareOnGitHub({ root: repo.root, pair, client, contents, log });
  });
  return vscode.workspace.registerTextDocumentContentProvider(GITHUB_SCHEME, contents);
}

function pairFor(node: ChangeNode, remote: RemoteChangesModel | undefined): DeployPair | undefined {
  if (node.type === 'deploy') {
    const state = node.repo.state;
    if (!node.deploy || state.kind !== 'ready') return undefined;
    return previousLocalDeploy(state.deploys, node.deploy.tag);
  }
  if (node.type === 'remoteRow' && node.row.kind === 'deployment') {
    const state = remote?.stateFor(node.repo);
    return state?.kind === 'ready' ? previousSuccessfulDeployment(state.rows, node.row) : undefined;
  }
  return undefined;
}
