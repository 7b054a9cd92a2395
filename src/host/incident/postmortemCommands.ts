import * as vscode from 'vscode';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { shortSha } from '../../core/changes/display';
import { Commands } from '../../core/ids';
import { renderPostmortem } from '../../core/timeline/postmortem';
import { commitFiles, GitFailure, showCommit, type CommitResult } from '../../sources/git/incidentGit';
import { requireIncident } from './incidentCommands';
import { fresh, guarded, isArgs, type IncidentContext, type Register } from './incidentContext';
import { commitMessage, notificationText, postmortemPathFor } from '../../core/timeline/incidentText';

export const COMMIT_SCHEME = 'incident-desk-commit';

/** `git show` of a commit as a read-only document: incident-desk-commit:/<sha>.txt?<root>. */
export class CommitContentProvider implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const sha = path.posix.basename(uri.path, '.txt');
    return showCommit(decodeURIComponent(uri.query), sha);
  }
}

export function commitUri(root: string, sha: string): vscode.Uri {
  return vscode.Uri.from({ scheme: COMMIT_SCHEME, path: `/${sha}.txt`, query: encodeURIComponent(root) });
}

export function registerPostmortemCommands(register: Register, ctx: IncidentContext): void {
  register(Commands.draftPostmortem, (arg?: unknown) =>
    guarded(ctx, 'Could not draft the postmortem', isArgs(arg), async () => {
      const file = await requireIncident(ctx, arg);
      if (!file) return undefined;
      const target = vscode.Uri.file(postmortemPathFor(file.uri.fsPath));
      const name = path.basename(target.fsPath);
      const exists = await fsp.stat(target.fsPath).then(() => true, () => false);
      if (exists) {
        let replace = isArgs(arg) ? arg.replace === true : undefined;
        if (replace === undefined) {
          const a = await vscode.window.showWarningMessage(
            `${notificationText(name)} already exists. Replace it with a new draft from the timeline? What was written in it is lost (git history keeps committed versions).`,
            { modal: true },
            'Replace',
            'Open Existing',
          );
          if (a === undefined) return undefined;
          replace = a === 'Replace';
        }
        if (!replace) {
          await vscode.window.showTextDocument(target, { preview: false });
          return target;
        }
      }
      const text = renderPostmortem(file.parsed, Date.now());
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
      if (open) {
        // Replace through the editor, so the person can undo it.
        const edit = new vscode.WorkspaceEdit();
        edit.replace(target, new vscode.Range(0, 0, open.lineCount, 0), text);
        await vscode.workspace.applyEdit(edit);
        await open.save();
      } else {
        await fsp.writeFile(target.fsPath, text, { flag: exists ? 'w' : 'wx' });
      }
      ctx.log.info('incident', `drafted ${name}`);
      await vscode.window.showTextDocument(target, { preview: false });
      return target;
    }),
  );

  register(Commands.commitPostmortem, (arg?: unknown) =>
    guarded(ctx, 'Could not commit the postmortem', isArgs(arg), async () => {
      if (!vscode.workspace.isTrusted) {
        // git add and commit can run this repository's hooks and fsmonitor: only with trust.
        const a = await vscode.window.showWarningMessage('Committing runs git, and with it this repository\'s hooks. Trust this workspace first.', 'Manage Workspace Trust');
        if (a) await vscode.commands.executeCommand('workbench.trust.manage');
        return undefined;
      }
      let file = await requireIncident(ctx, arg);
      if (!file) return undefined;
      const postmortem = vscode.Uri.file(postmortemPathFor(file.uri.fsPath));
      if (!(await fsp.stat(postmortem.fsPath).then(() => true, () => false))) {
        if (isArgs(arg)) throw new Error(`There is no postmortem (${path.basename(postmortem.fsPath)}) to commit yet.`);
        const a = await vscode.window.showInformationMessage('There is no postmortem for this incident yet. Draft one first, edit it, then commit.', 'Draft Postmortem');
        if (a) await vscode.commands.executeCommand(Commands.draftPostmortem, file.uri);
        return undefined;
      }
      for (const uri of [file.uri, postmortem]) {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc?.isDirty && !(await doc.save())) throw new Error(`${path.basename(uri.fsPath)} could not be saved; not committing.`);
      }
      file = await fresh(ctx, file.uri);
      const message = commitMessage(file.parsed.meta, file.name);
      let result: CommitResult;
      try {
        result = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: 'Incident Desk: committing the postmortem…' },
          () => commitFiles([file!.uri.fsPath, postmortem.fsPath], message),
        );
      } catch (e) {
        if (e instanceof GitFailure && !isArgs(arg)) return explain(ctx, e);
        throw e;
      }
      ctx.log.info('incident', `committed ${result.sha} ${result.subject} (${result.paths.join(', ')})`);
      if (!isArgs(arg)) {
        void vscode.window
          .showInformationMessage(`Committed ${shortSha(result.sha)} ${notificationText(result.subject, 120)} (not pushed).`, 'Show Commit')
          .then((a) => a && showCommitDocument(result));
      }
      return result;
    }),
  );
}

async function showCommitDocument(result: CommitResult): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(commitUri(result.root, result.sha));
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** A git failure in words, with the action that helps; details go to the log. */
async function explain(ctx: IncidentContext, e: GitFailure): Promise<undefined> {
  ctx.log.warn('incident', `commit: ${e.message}${e.detail ? `\n${e.detail}` : ''}`);
  if (e.kind === 'nothingToCommit') {
    void vscode.window.showInformationMessage(notificationText(e.message));
    return undefined;
  }
  const actions = e.kind === 'identity' ? ['Open Terminal', 'Show Log'] : ['Show Log'];
  const a = await vscode.window.showErrorMessage(notificationText(e.message), ...actions);
  if (a === 'Show Log') ctx.log.show();
  if (a === 'Open Terminal') vscode.window.createTerminal('git identity').show();
  return undefined;
}
