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
  changesCopySha: 'incidentDesk.changes.copySha',
  changesOpenOnRemote: 'incidentDesk.changes.openOnRemote',
  changesShowMore: 'incidentDesk.changes.showMore',
  changesInitRepository: 'incidentDesk.changes.initRepository',
  showLog: 'incidentDesk.showLog',
} as const;

export const Views = {
  container: 'incidentDesk',
  changes: 'incidentDesk.changes',
} as const;

export const ContextKeys = {
  changesState: 'incidentDesk.changes.state',
  changesFiltered: 'incidentDesk.changes.filtered',
} as const;

/** Setting keys, relative to the `incidentDesk` section. */
export const SettingKeys = {
  section: 'incidentDesk',
  changesDefaultWindow: 'changes.defaultWindow',
  changesDeployTagPatterns: 'changes.deployTagPatterns',
  changesBranches: 'changes.branches',
  changesMaxCommits: 'changes.maxCommits',
  changesRiskPatterns: 'changes.riskPatterns',
} as const;
