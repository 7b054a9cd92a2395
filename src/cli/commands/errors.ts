/** `incident-desk errors`: the Sentry issues of the incident window, new ones first. */
import { formatRelative } from '../../core/changes/timeWindow';
import { errorsWindowFor } from '../../core/correlate/windows';
import type { ErrorIssue } from '../../core/model/errors';
import { readSentryIssues } from '../../sources/sentry/readIssues';
import { INCIDENT_FLAG, str, TOKEN_FLAGS } from '../args';
import type { CommandSpec } from '../context';
import { ExitCode, usageError } from '../exitCodes';
import { readWindow, SINCE } from '../readWindow';
import { safe, table, when } from '../output';
import { sentryClient } from '../remoteClients';
import { failedReport, printSourceProblems, type SourceReport } from '../sourceStatus';

export const errorsCommand: CommandSpec = {
  name: 'errors',
  brief: "Sentry issues of the incident's window, new ones first",
  usage: 'errors [--since <when>] [--limit <n>]',
  summary:
    "The Sentry issues of the incident's window (from an hour before it started), else of incidentDesk.changes.defaultWindow:\n" +
    'issues first seen in the window or after the latest deploy are marked NEW and listed first.',
  flags: { since: SINCE, ...INCIDENT_FLAG, limit: { type: 'string', value: '<n>', help: 'Show at most n issues (default 50)' }, ...TOKEN_FLAGS },
  extra: 'Settings: incidentDesk.sentry.baseUrl, .organization, .projects, .environment. Token: INCIDENT_DESK_SENTRY_TOKEN.',
  async run(ctx) {
    const { ws, out, now, signal, flags } = ctx;
    if (flags.positionals.length) throw usageError(`errors: unexpected argument '${flags.positionals[0]}'.`);
    const limit = Number(str(flags.values.limit) ?? 50);
    if (!Number.isInteger(limit) || limit < 1) throw usageError(`errors: --limit must be a whole number above 0.`);
    const { window, incident } = await readWindow(ctx, ws.settings.changesDefaultWindow, (span) => errorsWindowFor(span, now));
    let issues: ErrorIssue[] = [];
    let truncated = false;
    let report: SourceReport;
    try {
      const client = sentryClient(ws);
      out.progress('asking Sentry…');
      const deployTags = ws.repository ? await ws.repository.deployTags(ws.settings.changesDeployTagPatterns, signal).catch(() => []) : [];
      ({ issues, truncated } = await readSentryIssues(client, { window, signal, latestLocalDeploy: deployTags[0]?.time }));
      report = { name: 'Sentry', state: 'ok', detail: `${issues.length} issues${truncated ? ' (more in Sentry)' : ''}` };
    } catch (e) {
      report = failedReport('Sentry', e);
    }
    out.clearProgress();
    const window_ = { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), label: window.label };
    if (out.json) {
      out.printJson({ window: window_, ...(incident ? { incident: incident.path } : {}), issues, truncated, sources: [report] });
    } else if (report.state === 'ok') {
      const { c } = out;
      const fresh = issues.filter((i) => i.isNew).length;
      out.line(`${c.bold('Sentry')} · ${window.label} · ${issues.length} issue(s)${fresh ? `, ${c.red(`${fresh} new`)}` : ''}${truncated ? c.dim(' (more in Sentry)') : ''}`);
      if (issues.length === 0) out.line(c.dim('No issues in this window.'));
      const rows = issues.slice(0, limit).map((i) => [
        i.isNew ? c.red('NEW') : '',
        i.level === 'error' || i.level === 'fatal' ? c.red(i.level) : c.yellow(i.level),
        c.yellow(safe(i.shortId, 30)),
        String(i.count),
        `${i.userCount} users`,
        c.dim(when(out, i.lastSeen, now, formatRelative)),
        safe(i.title, 90) + (i.culprit ? c.dim(` ${safe(i.culprit, 60)}`) : ''),
      ]);
      for (const l of table(rows)) out.line(l);
      if (issues.length > limit) out.line(c.dim(`… and ${issues.length - limit} more (--limit, or --json for all)`));
    }
    if (!out.json) printSourceProblems(out, [report]);
    return report.state === 'ok' ? ExitCode.ok : report.state === 'notConfigured' ? ExitCode.nothing : ExitCode.failed;
  },
};
