import * as vscode from 'vscode';
import { SettingKeys } from '../core/ids';
import { settingsFrom, type Settings } from '../core/settings';

export type { Settings } from '../core/settings';

/** The settings of `scope` (a resource or the workspace), typed by the shared accessor in core. */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SettingKeys.section, scope);
  return settingsFrom((key) => c.get(key));
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((k) => e.affectsConfiguration(`${SettingKeys.section}.${k}`));
}
