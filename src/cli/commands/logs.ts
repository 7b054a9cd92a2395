/** `incident-desk logs`: error signatures and findings of the configured log sources. */
import { parseDuration } from '../../core/changes/timeWindow';
import { SourceError } from '../../core/errors';
import { logsWindowFor } from '../../core/correlate/windows';
import { DEFAULT_FINDING_LEVELS } from '../../core/logs/analysisSettings';
import { readLogSourceConfigs, type LogSourceConfig } from '../../core/logs/sourceConfig';
import type { LogReadResult } from '../../core/model/logs';
import { failed, readLogSource } from '../../sources/logs/readLogSource';
import type { RemoteAuth } from '../../sources/logs/remoteEntries';
import { INCIDENT_FLAG, list, str } from '../args';
import type { CommandContext, CommandSpec } from '../context';
import { ExitCode, nothingError, usageError, type ExitStatus } from '../exitCodes';
import { safe, table, type Output } from '../output';
import { readWindow, SINCE } from '../readWindow';
import { asSourceError, failureText, type SourceReport } from '../sourceStatus';

/** Env variable with a log source's credentials (JSON, as the extension stores them): INCIDENT_DESK_LOG_CREDENTIALS_<NAME>. */
export function credentialsVariable(name: string): string {
  return `INCIDENT_DESK_LOG_CREDENTIALS_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

export const logsCommand: CommandSpec = {
  name: 'logs',
  brief: 'Findings and error signatures of the configured log sources',
  usage: 'logs [--source <name>]… [--since <when>]',
  summary:
    'Reads the log sources of incidentDesk.logs.sources (files, commands, Loki, Elasticsearch) for the incident window,\n' +
    'else incidentDesk.logs.defaultWindow, and prints their findings (new signatures, bursts, dropped successes) and\n' +
    'their most frequent warning and error signatures. Sources are read at once; one failing does not stop the others.',
  flags: { source: { type: 'string', multiple: true, value: '<name>', help: 'Only this source (repeatable)' }, since: SINCE, ...INCIDENT_FLAG, limit: { type: 'string', value: '<n>', help: 'Signatures per source (default 10)' } },
  extra: 'Credentials of Loki and Elasticsearch sources: INCIDENT_DESK_LOG_CREDENTIALS_<NAME> = {"kind":"bearer","token":"…"}\n(or {"kind":"basic","username":"…","password":"…"}, {"kind":"apiKey","key":"…"}); <NAME> in capitals, other characters as _.',
  run: runLogs,
};

async function runLogs(ctx: CommandContext): Promise<ExitStatus> {
  const { ws, out, flags, now, signal } = ctx;
  if (flags.positionals.length) throw usageError(`logs: unexpected argument '${flags.positionals[0]}'.`);
  const limit = Number(str(flags.values.limit) ?? 10);
  if (!Number.isInteger(limit) || limit < 1) throw usageError('logs: --limit must be a whole number above 0.');
  const { sources: all, problems } = readLogSourceConfigs(ws.raw.get('logs.sources'));
  for (const p of problems) out.note(`warning: incidentDesk.logs.sources[${p.index}]${p.name ? ` (${safe(p.name, 60)})` : ''} ${p.message}`);
  if (all.length === 0) throw nothingError('No log sources are configured: add them to incidentDesk.logs.sources in .vscode/settings.json.');
  const wanted = list(flags.values.source);
  const unknown = wanted.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw usageError(`logs: no source named ${unknown.map((n) => `'${n}'`).join(', ')}; configured: ${all.map((s) => s.name).join(', ')}.`);
  const configs = wanted.length ? all.filter((s) => wanted.includes(s.name)) : all;
  const defaultSpec = String(ws.raw.get('logs.defaultWindow') ?? '1h');
  const { window } = await readWindow(ctx, parseDuration(defaultSpec) !== undefined ? defaultSpec : '1h', (span, name) => logsWindowFor(span, name, now));
  const timeZone = str(ws.raw.get('logs.timeZone')) || undefined;
  let done = 0;
  const progress = (): void => out.progress(`reading logs… ${done}/${configs.length} (${configs.map((c) => c.name).join(', ')})`);
  progress();
  const results = await Promise.all(
    configs.map(async (config) => {
      const started = Date.now();
      let result: LogReadResult;
      try {
        result = await readLogSource(config, { window: { start: window.start, end: window.end }, maxEntries: 200, signatureLevels: DEFAULT_FINDING_LEVELS }, { cwd: ws.root, timeZone, auth: authFor(config, out), signal });
      } catch (e) {
        result = failed(config.name, { window }, asSourceError(e));
      }
      done++;
      progress();
      return { config, result, ms: Date.now() - started };
    }),
  );
  out.clearProgress();
  const reports: SourceReport[] = results.map(({ config, result }) => {
    const err = result.status.error;
    return err ? { name: config.name, state: 'failed', detail: failureText(new SourceError(err.kind, err.message, err.retryAt)), error: err.kind } : { name: config.name, state: 'ok', detail: `${result.status.counts.entries} entries` };
  });
  if (out.json) {
    out.printJson({
      window: { start: new Date(window.start).toISOString(), end: new Date(window.end).toISOString(), label: window.label },
      sources: results.map(({ config, result, ms }, i) => ({
        name: config.name,
        type: config.type,
        state: reports[i]!.state,
        ...(result.status.error ? { error: { kind: result.status.error.kind, message: result.status.error.message } } : {}),
        counts: result.status.counts,
        format: result.status.format,
        ms,
        findings: result.findings.map((f) => ({ kind: f.kind, time: new Date(f.time).toISOString(), detail: f.detail, ...(f.signature ? { signature: f.signature } : {}), measure: f.measure })),
        signatures: result.signatures.map((s) => ({ id: s.id, template: s.template, level: s.level, count: s.count, baselineCount: s.baselineCount, firstSeen: s.firstSeen && new Date(s.firstSeen).toISOString(), lastSeen: s.lastSeen && new Date(s.lastSeen).toISOString(), example: s.example.message })),
      })),
    });
  } else {
    out.line(`${out.c.bold('Logs')} · ${window.label}`);
    for (const [i, r] of results.entries()) printSource(out, r.config, r.result, reports[i]!, limit);
  }
  return reports.some((r) => r.state === 'failed') ? ExitCode.failed : ExitCode.ok;
}

function printSource(out: Output, config: LogSourceConfig, result: LogReadResult, report: SourceReport, limit: number): void {
  const { c } = out;
  const s = result.status;
  out.line();
  if (report.state === 'failed') {
    out.line(`${c.red('✗')} ${c.bold(safe(config.name, 60))} (${config.type}): ${c.red(safe(report.detail, 200))}`);
    out.note(`${config.name}: ${report.detail}`);
    return;
  }
  const errors = s.counts.levels.error + s.counts.levels.fatal;
  out.line(`${c.green('✓')} ${c.bold(safe(config.name, 60))} (${config.type}) · ${s.counts.entries} entries · ${errors ? c.red(`${errors} errors`) : '0 errors'} · ${s.counts.levels.warn} warnings${s.baselineTooShort ? c.dim(' · baseline too short for findings') : ''}`);
  for (const f of result.findings) {
    const word = f.kind === 'newSignature' ? c.red('new') : f.kind === 'burst' ? c.red('burst') : c.yellow('successes dropped');
    out.line(`  ${word} ${f.signature ? `${safe(f.signature.template, 100)} · ` : ''}${c.dim(safe(f.detail, 160))}`);
  }
  const rows = result.signatures.slice(0, limit).map((sig) => [String(sig.count), sig.level === 'error' || sig.level === 'fatal' ? c.red(sig.level) : c.yellow(sig.level), safe(sig.template, 140)]);
  for (const l of table(rows, '    ')) out.line(l);
  if (result.signatures.length > limit) out.line(c.dim(`    … ${result.signatures.length - limit} more signatures (--limit, or --json)`));
}

function authFor(config: LogSourceConfig, out: Output): RemoteAuth | undefined {
  if (config.type !== 'loki' && config.type !== 'elasticsearch') return undefined;
  const raw = process.env[credentialsVariable(config.name)];
  if (!raw) return undefined;
  out.secret(raw);
  try {
    const auth = JSON.parse(raw) as RemoteAuth;
    for (const v of Object.values(auth)) if (typeof v === 'string' && v !== auth.kind) out.secret(v);
    return auth;
  } catch {
    out.note(`warning: ${credentialsVariable(config.name)} is not JSON; reading ${config.name} without credentials`);
    return undefined;
  }
}
