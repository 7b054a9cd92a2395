import * as vscode from 'vscode';
import type { OverviewInput, OverviewSource } from '../../core/correlate/overview';
import { SourceError } from '../../core/errors';
import { Commands } from '../../core/ids';
import type { ChangeGroup } from '../../core/model/changes';
import type { ChangeEventRow } from '../../core/model/deploys';
import type { ErrorIssue } from '../../core/model/errors';
import type { LogFinding } from '../../core/model/logs';
import type { ChangesModel } from '../changes/changesModel';
import type { RemoteChangesModel } from '../changes/remoteChanges';
import type { LazyErrors } from '../errors/lazyErrors';
import type { LogsModel } from '../logs/logsModel';
import { statusRow } from '../sources/sourceStatus';
import { readSettings } from '../settings';

interface Good<T> {
  data: T;
  at: number;
}

/** Issues whose latest events' frames are mapped to workspace files, kept until Sentry is read again. */
const MAX_FRAME_ISSUES = 20;

/**
 * Everything the overview shows, read from the models the views share, and the last good data of
 * each source: when a refresh of a source fails, its last good data stays on the axis, marked stale.
 */
export class OverviewSources {
  private readonly git = new Map<string, Good<ChangeGroup[]>>();
  private sentry?: Good<ErrorIssue[]>;
  private readonly frames = new Map<string, readonly string[]>();
  /** The log findings last given to the overview, in order: a 'logFinding' target's index is into these. */
  findings: readonly LogFinding[] = [];

  constructor(
    private readonly changes: ChangesModel,
    private readonly remote: RemoteChangesModel,
    private readonly errors: LazyErrors,
    private readonly logModel: LogsModel,
  ) {}

  async collect(): Promise<Omit<OverviewInput, 'window' | 'incident' | 'preset'>> {
    const sources: OverviewSource[] = [];
    const repos: OverviewInput['repos'] = [];
    const remote: Array<{ root: string; rows: readonly ChangeEventRow[] }> = [];

    for (const r of this.changes.repos) {
      const s = r.state;
      const name = `git ${r.name}`;
      if (s.kind === 'ready') {
        this.git.set(r.root, { data: s.groups, at: s.loadedAt });
        repos.push({ root: r.root, name: r.name, groups: s.groups });
        sources.push({ name, health: 'ok', detail: `${s.commitCount} commits`, at: s.loadedAt });
        const rs = this.remote.stateFor(r);
        if (rs?.kind === 'loading') sources.push({ name: `GitHub/Sentry ${r.name}`, health: 'loading', detail: 'reading' });
        if (rs?.kind === 'ready') {
          remote.push({ root: r.root, rows: rs.rows });
          if (rs.services.length) {
            const deployments = rs.rows.filter((x) => x.kind === 'deployment').length;
            const prs = rs.rows.filter((x) => x.kind === 'pullRequest').length;
            if (!rs.statuses.length) sources.push({ name: `${rs.services.join(' + ')}${rs.demo ? ' (demo data)' : ''}`, health: 'ok', detail: `${deployments} deployments, ${prs} pull requests`, at: s.loadedAt });
          }
          for (const st of rs.statuses) {
            const [service, ...rest] = st.text.split(': ');
            sources.push({
              name: `${service} changes`,
              health: st.icon === 'account' ? 'notConfigured' : 'error',
              detail: rest.join(': '),
              ...(st.command ? { action: { label: st.command.title, command: st.command.command } } : {}),
            });
          }
        }
        continue;
      }
      const good = this.git.get(r.root);
      if (s.kind === 'error' && good) {
        repos.push({ root: r.root, name: r.name, groups: good.data });
        sources.push({ name, health: 'error', detail: s.error.message, at: good.at, stale: true, action: { label: 'Show Log', command: Commands.showLog } });
      } else if (s.kind === 'error') sources.push({ name, health: 'error', detail: s.error.message, action: { label: 'Show Log', command: Commands.showLog } });
      else if (s.kind === 'loading') sources.push({ name, health: 'loading', detail: 'reading' });
      else sources.push({ name, health: 'notConfigured', detail: 'empty repository' });
    }
    if (this.changes.repos.length === 0) sources.push({ name: 'git', health: 'notConfigured', detail: 'no repository open', action: { label: 'Open Folder', command: 'workbench.action.files.openFolder' } });

    const issues = await this.sentryIssues(sources);
    const issueFrames = issues ? await this.issueFrames(issues) : undefined;
    const logFindings = this.logFindings(sources);
    return { sources, repos, remote, logFindings, ...(issues ? { issues } : {}), ...(issueFrames ? { issueFrames } : {}) };
  }

  private async sentryIssues(sources: OverviewSource[]): Promise<ErrorIssue[] | undefined> {
    const es = this.errors.loaded?.model.state ?? { kind: 'idle' as const };
    switch (es.kind) {
      case 'ready':
        // A new read brings new latest events: their frames are mapped again.
        if (this.sentry?.at !== es.loadedAt) this.frames.clear();
        this.sentry = { data: es.issues, at: es.loadedAt };
        sources.push({ name: `Sentry${es.demo ? ' (demo data)' : ''}`, health: 'ok', detail: `${es.issues.length} issues`, at: es.loadedAt });
        return es.issues;
      case 'error': {
        const row = statusRow('Sentry', es.error);
        const detail = row.detail;
        const action = row.command ? { action: { label: row.command.title, command: row.command.command } } : {};
        if (this.sentry) {
          sources.push({ name: 'Sentry', health: 'error', detail, at: this.sentry.at, stale: true, ...action });
          return this.sentry.data;
        }
        sources.push({ name: 'Sentry', health: 'error', detail, ...action });
        return undefined;
      }
      case 'loading':
        sources.push({ name: 'Sentry', health: 'loading', detail: 'reading' });
        return this.sentry?.data;
      case 'notConfigured':
        sources.push({ name: 'Sentry', health: 'notConfigured', detail: 'not configured', action: { label: 'Set Sentry Token', command: Commands.setSentryToken } });
        return undefined;
      default:
        if (readSettings().sentry.organization) {
          // Configured but not read yet (the Errors view was never opened): the overview reads it now.
          void this.errors.get().model.ensureLoaded();
          sources.push({ name: 'Sentry', health: 'loading', detail: 'reading' });
          return undefined;
        }
        sources.push({ name: 'Sentry', health: 'notConfigured', detail: 'not configured', action: { label: 'Open Settings', command: Commands.openSourceSettings } });
        return undefined;
    }
  }

  /** Workspace files of the in-app frames of each issue's latest event already read. */
  private async issueFrames(issues: readonly ErrorIssue[]): Promise<Map<string, readonly string[]>> {
    const feature = this.errors.loaded;
    const out = new Map<string, readonly string[]>();
    if (!feature) return out;
    for (const issue of issues.slice(0, MAX_FRAME_ISSUES)) {
      const cached = this.frames.get(issue.id);
      if (cached) {
        out.set(issue.id, cached);
        continue;
      }
      const ev = feature.model.readyEvents.get(issue.id);
      if (ev?.kind !== 'ready') continue;
      const files: string[] = [];
      for (const ex of ev.event.exceptions) {
        for (const frame of ex.frames) {
          if (!frame.inApp) continue;
          const { match } = await feature.files.resolve(frame);
          if (match.kind === 'unique') files.push(match.path);
        }
      }
      this.frames.set(issue.id, files);
      out.set(issue.id, files);
    }
    return out;
  }

  /** The Logs view's reads: a failed refresh keeps the last good read there, marked stale. */
  private logFindings(sources: OverviewSource[]): LogFinding[] {
    const findings: LogFinding[] = [];
    const fixes = { token: { command: Commands.logsSetCredentials, title: 'Set Credentials' }, settings: { command: Commands.logsConfigure, title: 'Configure' } };
    for (const p of this.logModel.problems) {
      sources.push({ name: p.name ?? `log source ${p.index + 1}`, health: 'error', detail: `settings: ${p.message}`, action: { label: 'Configure', command: Commands.logsConfigure } });
    }
    for (const src of this.logModel.sources) {
      const name = src.config.name;
      if (src.state.kind !== 'done') {
        // While it is read again, the previous read stays on the axis.
        const last = this.logModel.lastRead(name);
        sources.push({ name, health: 'loading', detail: src.state.kind === 'cancelled' ? 'cancelled' : 'reading', ...(last ? { at: last.readAt } : {}) });
        findings.push(...(last?.result.findings ?? []));
        continue;
      }
      const { result, readAt, stale } = src.state;
      const failure = stale?.error ?? result.status.error;
      if (result.status.state === 'ok' && !stale) sources.push({ name, health: 'ok', detail: `${result.status.counts.entries} entries`, at: readAt });
      else {
        const row = statusRow(name, new SourceError(failure?.kind ?? 'failed', failure?.message ?? 'failed'), fixes);
        sources.push({ name, health: 'error', detail: row.detail, ...(row.command ? { action: { label: row.command.title, command: row.command.command } } : {}), ...(stale ? { at: readAt, stale: true } : {}) });
      }
      findings.push(...result.findings);
    }
    this.findings = findings;
    return findings;
  }
}
