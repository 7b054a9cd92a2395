import * as vscode from 'vscode';
import * as path from 'node:path';
import { classifyLink, LINK_LINE } from '../../core/timeline/format';

const MAX_LINKS = 500;

/**
 * Makes the `- link: path:line[-end]` lines of incident files followable: a link to a workspace
 * file that exists opens it with those lines selected. URLs are already links in any editor;
 * paths that leave the workspace folder or name no file stay text.
 */
export class EntryLinkProvider implements vscode.DocumentLinkProvider {
  async provideDocumentLinks(doc: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder || folder.uri.scheme !== 'file') return [];
    const links: vscode.DocumentLink[] = [];
    for (let i = 0; i < doc.lineCount && links.length < MAX_LINKS && !token.isCancellationRequested; i++) {
      const text = doc.lineAt(i).text;
      const m = LINK_LINE.exec(text);
      const value = m?.[1]?.trim();
      if (!value) continue;
      const link = classifyLink(value);
      if (link.kind !== 'path' || !link.path) continue;
      const target = path.resolve(folder.uri.fsPath, link.path);
      const rel = path.relative(folder.uri.fsPath, target);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const exists = await vscode.workspace.fs.stat(vscode.Uri.file(target)).then((s) => s.type === vscode.FileType.File, () => false);
      if (!exists) continue;
      const start = text.indexOf(value);
      const fragment = link.line ? `L${link.line}${link.endLine ? `-L${link.endLine}` : ''}` : '';
      const out = new vscode.DocumentLink(new vscode.Range(i, start, i, start + value.length), vscode.Uri.file(target).with({ fragment }));
      out.tooltip = link.line ? `Open ${rel.split(path.sep).join('/')} at ${link.endLine ? `lines ${link.line}–${link.endLine}` : `line ${link.line}`}` : `Open ${rel.split(path.sep).join('/')}`;
      links.push(out);
    }
    return links;
  }
}

export function registerEntryLinks(): vscode.Disposable {
  return vscode.languages.registerDocumentLinkProvider({ language: 'markdown', scheme: 'file' }, new EntryLinkProvider());
}
