/** `incident-desk changes`: what changed recently, grouped by deploy, with risky changes marked. */
import { countRows } from '../../core/changes/group';
import { remoteRowsFor } from '../../core/changes/remoteRows';
import { createRiskClassifier } from '../../core/changes/risk';
import { formatRelative, parseWindowStart, windowFor } from '../../core/changes/timeWindow';
import type { ChangeGroup, Commit, RiskKind, TimeWindow } from '../../core/model/changes';
import type { ChangeEventRow } from '../../core/model/deploys';
import { riskPatternsOf } from '../../core/settings';
import { readWhatChanged, type WhatChanged } from '../../sources/git/whatChanged';
import { str, TOKEN_FLAGS } from '../args';
import type { CommandContext, CommandSpec } from '../context';
import { usageError, type ExitStatus } from '../exitCodes';
import { safe, table, when, type Output } from '../output';
import { readRemote } from '../remoteChanges';
import { printSourceProblems, statusOf, type SourceReport } from '../sourceStatus';
import { requireRepository } from '../workspace';

export const changesCommand: CommandSpec = {
  name: 'changes',
  brief: 'What changed: commits, pull requests, deploys; config and flag changes marked',
  usage: 'changes [--since <when> | --from <when> [--to <when>]]',
  summary:
    'What changed in the repository: commits and merged pull requests grouped under the deploy that shipped them,\n' +
    'config, flag, migration and dependency changes marked, and (when configured) GitHub deployments, pull requests\n' +
    'and releases and Sentry releases and deploys.',
  flags: {
    since: { type: 'string', value: '<when>', help: 'Window start: 2h, 90m, 7d, 2026-11-23 14:00, yesterday 14:00, lastDeploy (default: incidentDesk.changes.defaultWindow)' },
    from: { type: 'string', value: '<when>', help: 'Window start, with --to' },
    to: { type: 'string', value: '<when>', help: 'Window end (default: now)' },
    path: { type: 'string', multiple: true, value: '<path>', help: 'Only changes touching this repository-relative path (repeatable)' },
    'no-remote': { type: 'boolean', help: 'Local git history only' },
    ...TOKEN_FLAGS,
  },
  extra: 'Examples:\n  incident-desk changes --since 2h\n  incident-desk changes --from "2026-11-23 13:00" --to "2026-11-23 15:00" --json',
  run: runChanges,
};

function explicitWindow(from: string | undefined, to: string | undefined, now: number): TimeWindow | undefined {
  if (from === undefined && to === undefined) return undefined;
  if (from === undefined) throw usageError('changes: --to needs --from.');
  const start = parseWindowStart(from, now);
  if (!start.ok) throw usageError(`changes: --from: ${start.message}`);
  let end = now;
  if (to !== undefined) {
    const e = parseWindowStart(to, now);
    if (!e.ok) throw usageError(`changes: --to: ${e.message}`);
    end = e.start;
  }
  if (end <= start.start) throw usageError('changes: --to must be later than --from.');
  return { start: start.start, end, label: `${from.trim()} to ${to?.trim() ?? 'now'}` };
}

async function runChanges(ctx: CommandContext): Promise<ExitStatus> {
  const { flags, ws, out, now, signal } = ctx;
  const v = flags.values;
  if (flags.positionals.length) throw usageError(`changes: unexpected argument '${flags.positionals[0]}'.`);
  if (v.since !== undefined && (v.from !== undefined || v.to !== undefined)) throw usageError('changes: use --since or --from/--to, not both.');
  const window = explicitWindow(str(v.from), str(v.to), now);
  const spec = str(v.since) ?? ws.settings.changesDefaultWindow;
  if (!window && spec.trim() !== 'lastDeploy') {
    const check = parseWindowStart(spec, now);
    if (!check.ok) throw usageError(`changes: --since: ${check.message}`);
  }
  const repo = requireRepository(ws);
  if (!repo.info.hasHead) {
    if (out.json) out.printJson({ repository: repo.root, window: null, groups: [], remote: [], sources: [] });
    else out.line('The repository has no commits yet.');
    return 0;
  }
  // Git and the remote services at once: the whole takes as long as the slowest, not the sum.
  // Only "since the last deploy" must wait for the tags to know its window.
  const early = window ?? (spec.trim() === 'lastDeploy' ? undefined : windowFor(spec, now));
  const remoteReports: SourceReport[] = [];
  const wantRemote = v['no-remote'] !== true;
  const remoteEarly = wantRemote && early && !('error' in early) ? readRemote(ctx, early, remoteReports) : undefined;
  out.progress(wantRemote ? 'reading git history, asking GitHub and Sentry…' : 'reading git history…');
  const local: WhatChanged = await readWhatChanged(repo, {
    windowSpec: spec,
    window,
    now,
    deployTagPatterns: ws.settings.changesDeployTagPatterns,
    branches: ws.settings.changesBranches,
    paths: (v.path as string[] | undefined)?.length ? (v.path as string[]) : undefined,
    classify: createRiskClassifier(riskPatternsOf(ws.settings)),
    signal,
  });
  const sources: SourceReport[] = [{ name: 'git', state: 'ok', detail: `${local.commitCount} commits` }];
  let remote: ChangeEventRow[] = [];
  if (wantRemote) {
    const events = await (remoteEarly ?? readRemote(ctx, local.window, remoteReports));
    remote = remoteRowsFor(local.groups, events, local.window);
    sources.push(...remoteReports);
  }
  out.clearProgress();
  if (out.json) {
    out.printJson({ repository: repo.root, window: jsonWindow(local.window), groups: local.groups.map(jsonGroup), remote: remote.map(jsonRemote), warnings: local.warnings, sources });
  } else {
    printHuman(out, repo.root, local, remote, sources, now);
  }
  return statusOf(sources);
}

const risksOf = (commits: readonly Commit[]): RiskKind[] => [...new Set(commits.flatMap((c) => c.files.flatMap((f) => f.risks)))].sort();

const jsonWindow = (w: TimeWindow) => ({ start: new Date(w.start).toISOString(), end: new Date(w.end).toISOString(), label: w.label });

function jsonCommit(c: Commit) {
  return {
    sha: c.sha,
    subject: c.subject,
    author: c.authorName,
    time: new Date(c.commitTime).toISOString(),
    risks: risksOf([c]),
    files: c.files.map((f) => ({ status: f.status, path: f.path, ...(f.oldPath ? { oldPath: f.oldPath } : {}), risks: f.risks })),
    filesTotal: c.filesTotal,
    ...(c.branches.length ? { branches: c.branches } : {}),
  };
}

function jsonGroup(g: ChangeGroup) {
  return {
    deploy: g.deploy ? { tag: g.deploy.tag, sha: g.deploy.sha, time: new Date(g.deploy.time).toISOString() } : null,
    rows: g.rows.map((r) =>
      r.kind === 'pr'
        ? { kind: 'pullRequest', number: r.number, ...jsonCommit(r.merge), risks: risksOf([r.merge, ...r.commits]), commits: r.commits.map(jsonCommit) }
        : { kind: 'commit', ...jsonCommit(r.commit) },
    ),
  };
}

function jsonRemote(r: ChangeEventRow) {
  const base = { kind: r.kind, time: new Date(r.time).toISOString(), title: r.title, author: r.author, url: r.url, sources: r.sources };
  switch (r.kind) {
    case 'deployment':
      return { ...base, sha: r.sha, environment: r.deployment.environment, state: r.deployment.state };
    case 'release':
      return { ...base, sha: r.sha, tag: r.release.tag };
    case 'pullRequest':
      return { ...base, sha: r.sha, number: r.pullRequest.number };
    default:
      return { ...base, sha: r.sha };
  }
}

function printHuman(out: Output, root: string, local: WhatChanged, remote: ChangeEventRow[], sources: SourceReport[], now: number): void {
  const { c } = out;
  const counts = countRows(local.groups);
  const name = root.split(/[\\/]/).pop() ?? root;
  out.line(`${c.bold(safe(name))} · ${local.window.label} · ${counts.commits} commit(s), ${counts.pullRequests} pull request(s), ${local.deploys.filter((d) => d.time >= local.window.start).length} deploy tag(s)`);
  if (local.groups.length === 0) out.line(c.dim('No commits in this window. Try a wider one, e.g. --since 7d.'));
  for (const g of local.groups) {
    out.line();
    out.line(g.deploy ? `${c.green('▲ deployed')} ${c.bold(safe(g.deploy.tag))} ${c.dim(when(out, g.deploy.time, now, formatRelative))}` : c.yellow('● not yet deployed'));
    const rows = g.rows.map((r) => {
      const commit = r.kind === 'pr' ? r.merge : r.commit;
      const risks = risksOf(r.kind === 'pr' ? [r.merge, ...r.commits] : [r.commit]);
      const label = r.kind === 'pr' ? `${c.cyan(`PR #${r.number}`)} ${safe(r.merge.body.split('\n')[0]?.trim() || r.merge.subject, 90)}` : safe(commit.subject, 90);
      return [
        c.yellow(commit.sha.slice(0, 8)),
        c.dim(when(out, commit.commitTime, now, formatRelative)),
        safe(commit.authorName, 24),
        label + (risks.length ? ` ${c.magenta(`[${risks.join(', ')}]`)}` : '') + (commit.branches.length ? c.dim(` (${commit.branches.join(', ')})`) : ''),
      ];
    });
    for (const l of table(rows, '  ')) out.line(l);
  }
  const remoteRows = remote.filter((r) => r.kind !== 'commit' || !r.local);
  if (remoteRows.length) {
    out.line();
    out.line(c.bold('From GitHub and Sentry'));
    const rows = remoteRows.map((r) => {
      const what =
        r.kind === 'deployment'
          ? `${c.green('deploy')} ${safe(r.deployment.environment, 30)} ${r.deployment.state === 'success' ? c.green(r.deployment.state) : r.deployment.state === 'failure' || r.deployment.state === 'error' ? c.red(r.deployment.state) : r.deployment.state}`
          : r.kind === 'release'
            ? `${c.blue('release')} ${safe(r.release.tag, 40)}`
            : r.kind === 'pullRequest'
              ? c.cyan(`PR #${r.pullRequest.number}`)
              : c.dim('commit (not in this clone)');
      return [c.dim(when(out, r.time, now, formatRelative)), what, r.sha ? c.yellow(r.sha.slice(0, 8)) : '', safe(r.title, 90)];
    });
    for (const l of table(rows, '  ')) out.line(l);
  }
  if (local.warnings.length) out.note(c.dim(`git: ${local.warnings.length} warning(s), e.g. ${safe(local.warnings[0], 160)}`));
  printSourceProblems(out, sources);
}
