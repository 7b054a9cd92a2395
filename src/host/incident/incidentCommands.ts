import * as vscode from 'vscode';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { Commands, Views } from '../../core/ids';
import type { IncidentStatus, Severity } from '../../core/model/incident';
import { INCIDENT_STATUSES, SEVERITIES } from '../../core/model/incident';
import { createIncidentFile, incidentFileName } from '../../core/timeline/create';
import { applyStatusChange } from '../../core/timeline/status';
import { writeNewIncidentFile } from '../../core/timeline/incidentFolder';
import { withProgress } from '../progress';
import { authorName } from '../../sources/git/incidentGit';
import { fresh, guarded, isArgs, targetUri, type IncidentContext, type Register } from './incidentContext';
import type { IncidentFile } from './incidentStore';
import { incidentTitle, inertText, parseServices, serviceSuggestions } from '../../core/timeline/incidentText';
import { editIncident } from './incidentWriter';
import { askCommander, askServices, askSeverity, askStatus, askTitle, pickIncident } from './prompts';

export interface StartIncidentArgs {
  title: string;
  severity: Severity;
  services?: string[] | string;
  commander?: string;
  /** Open the new file beside the code (default true). */
  open?: boolean;
}

export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
}

export function registerIncidentCommands(register: Register, ctx: IncidentContext): void {
  const { store } = ctx;

  register(Commands.startIncident, (args?: Partial<StartIncidentArgs>) =>
    guarded(ctx, 'Could not start the incident', isArgs(args), async () => {
      const folder = store.folder();
      if (!folder) {
        const a = await vscode.window.showInformationMessage('Open a folder first: incident files are kept in it, next to the code.', 'Open Folder');
        if (a) await vscode.commands.executeCommand('workbench.action.files.openFolder');
        return undefined;
      }
      const input = isArgs(args) ? args : await askStartInputs(ctx);
      if (!input) return undefined;
      if (!input.title?.trim()) throw new Error('An incident needs a title.');
      if (!input.severity || !SEVERITIES.includes(input.severity)) throw new Error(`Severity must be one of ${SEVERITIES.join(', ')}.`);
      const services = typeof input.services === 'string' ? parseServices(input.services) : (input.services ?? []);
      const commander = input.commander?.trim() || (await authorName(workspaceRoot()));
      const now = Date.now();
      const text = createIncidentFile({ title: input.title, severity: input.severity, services, commander, started: now });
      const uri = vscode.Uri.file(await writeNewIncidentFile(folder.fsPath, incidentFileName(now, input.title), text));
      ctx.log.info('incident', `started ${path.basename(uri.fsPath)}`);
      await store.setActive(uri);
      if (input.open !== false) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
      await revealTimeline(ctx);
      return uri;
    }),
  );

  register(Commands.switchIncident, (arg?: unknown) =>
    guarded(ctx, 'Could not switch incidents', isArgs(arg), async () => {
      let uri = targetUri(arg);
      if (!uri) {
        await store.ensureLoaded();
        const pick = await pickIncident(store.list(), store.active?.uri.toString());
        if (!pick) return undefined;
        if ('start' in pick) return vscode.commands.executeCommand(Commands.startIncident);
        uri = pick.file.uri;
      }
      await store.setActive(uri);
      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
      await revealTimeline(ctx);
      return uri;
    }),
  );

  register(Commands.openIncident, (arg?: unknown) =>
    guarded(ctx, 'Could not open the incident', isArgs(arg), async () => {
      const file = await requireIncident(ctx, arg);
      if (file) await vscode.window.showTextDocument(file.uri, { preview: false });
      return file?.uri;
    }),
  );

  register(Commands.setIncidentStatus, (arg?: unknown) =>
    guarded(ctx, 'Could not change the status', isArgs(arg), async () => {
      const file = await requireIncident(ctx, arg);
      if (!file) return undefined;
      const wanted = isArgs(arg) ? arg.status : await askStatus(file.parsed.meta.status);
      if (wanted === undefined) return undefined;
      if (!INCIDENT_STATUSES.includes(wanted as IncidentStatus)) throw new Error(`Status must be one of ${INCIDENT_STATUSES.join(', ')}.`);
      return setStatus(ctx, file, wanted as IncidentStatus);
    }),
  );

  register(Commands.resolveIncident, (arg?: unknown) =>
    guarded(ctx, 'Could not resolve the incident', isArgs(arg), async () => {
      const file = await requireIncident(ctx, arg);
      return file ? setStatus(ctx, file, 'resolved') : undefined;
    }),
  );

  register(Commands.incidentsRefresh, () => withProgress(Views.incidents, 'Incident Desk: reading incidents', () => store.refresh()));

  register(Commands.timelineRevealEntry, async (uri?: vscode.Uri, startLine?: number, endLine?: number) => {
    if (!(uri instanceof vscode.Uri) || typeof startLine !== 'number') return;
    const doc = await caughtUp(await vscode.workspace.openTextDocument(uri));
    const last = Math.min(Math.max(endLine ?? startLine, startLine), doc.lineCount) - 1;
    const first = Math.min(Math.max(startLine, 1), doc.lineCount) - 1;
    const range = new vscode.Range(first, 0, last, doc.lineAt(last).text.length);
    const editor = await vscode.window.showTextDocument(doc, { selection: range, preview: true, viewColumn: visibleColumn(uri) });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
}

/**
 * The document once it shows what is on disk. The views read the file right after the extension
 * writes it; a saved editor reloads a moment later, and selecting lines before that would select
 * the wrong ones.
 */
async function caughtUp(doc: vscode.TextDocument, timeoutMs = 2000): Promise<vscode.TextDocument> {
  const end = Date.now() + timeoutMs;
  while (!doc.isDirty && Date.now() < end) {
    const disk = await fsp.readFile(doc.uri.fsPath, 'utf8').catch(() => undefined);
    if (disk === undefined || disk.replace(/^\uFEFF/, '') === doc.getText()) break;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose();
        resolve();
      }, 200);
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document !== doc) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }
  return doc;
}

/** The column the file is already shown in, so revealing an entry does not open a second copy. */
function visibleColumn(uri: vscode.Uri): vscode.ViewColumn | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn;
}

async function askStartInputs(ctx: IncidentContext): Promise<StartIncidentArgs | undefined> {
  const title = await askTitle();
  if (title === undefined) return undefined;
  const severity = await askSeverity();
  if (!severity) return undefined;
  await ctx.store.ensureLoaded();
  const services = await askServices(serviceSuggestions(ctx.store.list().map((f) => f.parsed.meta)));
  if (!services) return undefined;
  const commander = await askCommander(await authorName(workspaceRoot()));
  if (commander === undefined) return undefined;
  return { title, severity, services, commander };
}

/**
 * The incident a command works on: the one named by the argument, else the active one, else one
 * the person picks (or starts). Undefined when they cancel.
 */
export async function requireIncident(ctx: IncidentContext, arg: unknown): Promise<IncidentFile | undefined> {
  const named = targetUri(arg);
  if (named) return fresh(ctx, named);
  await ctx.store.ensureLoaded();
  if (ctx.store.active) return fresh(ctx, ctx.store.active.uri);
  if (isArgs(arg)) throw new Error('No incident is active. Start one or switch to one first.');
  if (ctx.store.list().length === 0) {
    const a = await vscode.window.showInformationMessage('No incident yet. Start one to keep its timeline.', 'Start Incident');
    if (a) await vscode.commands.executeCommand(Commands.startIncident);
    return ctx.store.active;
  }
  const pick = await pickIncident(ctx.store.list(), undefined, 'Which incident?');
  if (!pick) return undefined;
  if ('start' in pick) {
    await vscode.commands.executeCommand(Commands.startIncident);
    return ctx.store.active;
  }
  await ctx.store.setActive(pick.file.uri);
  return fresh(ctx, pick.file.uri);
}

/** Sets `status:` (and `resolved:`) in place and appends a status entry that says so. */
async function setStatus(ctx: IncidentContext, file: IncidentFile, status: IncidentStatus): Promise<IncidentFile> {
  const author = await authorName(workspaceRoot());
  const now = Date.now();
  const previous = file.parsed.meta.status ?? 'investigating';
  await editIncident(file.uri, (text) => applyStatusChange(text, { status, previous, author, now }));
  const updated = await fresh(ctx, file.uri);
  ctx.log.info('incident', `${file.name}: ${previous} → ${status}`);
  vscode.window.setStatusBarMessage(`Incident Desk: ${inertText(incidentTitle(updated.parsed.meta, updated.name), 60)} is ${status}`, 4000);
  return updated;
}

/** Shows the Timeline view without taking the focus from the editor. */
export async function revealTimeline(ctx: IncidentContext): Promise<void> {
  try {
    await ctx.showTimeline();
  } catch (e) {
    ctx.log.warn('incident', `could not show the Timeline view: ${String(e)}`);
  }
}
