import * as vscode from 'vscode';
import * as path from 'node:path';
import { errorMessage } from '../../core/errors';
import { Commands } from '../../core/ids';
import type { Commit } from '../../core/model/changes';
import type { ErrorIssue } from '../../core/model/errors';
import { evidenceFor, withNote, type EvidenceItem } from '../../core/timeline/evidence';
import type { ChangesModel } from '../changes/changesModel';
import type { ChangeNode } from '../changes/changesTree';
import type { ErrorsFeature } from '../errors/errorsFeature';
import type { ErrorNode } from '../errors/errorsTree';
import type { Log } from '../log';
import type { IncidentFeature } from './incidentFeature';
import { notificationText } from '../../core/timeline/incidentText';
import type { AppendResult } from './incidentWriter';
import { changeNodeItem, commitItem, editorItem, errorNodeItem, issueItem, workspaceRelative } from './pinSources';

/**
 * The argument `incidentDesk.pinToIncident` takes from code (the Incident overview, tests, other
 * extensions): a plain object, never a tree node. Every shape may add `hypothesis: 'H2'` to file
 * the evidence under that hypothesis.
 *
 * - `{ kind: 'commit', root, sha, title? }`: a commit of the repository at `root` (absolute
 *   path); subject, author, files and web link come from the Changes view, else from git.
 * - `{ kind: 'url', url, title? }`: a web page; a Sentry issue's permalink pins that issue.
 * - `{ kind: 'log', file, line, text?, title? }`: a log entry (`file` absolute, `line` 1-based);
 *   `text` is quoted as the example line, `title` is the sentence before it.
 * - `{ kind: 'issue', id }`: a Sentry issue the Errors view has loaded, by its id.
 * - `{ kind: 'text', title, text? }`: anything else: `title` as the sentence, `text` quoted.
 * - `{ kind: 'editor' }`, or no argument: the selection (or the diff hunk under the cursor) of
 *   the active editor.
 *
 * Every shape may also add `note: '…'`: one more line of plain text saying why it was pinned.
 *
 * From a menu the argument is the tree node (Changes and Errors rows) or the editor's uri.
 * Returns what was appended, or undefined when nothing was (the person was told why).
 */
export type PinArgs = (
  | { kind: 'commit'; root: string; sha: string; title?: string }
  | { kind: 'url'; url: string; title?: string }
  | { kind: 'log'; file?: string; line?: number; text?: string; title?: string }
  | { kind: 'issue'; id: string }
  | { kind: 'text'; title: string; text?: string }
  | { kind: 'editor' }
) & { hypothesis?: string; note?: string };

export interface PinDeps {
  log: Log;
  incidents: IncidentFeature;
  changes: ChangesModel;
  /** The Errors feature if it has loaded; pinning never starts it. */
  errors(): ErrorsFeature | undefined;
}

type Register = (id: string, fn: (...args: never[]) => unknown) => void;

export function registerPinCommand(register: Register, deps: PinDeps): void {
  register(Commands.pinToIncident, (arg?: unknown) => pinToIncident(deps, arg));
}

export async function pinToIncident(deps: PinDeps, arg: unknown): Promise<AppendResult | undefined> {
  try {
    const hypothesis = isPlain(arg) && typeof arg.hypothesis === 'string' ? arg.hypothesis : undefined;
    const note = isPlain(arg) && typeof arg.note === 'string' ? arg.note : undefined;
    const item = await itemFor(deps, arg);
    if (typeof item === 'string') {
      void vscode.window.showInformationMessage(notificationText(item));
      return undefined;
    }
    return await pinItem(deps, item, hypothesis, note);
  } catch (e) {
    deps.log.error('incident', `pin to incident: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(notificationText(`Could not pin to the incident: ${errorMessage(e)}`), 'Show Log').then((a) => a && deps.log.show());
    return undefined;
  }
}

/**
 * Appends the item as an evidence entry to the active incident. With none active it says so and
 * offers to start (or switch to) one, then pins to that one: nothing the person chose is lost.
 */
export async function pinItem(deps: PinDeps, item: EvidenceItem, hypothesis?: string, note?: string): Promise<AppendResult | undefined> {
  const evidence = withNote(evidenceFor(item), note);
  let file = await deps.incidents.activeIncident();
  if (!file) {
    const store = await deps.incidents.loadedStore();
    const what = evidence.text.split('\n', 1)[0] ?? '';
    const actions = store.list().length > 0 ? ['Start Incident', 'Switch Incident'] : ['Start Incident'];
    const pick = await vscode.window.showInformationMessage(notificationText(`No incident is active. Start one (or switch to one) to pin “${what}” to its timeline.`, 300), ...actions);
    if (!pick) return undefined;
    await vscode.commands.executeCommand(pick === 'Start Incident' ? Commands.startIncident : Commands.switchIncident);
    file = await deps.incidents.activeIncident();
    if (!file) return undefined;
  }
  const args = { kind: 'evidence', text: evidence.text, link: evidence.links, incident: file.uri, ...(hypothesis ? { hypothesis } : {}) };
  const result = await vscode.commands.executeCommand<AppendResult | undefined>(Commands.logEntry, args);
  if (result) deps.log.info('incident', `pinned ${item.kind} as evidence to ${path.basename(file.uri.fsPath)} line ${result.line}`);
  return result;
}

async function itemFor(deps: PinDeps, arg: unknown): Promise<EvidenceItem | string> {
  if (arg === undefined || arg instanceof vscode.Uri || (isPlain(arg) && arg.kind === 'editor')) {
    const incident = await deps.incidents.activeIncident();
    return editorItem((uri) => !!incident && uri.toString() === incident.uri.toString());
  }
  if (isNode(arg)) {
    const changes = changeNodeItem(arg as ChangeNode);
    if (changes) return changes;
    const error = await errorNodeItem(arg as ErrorNode, deps.errors());
    if (error) return error;
    return 'There is nothing to pin on this row.';
  }
  if (!isPlain(arg)) return 'Pin to Incident needs an item: a selection, a row of the Changes or Errors view, or an item of the overview.';
  switch (arg.kind) {
    case 'commit':
      return commitArg(deps, str(arg.root), str(arg.sha), str(arg.title));
    case 'url': {
      const url = str(arg.url);
      if (!url) return 'There is no address to pin.';
      const issue = loadedIssues(deps).find((i) => i.permalink === url);
      return issue ? issueItem(issue, deps.errors()) : { kind: 'url', url, title: str(arg.title) };
    }
    case 'log': {
      const file = str(arg.file);
      const rel = file ? workspaceRelative(file) : undefined;
      const line = typeof arg.line === 'number' && Number.isInteger(arg.line) && arg.line > 0 ? arg.line : undefined;
      const summary = str(arg.title) ?? (file ? `Log entry in ${path.basename(file)}${line ? ` at line ${line}` : ''}` : 'Log entry');
      return { kind: 'log', summary, text: str(arg.text), path: rel, line };
    }
    case 'issue': {
      const issue = loadedIssues(deps).find((i) => i.id === str(arg.id));
      return issue ? issueItem(issue, deps.errors()) : 'That Sentry issue is not in the Errors view (any more); refresh it and pin the issue from there.';
    }
    case 'text': {
      const title = str(arg.title);
      return title ? { kind: 'text', title, text: str(arg.text) } : 'There is nothing to pin.';
    }
    case 'entry':
      return 'That is already an entry of the incident timeline.';
    default:
      return `Pin to Incident does not know items of kind '${String(arg.kind).slice(0, 40)}'.`;
  }
}

async function commitArg(deps: PinDeps, root: string | undefined, sha: string | undefined, title: string | undefined): Promise<EvidenceItem | string> {
  if (!sha || !/^[0-9a-f]{7,64}$/i.test(sha)) return 'There is no commit to pin.';
  const repo = deps.changes.repos.find((r) => root !== undefined && path.resolve(r.root) === path.resolve(root));
  const state = repo?.state.kind === 'ready' ? repo.state : undefined;
  const wanted = sha.toLowerCase();
  const commits: Commit[] = state ? state.groups.flatMap((g) => g.rows.flatMap((r) => (r.kind === 'pr' ? [r.merge, ...r.commits] : [r.commit]))) : [];
  const found = commits.find((c) => c.sha.toLowerCase().startsWith(wanted));
  if (found) return commitItem(found, state?.remote);
  let subject = title;
  if (!subject && repo?.repository) {
    // Outside the view's window: the message is all git needs to tell.
    subject = await repo.repository.commitMessage(wanted).then((m) => m.split('\n', 1)[0], () => undefined);
  }
  return { kind: 'commit', sha: wanted, subject };
}

function loadedIssues(deps: PinDeps): ErrorIssue[] {
  const state = deps.errors()?.model.state;
  return state?.kind === 'ready' ? state.issues : [];
}

function isPlain(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !('type' in arg);
}

function isNode(arg: unknown): arg is { type: string } {
  return typeof arg === 'object' && arg !== null && typeof (arg as { type?: unknown }).type === 'string';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}
