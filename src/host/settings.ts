import * as vscode from 'vscode';
import { SettingKeys } from '../core/ids';
import type { RiskPatterns } from '../core/changes/risk';

/** Every setting the extension reads, typed, through one accessor. */
export interface Settings {
  changesDefaultWindow: string;
  changesDeployTagPatterns: string[];
  changesBranches: 'current' | 'pushed';
  changesMaxCommits: number;
  changesRiskPatterns: RiskPatterns;
  /** Folder of the incident files, relative to the first workspace folder. */
  incidentsFolder: string;
  sentry: { baseUrl: string; organization: string; projects: string[]; environment: string };
  /** Prefixes dropped from stack frame paths before they are matched to workspace files. */
  framePathPrefixes: string[];
  /** Empty: detected from the git remote. */
  github: { enabled: boolean; apiBaseUrl: string; enterpriseHosts: string[] };
  /** Demo mode: loopback servers only, a fixed non-secret demo token, "demo data" labels. */
  demoData: boolean;
  /** Workspace-relative folders searched for runbooks (any RUNBOOK.md is found as well). */
  runbooksFolders: string[];
  /** Workspace-relative JSON or YAML file of feature flags; empty when not set. */
  runbooksFlagsFile: string;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SettingKeys.section, scope);
  const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback);
  const branches = c.get<string>(SettingKeys.changesBranches);
  const max = Number(c.get<number>(SettingKeys.changesMaxCommits));
  const risk = c.get<unknown>(SettingKeys.changesRiskPatterns);
  return {
    changesDefaultWindow: c.get<string>(SettingKeys.changesDefaultWindow) || '24h',
    changesDeployTagPatterns: strings(c.get(SettingKeys.changesDeployTagPatterns), ['v*', 'deploy-*', 'release-*']),
    changesBranches: branches === 'pushed' ? 'pushed' : 'current',
    changesMaxCommits: Number.isFinite(max) && max >= 10 ? Math.floor(max) : 500,
    changesRiskPatterns: risk && typeof risk === 'object' ? (risk as RiskPatterns) : {},
    incidentsFolder: c.get<string>(SettingKeys.incidentsFolder)?.trim() || 'incidents',
    sentry: {
      baseUrl: c.get<string>(SettingKeys.sentryBaseUrl)?.trim() || 'https://sentry.io',
      organization: c.get<string>(SettingKeys.sentryOrganization)?.trim() ?? '',
      projects: strings(c.get(SettingKeys.sentryProjects), []).map((p) => p.trim()).filter(Boolean),
      environment: c.get<string>(SettingKeys.sentryEnvironment)?.trim() ?? '',
    },
    framePathPrefixes: strings(c.get(SettingKeys.framePathPrefixes), []),
    github: {
      enabled: c.get<boolean>(SettingKeys.githubEnabled) !== false,
      apiBaseUrl: c.get<string>(SettingKeys.githubApiBaseUrl)?.trim() ?? '',
      enterpriseHosts: strings(c.get(SettingKeys.githubEnterpriseHosts), []),
    },
    demoData: c.get<boolean>(SettingKeys.demoData) === true,
    runbooksFolders: strings(c.get(SettingKeys.runbooksFolders), ['runbooks', 'docs/runbooks']),
    runbooksFlagsFile: c.get<string>(SettingKeys.runbooksFlagsFile)?.trim() ?? '',
  };
}

export function affectsSettings(e: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((k) => e.affectsConfiguration(`${SettingKeys.section}.${k}`));
}
