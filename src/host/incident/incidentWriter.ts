import * as vscode from 'vscode';
import type { TimelineEntry } from '../../core/model/incident';
import { planAppend } from '../../core/timeline/append';
import { appendEntryToFile, type FileEntryInput } from '../../core/timeline/fileAppend';
import { editIncidentFile } from '../../core/timeline/fileEdit';
import { formatTimestamp } from '../../core/timeline/format';
import { diffSpan } from '../../core/timeline/incidentText';

export interface AppendResult {
  entry: TimelineEntry;
  /** 1-based line of the new entry. */
  line: number;
  /** True when the entry went into an open, unsaved editor rather than to the file. */
  viaEditor: boolean;
}

function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
}

/**
 * Appends an entry. When the file is open with unsaved changes, the entry is inserted through
 * the editor (an undoable edit next to the person's own), never written behind its back;
 * otherwise it goes to the file under the cross-process lock, and an open editor reloads it.
 */
export async function appendToIncident(uri: vscode.Uri, input: FileEntryInput): Promise<AppendResult> {
  const doc = openDocument(uri);
  if (doc?.isDirty) {
    const entry = { ...input, at: input.at ?? formatTimestamp(Date.now()) };
    const version = doc.version;
    const plan = planAppend(doc.getText(), entry);
    if (doc.version !== version) throw new Error('The incident file changed while the entry was being added; try again.');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, doc.positionAt(plan.offset), plan.insert);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The editor refused the edit to the incident file.');
    return { entry: plan.entry, line: plan.line, viaEditor: true };
  }
  const result = await appendEntryToFile(uri.fsPath, input);
  return { entry: result.entry, line: result.line, viaEditor: false };
}

/**
 * Changes an incident file as a whole (`transform` gets the current text): through the editor
 * when it has unsaved changes, otherwise on disk under the same lock appends use. Only the
 * span that differs is replaced, so the rest of the file, and the undo history, stay as they are.
 */
export async function editIncident(uri: vscode.Uri, transform: (text: string) => string): Promise<void> {
  const doc = openDocument(uri);
  if (doc?.isDirty) {
    const before = doc.getText();
    const after = transform(before);
    if (after === before) return;
    const { start, end, insert } = diffSpan(before, after);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), insert);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('The editor refused the edit to the incident file.');
    return;
  }
  await editIncidentFile(uri.fsPath, transform);
}
