import type * as vscode from 'vscode';
import type { SourceError } from '../../core/errors';
import { Commands } from '../../core/ids';

/** One row that says how a source is doing and what to do about it. */
export interface StatusRow {
  text: string;
  icon: string;
  tooltip?: string;
  command?: vscode.Command;
}

const time = (t: number): string => new Date(t).toISOString().slice(11, 16) + ' UTC';

/** The commands that fix a source: its token (or credentials) and its settings. */
export interface SourceFixes {
  token: vscode.Command;
  settings: vscode.Command;
}

const SERVICE_FIXES: Record<'Sentry' | 'GitHub', SourceFixes> = {
  Sentry: { token: { command: Commands.setSentryToken, title: 'Set Sentry Token' }, settings: { command: Commands.openSourceSettings, title: 'Open Settings' } },
  GitHub: { token: { command: Commands.setGitHubToken, title: 'Set GitHub Token' }, settings: { command: Commands.openSourceSettings, title: 'Open Settings' } },
};

/**
 * A typed source failure → a short status with the one action that helps. `detail` is the text
 * without the source's name, for places that show the name apart (the overview's health strip).
 */
export function statusRow(service: 'Sentry' | 'GitHub', e: SourceError): StatusRow & { detail: string };
export function statusRow(service: string, e: SourceError, fixes: SourceFixes): StatusRow & { detail: string };
export function statusRow(service: string, e: SourceError, fixes?: SourceFixes): StatusRow & { detail: string } {
  const { token, settings } = fixes ?? SERVICE_FIXES[service as 'Sentry' | 'GitHub'];
  const log = { command: Commands.showLog, title: 'Show Log' };
  const row = (detail: string, icon: string, command?: vscode.Command, tooltip?: string): StatusRow & { detail: string } => ({
    text: `${service}: ${detail}`,
    detail,
    icon,
    ...(tooltip ? { tooltip } : {}),
    ...(command ? { command } : {}),
  });
  switch (e.kind) {
    case 'notConfigured':
      return row(`not configured · ${e.message}`, 'plug', settings);
    case 'unauthorized':
      return row('unauthorized · the token was refused, set a new one', 'key', token, e.message);
    case 'forbidden':
      return row('forbidden · the token lacks a scope', 'lock', token, e.message);
    case 'notFound':
      return row(`not found · ${e.message}`, 'question', settings);
    case 'rateLimited':
      return row(`rate limited${e.retryAt ? ` until ${time(e.retryAt)}` : ''}`, 'watch', log, e.message);
    case 'timeout':
      return row('timed out', 'clock', log, e.message);
    case 'unreachable':
      return row('unreachable', 'debug-disconnect', log, e.message);
    case 'badResponse':
      return row('bad response', 'warning', log, e.message);
    case 'cancelled':
      return row('cancelled · refresh to try again', 'circle-slash');
    default:
      return row(`failed · ${e.message}`, 'error', log);
  }
}
