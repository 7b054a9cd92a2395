/**
 * Every id the manifest (package.json) and the code share: commands, views, context keys and
 * setting keys. A unit test checks this module against package.json both ways.
 */
export const EXTENSION_ID = 'incident-desk.incident-desk';

export const Commands = {
  whatChanged: 'incidentDesk.whatChanged',
  changesRefresh: 'incidentDesk.changes.refresh',
  changesPickWindow: 'incidentDesk.changes.pickWindow',
  changesFilterRisk: 'incidentDesk.changes.filterRisk',
  changesFilterByPath: 'incidentDesk.changes.filterByPath',
  changesClearFilters: 'incidentDesk.changes.clearFilters',
  changesOpenFileDiff: 'incidentDesk.changes.openFileDiff',
  changesOpenCommitChanges: 'incidentDesk.changes.openCommitChanges',
  changesCompareWithPreviousDeploy: 'incidentDesk.changes.compareWithPreviousDeploy',
  changesCopySha: 'incidentDesk.changes.copySha',
  changesOpenOnRemote: 'incidentDesk.changes.openOnRemote',
  changesShowMore: 'incidentDesk.changes.showMore',
  changesInitRepository: 'incidentDesk.changes.initRepository',
  showLog: 'incidentDesk.showLog',
  startIncident: 'incidentDesk.startIncident',
  logEntry: 'incidentDesk.logEntry',
  openOverview: 'incidentDesk.openOverview',
  confirmHypothesis: 'incidentDesk.confirmHypothesis',
  refuteHypothesis: 'incidentDesk.refuteHypothesis',
  switchIncident: 'incidentDesk.switchIncident',
  setIncidentStatus: 'incidentDesk.setIncidentStatus',
  resolveIncident: 'incidentDesk.resolveIncident',
  openIncident: 'incidentDesk.openIncident',
  draftPostmortem: 'incidentDesk.draftPostmortem',
  commitPostmortem: 'incidentDesk.commitPostmortem',
  incidentsRefresh: 'incidentDesk.incidents.refresh',
  timelineRevealEntry: 'incidentDesk.timeline.revealEntry',
  errorsRefresh: 'incidentDesk.errors.refresh',
  errorsOpenFrame: 'incidentDesk.errors.openFrame',
  errorsOpenInSentry: 'incidentDesk.errors.openInSentry',
  setSentryToken: 'incidentDesk.setSentryToken',
  clearSentryToken: 'incidentDesk.clearSentryToken',
  setGitHubToken: 'incidentDesk.setGitHubToken',
  openSourceSettings: 'incidentDesk.openSourceSettings',
  signInToGitHub: 'incidentDesk.signInToGitHub',
  runbooksRefresh: 'incidentDesk.runbooks.refresh',
  runbooksOpen: 'incidentDesk.runbooks.open',
  runbooksRunStep: 'incidentDesk.runbooks.runStep',
  runbooksCopyStep: 'incidentDesk.runbooks.copyStep',
  runbooksPullLever: 'incidentDesk.runbooks.pullLever',
  runbooksToggleFlag: 'incidentDesk.runbooks.toggleFlag',
  newRunbookFromIncident: 'incidentDesk.newRunbookFromIncident',
  logsRefresh: 'incidentDesk.logs.refresh',
  logsSetCredentials: 'incidentDesk.logs.setCredentials',
  logsOpenEntries: 'incidentDesk.logs.openEntries',
  logsShowEntries: 'incidentDesk.logs.showEntries',
  logsPinToTimeline: 'incidentDesk.logs.pinToTimeline',
  overviewPinItem: 'incidentDesk.overview.pinItem',
  logsConfigure: 'incidentDesk.logs.configure',
  pinToIncident: 'incidentDesk.pinToIncident',
} as const;

export const Views = {
  container: 'incidentDesk',
  changes: 'incidentDesk.changes',
  incidents: 'incidentDesk.incidents',
  timeline: 'incidentDesk.timeline',
  errors: 'incidentDesk.errors',
  runbooks: 'incidentDesk.runbooks',
  overview: 'incidentDesk.overview',
  logs: 'incidentDesk.logs',
} as const;

export const ContextKeys = {
  changesState: 'incidentDesk.changes.state',
  changesFiltered: 'incidentDesk.changes.filtered',
  /** True while an incident is active (the status bar item and the Timeline view show it). */
  incidentActive: 'incidentDesk.incident.active',
  /** notConfigured | ready: the Errors view shows its welcome content while not configured. */
  errorsState: 'incidentDesk.errors.state',
  /** Some log source is configured (the Logs view's welcome shows otherwise). */
  logsConfigured: 'incidentDesk.logs.configured',
} as const;

/** Setting keys, relative to the `incidentDesk` section. */
export const SettingKeys = {
  section: 'incidentDesk',
  changesDefaultWindow: 'changes.defaultWindow',
  changesDeployTagPatterns: 'changes.deployTagPatterns',
  changesBranches: 'changes.branches',
  changesMaxCommits: 'changes.maxCommits',
  changesRiskPatterns: 'changes.riskPatterns',
  incidentsFolder: 'incidentsFolder',
  sentryBaseUrl: 'sentry.baseUrl',
  sentryOrganization: 'sentry.organization',
  sentryProjects: 'sentry.projects',
  sentryEnvironment: 'sentry.environment',
  framePathPrefixes: 'frames.stripPrefixes',
  githubApiBaseUrl: 'github.apiBaseUrl',
  githubEnterpriseHosts: 'github.enterpriseHosts',
  githubEnabled: 'github.enabled',
  demoData: 'demoData',
  runbooksFolders: 'runbooks.folders',
  runbooksFlagsFile: 'runbooks.flagsFile',
  logsSources: 'logs.sources',
  logsDefaultWindow: 'logs.defaultWindow',
  logsTimeZone: 'logs.timeZone',
  overviewAutoRefreshSeconds: 'overview.autoRefreshSeconds',
} as const;
