import * as vscode from 'vscode';
import { classifyContent, decodeSideQuery, encodeSideQuery, formatBytes, tooLargeFromFailure, type CompareSide, type SideContent, type SideQuery } from '../../core/changes/remoteCompare';
import { SourceError, errorMessage, isSourceError } from '../../core/errors';
import type { GitHubClient } from '../../sources/github/githubClient';

export const GITHUB_SCHEME = 'incident-desk-github';
/** The query of a side that does not exist (the left of an added file, the right of a removed one). */
const EMPTY = 'empty';
const CACHE_SIZE = 200;

/** A read-only document of a file at a commit as GitHub has it; `side` undefined → an empty document. */
export function githubSideUri(root: string, path: string, side: CompareSide | undefined, label: string): vscode.Uri {
  const query = side ? encodeSideQuery({ root, path: side.path, ref: side.ref }) : EMPTY;
  return vscode.Uri.from({ scheme: GITHUB_SCHEME, path: `/${side?.path ?? path}`, query, fragment: label });
}

/**
 * Serves the two sides of a comparison the clone cannot make: file contents read from GitHub's
 * contents API at a commit. A commit's file never changes, so what was read is kept (a few
 * hundred files at most); failures are not kept, so opening again retries.
 */
export class GitHubContentProvider implements vscode.TextDocumentContentProvider {
  private readonly cache = new Map<string, Promise<SideContent>>();

  constructor(private readonly clientFor: (root: string) => GitHubClient | undefined) {}

  /** The content of one side; throws a SourceError when GitHub cannot give it. */
  read(q: SideQuery, signal?: AbortSignal): Promise<SideContent> {
    const key = encodeSideQuery(q);
    let p = this.cache.get(key);
    if (!p) {
      const client = this.clientFor(q.root);
      if (!client) return Promise.reject(new SourceError('notConfigured', 'GitHub is not signed in for this repository.'));
      p = client.fileAt(q.path, q.ref, signal).then(
        (bytes) => classifyContent(bytes),
        (e: unknown) => {
          const large = isSourceError(e) ? tooLargeFromFailure(e.kind, `${e.message} ${e.detail ?? ''}`) : undefined;
          if (large) return large;
          throw e;
        },
      );
      this.cache.set(key, p);
      p.catch(() => this.cache.delete(key));
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return p;
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    if (uri.query === EMPTY) return '';
    const q = decodeSideQuery(uri.query);
    if (!q) return 'Incident Desk: this link to a file on GitHub is damaged.';
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    try {
      const content = await this.read(q, controller.signal);
      return sideText(content);
    } catch (e) {
      const error = isSourceError(e) ? e : new SourceError('failed', errorMessage(e));
      return `Incident Desk: could not read ${q.path} at ${q.ref.slice(0, 7)} from GitHub: ${error.message}`;
    }
  }
}

function sideText(c: SideContent): string {
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'empty':
      return '';
    case 'binary':
      return `Incident Desk: binary file (${formatBytes(c.bytes)}), not shown.`;
    case 'tooLarge':
      return `Incident Desk: this file is ${formatBytes(c.bytes)}; too large to show here.`;
  }
}
