import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { Log } from '../log';
import type { IncidentFile, IncidentStore } from './incidentStore';
import { notificationText } from '../../core/timeline/incidentText';
import type { TimelineNode } from './timelineTree';

export type Register = (id: string, fn: (...args: never[]) => unknown) => void;

/** What the incident commands share: the store, the log, the Timeline view and error reporting. */
export interface IncidentContext {
  store: IncidentStore;
  log: Log;
  timelineView: vscode.TreeView<TimelineNode>;
  /** Brings the Timeline view into sight without moving the keyboard focus. */
  showTimeline(): Promise<void>;
}

/**
 * A command argument that came from code (tests, other extensions) rather than from a menu:
 * a plain object without a tree node's `type`.
 */
export function isArgs(arg: unknown): arg is Record<string, unknown> {
  return typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) && !('type' in arg);
}

/** The incident a command argument names: a Uri, a tree node, `{ incident }`, or none. */
export function targetUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg !== 'object' || arg === null) return undefined;
  const o = arg as { file?: { uri?: unknown }; incident?: unknown };
  if (o.file?.uri instanceof vscode.Uri) return o.file.uri;
  if (o.incident instanceof vscode.Uri) return o.incident;
  if (typeof o.incident === 'string') return o.incident.includes('://') ? vscode.Uri.parse(o.incident) : vscode.Uri.file(o.incident);
  return undefined;
}

/**
 * Runs a command body. From a menu or the palette, a failure is shown once with "Show Log"; from
 * code (an argument object) it is logged and thrown, so the caller sees it.
 */
export async function guarded<T>(ctx: IncidentContext, what: string, programmatic: boolean, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (e) {
    ctx.log.error('incident', `${what}: ${errorMessage(e)}`, e instanceof Error && 'detail' in e ? String((e as { detail: unknown }).detail) : undefined);
    if (programmatic) throw e;
    void vscode.window.showErrorMessage(notificationText(`${what}: ${errorMessage(e)}`), 'Show Log').then((a) => a && ctx.log.show());
    return undefined;
  }
}

/** Reads the file again now, so the caller and the views see what was just written. */
export async function fresh(ctx: IncidentContext, uri: vscode.Uri): Promise<IncidentFile> {
  const file = await ctx.store.reload(uri);
  if (!file) throw new Error(`${uri.fsPath} could not be read.`);
  return file;
}
