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
