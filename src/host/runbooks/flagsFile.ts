import * as vscode from 'vscode';
import * as path from 'node:path';
import { flagName, flipFlag, readFlags, type Flag, type FlagsReading } from '../../core/runbooks/flags';
import { codeSpan } from '../../core/runbooks/text';
import { formatTimestamp } from '../../core/timeline/format';
import type { IncidentFeature } from '../incident/incidentFeature';
import { authorName } from '../../sources/git/incidentGit';
import { appendToIncident } from '../incident/incidentWriter';
import type { Log } from '../log';
import { readSettings } from '../settings';

export interface FlagsFile {
  uri: vscode.Uri;
  relativePath: string;
  reading: FlagsReading;
}

/** The configured flags file, resolved inside the first workspace folder only. */
export function flagsFileUri(): vscode.Uri | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const setting = readSettings(folder?.uri).runbooksFlagsFile;
  if (!folder || !setting) return undefined;
  const root = folder.uri.fsPath;
  const full = path.resolve(root, setting);
  if (full !== root && !full.startsWith(root + path.sep)) return undefined;
  return vscode.Uri.file(full);
}

export async function readFlagsFile(): Promise<FlagsFile | undefined> {
  const uri = flagsFileUri();
  if (!uri) return undefined;
  const relativePath = vscode.workspace.asRelativePath(uri, false);
  try {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { uri, relativePath, reading: readFlags(text) };
  } catch (e) {
    return { uri, relativePath, reading: { ok: false, message: e instanceof vscode.FileSystemError ? 'the file does not exist' : String(e) } };
  }
}

/**
 * Flips one flag after a modal confirmation: the value's characters are replaced through a
 * workspace edit (undoable, nothing else in the file changes), the file is saved, the change is
 * shown as a diff against what it was, and an action entry goes to the active incident.
 */
export async function toggleFlag(incidents: IncidentFeature, log: Log, flagPath: readonly string[]): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Flags can only be changed in a trusted workspace.', 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }
  const file = await readFlagsFile();
  if (!file || !file.reading.ok) {
    void vscode.window.showErrorMessage(`The flags file cannot be read${file && !file.reading.ok ? `: ${file.reading.message}` : ''}; it was not changed.`);
    return false;
  }
  const flag = file.reading.flags.find((f) => f.path.join('\u0000') === flagPath.join('\u0000'));
  if (!flag) {
    void vscode.window.showErrorMessage(`No flag ${flagPath.join('.')} in ${file.relativePath}.`);
    return false;
  }
  const name = flagName(flag);
  const choice = await vscode.window.showWarningMessage(
    `Set ${name} to ${String(!flag.value)}?`,
    { modal: true, detail: `${file.relativePath}: ${name}: ${String(flag.value)} → ${String(!flag.value)}\nOnly this value changes in the file; review and deploy it as you usually do.` },
    'Change',
  );
  if (choice !== 'Change') return false;
  const doc = await vscode.workspace.openTextDocument(file.uri);
  const before = doc.getText();
  const current = readFlags(before);
  const fresh = current.ok ? current.flags.find((f) => f.path.join('\u0000') === flagPath.join('\u0000')) : undefined;
  if (!fresh) {
    void vscode.window.showErrorMessage(`${file.relativePath} changed meanwhile; it was not changed.`);
    return false;
  }
  const after = flipFlag(before, fresh);
  const edit = new vscode.WorkspaceEdit();
  const replaced = after.slice(fresh.start, fresh.end + (after.length - before.length));
  edit.replace(file.uri, new vscode.Range(doc.positionAt(fresh.start), doc.positionAt(fresh.end)), replaced);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) {
    void vscode.window.showErrorMessage(`Could not change ${file.relativePath}.`);
    return false;
  }
  log.info('runbooks', `flag ${name} set to ${String(!flag.value)} in ${file.relativePath}`);
  await showFlagDiff(file.uri, before, name);
  await recordFlag(incidents, log, file.relativePath, fresh, name);
  return true;
}

async function showFlagDiff(uri: vscode.Uri, before: string, name: string): Promise<void> {
  const original = await vscode.workspace.openTextDocument({ content: before, language: (await vscode.workspace.openTextDocument(uri)).languageId });
  await vscode.commands.executeCommand('vscode.diff', original.uri, uri, `${path.basename(uri.fsPath)}: ${name} (before ↔ after)`, { preview: true, viewColumn: vscode.ViewColumn.Active });
}

async function recordFlag(incidents: IncidentFeature, log: Log, relativePath: string, flag: Flag, name: string): Promise<void> {
  const incident = await incidents.activeIncident().catch(() => undefined);
  if (!incident) return;
  try {
    const author = await authorName(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
    const text = `Set flag ${codeSpan(name)} to \`${String(!flag.value)}\` in ${codeSpan(relativePath)} (was \`${String(flag.value)}\`; not yet committed or deployed)`;
    await appendToIncident(incident.uri, { kind: 'action', author, text, links: [`${relativePath}:${flag.line + 1}`], at: formatTimestamp(Date.now()) });
    await (await incidents.loadedStore()).reload(incident.uri);
  } catch (e) {
    log.error('runbooks', `could not record the flag change: ${String(e)}`);
  }
}
