import * as vscode from 'vscode';
import * as path from 'node:path';
import type { IncidentAction } from '../../core/model/runbooks';
import { readStepRun } from '../../core/runbooks/actionEntry';
import { renderRunbookFromIncident, runbookFileName } from '../../core/runbooks/fromIncident';
import type { IncidentFeature } from '../incident/incidentFeature';
import { readSettings } from '../settings';
import type { FindingsRegistry } from './findings';

/**
 * Drafts a runbook from the active incident: its confirmed hypotheses, the log signatures and
 * errors it was about, and the actions that worked. Writes a new file in the first runbooks
 * folder (never over an existing one) and opens it for review.
 */
export async function newRunbookFromIncident(incidents: IncidentFeature, findings: FindingsRegistry): Promise<vscode.Uri | undefined> {
  const incident = await incidents.activeIncident();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!incident || !folder) {
    void vscode.window.showInformationMessage('Pick or start an incident first: the runbook is drafted from its timeline.', 'Start Incident').then((a) => a && vscode.commands.executeCommand('incidentDesk.startIncident'));
    return undefined;
  }
  const { parsed } = incident;
  const context = await findings.collect();
  const confirmed = parsed.hypotheses.filter((h) => h.state === 'confirmed');
  const quoted = confirmed.flatMap((h) => [...h.text.matchAll(/`([^`\n]{8,300})`/g)].map((m) => m[1] as string));
  const actions: IncidentAction[] = parsed.entries
    .filter((e) => e.kind === 'action')
    .map((e) => readStepRun(e.text) ?? { text: e.text });
  const text = renderRunbookFromIncident({
    title: parsed.meta.title ?? incident.name.replace(/\.md$/, ''),
    services: parsed.meta.services,
    ...(parsed.meta.severity ? { severity: parsed.meta.severity } : {}),
    confirmedHypotheses: confirmed.map((h) => h.text),
    logSignatures: [...new Set([...quoted, ...(context.logSignatures ?? [])])].slice(0, 10),
    errorTitles: [...new Set(context.errorTitles ?? [])].slice(0, 10),
    alertNames: [...new Set(context.alertNames ?? [])].slice(0, 10),
    actions,
    incidentPath: vscode.workspace.asRelativePath(incident.uri, false),
  });
  const dir = readSettings(folder.uri).runbooksFolders[0]?.replace(/^\/+|\/+$/g, '') || 'runbooks';
  const base = runbookFileName(parsed.meta.title ?? incident.name);
  let uri = vscode.Uri.joinPath(folder.uri, dir, base);
  for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(folder.uri, dir, base.replace(/\.md$/, `-${n}.md`));
  if (!path.resolve(uri.fsPath).startsWith(path.resolve(folder.uri.fsPath) + path.sep)) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri, { preview: false });
  void vscode.window.showInformationMessage(`Drafted ${vscode.workspace.asRelativePath(uri, false)} from the incident. Review its rules and steps, then commit it.`);
  return uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
