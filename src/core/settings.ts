/**
 * The typed view of the `incidentDesk.*` settings, built from any lookup of raw values: the
 * editor's configuration in the extension, `.vscode/settings.json` over the manifest's defaults
 * in the command line. One place decides what a missing or malformed value means.
 */
import type { RiskPatterns } from './changes/risk';
import { SettingKeys } from './ids';

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

/** A raw value by key relative to `incidentDesk.` (e.g. `sentry.organization`); undefined when unset. */
export type SettingLookup = (key: string) => unknown;

export function settingsFrom(get: SettingLookup): Settings {
  const strings = (v: unknown, fallback: string[]): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback);
  const str = (key: string): string | undefined => {
    const v = get(key);
    return typeof v === 'string' ? v : undefined;
  };
  const branches = str(SettingKeys.changesBranches);
  const max = Number(get(SettingKeys.changesMaxCommits));
  const risk = get(SettingKeys.changesRiskPatterns);
  return {
    changesDefaultWindow: str(SettingKeys.changesDefaultWindow) || '24h',
    changesDeployTagPatterns: strings(get(SettingKeys.changesDeployTagPatterns), ['v*', 'deploy-*', 'release-*']),
    changesBranches: branches === 'pushed' ? 'pushed' : 'current',
    changesMaxCommits: Number.isFinite(max) && max >= 10 ? Math.floor(max) : 500,
    changesRiskPatterns: risk && typeof risk === 'object' ? (risk as RiskPatterns) : {},
    incidentsFolder: str(SettingKeys.incidentsFolder)?.trim() || 'incidents',
    sentry: {
      baseUrl: str(SettingKeys.sentryBaseUrl)?.trim() || 'https://sentry.io',
      organization: str(SettingKeys.sentryOrganization)?.trim() ?? '',
      projects: strings(get(SettingKeys.sentryProjects), []).map((p) => p.trim()).filter(Boolean),
      environment: str(SettingKeys.sentryEnvironment)?.trim() ?? '',
    },
    framePathPrefixes: strings(get(SettingKeys.framePathPrefixes), []),
    github: {
      enabled: get(SettingKeys.githubEnabled) !== false,
      apiBaseUrl: str(SettingKeys.githubApiBaseUrl)?.trim() ?? '',
      enterpriseHosts: strings(get(SettingKeys.githubEnterpriseHosts), []),
    },
    demoData: get(SettingKeys.demoData) === true,
    runbooksFolders: strings(get(SettingKeys.runbooksFolders), ['runbooks', 'docs/runbooks']),
    runbooksFlagsFile: str(SettingKeys.runbooksFlagsFile)?.trim() ?? '',
  };
}

/** The configured risk patterns, with the runbooks' flags file (when set) counted as a flags change. */
export function riskPatternsOf(s: Settings): RiskPatterns {
  const flagsFile = s.runbooksFlagsFile.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (!flagsFile) return s.changesRiskPatterns;
  return { ...s.changesRiskPatterns, flags: [...(s.changesRiskPatterns.flags ?? []), flagsFile] };
}
