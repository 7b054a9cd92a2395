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

/** A typed source failure → a short status with the one action that helps. */
export function statusRow(service: 'Sentry' | 'GitHub', e: SourceError): StatusRow {
  const setToken = service === 'Sentry'
    ? { command: Commands.setSentryToken, title: 'Set Sentry Token' }
    : { command: Commands.setGitHubToken, title: 'Set GitHub Token' };
  const settings = { command: Commands.openSourceSettings, title: 'Open Settings' };
  const log = { command: Commands.showLog, title: 'Show Log' };
  switch (e.kind) {
    case 'notConfigured':
      return { text: `${service}: not configured · ${e.message}`, icon: 'plug', command: settings };
    case 'unauthorized':
      return { text: `${service}: unauthorized · the token was refused, set a new one`, icon: 'key', tooltip: e.message, command: setToken };
    case 'forbidden':
      return { text: `${service}: forbidden · the token lacks a scope`, icon: 'lock', tooltip: e.message, command: setToken };
    case 'notFound':
      return { text: `${service}: not found · ${e.message}`, icon: 'question', command: settings };
    case 'rateLimited':
      return { text: `${service}: rate limited${e.retryAt ? ` until ${time(e.retryAt)}` : ''}`, icon: 'watch', tooltip: e.message, command: log };
    case 'timeout':
      return { text: `${service}: timed out`, icon: 'clock', tooltip: e.message, command: log };
    case 'unreachable':
      return { text: `${service}: unreachable`, icon: 'debug-disconnect', tooltip: e.message, command: log };
    case 'badResponse':
      return { text: `${service}: bad response`, icon: 'warning', tooltip: e.message, command: log };
    case 'cancelled':
      return { text: `${service}: cancelled · refresh to try again`, icon: 'circle-slash' };
    default:
      return { text: `${service}: failed · ${e.message}`, icon: 'error', command: log };
  }
}
