/**
 * The Incident overview's data: every source's events on one time axis, in lanes, and the
 * ranked suspects. Pure, so the webview only draws what this returns.
 */
import type { ChangeGroup, TimeWindow } from '../model/changes';
import type { ChangeEventRow, DeploymentState } from '../model/deploys';
import type { ErrorIssue } from '../model/errors';
import type { ParsedIncident } from '../model/incident';
import type { LogFinding } from '../model/logs';
import { framesOfEntry } from '../logs/frames';
import { suspectsFromGroups } from './fromChanges';
import { rankSuspects, type FailureSignal, type SuspectChange } from './suspects';

export const LANES = [
  { id: 'deploys', label: 'Deploys and releases' },
  { id: 'changes', label: 'Changes' },
  { id: 'config', label: 'Config and flags' },
  { id: 'errors', label: 'Errors (first seen)' },
  { id: 'logs', label: 'Log findings' },
  { id: 'timeline', label: 'Incident timeline' },
] as const;
export type LaneId = (typeof LANES)[number]['id'];

export type OverviewTarget =
  | { kind: 'commit'; root: string; sha: string }
  | { kind: 'entry'; line: number }
  | { kind: 'url'; url: string }
  /** A Sentry issue: its latest event's top in-app frame at the line, else its page. */
  | { kind: 'issue'; id: string; url?: string }
  /** The index-th log finding given to buildOverview, from that source at that time: its entries. */
  | { kind: 'logFinding'; index: number; source: string; time: number };

export type Tone = 'success' | 'failure' | 'progress' | 'risk' | 'new' | 'neutral' | 'refuted' | 'confirmed' | 'open';

export interface OverviewItem {
  id: string;
  lane: LaneId;
  time: number;
  /** Short text on the axis; plain text, escaped by the view. */
  label: string;
  /** Longer text for the hover. */
  detail: string;
  tone: Tone;
  target?: OverviewTarget;
}

export interface OverviewSuspect {
  key: string;
  title: string;
  /** 0..100 */
  score: number;
  reasons: string[];
  target?: OverviewTarget;
}

export type SourceHealth = 'ok' | 'loading' | 'notConfigured' | 'error';

export interface OverviewSource {
  name: string;
  health: SourceHealth;
  /** "59 commits", "unauthorized", "not configured": what the strip shows. */
  detail: string;
  /** When its data was read (ms), for "2 min ago". */
  at?: number;
  /** The last refresh failed; what is shown is the last good data, read at `at`. */
  stale?: boolean;
  /** What fixes it: a command of the extension the strip's button runs. */
  action?: { label: string; command: string };
}

export interface OverviewState {
  window: { start: number; end: number; label: string };
  lanes: Array<{ id: LaneId; label: string; items: OverviewItem[] }>;
  suspects: OverviewSuspect[];
  sources: OverviewSource[];
  incident?: { title: string; started?: number };
  /** The window presets the view offers, and which one is shown. */
  preset?: WindowPreset;
}

export type WindowPreset = 'incident' | '1h' | '6h' | '24h' | 'custom';

export interface OverviewInput {
  window: TimeWindow;
  repos: Array<{ root: string; name: string; groups: readonly ChangeGroup[] }>;
  incident?: ParsedIncident;
  issues?: readonly ErrorIssue[];
  /** Findings of each log source: new signatures, bursts, drops of successes. */
  logFindings?: readonly LogFinding[];
  /** What GitHub and Sentry report per repository: deployments, releases, pull requests, commits the clone lacks. */
  remote?: ReadonlyArray<{ root: string; rows: readonly ChangeEventRow[] }>;
  /** Workspace files of the in-app frames of each issue's latest event, by issue id, one item per frame. */
  issueFrames?: ReadonlyMap<string, readonly string[]>;
  sources: OverviewSource[];
  preset?: WindowPreset;
}

const DEPLOY_TONE: Record<DeploymentState, Tone> = {
  success: 'success',
  failure: 'failure',
  error: 'failure',
  in_progress: 'progress',
  queued: 'progress',
  pending: 'progress',
  inactive: 'neutral',
  unknown: 'neutral',
};

const FINDING_WORD: Record<LogFinding['kind'], string> = { newSignature: 'new', burst: 'burst', successDrop: 'successes dropped' };

export function buildOverview(input: OverviewInput): OverviewState {
  const items: OverviewItem[] = [];
  const inWindow = (t: number | undefined): t is number => t !== undefined && t >= input.window.start && t <= input.window.end;
  const shaRoot = new Map<string, string>();
  const deployBySha = new Map<string, OverviewItem>();

  for (const repo of input.repos) {
    for (const group of repo.groups) {
      const d = group.deploy;
      if (d && inWindow(d.time)) {
        const item: OverviewItem = { id: `deploy:${repo.root}:${d.tag}`, lane: 'deploys', time: d.time, label: d.tag, detail: `Deploy ${d.tag} (${group.rows.length} changes)`, tone: 'neutral', target: { kind: 'commit', root: repo.root, sha: d.sha } };
        items.push(item);
        deployBySha.set(d.sha, item);
      }
      for (const row of group.rows) {
        const c = row.kind === 'pr' ? row.merge : row.commit;
        shaRoot.set(c.sha, repo.root);
        const files = row.kind === 'pr' ? [c, ...row.commits].flatMap((x) => x.files) : c.files;
        const risky = files.filter((f) => f.risks.some((r) => r === 'config' || r === 'flags' || r === 'migration'));
        if (!inWindow(c.commitTime)) continue;
        const label = row.kind === 'pr' ? `#${row.number}` : c.sha.slice(0, 7);
        const title = row.kind === 'pr' ? `#${row.number} ${c.body.split('\n')[0]?.trim() || c.subject}` : c.subject;
        items.push({ id: `change:${c.sha}`, lane: 'changes', time: c.commitTime, label, detail: `${title} (${c.authorName})`, tone: 'neutral', target: { kind: 'commit', root: repo.root, sha: c.sha } });
        if (risky.length) {
          items.push({
            id: `config:${c.sha}`,
            lane: 'config',
            time: c.commitTime,
            label: risky[0].path.split('/').pop() ?? risky[0].path,
            detail: `${title}: changes ${risky.map((f) => f.path).slice(0, 5).join(', ')}`,
            tone: 'risk',
            target: { kind: 'commit', root: repo.root, sha: c.sha },
          });
        }
      }
    }
  }

  const remoteChanges: SuspectChange[] = [];
  for (const { root, rows } of input.remote ?? []) remoteItems(root, rows);
  function remoteItems(root: string, rows: readonly ChangeEventRow[]): void {
    for (const row of rows) {
      if (!inWindow(row.time)) continue;
      const url = row.url ? { kind: 'url' as const, url: row.url } : undefined;
      const by = row.author ? ` by ${row.author}` : '';
      if (row.kind === 'deployment') {
        const d = row.deployment;
        const state = d.state.replace('_', ' ');
        const local = row.sha ? deployBySha.get(row.sha) : undefined;
        if (local && Math.abs(local.time - row.time) <= 15 * 60_000) {
          // The same deploy as the local tag: one marker, in the service's state colour.
          local.tone = DEPLOY_TONE[d.state];
          local.detail += ` · ${d.environment}: ${state} (${row.sources.join(' + ')})`;
          continue;
        }
        const sha = row.sha && shaRoot.has(row.sha) ? { kind: 'commit' as const, root, sha: row.sha } : undefined;
        const target = sha ?? url;
        items.push({
          id: `deployment:${row.key}`,
          lane: 'deploys',
          time: row.time,
          label: `${d.environment}${row.sha ? ` ${row.sha.slice(0, 7)}` : ''}`,
          detail: `Deployment to ${d.environment}: ${state}${by}${d.description ? ` · ${d.description}` : ''} (${row.sources.join(' + ')})`,
          tone: DEPLOY_TONE[d.state],
          ...(target ? { target } : {}),
        });
      } else if (row.kind === 'release') {
        items.push({ id: `release:${row.key}`, lane: 'deploys', time: row.time, label: row.release.tag, detail: `Release ${row.release.name || row.release.tag}${by} (${row.sources.join(' + ')})`, tone: 'neutral', ...(url ? { target: url } : {}) });
      } else if (!row.local) {
        // Pull requests and commits the clone lacks; those it has are already on the axis.
        const label = row.kind === 'pullRequest' ? `#${row.pullRequest.number}` : row.sha.slice(0, 7);
        const title = row.kind === 'pullRequest' ? `#${row.pullRequest.number} ${row.title}` : row.title;
        items.push({ id: `remote:${row.key}`, lane: 'changes', time: row.time, label, detail: `${title}${by} (not in the clone)`, tone: 'neutral', ...(url ? { target: url } : {}) });
        remoteChanges.push({ key: `remote:${row.key}`, kind: row.kind === 'pullRequest' ? 'pullRequest' : 'commit', title, time: row.time, ...(row.sha ? { sha: row.sha } : {}), files: [] });
      }
    }
  }

  for (const issue of input.issues ?? []) {
    if (!inWindow(issue.firstSeen)) continue;
    items.push({
      id: `issue:${issue.id}`,
      lane: 'errors',
      time: issue.firstSeen,
      label: issue.shortId,
      detail: `${issue.title} · ${issue.count} events · first seen`,
      tone: issue.isNew ? 'new' : 'failure',
      target: { kind: 'issue', id: issue.id, ...(issue.permalink ? { url: issue.permalink } : {}) },
    });
  }

  for (const [i, f] of (input.logFindings ?? []).entries()) {
    if (!inWindow(f.time)) continue;
    items.push({
      id: `log:${i}:${f.source}`,
      lane: 'logs',
      time: f.time,
      label: f.kind === 'successDrop' ? 'no successes' : `${FINDING_WORD[f.kind]}: ${f.signature?.template ?? ''}`,
      detail: `${f.source}: ${f.detail}`,
      tone: f.kind === 'burst' ? 'failure' : 'new',
      target: { kind: 'logFinding', index: i, source: f.source, time: f.time },
    });
  }

  const incident = input.incident;
  if (incident) {
    const states = new Map(incident.hypotheses.map((h) => [h.id, h.state]));
    for (const e of incident.entries) {
      if (!inWindow(e.time)) continue;
      const state = e.kind === 'hypothesis' && e.hypothesis ? states.get(e.hypothesis) : undefined;
      const tone: Tone = state === 'confirmed' ? 'confirmed' : state === 'refuted' ? 'refuted' : state === 'open' ? 'open' : 'neutral';
      items.push({
        id: `entry:${e.startLine}`,
        lane: 'timeline',
        time: e.time,
        label: e.hypothesis ? `${e.kind} ${e.hypothesis}` : e.kind,
        detail: `${e.kind}${e.hypothesis ? ` ${e.hypothesis}` : ''} · ${e.author}: ${e.text.split('\n')[0]}`,
        tone,
        target: { kind: 'entry', line: e.startLine },
      });
    }
  }

  const failures: FailureSignal[] = (input.issues ?? [])
    .filter((i) => i.firstSeen !== undefined)
    .map((i) => ({ key: i.id, origin: 'error' as const, title: i.title, firstSeen: i.firstSeen!, frameFiles: input.issueFrames?.get(i.id) ?? [] }));
  for (const [i, f] of (input.logFindings ?? []).entries()) {
    const frames = f.example ? framesOfEntry(f.example).filter((fr) => !fr.internal).map((fr) => fr.file.replace(/^file:\/\//, '')) : [];
    const title = f.kind === 'successDrop' ? `successes dropped in ${f.source}` : (f.signature?.template ?? f.detail);
    failures.push({ key: `log:${i}`, origin: 'log', title, firstSeen: f.time, frameFiles: frames });
  }
  const started = incident?.meta.started ? Date.parse(incident.meta.started) : undefined;
  const ranked = rankSuspects({
    changes: [...input.repos.flatMap((r) => suspectsFromGroups(r.groups)), ...remoteChanges],
    failures,
    ...(started !== undefined && Number.isFinite(started) ? { incidentStart: started } : {}),
    limit: 10,
  });
  // Below one point a suspect is noise: it would show as a score of 0.
  const suspects = ranked.filter((s) => s.score >= 0.01).map((s) => {
    const root = s.change.sha ? shaRoot.get(s.change.sha) : undefined;
    const remote = s.change.key.startsWith('remote:') ? items.find((i) => i.id === s.change.key)?.target : undefined;
    return {
      key: s.change.key,
      title: s.change.title,
      score: Math.round(s.score * 100),
      reasons: s.reasons.map((r) => r.text),
      ...(root && s.change.sha ? { target: { kind: 'commit' as const, root, sha: s.change.sha } } : remote ? { target: remote } : {}),
    };
  });

  return {
    window: { start: input.window.start, end: input.window.end, label: input.window.label },
    lanes: LANES.map((l) => ({ id: l.id, label: l.label, items: items.filter((i) => i.lane === l.id).sort((a, b) => a.time - b.time) })),
    suspects,
    sources: input.sources,
    ...(input.preset ? { preset: input.preset } : {}),
    ...(incident ? { incident: { title: incident.meta.title ?? 'Untitled incident', ...(started !== undefined && Number.isFinite(started) ? { started } : {}) } } : {}),
  };
}
