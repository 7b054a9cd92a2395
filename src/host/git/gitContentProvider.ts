import * as vscode from 'vscode';
import { ZERO_BLOB } from '../../sources/git/logParser';
import { GitRepository } from '../../sources/git/repository';
import { errorMessage } from '../../core/errors';

export const GIT_SCHEME = 'incident-desk-git';
const MAX_BYTES = 10 * 1024 * 1024;

interface BlobQuery {
  root: string;
  blob: string;
}

/** A read-only document of a file as it was in a commit, addressed by blob id. */
export function blobUri(root: string, filePath: string, blob: string, label: string): vscode.Uri {
  const query: BlobQuery = { root, blob };
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${filePath}`, query: JSON.stringify(query), fragment: label });
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  private readonly repos = new Map<string, Promise<GitRepository>>();

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    let query: BlobQuery;
    try {
      query = JSON.parse(uri.query) as BlobQuery;
    } catch {
      return 'Incident Desk: this link to a file in git history is damaged.';
    }
    if (!query.blob || query.blob === ZERO_BLOB) return '';
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      let repo = this.repos.get(query.root);
      if (!repo) this.repos.set(query.root, (repo = GitRepository.open(query.root, controller.signal)));
      const bytes = await (await repo).blob(query.blob, controller.signal);
      if (bytes.length > MAX_BYTES) return `Incident Desk: this file is ${(bytes.length / 1048576).toFixed(1)} MB at this commit; too large to show here.`;
      if (bytes.subarray(0, 8000).includes(0)) return `Incident Desk: binary file (${bytes.length.toLocaleString('en-US')} bytes), not shown.`;
      return new TextDecoder('utf-8').decode(bytes);
    } catch (e) {
      this.repos.delete(query.root);
      return `Incident Desk: could not read this file from git: ${errorMessage(e)}`;
    }
  }
}
