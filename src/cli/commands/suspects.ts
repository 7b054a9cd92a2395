/** `incident-desk suspects`: the changes most likely to have caused it, ranked with reasons. */
import { buildOverview, type OverviewSource } from '../../core/correlate/overview';
import { overviewWindow } from '../../core/correlate/overviewWindow';
import { errorsWindowFor, logsWindowFor } from '../../core/correlate/windows';
import { remoteRowsFor } from '../../core/changes/remoteRows';
import type { ChangeEventRow } from '../../core/model/deploys';
import { parseTimestamp } from '../../core/timeline/format';
import { createRiskClassifier } from '../../core/changes/risk';
import { DEFAULT_FINDING_LEVELS } from '../../core/logs/analysisSettings';
import { readLogSourceConfigs } from '../../core/logs/sourceConfig';
import type { ChangeGroup } from '../../core/model/changes';
import type { ErrorIssue } from '../../core/model/errors';
import type { LogFinding } from '../../core/model/logs';
import { riskPatternsOf } from '../../core/settings';
import { readWhatChanged } from '../../sources/git/whatChanged';
import { readLogSource } from '../../sources/logs/readLogSource';
import { readSentryIssues } from '../../sources/sentry/readIssues';
import { INCIDENT_FLAG, str, TOKEN_FLAGS } from '../args';
import type { CommandSpec } from '../context';
import { usageError } from '../exitCodes';
import { safe, table } from '../output';
import { readWindow, SINCE } from '../readWindow';
import { issueFrameFiles } from '../issueFrames';
import { sentryClient } from '../remoteClients';
import { readRemote } from '../remoteChanges';
import { failedReport, failureText, printSourceProblems, statusOf, type SourceReport } from '../sourceStatus';
import { SourceError } from '../../core/errors';
import { requireRepository } from '../workspace';

export const suspectsCommand: CommandSpec = {
  name: 'suspects',
  brief: 'The changes most likely to have caused it, ranked with reasons',
  usage: 'suspects [--since <when>] [--limit <n>]',
  summary:
    'Ranks recent changes (incidentDesk.changes.defaultWindow, or --since) as suspects of the incident, as the Incident overview does:\n' +
    'timing against the first errors and log findings, code the failures run through, risky kinds of change, the last good deploy.\n' +
    'Reads git, Sentry and the log sources at once; a failing source is reported and the ranking uses the rest.',
  flags: { since: SINCE, ...INCIDENT_FLAG, limit: { type: 'string', value: '<n>', help: 'Show at most n suspects (default 10)' }, ...TOKEN_FLAGS },
  async run(ctx) {
    const { ws, out, now, signal, flags } = ctx;
    if (flags.positionals.length) throw usageError(`suspects: unexpected argument '${flags.positionals[0]}'.`);
    const limit = Number(str(flags.values.limit) ?? 10);
    if (!Number.isInteger(limit) || limit < 1) throw usageError('suspects: --limit must be a whole number above 0.');
    const repo = requireRepository(ws);
    const { window, incident } = await readWindow(ctx, ws.settings.changesDefaultWindow, (span) => overviewWindow('incident', { now, started: span.start }).window);
    // Each source reads the window its view reads, as the overview combines them: the changes of
    // "What changed recently?" (or --since), errors and logs of the incident.
    const since = str(flags.values.since);
    const start = incident?.parsed.meta.started ? parseTimestamp(incident.parsed.meta.started) : undefined;
    const span = start !== undefined ? { start, end: incident?.parsed.meta.resolved ? parseTimestamp(incident.parsed.meta.resolved) : undefined } : undefined;
    const errorsWindow = since === undefined && span ? errorsWindowFor(span, now) : window;
    const logsWindow = since === undefined && span && incident ? logsWindowFor(span, incident.name, now) : window;
    const reports: SourceReport[] = [];
    out.progress('reading git, Sentry and logs…');

    const git = async (): Promise<{ groups: ChangeGroup[]; remote: ChangeEventRow[] }> => {
      if (!repo.info.hasHead) return { groups: [], remote: [] };
      const r = await readWhatChanged(repo, {
        windowSpec: since ?? ws.settings.changesDefaultWindow,
        now,
        deployTagPatterns: ws.settings.changesDeployTagPatterns,
        branches: ws.settings.changesBranches,
        classify: createRiskClassifier(riskPatternsOf(ws.settings)),
        signal,
      }).catch((e: unknown) => {
        reports.push(failedReport('git', e));
        return undefined;
      });
      if (!r) return { groups: [], remote: [] };
      reports.push({ name: 'git', state: 'ok', detail: `${r.commitCount} commits` });
      // GitHub deployments and releases and Sentry's, over the same window, as the Changes view merges them.
      const remoteReports: SourceReport[] = [];
      const events = await readRemote(ctx, r.window, remoteReports);
      reports.push(...remoteReports.map((x) => ({ ...x, name: `${x.name} changes` })));
      return { groups: r.groups, remote: remoteRowsFor(r.groups, events, r.window) };
    };
    const sentry = async (): Promise<{ issues?: ErrorIssue[]; frames?: Map<string, readonly string[]> }> => {
      try {
        const client = sentryClient(ws);
        const { issues } = await readSentryIssues(client, { window: errorsWindow, signal });
        reports.push({ name: 'Sentry', state: 'ok', detail: `${issues.length} issues` });
        const frames = await issueFrameFiles(client, issues, { root: ws.root, stripPrefixes: ws.settings.framePathPrefixes, signal }).catch(() => undefined);
        return { issues, ...(frames ? { frames } : {}) };
      } catch (e) {
        reports.push(failedReport('Sentry', e));
        return {};
      }
    };
    const logs = async (): Promise<LogFinding[]> => {
      const { sources } = readLogSourceConfigs(ws.raw.get('logs.sources'));
      const timeZone = str(ws.raw.get('logs.timeZone')) || undefined;
      const found = await Promise.all(
        sources.map(async (config) => {
          try {
            const r = await readLogSource(config, { window: { start: logsWindow.start, end: logsWindow.end }, maxEntries: 0, signatureLevels: DEFAULT_FINDING_LEVELS }, { cwd: ws.root, timeZone, signal });
            const err = r.status.error;
            reports.push(err ? { name: config.name, state: 'failed', detail: failureText(new SourceError(err.kind, err.message, err.retryAt)), error: err.kind } : { name: config.name, state: 'ok', detail: `${r.findings.length} findings` });
            return r.findings;
          } catch (e) {
            reports.push(failedReport(config.name, e));
            return [];
          }
        }),
      );
      return found.flat();
    };

    const [{ groups, remote }, { issues, frames }, logFindings] = await Promise.all([git(), sentry(), logs()]);
    out.clearProgress();
    const order = (n: string): number => (n === 'git' ? 0 : n.endsWith(' changes') ? 1 : n === 'Sentry' ? 2 : 3);
    reports.sort((a, b) => order(a.name) - order(b.name));
    const sources: OverviewSource[] = reports.map((r) => ({ name: r.name, health: r.state === 'ok' ? 'ok' : r.state === 'failed' ? 'error' : 'notConfigured', detail: r.detail }));
    const name = repo.root.split(/[\\/]/).pop() ?? repo.root;
    const overview = buildOverview({ window, repos: [{ root: repo.root, name, groups }], remote: [{ root: repo.root, rows: remote }], ...(incident ? { incident: incident.parsed } : {}), ...(issues ? { issues } : {}), ...(frames ? { issueFrames: frames } : {}), logFindings, sources });
    const suspects = overview.suspects.slice(0, limit);
    if (out.json) {
      out.printJson({
        window: { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), label: window.label },
        ...(incident ? { incident: incident.path } : {}),
        suspects: suspects.map((s) => ({ title: s.title, score: s.score, reasons: s.reasons, ...(s.target?.kind === 'commit' ? { sha: s.target.sha } : s.target?.kind === 'url' ? { url: s.target.url } : {}) })),
        sources: reports,
      });
    } else {
      const { c } = out;
      out.line(`${c.bold('Suspects')} · ${window.label} · ${overview.suspects.length} ranked`);
      if (suspects.length === 0) out.line(c.dim('No change in this window stands out. Try a wider window: --since 24h.'));
      suspects.forEach((s, i) => {
        const sha = s.target?.kind === 'commit' ? c.yellow(s.target.sha.slice(0, 8)) : '';
        for (const l of table([[c.bold(`${i + 1}.`), score(c, s.score), sha, safe(s.title, 100)]])) out.line(l);
        for (const r of s.reasons) out.line(`      ${c.dim('·')} ${safe(r, 200)}`);
      });
      printSourceProblems(out, reports);
    }
    return statusOf(reports);
  },
};

function score(c: { red(s: string): string; yellow(s: string): string; dim(s: string): string }, n: number): string {
  const text = String(n).padStart(3);
  return n >= 60 ? c.red(text) : n >= 30 ? c.yellow(text) : c.dim(text);
}
