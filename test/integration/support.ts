// What the integration suite files share: the extension's API and waiting for a state.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { IncidentDeskApi } from '../../src/host/extension';

export const EXTENSION_ID = 'incident-desk.incident-desk';

/** The running extension's API (activating it if needed). */
export async function api(): Promise<IncidentDeskApi> {
  const ext = vscode.extensions.getExtension<IncidentDeskApi>(EXTENSION_ID);
  assert.ok(ext, 'extension present');
  return ext.activate();
}

type Probe<T> = () => Promise<T | undefined | false> | T | undefined | false;

/** Polls until the probe returns a truthy value, and returns it; fails after `ms` naming what it waited for. */
export async function until<T>(what: string, fn: Probe<T>, ms?: number): Promise<T>;
export async function until<T>(fn: Probe<T>, ms?: number): Promise<T>;
export async function until<T>(a: string | Probe<T>, b?: Probe<T> | number, c?: number): Promise<T> {
  const what = typeof a === 'string' ? a : 'the expected state';
  const fn = (typeof a === 'string' ? b : a) as Probe<T>;
  const ms = (typeof a === 'string' ? c : (b as number | undefined)) ?? 20_000;
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * A local Sentry replaying the demo's issues for the workspace's repository, with the settings
 * and the token pointing the extension at it.
 */
export async function useDemoSentry(token: string): Promise<import('../replay/replayServer').ReplayServer> {
  const { ReplayServer } = await import('../replay/replayServer');
  const { installSentryRoutes } = await import('../replay/sentryReplay');
  const { demoSentryData, DEMO_ORG, DEMO_PROJECT } = await import('../replay/demoData');
  const { factsFromRepo } = await import('../replay/demoFacts');
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const server = await ReplayServer.start();
  installSentryRoutes(server, demoSentryData(factsFromRepo(root), Date.now()), { token });
  const config = vscode.workspace.getConfiguration('incidentDesk');
  await config.update('sentry.baseUrl', server.url, vscode.ConfigurationTarget.Workspace);
  await config.update('sentry.organization', DEMO_ORG, vscode.ConfigurationTarget.Workspace);
  await config.update('sentry.projects', [DEMO_PROJECT], vscode.ConfigurationTarget.Workspace);
  await vscode.commands.executeCommand('incidentDesk.setSentryToken', token);
  return server;
}
