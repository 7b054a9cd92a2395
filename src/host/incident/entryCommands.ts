import * as vscode from 'vscode';
import * as path from 'node:path';
import { Commands } from '../../core/ids';
import type { EntryKind } from '../../core/model/incident';
import { ENTRY_KINDS } from '../../core/model/incident';
import { authorName, repositoryRoot } from '../../sources/git/incidentGit';
import { workspaceRoot, requireIncident } from './incidentCommands';
import { fresh, guarded, isArgs, type IncidentContext, type Register } from './incidentContext';
import type { IncidentFile } from './incidentStore';
import { normalizeLink, selectionLink } from '../../core/timeline/incidentText';
import { appendToIncident, type AppendResult } from './incidentWriter';
import { askHypothesis, askKind, askLink, askReason, askText } from './prompts';

export interface LogEntryArgs {
  kind: EntryKind;
  text: string;
  /** One link or several: a repository-relative `path:line`, a commit SHA or a URL. */
  link?: string | string[];
  hypothesis?: string;
  incident?: string | vscode.Uri;
}

export interface VerdictArgs {
  id: string;
  reason: string;
  incident?: string | vscode.Uri;
}

export function registerEntryCommands(register: Register, ctx: IncidentContext): void {
  register(Commands.logEntry, (args?: Partial<LogEntryArgs>) =>
    guarded(ctx, 'Could not log the entry', isArgs(args), async () => {
      const file = await requireIncident(ctx, args);
      if (!file) return undefined;
      const input = isArgs(args) ? fromArgs(args) : await askEntry(file);
      if (!input) return undefined;
      return append(ctx, file, input);
    }),
  );

  const verdict = (kind: 'confirm' | 'refute') => (arg?: unknown) =>
    guarded(ctx, `Could not ${kind} the hypothesis`, isArgs(arg), async () => {
      const file = await requireIncident(ctx, arg);
      if (!file) return undefined;
      const hypotheses = file.parsed.hypotheses;
      let id = isArgs(arg) ? (arg as Partial<VerdictArgs>).id : nodeHypothesis(arg);
      let reason = isArgs(arg) ? (arg as Partial<VerdictArgs>).reason : undefined;
      if (!id) {
        if (hypotheses.length === 0) {
          const a = await vscode.window.showInformationMessage('This incident has no hypotheses yet. Write one down first.', 'Log Entry');
          if (a) await vscode.commands.executeCommand(Commands.logEntry);
          return undefined;
        }
        const pick = await askHypothesis(hypotheses, kind === 'confirm' ? 'Confirm which hypothesis?' : 'Refute which hypothesis?');
        if (!pick?.id) return undefined;
        id = pick.id;
      }
      id = id.toUpperCase();
      if (!hypotheses.some((h) => h.id === id)) throw new Error(`There is no hypothesis ${id} in this incident.`);
      if (reason === undefined && !isArgs(arg)) reason = await askReason(kind, id);
      if (reason === undefined) return undefined;
      if (!reason.trim()) throw new Error(`A ${kind === 'confirm' ? 'confirmation' : 'refutation'} needs a reason.`);
      return append(ctx, file, { kind, text: reason, hypothesis: id, links: [] });
    });
  register(Commands.confirmHypothesis, verdict('confirm'));
  register(Commands.refuteHypothesis, verdict('refute'));
}

interface EntryInput {
  kind: EntryKind;
  text: string;
  hypothesis?: string;
  links: string[];
}

function fromArgs(args: Partial<LogEntryArgs>): EntryInput {
  if (!args.kind || !(ENTRY_KINDS as readonly string[]).includes(args.kind)) throw new Error(`Unknown entry kind '${String(args.kind)}'.`);
  if (typeof args.text !== 'string' || !args.text.trim()) throw new Error('An entry needs text.');
  const raw = args.link === undefined ? [] : Array.isArray(args.link) ? args.link : [args.link];
  const links = raw.map((l) => {
    const link = normalizeLink(String(l));
    if (!link) throw new Error(`'${String(l)}' is not a link (a path:line, a commit SHA or a URL, without spaces).`);
    return link;
  });
  const input: EntryInput = { kind: args.kind, text: args.text, links };
  if (args.hypothesis) input.hypothesis = args.hypothesis;
  return input;
}

async function askEntry(file: IncidentFile): Promise<EntryInput | undefined> {
  const kind = await askKind();
  if (!kind) return undefined;
  let hypothesis: string | undefined;
  if (kind === 'evidence' && file.parsed.hypotheses.length > 0) {
    const pick = await askHypothesis(file.parsed.hypotheses, 'Evidence about which hypothesis?', true);
    if (!pick) return undefined;
    hypothesis = pick.id;
  }
  const text = await askText(kind);
  if (text === undefined) return undefined;
  const linked = await askLink(await selectedCode(file));
  if (!linked) return undefined;
  const input: EntryInput = { kind, text, links: linked.link ? [linked.link] : [] };
  if (hypothesis) input.hypothesis = hypothesis;
  return input;
}

/** `src/x.ts:42` for the selection in the active editor, when it is a file of the repository. */
async function selectedCode(file: IncidentFile): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => !e.selection.isEmpty);
  if (!editor || editor.selection.isEmpty || editor.document.uri.scheme !== 'file') return undefined;
  if (editor.document.uri.toString() === file.uri.toString()) return undefined;
  const fsPath = editor.document.uri.fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(editor.document.uri)?.uri.fsPath;
  if (!folder) return undefined;
  const root = await repositoryRoot(path.dirname(fsPath)).catch(() => folder);
  return selectionLink(root, fsPath, editor.selection.start.line + 1);
}

function nodeHypothesis(arg: unknown): string | undefined {
  const h = (arg as { type?: string; hypothesis?: { id?: unknown } } | undefined)?.hypothesis;
  return typeof h?.id === 'string' ? h.id : undefined;
}

async function append(ctx: IncidentContext, file: IncidentFile, input: EntryInput): Promise<AppendResult> {
  const author = await authorName(workspaceRoot());
  const result = await appendToIncident(file.uri, { ...input, author });
  await fresh(ctx, file.uri);
  const what = result.entry.kind === 'hypothesis' ? `hypothesis ${result.entry.hypothesis}` : `${result.entry.kind}${result.entry.hypothesis ? ` ${result.entry.hypothesis}` : ''}`;
  if (result.viaEditor) {
    vscode.window.setStatusBarMessage(`Incident Desk: ${what} added to the unsaved incident file (line ${result.line}); save it to keep it`, 6000);
  } else {
    vscode.window.setStatusBarMessage(`Incident Desk: logged ${what} (line ${result.line})`, 4000);
  }
  ctx.log.info('incident', `${file.name}: ${what} at line ${result.line}${result.viaEditor ? ' (through the editor)' : ''}`);
  return result;
}
