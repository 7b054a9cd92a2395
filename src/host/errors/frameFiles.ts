import * as vscode from 'vscode';
import type { StackFrame } from '../../core/model/errors';
import { mapFrameToFile, WorkspaceFileIndex } from '../../core/frames/mapFrame';
import type { FrameMatch } from '../../core/frames/mapFrame';
import { readSettings } from '../settings';

const EXCLUDE = '**/{node_modules,.git,dist,out,build,coverage,.vscode-test}/**';
const MAX_FILES = 50_000;

/**
 * The workspace's files as relative paths, for mapping stack frames. Every answer is a file
 * that findFiles returned under a workspace folder, so a frame never opens anything outside.
 */
export class FrameFiles implements vscode.Disposable {
  private index?: Promise<{ index: WorkspaceFileIndex; uris: Map<string, vscode.Uri[]> }>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private watching = false;

  /** Watches the workspace only once a frame was first mapped: nothing runs at activation. */
  private watch(): void {
    if (this.watching) return;
    this.watching = true;
    const reset = (): void => {
      this.index = undefined;
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    this.subscriptions.push(watcher, watcher.onDidCreate(reset), watcher.onDidDelete(reset), vscode.workspace.onDidChangeWorkspaceFolders(reset));
  }

  private load(): Promise<{ index: WorkspaceFileIndex; uris: Map<string, vscode.Uri[]> }> {
    this.watch();
    return (this.index ??= (async () => {
      const files = await vscode.workspace.findFiles('**/*', EXCLUDE, MAX_FILES);
      const uris = new Map<string, vscode.Uri[]>();
      for (const uri of files) {
        const folder = vscode.workspace.getWorkspaceFolder(uri);
        if (!folder) continue;
        const rel = vscode.workspace.asRelativePath(uri, false);
        const list = uris.get(rel);
        if (list) list.push(uri);
        else uris.set(rel, [uri]);
      }
      return { index: new WorkspaceFileIndex(uris.keys()), uris };
    })());
  }

  /** The frame's workspace file(s): one uri when unique, several when ambiguous, none when unmapped. */
  async resolve(frame: StackFrame): Promise<{ match: FrameMatch; uris: vscode.Uri[] }> {
    const { index, uris } = await this.load();
    const match = mapFrameToFile(frame, index, { stripPrefixes: readSettings().framePathPrefixes });
    const paths = match.kind === 'unique' ? [match.path] : match.kind === 'ambiguous' ? match.candidates : [];
    return { match, uris: paths.flatMap((p) => uris.get(p) ?? []) };
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** Opens the frame's file at its line; asks which one when several files fit. */
export async function openFrame(files: FrameFiles, frame: StackFrame): Promise<vscode.TextEditor | undefined> {
  const { uris } = await files.resolve(frame);
  let uri: vscode.Uri | undefined = uris[0];
  if (uris.length > 1) {
    const picked = await vscode.window.showQuickPick(
      uris.map((u) => ({ label: vscode.workspace.asRelativePath(u, true), uri: u })),
      { title: 'Several workspace files match this frame', placeHolder: `${frame.filename ?? frame.absPath ?? ''}:${frame.lineno ?? ''}` },
    );
    uri = picked?.uri;
  }
  if (!uri) {
    if (uris.length === 0) void vscode.window.showInformationMessage('This frame does not match a file in the workspace.');
    return undefined;
  }
  const line = Math.max(0, (frame.lineno ?? 1) - 1);
  const col = Math.max(0, (frame.colno ?? 1) - 1);
  const pos = new vscode.Position(line, col);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(pos, pos), preview: true });
}
